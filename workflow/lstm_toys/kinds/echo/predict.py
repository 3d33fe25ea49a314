"""Outputs on fresh sequences, fed one sequence at a time with the states reset between."""

from .model import sequence_outputs, windows_per_sequence


def predict(model, datasets: dict, spec: dict) -> dict:
    windows = windows_per_sequence(spec["data_options"])
    return {split: {"outputs": sequence_outputs(model, arrays["inputs"], windows)} for split, arrays in datasets.items()}
