"""Section E's claims."""

from lstm_toys.evaluation.verdicts import Claim, metric_claim, variant_metrics
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Conditional LSTM autoencoder (section E)",
    narrative="""\
Write-up `003` encodes windows of two noisy sines (20 and 80 samples per cycle) with
an LSTM(10) autoencoder conditioned on the time-reversed input, recomputes the encoder's final
hidden state with a NumPy LSTM from the trained weights, and classifies those 10 features with a
logistic regression. It reports a test accuracy of 1.0; the NumPy forward pass must match Keras.
""",
    headline_metrics=(
        "logistic_regression_accuracy",
        "numpy_keras_max_abs_diff",
        "mse_class_0",
        "mse_class_1",
    ),
)


def worst_difference(metrics, spec):
    splits = variant_metrics(metrics, spec)
    return max(scores["numpy_keras_max_abs_diff"] for scores in splits.values() if "numpy_keras_max_abs_diff" in scores)


CLAIMS = {
    "classifies_perfectly": metric_claim(
        "logistic regression on the encoder features reaches test accuracy 1.0 (the write-up's X_test)",
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
