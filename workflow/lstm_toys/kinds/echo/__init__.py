"""Echo of random integer sequences by stateful LSTMs (section F)."""

from lstm_toys.kind import Kind, UNITS, model_schema

KIND = Kind(
    __name__,
    model_schema=model_schema(
        ("architecture", "units", "batch"),
        architecture={"enum": ["whole", "seq2seq"]},
        units=UNITS,
        batch={**UNITS, "description": "Rows per batch of the stateful layers."},
    ),
    fit="model:fit",
    steps_per_epoch="model:steps_per_epoch",
    predict="predict:predict",
    plots="plots:PLOTS",
)
