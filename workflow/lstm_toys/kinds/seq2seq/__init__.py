"""Sequence to sequence: a stack of LSTMs returning sequences, then an output LSTM (or a
per-step linear layer), maps a sequence to one of the same length (section A)."""

from lstm_toys.kind import HEAD, Kind, UNIT_LIST, model_schema, model_head

KIND = Kind(  # every hook by convention: model:build, metrics:compute, claims:CLAIMS, ...
    __name__,
    model_schema=model_schema(
        ("layers",),
        layers={**UNIT_LIST, "description": "Units of each LSTM layer before the output layer."},
        head=HEAD,
    ),
    problems="lstm_toys.kinds.seq2seq:problems",
)


def problems(model: dict, training: dict, data: dict) -> list:
    """A model without LSTM layers is an LSTM head alone (write-up 000's one-layer model)."""
    if not model["layers"] and model_head(model) != "lstm1":
        return [("model.layers", "no LSTM layer before a dense head: give layers, or head lstm1 (an LSTM alone)")]
    return []
