"""LSTM layers (``layers``: their units) returning sequences, then Dense per time step."""

import keras

from lstm_toys.training.recurrent import lstm


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    hidden = inputs
    for index, units in enumerate(spec["layers"], start=1):
        hidden = lstm(units, spec, return_sequences=True, name=f"lstm_{index}")(hidden)
    # Dense on a (batch, time, units) tensor acts on every time step alike.
    outputs = keras.layers.Dense(int(target_shape[-1]), name="per_step_linear")(hidden)
    return keras.Model(inputs, outputs, name="seq2seq")
