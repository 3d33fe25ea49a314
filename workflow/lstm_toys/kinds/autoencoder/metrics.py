"""Reconstruction error per split, over the plotted range (the visual criterion): in all,
before x = 0.2 and from it; per condition (a two-valued factor, as the 0/1 code);
the phase of the waves decoded along the latent sweep; and, from the snapshots of the
validation reconstructions taken during training, when the output leaves a flat line,
when the sine-like and the cosine-like inputs are reconstructed, and how the start's
error moves late in training."""

import numpy as np

from lstm_toys.evaluation.scores import error_over_range, mean_baseline, plotted_range, regression_scores
from lstm_toys.evaluation.verdicts import VISIBLE
from lstm_toys.evaluation.waves import fit_phase, phase_sweep_summary

START = 0.2  # the write-up: "I still have the problem in the area of x < 0.2" (000:314)
MONOTONIC = 0.9  # |Spearman| from which the sweep is read as one direction of phase
NEAR_END = 0.15  # rad: validation inputs this close to phase 0 (or pi/2) are sine-like (cosine-like)
QUARTER_TURN = np.pi / 2


def parts_over_range(x, targets, outputs, span) -> dict:
    """RMSE over the plotted range, in all, before x = 0.2 and from it."""
    return {"error_over_range": error_over_range(targets, outputs, span),
            "start_error_over_range": error_over_range(targets[:, x < START], outputs[:, x < START], span),
            "rest_error_over_range": error_over_range(targets[:, x >= START], outputs[:, x >= START], span)}


def condition_errors(arrays, outputs, span) -> dict:
    """Per value of a factor that takes exactly two values (the 0/1 input code): the error
    over the plotted range, and that of a prediction that ignores the factor (the mean of
    the two values' targets): the unlearned control."""
    errors = {}
    for column, name in enumerate(arrays["factor_names"]):
        values = np.unique(arrays["factors"][:, column])
        if len(values) == 2:
            rows = [arrays["factors"][:, column] == value for value in values]
            ignoring = np.mean([arrays["targets"][r].mean(axis=0) for r in rows], axis=0)
            for value, r in zip(values, rows):
                errors[f"error_over_range_{name}_{value:g}"] = error_over_range(arrays["targets"][r], outputs[r], span)
            errors["unlearned_error_over_range"] = error_over_range(arrays["targets"], np.broadcast_to(
                ignoring, arrays["targets"].shape), span)
    return errors


def sweep_scores(sweep, train_ranges) -> dict:
    """The phase fitted (from x = 0.2) to each wave decoded along the latent sweep."""
    late = sweep["x"] >= START
    phases, residual = fit_phase(sweep["x"][late], sweep["outputs"][:, late, 0])
    summary = phase_sweep_summary(sweep["latent"], phases)
    trained = np.ptp(train_ranges["phase"]) if "phase" in train_ranges else float("nan")
    monotonic = abs(summary["phase_spearman"]) >= MONOTONIC
    good = residual / 2 < VISIBLE  # a well fitted wave: a unit sine's plotted range is 2

    def gap(end) -> float:  # the phase distance from ``end`` to the nearest well fitted wave
        return float(np.abs(np.angle(np.exp(1j * (phases[good] - end)))).min()) if good.any() else float("inf")

    return {**summary, "fit_rmse": float(np.median(residual)),
            "span_fraction": float(summary["phase_span"] / trained) if monotonic else 0.0,
            "sine_cosine_gap": max(gap(0.0), gap(QUARTER_TURN))}


def first_epoch(epochs, reached) -> float:
    """The first snapshot epoch at which ``reached`` holds; the last epoch + 1 if none."""
    hits = np.nonzero(reached)[0]
    return float(epochs[hits[0]]) if len(hits) else float(epochs[-1] + 1)


def snapshot_scores(snapshots, val, x) -> dict:
    """From the validation reconstructions taken during training (``snapshots``)."""
    epochs, outputs, targets = snapshots["epochs"], snapshots["outputs"][..., 0], snapshots["targets"][..., 0]
    if len(epochs) < 2:
        return {}
    span = plotted_range(targets)
    flat = np.array([np.ptp(shot, axis=1).mean() / span <= VISIBLE for shot in outputs])
    starts = [error_over_range(targets[:, x < START], shot[:, x < START], span) for shot in outputs]
    half = int(np.argmin(np.abs(epochs - epochs[-1] / 2)))
    scores = {"bend_epoch": first_epoch(epochs, ~flat),
              "start_error_late_ratio": float(starts[-1] / starts[half]) if starts[half] > 0 else float("nan")}
    names = list(val["factor_names"])
    if "phase" in names:
        phase = val["factors"][: len(targets), names.index("phase")]
        ends = {"sine": phase <= NEAR_END, "cosine": phase >= QUARTER_TURN - NEAR_END}
        if all(rows.any() for rows in ends.values()):
            fit = {end: first_epoch(epochs, [error_over_range(targets[rows][:, x >= START],
                                                              shot[rows][:, x >= START], span) < VISIBLE
                                             for shot in outputs]) for end, rows in ends.items()}
            scores |= {"sine_fit_epoch": fit["sine"], "cosine_fit_epoch": fit["cosine"],
                       "cosine_after_sine": fit["cosine"] - fit["sine"]}
    return scores


def compute(spec: dict, datasets: dict, predictions: dict, history: dict, snapshots: dict) -> dict:
    baseline = mean_baseline(datasets["train"]["targets"])  # the training mean curve
    metrics = {}
    for split, arrays in datasets.items():
        outputs = predictions[split]["outputs"]
        span = plotted_range(arrays["targets"])
        scores = regression_scores(arrays["targets"], outputs, baseline)
        scores.update(parts_over_range(arrays["x"], arrays["targets"][..., 0], outputs[..., 0], span))
        scores.update(condition_errors(arrays, outputs, span))
        metrics[split] = scores
    if "sweep" in predictions:
        metrics["sweep"] = sweep_scores(predictions["sweep"], spec["train_ranges"])
    if history:
        metrics["training"] = {"final_loss": float(history["loss"][-1]),
                               **snapshot_scores(snapshots, datasets["val"], datasets["val"]["x"])}
    return metrics
