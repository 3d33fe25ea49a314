"""Errors per split, and for out-of-range splits how the error grows with the distance
from the training range."""

import numpy as np

from lstm_toys.evaluation.scores import distance_outside, mean_baseline, regression_scores, response_slopes, spearman


def compute(spec: dict, datasets: dict, predictions: dict, history: dict) -> dict:
    baseline = mean_baseline(datasets["train"]["targets"])  # the training targets' mean factors
    metrics = {}
    for split, arrays in datasets.items():
        outputs = predictions[split]["outputs"]
        scores = regression_scores(arrays["targets"], outputs, baseline)
        distance = distance_outside(arrays["factors"], spec["train_ranges"], arrays["factor_names"])
        abs_error = np.abs(outputs - arrays["targets"]).max(axis=1)
        scores["mean_distance"] = float(distance.mean())
        scores["error_distance_spearman"] = spearman(distance, abs_error)
        scores["max_output"] = [float(v) for v in outputs.max(axis=0)]
        scores["response_slope"] = response_slopes(arrays["targets"], outputs)
        metrics[split] = scores
    return metrics
