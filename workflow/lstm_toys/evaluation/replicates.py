"""A claim over replicates: how many pass, the median and its bootstrap interval,
a sign test, and a three-way verdict. SciPy does the statistics.

Why these: each replicate is one independent draw of every random source, so
"k of n replicates pass" is a sign test (binomial, p = 1/2 under "the claim is a
coin flip"), and the median, robust to one odd run, gets a bias-corrected and
accelerated (BCa) bootstrap interval, which assumes no shape of the values' distribution.
"""

import math
import warnings

import numpy as np
from scipy import stats

from lstm_toys.evaluation.verdict_names import INCONCLUSIVE, NOT_REPRODUCED, REPRODUCED

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

