"""The claims over replicates (``assess``, the claims job's): for each, how many
pass, the median and its bootstrap interval, a sign test, and a three-way verdict.
SciPy does the statistics; it is imported here only, not where the claims are
declared (``verdicts``), which the config's validation reads at every Snakemake start.

Why these: each replicate is one independent draw of every random source, so
"k of n replicates pass" is a sign test (binomial, p = 1/2 under "the claim is a
coin flip"), and the median, robust to one odd run, gets a bias-corrected and
accelerated (BCa) bootstrap interval, which assumes no shape of the values' distribution.
"""

import math
import warnings
from functools import partial

import numpy as np
from scipy import stats

from lstm_toys.data.seeds import derive_seed
from lstm_toys.evaluation.verdict_names import INCONCLUSIVE, NOT_REPRODUCED, REPRODUCED
from lstm_toys.evaluation.verdicts import COMPARISONS, measure

CONFIDENCE = 0.95
SIGNIFICANCE = 0.05
RESAMPLES = 9999
INTERVAL = "95 % BCa bootstrap interval of the median over replicates"


def median_interval(values, seed: int) -> tuple:
    """``((low, high), method)``: the 95 % BCa bootstrap interval of the median of
    ``values``, from a generator seeded with ``seed``. ``None`` when it cannot be
    estimated (fewer than two values, or a non-finite one: a diverged replicate).

    When every value is equal the BCa interval is NaN (its acceleration divides by
    zero); the percentile interval, then ``(value, value)``, is the honest answer."""
    values = np.asarray(values, dtype=float)
    if values.size < 2 or not np.all(np.isfinite(values)):
        return None, "none: fewer than two finite values"
    for method in ("BCa", "percentile"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the degenerate case is handled below
            result = stats.bootstrap((values,), np.median, confidence_level=CONFIDENCE, n_resamples=RESAMPLES,
                                     method=method, random_state=np.random.default_rng(seed))
        low, high = result.confidence_interval
        if math.isfinite(low) and math.isfinite(high):
            return (float(low), float(high)), method
    raise AssertionError("a percentile interval of finite values is finite")  # pragma: no cover


def sign_test(passing: int, replicates: int) -> float:
    """One-sided p-value of ``passing`` of ``replicates`` under a fair coin."""
    return float(stats.binomtest(passing, replicates, 0.5, alternative="greater").pvalue)


def verdict(values: list, interval, holds, p_value: float) -> str:
    """Reproduced: the whole interval on the claimed side and p < 0.05; not
    reproduced: the whole interval on the other side, or a measure undefined
    (``None``: never bent, diverged) on every one of two or more replicates, which
    was never observed; otherwise (no interval, as with one replicate) inconclusive.
    ``holds(value)`` says whether a value is on the claimed side (a half-line, so
    both ends of an interval on one side put the whole interval there)."""
    if len(values) > 1 and all(value is None for value in values):
        return NOT_REPRODUCED
    if interval is None:
        return INCONCLUSIVE
    ends = [holds(end) for end in interval]
    if all(ends) and p_value < SIGNIFICANCE:
        return REPRODUCED
    if not any(ends):
        return NOT_REPRODUCED
    return INCONCLUSIVE


def summarise(values: list, holds, seed: int) -> dict:
    """The statistics of one claim's per-replicate ``values`` (``None``: not finite,
    a replicate on which the measure is undefined; it counts as failing)."""
    finite = [v for v in values if v is not None]
    passing = sum(1 for v in finite if holds(v))
    interval, method = median_interval([math.nan if v is None else v for v in values], seed)
    p_value = sign_test(passing, len(values))
    return {
        "values": values,
        "replicates": len(values),
        "passing": passing,
        "measured": float(np.median(finite)) if len(finite) == len(values) else None,
        "interval": list(interval) if interval else None,
        "interval_method": method,
        "p_value": p_value,
        "verdict": verdict(values, interval, holds, p_value),
    }


def assess(claims: dict, config_claims: dict, replicates: list, seed: int) -> list:
    """One verdict per configured claim, in the order of ``config_claims``, over ``replicates`` (each
    replicate's metrics of every variant, in replicate order). Each claim's bootstrap
    is seeded from ``seed`` and its name, never from the number of replicates."""
    verdicts = []
    for name, spec in config_claims.items():
        claim = claims[spec["measure"]]
        threshold = float(spec["threshold"])
        values = [measure(claim, name, spec, metrics) for metrics in replicates]
        holds = partial(holds_against, COMPARISONS[claim.comparison], threshold)
        verdicts.append(
            {
                "claim": name,
                "observed": spec["observed"],
                "source": spec["source"],
                "statement": claim.statement,
                "comparison": claim.comparison,
                "threshold": threshold,
                **summarise(values, holds, derive_seed(seed, name)),
                "interval_of": INTERVAL,
            }
        )
    return verdicts


def holds_against(compare, threshold: float, value: float) -> bool:
    """Whether ``value`` is on the claimed side of the threshold."""
    return compare(value, threshold)
