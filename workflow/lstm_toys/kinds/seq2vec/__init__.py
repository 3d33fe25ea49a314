"""Sequence to vector: an LSTM reads a curve and returns its parameters (section B)."""

from lstm_toys.kind import HEAD, Kind, UNITS, model_schema

KIND = Kind(
    __name__,
    model_schema=model_schema(
        ("units",),
        units={**UNITS, "description": "Units of the LSTM."},
        head=HEAD,
    ),
    plots="plots:PLOTS",
)
