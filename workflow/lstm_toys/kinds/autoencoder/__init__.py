"""Sequence autoencoders: LSTMs squeeze a sequence into a small latent vector, which is
repeated over time and decoded by LSTMs (section C)."""

from lstm_toys.kind import Kind
from lstm_toys.settings import HeadModel, PositiveInt, setting, settings


@settings
class Model(HeadModel):
    encoder: list[PositiveInt] = setting("units of the encoder LSTMs before the latent one")
    latent: PositiveInt = setting("size of the latent vector")
    decoder: list[PositiveInt] = setting("units of the decoder LSTMs before the output layer")


KIND = Kind(__name__, model=Model, predict="predict:predict", sections=("sweep",))
