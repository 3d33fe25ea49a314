"""Sequence to vector: an LSTM reads a curve and returns its parameters (section B)."""

from lstm_toys.kind import Kind
from lstm_toys.settings import HeadModel, PositiveInt, setting, settings


@settings
class Model(HeadModel):
    units: PositiveInt = setting("units of the LSTM")


KIND = Kind(__name__, model=Model, plots="plots:PLOTS")
