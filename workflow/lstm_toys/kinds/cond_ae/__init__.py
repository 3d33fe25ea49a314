"""A conditional LSTM autoencoder whose encoder state serves as features for a
classifier of two sine frequencies (section E)."""

from lstm_toys.kind import Kind
from lstm_toys.settings import PositiveInt, RecurrentModel, setting, settings


@settings
class Model(RecurrentModel):
    latent: PositiveInt = setting("units of the encoder and decoder LSTMs")
    hidden: PositiveInt = setting("units of the relu layer after the decoder")


KIND = Kind(__name__, model=Model, predict="predict:predict", plots="plots:PLOTS")
