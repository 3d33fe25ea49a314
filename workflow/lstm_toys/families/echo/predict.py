"""Outputs on fresh sequences, fed one sequence at a time with the states reset between."""

import numpy as np

from .model import run_sequence, windows_per_sequence


def predict(model, datasets: dict, spec: dict) -> dict:
    windows = windows_per_sequence(spec["data_options"])
    return {
        split: {"outputs": _outputs(model, arrays["inputs"], windows)}
        for split, arrays in datasets.items()
    }


def _outputs(model, inputs, windows):
    return np.concatenate([run_sequence(model, inputs[s : s + windows]) for s in range(0, len(inputs), windows)])
