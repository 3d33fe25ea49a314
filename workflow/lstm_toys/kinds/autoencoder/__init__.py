"""Sequence autoencoders: LSTMs squeeze a sequence into a small latent vector, which is
repeated over time and decoded by LSTMs (section C)."""

from lstm_toys.kind import HEAD, Kind, UNITS, UNIT_LIST, model_schema

KIND = Kind(
    __name__,
    model_schema=model_schema(
        ("encoder", "latent", "decoder"),
        encoder={**UNIT_LIST, "description": "Units of the encoder LSTMs before the latent one."},
        latent={**UNITS, "description": "Size of the latent vector."},
        decoder={**UNIT_LIST, "description": "Units of the decoder LSTMs before the output layer."},
        head=HEAD,
    ),
    predict="predict:predict",
)
