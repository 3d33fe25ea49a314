"""LSTM layers (``layers``: their units) returning sequences, then the output layer
(``head``): an LSTM of one unit per target channel (default, the write-up's), or a
Dense per time step."""

import keras

from lstm_toys.training.recurrent import lstm, output_layer


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    hidden = inputs
    for index, units in enumerate(spec["layers"], start=1):
        hidden = lstm(units, spec, return_sequences=True, name=f"lstm_{index}")(hidden)
    # a Dense head on a (batch, time, units) tensor acts on every time step alike
    outputs = output_layer(spec, int(target_shape[-1]), sequences=True)(hidden)
    return keras.Model(inputs, outputs, name="seq2seq")
