"""A conditional LSTM autoencoder whose encoder state serves as features for a
classifier of two sine frequencies (section E)."""

from lstm_toys.kind import Kind, UNITS, model_schema

KIND = Kind(
    __name__,
    model_schema=model_schema(
        ("latent", "hidden"),
        latent={**UNITS, "description": "Units of the encoder and decoder LSTMs."},
        hidden={**UNITS, "description": "Units of the relu layer after the decoder."},
    ),
    predict="predict:predict",
    plots="plots:PLOTS",
)
