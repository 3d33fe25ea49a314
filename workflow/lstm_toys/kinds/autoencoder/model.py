"""Encoder LSTMs (``encoder``: units, returning sequences) -> LSTM(``latent``) ->
RepeatVector(timesteps) -> decoder LSTMs (``decoder``) -> the output layer (``head``):
LSTM(target channels) as in write-up 000 (default), or Dense per time step.

The layers are named so that the trained model splits into an encoder (sequence to
latent) and a decoder (latent to sequence) for the latent sweeps."""

import keras

from lstm_toys.training.recurrent import lstm, output_layer

LATENT, REPEAT = "latent", "repeat"


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    timesteps = int(input_shape[0])
    inputs = keras.Input(shape=tuple(input_shape), name="sequence")
    hidden = inputs
    for index, units in enumerate(spec["encoder"], start=1):
        hidden = lstm(units, spec, return_sequences=True, name=f"encoder_{index}")(hidden)
    latent = lstm(spec["latent"], spec, name=LATENT)(hidden)
    hidden = keras.layers.RepeatVector(timesteps, name=REPEAT)(latent)
    for index, units in enumerate(spec["decoder"], start=1):
        hidden = lstm(units, spec, return_sequences=True, name=f"decoder_{index}")(hidden)
    outputs = output_layer(spec, int(target_shape[-1]), sequences=True)(hidden)
    return keras.Model(inputs, outputs, name="sequence_autoencoder")


def encoder(model: keras.Model) -> keras.Model:
    return keras.Model(model.inputs, model.get_layer(LATENT).output, name="encoder")


def decoder(model: keras.Model) -> keras.Model:
    """The trained decoder layers applied to a new latent input."""
    latent = keras.Input(shape=(model.get_layer(LATENT).units,), name="latent_value")
    names = [layer.name for layer in model.layers]
    hidden = latent
    for layer in model.layers[names.index(REPEAT) :]:
        hidden = layer(hidden)
    return keras.Model(latent, hidden, name="decoder")
