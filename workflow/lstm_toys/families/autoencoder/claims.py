"""Section C's claims."""

import math

from ...verdicts import Claim, metric

QUARTER_TURN = math.pi / 2


def val_mse(metrics, spec):
    return metric(metrics, spec, "mse", "val")


CLAIMS = {
    "reconstructs": Claim("the sequences are reconstructed (val MSE)", val_mse, "<"),
    "one_target_learned_other_not": Claim(
        "one of the two targets is learned well and the other poorly (val MSE of the worse / the better)",
        lambda m, s: metric(m, s, "condition_mse_ratio", "val"),
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
    "flat_before_bending": Claim(
        "the output stays near a flat line for many epochs before it bends "
        "(first epoch with the loss below half its early plateau)",
        lambda m, s: metric(m, s, "bend_epoch", "training"),
        ">",
    ),
    "worst_at_start": Claim(
        "the reconstruction error is worst at the start of the sequence (val MSE for x < 0.2 / for x >= 0.2)",
        lambda m, s: metric(m, s, "start_error_ratio", "val"),
        ">",
    ),
}
