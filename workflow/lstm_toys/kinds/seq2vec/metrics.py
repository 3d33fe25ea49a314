"""Errors per split (absolute, over the trivial baseline, and over the plotted range of
each target), and for out-of-range splits how the error grows with the distance from
the training range."""

import numpy as np

from lstm_toys.evaluation.scores import (distance_outside, error_over_range, mean_baseline, regression_scores,
                                         response_slopes, spearman)


def worst_error_over_range(targets, outputs, reference=None) -> float:
    """The largest, over the target's columns (amplitude; slope and intercept), of the RMSE
    over that column's plotted range (of ``reference``'s targets too: drawn in one plot)."""
    drawn = targets if reference is None else np.concatenate([reference, targets])
    return max(error_over_range(targets[:, c], outputs[:, c], float(np.ptp(drawn[:, c])))
               for c in range(targets.shape[1]))


def compute(spec: dict, datasets: dict, predictions: dict, history: dict, snapshots: dict) -> dict:
    baseline = mean_baseline(datasets["train"]["targets"])  # the training targets' mean factors
    metrics = {}
    for split, arrays in datasets.items():
        outputs = predictions[split]["outputs"]
        scores = regression_scores(arrays["targets"], outputs, baseline)
        distance = distance_outside(arrays["factors"], spec["train_ranges"], arrays["factor_names"])
        abs_error = np.abs(outputs - arrays["targets"]).max(axis=1)
        scores["error_over_range"] = worst_error_over_range(arrays["targets"], outputs)
        # an out-of-range split is drawn beside the validation split (000's predicted_amplitude, predicted_lines_1)
        scores["error_over_plotted_range"] = worst_error_over_range(arrays["targets"], outputs,
                                                                     datasets["val"]["targets"])
        scores["mean_distance"] = float(distance.mean())
        scores["error_distance_spearman"] = spearman(distance, abs_error)
        scores["max_output"] = [float(v) for v in outputs.max(axis=0)]
        scores["response_slope"] = response_slopes(arrays["targets"], outputs)
        metrics[split] = scores
    return metrics
