"""Outputs on fresh sequences, fed one sequence at a time with the states reset between."""

from .model import sequence_outputs, windows_per_sequence


def weight_shapes(model) -> dict:
    """The first LSTM's weight shapes, as write-up 004 prints them (lines 109-115)."""
    kernel, recurrent, bias = next(layer for layer in model.layers if layer.weights).get_weights()
    return {"kernel_rows": kernel.shape[0], "kernel_columns": kernel.shape[1], "recurrent_rows": recurrent.shape[0],
            "bias": bias.shape[0]}


def predict(model, datasets: dict, spec: dict) -> dict:
    windows = windows_per_sequence(spec["data_options"])
    predictions = {split: {"outputs": sequence_outputs(model, arrays["inputs"], windows)}
                   for split, arrays in datasets.items()}
    return {**predictions, "weights": weight_shapes(model)}
