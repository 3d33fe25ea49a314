"""Section E's claims."""

from ...verdicts import Claim, metric_claim, variant_metrics


def worst_difference(metrics, spec):
    splits = variant_metrics(metrics, spec)
    return max(scores["numpy_keras_max_abs_diff"] for scores in splits.values() if "numpy_keras_max_abs_diff" in scores)


CLAIMS = {
    "classifies_perfectly": metric_claim(
        "logistic regression on the encoder features reaches test accuracy 1.0 (the seed's X_test)",
        "logistic_regression_accuracy",
        "val",
        ">=",
    ),
    "numpy_matches_keras": Claim(
        "the NumPy LSTM forward pass matches Keras' encoder output (max |difference| over all splits)",
        worst_difference,
        "<",
    ),
}
