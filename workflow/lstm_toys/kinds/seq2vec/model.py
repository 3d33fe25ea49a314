"""LSTM(units), then the output layer (``head``): an LSTM of one unit per target over
its sequence, returning its last state (default, the write-up's), or a linear layer on
the LSTM's last state."""

import keras

from lstm_toys.training.recurrent import lstm, output_layer


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    hidden = lstm(spec["units"], spec, return_sequences=spec["head"] == "lstm1", name="encoder")(inputs)
    outputs = output_layer(spec, int(target_shape[-1]), sequences=False)(hidden)
    return keras.Model(inputs, outputs, name="seq2vec")
