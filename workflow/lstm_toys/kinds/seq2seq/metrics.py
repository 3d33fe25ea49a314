"""Per split: the error against the target; for probes, whether the output follows the
probe input or stays with the trained curve, and whether it copies frequency and
amplitude after the warm-up (x > ``late_from``)."""

import numpy as np

from lstm_toys.evaluation.scores import mean_baseline, regression_scores
from lstm_toys.evaluation.waves import half_range, row_correlations

LATE_FROM = 0.2  # the write-up: "except for the first part between 0.0 and 0.2"


def probe_scores(x, inputs, outputs, reference) -> dict:
    """``inputs``, ``outputs`` (n, timesteps); ``reference`` (timesteps,) the trained curve."""
    to_input = np.sqrt(np.mean((outputs - inputs) ** 2, axis=1))
    to_reference = np.sqrt(np.mean((outputs - reference) ** 2, axis=1))
    late = x > LATE_FROM
    amplitude_ratio = half_range(outputs, late) / np.maximum(half_range(inputs, late), 1e-12)
    return {
        "rmse_to_input": float(to_input.mean()),
        "rmse_to_reference": float(to_reference.mean()),
        "closer_to_reference": float(np.mean(to_reference < to_input)),
        "late_correlation": float(np.nanmedian(row_correlations(outputs, inputs, late))),
        "late_amplitude_ratio": float(np.median(amplitude_ratio)),
    }


def compute(spec: dict, datasets: dict, predictions: dict, history: dict) -> dict:
    reference = datasets["train"]["targets"][:, :, 0].mean(axis=0)
    # every training target is the same clean curve, so its mean curve is the answer
    # itself; the trivial baseline is a flat line at its mean value
    baseline = mean_baseline(datasets["train"]["targets"], per_position=False)
    metrics = {}
    for split, arrays in datasets.items():
        outputs = predictions[split]["outputs"]
        scores = regression_scores(arrays["targets"], outputs, baseline)
        scores["n"] = len(outputs)
        scores.update(probe_scores(arrays["x"], arrays["inputs"][:, :, -1], outputs[:, :, 0], reference))
        metrics[split] = scores
    if history:
        metrics["training"] = {"final_loss": float(history["loss"][-1]), "final_val_loss": float(history["val_loss"][-1])}
    return metrics
