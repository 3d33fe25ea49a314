"""Encoder LSTM(latent) -> RepeatVector(timesteps), concatenated with the time-reversed
input (the "conditional" decoder) -> LSTM(latent, sequences) -> Dense(hidden, relu) ->
Dense(1, tanh). The reversal is a layer of the model, so one input serves both."""

import keras

from lstm_toys.training.recurrent import lstm


@keras.saving.register_keras_serializable(package="lstm_toys")
class TimeReversal(keras.layers.Layer):
    """The sequence backwards in time (a named class, not a Lambda: safe to load)."""

    def call(self, inputs):
        return keras.ops.flip(inputs, axis=1)


ENCODER = "encoder"


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    timesteps = int(input_shape[0])
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    encoded = lstm(spec["latent"], spec, name=ENCODER)(inputs)
    repeated = keras.layers.RepeatVector(timesteps, name="repeat")(encoded)
    reversed_input = TimeReversal(name="time_reversal")(inputs)
    hidden = keras.layers.Concatenate(name="condition")([repeated, reversed_input])
    hidden = lstm(spec["latent"], spec, return_sequences=True, name="decoder")(hidden)
    hidden = keras.layers.Dense(spec["hidden"], activation="relu", name="hidden")(hidden)
    outputs = keras.layers.Dense(int(target_shape[-1]), activation="tanh", name="reconstruction")(hidden)
    return keras.Model(inputs, outputs, name="conditional_autoencoder")


def encoder(model: keras.Model) -> keras.Model:
    return keras.Model(model.inputs, model.get_layer(ENCODER).output, name="encoder")
