"""Section B's claims: small in-range error, much larger error out of range, growing
with the distance from the training range."""

import math

from lstm_toys.evaluation.verdicts import Claim, metric_claim
from lstm_toys.evaluation.verdicts import variant_metrics as _variant
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Sequence to vector (section B)",
    narrative="""\
The same write-up reads a number off a whole sequence: the amplitude of a sine, or the slope and
intercept of a line, with an LSTM(32) and an output LSTM (the catalogue's Dense head is a variant). It observes a small error inside the
training range and predictions that part from the truth beyond the range's end (0.5); negative or
larger slopes are not handled.
""",
    headline_metrics=("rmse", "response_slope", "error_distance_spearman", "max_output", "mean_distance"),
)


def _ood_splits(split_metrics):
    return [split for split in split_metrics if split.startswith("ood")]


def ood_to_val_ratio(metrics, spec):
    """The smallest ratio over the ood splits: every one must be much worse."""
    splits = _variant(metrics, spec)
    return min(splits[s]["rmse"] / splits["val"]["rmse"] for s in _ood_splits(splits))


def error_distance_correlation(metrics, spec):
    """The weakest rank correlation over the ood splits."""
    splits = _variant(metrics, spec)
    values = [splits[s]["error_distance_spearman"] for s in _ood_splits(splits)]
    return min(values) if values and all(map(math.isfinite, values)) else math.nan


CLAIMS = {
    "val_error_small": metric_claim(
        "the in-range (val) error is small (val MSE / val MSE of predicting the training targets' mean)",
        "relative_mse",
        "val",
        "<",
    ),
    "ood_error_much_larger": Claim(
        "out of the training range the error is much larger than in range (ood RMSE / val RMSE)",
        ood_to_val_ratio,
        ">",
    ),
    "ood_error_grows_with_distance": Claim(
        "the ood error grows with the distance from the training range (Spearman rank correlation)",
        error_distance_correlation,
        ">",
    ),
}
