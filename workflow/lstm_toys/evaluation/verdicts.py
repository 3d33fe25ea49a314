"""Claims: a measured number, a threshold, and whether the claim reproduced."""

import math
import operator
from dataclasses import dataclass, field
from typing import Callable

COMPARISONS = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True)
class Claim:
    """What the write-up observed, and how the pipeline measures it.

    ``measure(metrics, spec)`` gets the metrics of every variant
    (``{variant: {split: {name: value}}}``) and the claim's config block, whose
    ``fields`` (JSON schemas) it reads besides ``threshold`` and ``variant``: they
    are required, and no other field is allowed.
    """

    statement: str
    measure: Callable[[dict, dict], float]
    comparison: str
    fields: dict = field(default_factory=dict)

    def fields_schema(self) -> dict:
        """The schema of the claim's config block."""
        properties = {"claim": {"type": "string"}, "threshold": {"type": "number"}, "variant": {"type": "string"},
                      **self.fields}
        return {"type": "object", "additionalProperties": False, "properties": properties,
                "required": ["threshold", *self.fields]}


SPLIT = {"split": {"type": "string", "description": "The split whose metric is measured."}}


def variant_metrics(metrics: dict, spec: dict) -> dict:
    """The metrics of the claim's ``variant`` (default: the first in name order)."""
    return metrics[spec.get("variant", sorted(metrics)[0])]


def metric(metrics: dict, spec: dict, name: str, split: str | None = None) -> float:
    """One metric of the claim's variant, on ``split`` (default: the claim's ``split``)."""
    return variant_metrics(metrics, spec)[split or spec["split"]][name]


def metric_claim(statement: str, name: str, split: str | None, comparison: str) -> Claim:
    """A claim measured by one metric of the claim's variant on ``split`` (``None``:
    on the split the claim's config block names)."""
    return Claim(statement, lambda metrics, spec: metric(metrics, spec, name, split), comparison,
                 SPLIT if split is None else {})


def assess(claims: dict, config_claims: dict, metrics: dict) -> list:
    """One verdict per configured claim, in config order."""
    verdicts = []
    for name, spec in config_claims.items():
        claim = claims[spec.get("claim", name)]
        try:
            measured = float(claim.measure(metrics, spec))
        except KeyError as missing:
            raise KeyError(f"claim {name}: the metrics have no {missing} ({spec})") from None
        threshold = float(spec["threshold"])
        reproduced = math.isfinite(measured) and COMPARISONS[claim.comparison](measured, threshold)
        verdicts.append(
            {
                "claim": name,
                "statement": claim.statement,
                "measured": measured if math.isfinite(measured) else None,
                "comparison": claim.comparison,
                "threshold": threshold,
                "reproduced": bool(reproduced),
            }
        )
    return verdicts
