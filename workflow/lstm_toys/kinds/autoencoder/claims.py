"""Section C's measures: what write-up 000 observes of its sequence autoencoders (lines
113-322), each read off one replicate's metrics."""

import math

from lstm_toys.evaluation.verdicts import (VISIBLE, Claim, Reference, Variants, judged_where, metric, metric_claim,
                                          variant_metrics)
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Sequence autoencoders (section C)",
    narrative="""\
The same write-up squeezes lines and sines through an LSTM bottleneck of 10, 5 or 1 numbers. Its
figures show lines reconstructed whatever the latent size; of a sine and a cosine drawn from one
constant input, one learned and the other ignored; one latent number shifting the phase of
decoded sines, over the whole range from sine to cosine when trained on it; that model staying a
flat line for at least 100 epochs, far longer than the small-phase one, then reconstructing sines
before cosines; and the start of the sequence (x < 0.2) reconstructed worst.
""",
    headline_metrics=("error_over_range", "rest_error_over_range", "start_error_over_range", "span_fraction",
                      "sine_cosine_gap", "phase_spearman", "bend_epoch", "cosine_after_sine",
                      "start_error_late_ratio"),
)


def worst_of(metrics, spec):
    """The largest val error over the plotted range among the claim's ``variants``."""
    return max(metrics[variant]["val"]["error_over_range"] for variant in spec["variants"])


def error_difference(metrics, spec):
    """The first variant's val error over the plotted range minus the second's."""
    first, second = spec["variants"]
    return metrics[first]["val"]["error_over_range"] - metrics[second]["val"]["error_over_range"]


def one_of_two_learned(metrics, spec):
    """Both halves of "one learned, the other not", as one number: the better target's
    visual criterion (under a tenth, learned) and the worse one's error against that of
    ignoring the input (the unlearned control); above 1 when both hold."""
    val = variant_metrics(metrics, spec)["val"]
    errors = sorted(value for name, value in val.items() if name.startswith("error_over_range_"))
    return min(errors[-1] / val["unlearned_error_over_range"], VISIBLE / errors[0] if errors[0] > 0 else math.inf)


def start_where_rest_reconstructs(metrics, spec):
    """The start's error over the plotted range, judged where the rest reconstructs."""
    val = variant_metrics(metrics, spec)["val"]
    return judged_where(val["rest_error_over_range"] < VISIBLE, val["start_error_over_range"])


def cosine_after_sine(metrics, spec):
    """Epochs from the sines' fit to the cosines', judged where the snapshots hold both."""
    training = variant_metrics(metrics, spec)["training"]
    return judged_where("cosine_after_sine" in training, training.get("cosine_after_sine"))


def bends_later(metrics, spec):
    """The epoch the output leaves a flat line, over the reference's (the same replicate)."""
    return variant_metrics(metrics, spec)["training"]["bend_epoch"] / spec["reference_metrics"]["training"]["bend_epoch"]


CLAIMS = {
    "reconstructs": metric_claim(
        "the reconstructions lie on the inputs (val RMSE over the plotted range: the visual criterion)",
        "error_over_range", "val", "<"),
    "reconstructs_every_latent": Claim(
        "every latent size's reconstructions lie on the inputs (the largest of the variants' val RMSE over the "
        "plotted range)", worst_of, "<", Variants),
    "latent_size_hardly_matters": Claim(
        "the smaller latent's reconstructions are no visibly worse (its val RMSE over the plotted range minus the "
        "larger latent's)", error_difference, "<", Variants),
    "one_learned_other_not": Claim(
        "of the two targets one is reconstructed and the other not (min of: the worse target's error over that "
        "of ignoring the input, and a tenth over the better target's error; each error over the plotted range)",
        one_of_two_learned, ">"),
    "reconstructs_after_start": metric_claim(
        "from x = 0.2 on, the reconstructions lie on the inputs (val RMSE there over the plotted range)",
        "rest_error_over_range", "val", "<"),
    "latent_shifts_phase": Claim(
        "moving the one latent value shifts the decoded wave's phase one way, over most of the trained phases "
        "(phase span of the sweep over the training range of phases; 0 unless |Spearman| >= 0.9)",
        lambda m, s: metric(m, s, "span_fraction", "sweep"), ">"),
    "spans_sine_to_cosine": Claim(
        "the latent sweep decodes a sine and a cosine (the larger of the phase distances from 0 and from pi/2 to "
        "the nearest well fitted decoded wave, rad)", lambda m, s: metric(m, s, "sine_cosine_gap", "sweep"), "<"),
    "phase_falls_with_latent": Claim(
        "the higher the latent value, the more sine-like the decoded wave (Spearman of phase on latent)",
        lambda m, s: metric(m, s, "phase_spearman", "sweep"), "<"),
    "worst_at_start": Claim(
        "where the rest is reconstructed, the start (x < 0.2) visibly is not (val RMSE there over the plotted "
        "range; replicates whose rest is not reconstructed are not judged)", start_where_rest_reconstructs, ">"),
    "start_improves": Claim(
        "the start's error still falls late in training (its RMSE at the last snapshot over that at half the "
        "epochs)", lambda m, s: metric(m, s, "start_error_late_ratio", "training"), "<"),
    "flat_for": Claim(
        "the output stays a flat line for many epochs (the first snapshot epoch whose outputs' height exceeds a "
        "tenth of the targets' plotted range)", lambda m, s: metric(m, s, "bend_epoch", "training"), ">="),
    "bends_later_than": Claim(
        "the output leaves its flat line later than the reference's (bend epoch over the reference's)",
        bends_later, ">", Reference),
    "sines_before_cosines": Claim(
        "sine-like inputs are reconstructed before cosine-like ones (epoch the cosines' error from x = 0.2 gets "
        "under a tenth of the plotted range, minus the sines'; judged where the snapshot inputs hold both)",
        cosine_after_sine, ">"),
}
