"""Sequence to sequence: a stack of LSTMs returning sequences, then an output LSTM (or a
per-step linear layer), maps a sequence to one of the same length (section A)."""

from lstm_toys.kind import Kind
from lstm_toys.settings import HeadModel, PositiveInt, setting, settings


@settings
class Model(HeadModel):
    layers: list[PositiveInt] = setting(
        "units of each LSTM layer before the output layer; empty only with head lstm1 (an LSTM(1) alone)")


def problems(model: dict, training: dict, data: dict) -> list:
    """A model without LSTM layers is an LSTM head alone (write-up 000's one-layer model)."""
    if not model["layers"] and model["head"] != "lstm1":
        return [("model.layers", "no LSTM layer before a dense head: give layers, or head lstm1 (an LSTM alone)")]
    return []


KIND = Kind(__name__, model=Model, problems="lstm_toys.kinds.seq2seq:problems")  # the other hooks by convention
