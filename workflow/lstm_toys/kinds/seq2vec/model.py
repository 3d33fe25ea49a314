"""LSTM(units), then the output layer (``head``): a linear layer on its last state to
the target size (default), or an LSTM of one unit per target over its sequence."""

import keras

from lstm_toys.training.recurrent import lstm, output_layer


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    head = spec.get("head", "dense")
    hidden = lstm(spec["units"], spec, return_sequences=head == "lstm1", name="encoder")(inputs)
    outputs = output_layer(spec, int(target_shape[-1]), sequences=False, default_head="dense")(hidden)
    return keras.Model(inputs, outputs, name="seq2vec")
