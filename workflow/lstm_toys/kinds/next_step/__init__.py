"""Next-step generation: stacked LSTMs read a window of a noisy sine and predict a later
sample; run free, they generate a signal sample by sample (section D)."""

from lstm_toys.kind import Kind, UNIT_LIST, model_schema

KIND = Kind(
    __name__,
    model_schema=model_schema(
        ("layers",),
        layers={**UNIT_LIST, "minItems": 1, "description": "Units of each LSTM layer."},
    ),
    predict="predict:predict",
    plots="plots:PLOTS",
)
