"""LSTM(units) returning its last state, then a linear layer to the target size."""

import keras

from lstm_toys.training.recurrent import lstm


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    state = lstm(spec["units"], spec, name="encoder")(inputs)
    outputs = keras.layers.Dense(int(target_shape[-1]), name="parameters")(state)
    return keras.Model(inputs, outputs, name="seq2vec")
