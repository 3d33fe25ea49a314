"""Section A's measures: each reads one observation of write-up 000 (lines 18-81) off a
replicate's metrics; a claim of the config names one, with its threshold."""

from lstm_toys.evaluation.verdicts import Claim, OneSplit, Reference, metric, metric_claim, variant_metrics
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Sequence to sequence (section A)",
    narrative="""\
The write-up *Lstm Toy Examples* (write-ups `000`/`001`) trains a stateless LSTM stack ending in
an LSTM(1) to map a noisy curve to its clean version. It observes that one layer fits a line but
not a hill, which needs a second layer; that given y alone the hill takes longer to fit; and that
the sine model is not the identity: fed lines, they come out bent and grow by a common factor; fed
sines of other amplitudes or phases, the valley stays where it was; fed other frequencies, the
output takes the frequency after x = 0.2 but not the amplitude.
""",
    headline_metrics=("error_over_range", "epochs_to_fit", "bend_over_range", "slope_spread_ratio",
                      "valley_depth_spread_ratio", "valley_position_spread_ratio", "crossings_gap",
                      "amplitude_error_over_range", "start_departure_over_range"),
)


def probe_metric(statement: str, name: str, comparison: str) -> Claim:
    """A measure of one probe split (the claim's ``split``)."""
    return Claim(statement, lambda metrics, spec: metric(metrics, spec, name), comparison, OneSplit)


def slower_than_reference(metrics, spec):
    """Epochs to fit of the claim's variant over the reference's (the same replicate)."""
    reference = spec["reference_metrics"]
    return variant_metrics(metrics, spec)["training"]["epochs_to_fit"] / reference["training"]["epochs_to_fit"]


CLAIMS = {
    "fits": metric_claim(
        "the model's output lies on the target (val RMSE over the target's plotted range: the visual criterion)",
        "error_over_range", "val", "<"),
    "does_not_fit": metric_claim(
        "the model's output visibly misses the target (val RMSE over the target's plotted range)",
        "error_over_range", "val", ">"),
    "fits_later_than": Claim(
        "the model takes more epochs to fit than the reference (epochs until the val RMSE is under a tenth of the "
        "plotted range, over the reference's; a run that never fits counts its epochs + 1)",
        slower_than_reference, ">", Reference),
    "bent": probe_metric(
        "the outputs of line probes are visibly not lines (RMS residual of a line fit over the plotted range; "
        "median over the probes)", "bend_over_range", ">"),
    "common_factor": probe_metric(
        "the outputs' slopes after x = 0.2 spread far less than the probes' (spread of output slopes over the "
        "spread of input slopes)", "slope_spread_ratio", "<"),
    "valley_depth_stays": probe_metric(
        "the output's valley keeps its depth while the probe's changes (spread of the outputs' minima over the "
        "spread of the probes' minima)", "valley_depth_spread_ratio", "<"),
    "valley_position_stays": probe_metric(
        "the output's valley stays where it was while the probe's moves (spread of the outputs' argmin over the "
        "spread of the probes' argmin)", "valley_position_spread_ratio", "<"),
    "follows_frequency": probe_metric(
        "after x = 0.2 the output crosses its mean as often as the probe does (median |difference in crossings|, "
        "over probes with 1.5 cycles or more there)", "crossings_gap", "<="),
    "amplitude_wrong": probe_metric(
        "after x = 0.2 the output's amplitude visibly differs from the probe's (least-squares amplitudes at the "
        "probe's frequency: |difference| over the probe's plotted range, median over the probes)",
        "amplitude_error_over_range", ">"),
    "start_not_copied": probe_metric(
        "before x = 0.2 the output leaves the sine it follows after (RMS departure from its fit on x >= 0.2, "
        "extrapolated, over the plotted range; median over the probes)", "start_departure_over_range", ">"),
}
