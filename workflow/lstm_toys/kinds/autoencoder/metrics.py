"""Reconstruction error per split, where in the sequence it is made, per condition
(for a two-valued factor), the phase of waves decoded along the latent sweep, and
when training left its first plateau."""

import numpy as np

from lstm_toys.evaluation.scores import mean_baseline, regression_scores
from lstm_toys.evaluation.waves import fit_phase, phase_sweep_summary

START = 0.2  # the write-up: "I still have the problem in the area of x < 0.2"
PLATEAU_EPOCHS = 10
BEND_FRACTION = 0.5


def start_error_ratio(x, targets, outputs) -> float:
    """Mean squared error over x < 0.2 divided by that over the rest."""
    squared = (outputs - targets) ** 2
    return float(squared[:, x < START].mean() / max(squared[:, x >= START].mean(), 1e-12))


def condition_errors(arrays, outputs) -> dict:
    """MSE per value of a factor that takes exactly two values (e.g. the 0/1 input code)."""
    errors = {}
    for column, name in enumerate(arrays["factor_names"]):
        values = np.unique(arrays["factors"][:, column])
        if len(values) == 2:
            for value in values:
                rows = arrays["factors"][:, column] == value
                errors[f"mse_{name}_{value:g}"] = float(np.mean((outputs[rows] - arrays["targets"][rows]) ** 2))
    if errors:
        errors["condition_mse_ratio"] = max(errors.values()) / max(min(errors.values()), 1e-12)
    return errors


def bend_epoch(loss) -> float:
    """The first epoch whose loss is below half the lowest loss of the first epochs:
    how long training stays on its initial plateau (NaN if it never leaves it)."""
    plateau = np.min(loss[:PLATEAU_EPOCHS])
    below = np.nonzero(loss < BEND_FRACTION * plateau)[0]
    return float(below[0] + 1) if len(below) else float("nan")


def compute(spec: dict, datasets: dict, predictions: dict, history: dict) -> dict:
    baseline = mean_baseline(datasets["train"]["targets"])  # the training mean curve
    metrics = {}
    for split, arrays in datasets.items():
        outputs = predictions[split]["outputs"]
        scores = regression_scores(arrays["targets"], outputs, baseline)
        scores["start_error_ratio"] = start_error_ratio(arrays["x"], arrays["targets"][..., 0], outputs[..., 0])
        scores.update(condition_errors(arrays, outputs))
        metrics[split] = scores
    if "sweep" in predictions:
        sweep = predictions["sweep"]
        phases, residual = fit_phase(sweep["x"], sweep["outputs"][..., 0])
        metrics["sweep"] = {**phase_sweep_summary(sweep["latent"], phases), "fit_rmse": float(np.median(residual))}
    if history:
        metrics["training"] = {"final_loss": float(history["loss"][-1]), "bend_epoch": bend_epoch(history["loss"])}
    return metrics
