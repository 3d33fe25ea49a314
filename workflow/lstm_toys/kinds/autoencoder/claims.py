"""Section C's claims."""

import math

from lstm_toys.evaluation.verdicts import Claim, metric, metric_claim
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Sequence autoencoders (section C)",
    narrative="""\
The same write-up squeezes lines and sines through an LSTM bottleneck of 10, 5 or 1 numbers. It
observes that lines are reconstructed even from one latent number, that of a sine and a cosine drawn
from one constant input only one is learned well, that one latent number orders phase-shifted sines
by their phase (sine to cosine), that the full-phase model stays flat for many epochs before it
bends, and that the error is worst at the start of a sequence.
""",
    headline_metrics=(
        "mse",
        "start_error_ratio",
        "condition_mse_ratio",
        "phase_spearman",
        "phase_span",
        "bend_epoch",
    ),
)

QUARTER_TURN = math.pi / 2


CLAIMS = {
    "reconstructs": metric_claim(
        "the sequences are reconstructed (val MSE / val MSE of predicting the training mean curve)",
        "relative_mse",
        "val",
        "<",
    ),
    "one_target_learned_other_not": metric_claim(
        "one of the two targets is learned well and the other poorly (val MSE of the worse / the better)",
        "condition_mse_ratio",
        "val",
        ">",
    ),
    "phase_monotonic_in_latent": Claim(
        "the fitted phase of decoded waves is monotonic in the latent value (|Spearman| along the sweep)",
        lambda m, s: abs(metric(m, s, "phase_spearman", "sweep")),
        ">",
    ),
    "phase_spans_sine_to_cosine": Claim(
        "the decoded phases span most of [0, pi/2], sine to cosine (phase span / (pi/2))",
        lambda m, s: metric(m, s, "phase_span", "sweep") / QUARTER_TURN,
        ">",
    ),
    "flat_before_bending": metric_claim(
        "the output stays near a flat line for many epochs before it bends "
        "(first epoch with the loss below half its early plateau)",
        "bend_epoch",
        "training",
        ">",
    ),
    "worst_at_start": metric_claim(
        "the reconstruction error is worst at the start of the sequence (val MSE for x < 0.2 / for x >= 0.2)",
        "start_error_ratio",
        "val",
        ">",
    ),
}
