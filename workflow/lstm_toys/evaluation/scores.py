"""Error measures shared by the kinds' metrics (NumPy only)."""

import numpy as np


def regression_scores(targets, outputs, baseline=None) -> dict:
    """MSE, RMSE, MAE; with a ``baseline`` prediction (broadcast to the targets), also its
    MSE and the ``relative_mse``: the model's MSE over the baseline's on the same split."""
    error = np.asarray(outputs, dtype=np.float64) - np.asarray(targets, dtype=np.float64)
    scores = {
        "mse": float(np.mean(error**2)),
        "rmse": float(np.sqrt(np.mean(error**2))),
        "mae": float(np.mean(np.abs(error))),
    }
    if baseline is not None:
        scores["baseline_mse"] = float(np.mean((np.asarray(baseline, dtype=np.float64) - targets) ** 2))
        scores["relative_mse"] = scores["mse"] / scores["baseline_mse"] if scores["baseline_mse"] > 0 else float("nan")
    return scores


def plotted_range(*arrays) -> float:
    """max - min over every value drawn: the height of the write-up's plot."""
    values = np.concatenate([np.ravel(np.asarray(a, dtype=np.float64)) for a in arrays])
    return float(values.max() - values.min())


def error_over_range(targets, outputs, span=None) -> float:
    """RMSE of ``outputs`` against ``targets`` over the plotted range (``span``, default the
    targets' max - min): the measure of the visual criterion (under a tenth is invisible)."""
    error = np.asarray(outputs, dtype=np.float64) - np.asarray(targets, dtype=np.float64)
    span = plotted_range(targets) if span is None else span
    return float(np.sqrt(np.mean(error**2)) / span) if span > 0 else float("nan")


def before_training(snapshots: dict) -> dict:
    """The val MSE of the untrained model on the snapshot inputs, if the snapshots
    include epoch 0 (``{}`` if not)."""
    epochs = list(snapshots["epochs"])
    if 0 not in epochs:
        return {}
    error = snapshots["outputs"][epochs.index(0)].astype(np.float64) - snapshots["targets"]
    return {"val_mse_before_training": float(np.mean(error**2))}


def mean_baseline(train_targets, per_position: bool = True) -> np.ndarray:
    """The trivial prediction that never reads the input, learned from the training
    targets: their mean at every position (time step and channel, or factor), or, with
    ``per_position`` false, their one overall mean (a flat line)."""
    targets = np.asarray(train_targets, dtype=np.float64)
    return targets.mean(axis=0) if per_position else np.full(targets.shape[1:], targets.mean())


def response_slopes(targets, outputs) -> list:
    """Per target column, the least-squares slope of output on target: 1 follows the
    truth, 0 ignores it (saturates)."""
    slopes = []
    for column in range(np.shape(targets)[1]):
        target, output = np.asarray(targets)[:, column], np.asarray(outputs)[:, column]
        spread = np.var(target)
        slopes.append(float(np.cov(target, output, bias=True)[0, 1] / spread) if spread > 0 else float("nan"))
    return slopes


def ranks(values) -> np.ndarray:
    """Ranks 0..n-1, ties broken by position (enough for continuous values)."""
    order = np.argsort(values, kind="stable")
    result = np.empty(len(values), dtype=np.float64)
    result[order] = np.arange(len(values))
    return result


def spearman(a, b) -> float:
    """Rank correlation; NaN when either side is constant."""
    ra, rb = ranks(np.asarray(a)), ranks(np.asarray(b))
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def distance_outside(values, ranges: dict, names) -> np.ndarray:
    """Per sample, the largest distance of any factor outside its training range."""
    values = np.asarray(values, dtype=np.float64)
    distances = np.zeros(len(values))
    for column, name in enumerate(names):
        low, high = ranges[str(name)]
        column_values = values[:, column]
        outside = np.maximum(low - column_values, 0.0) + np.maximum(column_values - high, 0.0)
        distances = np.maximum(distances, outside)
    return distances
