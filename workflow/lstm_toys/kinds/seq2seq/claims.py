"""Section A's claims."""

import numpy as np

from typing import Annotated

from annotated_types import Len, MinLen

from lstm_toys.evaluation.verdicts import Claim, OneSplit, metric, metric_claim, variant_metrics
from lstm_toys.kind import Story
from lstm_toys.settings import setting, settings

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Sequence to sequence (section A)",
    narrative="""\
The write-up *Lstm Toy Examples* (write-ups `000`/`001`) trains a stateless LSTM stack ending in
an LSTM(1) to map a noisy curve to its clean version. It observes that a line is fitted
by one layer, that a hill needs two, and that the sine model is **not** the identity: fed lines,
other amplitudes, phases or frequencies, its output stays close to the sine it was trained on,
follows a new frequency after about x = 0.2, but not a new amplitude.
""",
    headline_metrics=(
        "mse",
        "rmse_to_input",
        "rmse_to_reference",
        "closer_to_reference",
        "late_correlation",
        "late_amplitude_ratio",
    ),
)


def probe_closer_to_trained(metrics, spec):
    """Over the claim's probe ``splits``, the share of outputs closer to the trained
    curve than to their own input."""
    splits = variant_metrics(metrics, spec)
    probes = spec["splits"]
    weights = np.array([splits[s]["n"] for s in probes], dtype=float)
    return float(np.average([splits[s]["closer_to_reference"] for s in probes], weights=weights))


def layer_ratio(metrics, spec):
    """val MSE of the first listed variant over that of the second."""
    first, second = spec["variants"]
    return metrics[first]["val"]["mse"] / metrics[second]["val"]["mse"]


def amplitude_error(metrics, spec):
    return abs(metric(metrics, spec, "late_amplitude_ratio") - 1.0)


@settings
class TwoVariants:
    variants: Annotated[list[str], Len(2, 2)] = setting("two variants: the first's val MSE over the second's",
                                                        unique=True)


@settings
class ProbeSplits:
    splits: Annotated[list[str], MinLen(1)] = setting("the probe splits whose outputs are compared", unique=True)


CLAIMS = {
    "val_error_small": metric_claim(
        "the target function is fitted (val MSE / val MSE of a flat line at the training target's mean)",
        "relative_mse",
        "val",
        "<",
    ),
    "more_layers_fit_better": Claim(
        "the hill is fitted clearly better by two layers than by one (val MSE of 1 layer / 2 layers)",
        layer_ratio,
        ">",
        TwoVariants,
    ),
    "not_identity": Claim(
        "the sine model is not the identity: probe outputs stay closer to the trained sine than to "
        "the probe input (share of probe sequences)",
        probe_closer_to_trained,
        ">",
        ProbeSplits,
    ),
    "follows_frequency": metric_claim(
        "after x > 0.2 the output follows the probe's frequency (median correlation with the input)",
        "late_correlation",
        None,
        ">",
    ),
    "amplitude_not_copied": Claim(
        "... but not its amplitude (median |output amplitude / input amplitude - 1| after x > 0.2)",
        amplitude_error,
        ">",
        OneSplit,
    ),
}
