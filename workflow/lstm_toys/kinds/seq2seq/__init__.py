"""Sequence to sequence: a stack of LSTMs returning sequences, then a per-step linear
output, maps a sequence to one of the same length (section A)."""

from lstm_toys.kind import Kind, UNIT_LIST, model_schema

KIND = Kind(  # every hook by convention: model:build, metrics:compute, claims:CLAIMS, ...
    __name__,
    model_schema=model_schema(
        ("layers",),
        layers={**UNIT_LIST, "minItems": 1, "description": "Units of each LSTM layer."},
    ),
)
