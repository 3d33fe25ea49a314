"""Reconstructions and latents of every split, and, for a one-value latent, the waves
decoded from a sweep across the latent range the encoder produced on the training set."""

import numpy as np

from lstm_toys.training.inference import outputs_of
from .model import decoder, encoder

SWEEP_POINTS = 25


def predict(model, datasets: dict, spec: dict) -> dict:
    encode = encoder(model)
    predictions = {
        split: {"outputs": outputs_of(model, arrays["inputs"]), "latent": outputs_of(encode, arrays["inputs"])}
        for split, arrays in datasets.items()
    }
    train_latent = predictions["train"]["latent"]
    if train_latent.shape[1] == 1:
        sweep = np.linspace(train_latent.min(), train_latent.max(), SWEEP_POINTS, dtype=np.float32)
        predictions["sweep"] = {
            "latent": sweep,
            "outputs": outputs_of(decoder(model), sweep[:, None]),
            "x": datasets["train"]["x"],
        }
    return predictions
