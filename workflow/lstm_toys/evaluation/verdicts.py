"""Claims: a number measured on each replicate, a threshold, and a verdict over
the replicates (``replicates``)."""

import math
import operator
from dataclasses import dataclass
from typing import Callable

from lstm_toys.settings import setting, settings

COMPARISONS = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


@settings
class NoFields:
    """The measure reads no field besides a claim's own."""


@settings
class OneSplit:
    split: str = setting("the split whose metric is measured")


@dataclass(frozen=True)
class Claim:
    """How the pipeline measures what a write-up observed (the config says where:
    each claim's ``source`` and ``observed``).

    ``measure(metrics, spec)`` gets the metrics of every variant
    (``{variant: {split: {name: value}}}``) and the claim's config block, whose
    ``fields`` (a model of ``settings``) it reads besides ``threshold`` and
    ``variant``: they are required, and no other field is allowed.
    """

    statement: str
    measure: Callable[[dict, dict], float]
    comparison: str
    fields: type = NoFields


def chosen_variant(entry: dict, variants) -> str:
    """The variant a claim or a printed number reads: ``entry``'s ``variant``, or, where
    the config leaves it unset, the experiment's first variant in name order."""
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


def measure(claim: Claim, name: str, spec: dict, metrics: dict) -> float | None:
    """The claim's value on one replicate's metrics (``None`` if not finite)."""
    try:
        value = float(claim.measure(metrics, spec))
    except KeyError as missing:
        raise KeyError(f"claim {name}: the metrics have no {missing} ({spec})") from None
    return value if math.isfinite(value) else None
