"""Measures: how the pipeline reads one write-up observation off one replicate's
metrics. A claim of the config names one, with its threshold and the threshold's
basis; ``replicates`` judges it over the replicates. (No statistics here: the config
check reads these declarations at every Snakemake start.)"""

import math
import operator
from dataclasses import dataclass
from typing import Annotated, Callable, Literal

from annotated_types import Ge, Le, MinLen

from lstm_toys.settings import setting, settings

COMPARISONS = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}
# The one visual criterion of the claims that rest on a figure only: an error (or a
# bend, a gap) under a tenth of the plotted range is invisible at the write-up's figure size.
VISIBLE = 0.1


class NotJudged(Exception):
    """The measure does not apply to this replicate (say, the start's error is judged only
    where the rest reconstructs): the replicate is left out of the verdict."""


@settings
class NoFields:
    """The measure reads no field besides a claim's own."""


@settings
class OneSplit:
    split: str = setting("the split whose metrics are measured")


@settings
class Variants:
    variants: Annotated[list[str], MinLen(2)] = setting("the variants compared, in the measure's order", unique=True)


@settings
class Reference:
    """A measure that compares with another experiment's variant, replicate by replicate."""

    reference: str = setting("<experiment>/<variant>: what the claim's variant is compared with, replicate r with "
                             "its replicate r", pattern=r"^[a-z][a-z0-9_]*/[A-Za-z0-9_\-]+$")


@settings
class Share:
    """A measure judged as a rate over the runs: the threshold is one run's, ``share`` the runs'."""

    share: Annotated[float, Ge(0), Le(1)] = setting("the share of runs the observation claims (0.5: most)")


@dataclass(frozen=True)
class Claim:
    """How the pipeline measures one kind of write-up observation.

    ``measure(metrics, spec)`` gets one replicate's metrics of every variant
    (``{variant: {split: {name: value}}}``) and the claim's config block, whose
    ``fields`` (a model of ``settings``) it reads besides ``threshold`` and ``variant``;
    with a ``reference``, also ``spec["reference_metrics"]``, that experiment's variant's
    metrics of the same replicate. It may raise ``NotJudged``. ``statistic``: ``median``
    (the median over replicates and its interval) or ``rate`` (the share of runs on the
    claimed side, with ``fields`` holding ``share``)."""

    statement: str
    measure: Callable[[dict, dict], float]
    comparison: str
    fields: type = NoFields
    statistic: Literal["median", "rate"] = "median"


def chosen_variant(entry: dict, variants) -> str:
    """The variant a claim or a record reads: ``entry``'s ``variant``, or, where the
    config leaves it unset, the experiment's first variant in name order."""
    return entry.get("variant") or min(variants)


def variant_metrics(metrics: dict, spec: dict) -> dict:
    """The metrics of the claim's variant (``chosen_variant``)."""
    return metrics[chosen_variant(spec, metrics)]


def metric(metrics: dict, spec: dict, name: str, split: str | None = None) -> float:
    """One metric of the claim's variant, on ``split`` (default: the claim's ``split``)."""
    return variant_metrics(metrics, spec)[split or spec["split"]][name]


def metric_claim(statement: str, name: str, split: str | None, comparison: str) -> Claim:
    """A claim measured by one metric of the claim's variant on ``split`` (``None``:
    on the split the claim's config block names)."""
    return Claim(statement, lambda metrics, spec: metric(metrics, spec, name, split), comparison,
                 OneSplit if split is None else NoFields)


def judged_where(condition: bool, value: float) -> float:
    """``value``, where ``condition`` holds; otherwise the replicate is not judged."""
    if not condition:
        raise NotJudged
    return value


def measure(claim: Claim, name: str, spec: dict, metrics: dict) -> tuple:
    """``(value, judged)`` of the claim on one replicate's metrics: the value ``None``
    if not finite (undefined: it counts against the claim), ``judged`` false where the
    measure does not apply."""
    try:
        value = float(claim.measure(metrics, spec))
    except NotJudged:
        return None, False
    except KeyError as missing:
        raise KeyError(f"claim {name}: the metrics have no {missing}") from None
    return (value if math.isfinite(value) else None), True
