"""Section E's measures: what write-up 003 observes of its conditional autoencoder."""

from lstm_toys.evaluation.verdicts import Claim, metric, variant_metrics
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Conditional LSTM autoencoder (section E)",
    narrative="""\
Write-up `003` encodes windows of two noisy sines (20 and 80 samples per cycle) with an LSTM(10)
autoencoder conditioned on the time-reversed input. It shows both classes reconstructed, says the
training had not converged at 30 epochs, recomputes the encoder's final hidden state with a NumPy
LSTM from the trained weights, and classifies those 10 features with a logistic regression at a
test accuracy of 1.0. The same regression on an untrained encoder's features is recorded beside it:
what the training adds to the features.
""",
    headline_metrics=("logistic_regression_accuracy", "untrained_features_accuracy", "error_over_range_class_0",
                      "error_over_range_class_1", "late_loss_ratio", "numpy_keras_max_abs_diff"),
)


def worst_class(metrics, spec):
    val = variant_metrics(metrics, spec)["val"]
    return max(value for name, value in val.items() if name.startswith("error_over_range_class_"))


CLAIMS = {
    "both_classes_reconstructed": Claim(
        "the reconstructions of both classes lie on their inputs (the worse class's val RMSE over its plotted "
        "range: the visual criterion)", worst_class, "<"),
    "not_converged": Claim(
        "the training loss still falls at the last epochs (loss at the last epoch over that 5 epochs before)",
        lambda m, s: metric(m, s, "late_loss_ratio", "training"), "<"),
    "classifies_perfectly": Claim(
        "a logistic regression on the encoder's features classifies the held-out windows (accuracy; the same "
        "regression on an untrained encoder's features is recorded beside it)",
        lambda m, s: metric(m, s, "logistic_regression_accuracy", "val"), ">="),
}
