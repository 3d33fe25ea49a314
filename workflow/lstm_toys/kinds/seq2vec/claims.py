"""Section B's measures: what write-up 000 observes of its sequence-to-vector models
(lines 87-111)."""

from lstm_toys.evaluation.verdicts import Claim, OneSplit, metric, metric_claim
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Sequence to vector (section B)",
    narrative="""\
The same write-up reads a number off a whole sequence: the amplitude of a sine, or the slope and
intercept of a line, with an LSTM(32) and an output LSTM (the catalogue's Dense head is a variant).
It observes predictions on the truth inside the training range and predictions that part from the
truth beyond the range's end (0.5), more so further out; negative or larger slopes are not handled.
An LSTM output layer cannot give values beyond 1, so slopes above 1 are out of its reach.
""",
    headline_metrics=("error_over_range", "error_over_plotted_range", "error_distance_spearman", "max_output"),
)


CLAIMS = {
    "recovered": metric_claim(
        "inside the training range the predictions lie on the truth (val RMSE over the plotted range of the "
        "truth, worst target column: the visual criterion)", "error_over_range", "val", "<"),
    "not_recovered": Claim(
        "out of the training range the predictions visibly part from the truth (RMSE over the plotted range of "
        "the truth drawn with the val split, worst target column)",
        lambda m, s: metric(m, s, "error_over_plotted_range"), ">", OneSplit),
    "error_grows_with_distance": Claim(
        "out of the training range the error grows with the distance from it (Spearman rank correlation)",
        lambda m, s: metric(m, s, "error_distance_spearman"), ">", OneSplit),
}
