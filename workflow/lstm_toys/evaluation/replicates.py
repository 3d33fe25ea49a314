"""The claims over replicates (``assess``, the claims job's): for each, how many
pass, the median and its bootstrap interval, a sign test, and a three-way verdict;
or, for an observation about runs (the long echo's failure), the share of runs and its
exact binomial interval.
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
RATE_INTERVAL = "exact 95 % binomial interval of the share of runs"


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
        "replicates": len(values),
        "passing": passing,
        "measured": float(np.median(finite)) if len(finite) == len(values) else None,
        "interval": list(interval) if interval else None,
        "interval_method": method,
        "p_value": p_value,
        "verdict": verdict(values, interval, holds, p_value),
        "interval_of": INTERVAL,
    }


def summarise_rate(values: list, holds, share: float) -> dict:
    """The share of runs on the claimed side (an undefined run counts against it), with
    the exact (Clopper-Pearson) 95 % interval of that share: reproduced if the interval
    lies above ``share``, not reproduced if below, else inconclusive. The interval is the
    two-sided test's: SciPy gives a one-sided test's interval an end at 0 or 1, which
    would leave one of the verdicts out of reach."""
    passing = sum(1 for v in values if v is not None and holds(v))
    interval = stats.binomtest(passing, len(values), share).proportion_ci(confidence_level=CONFIDENCE, method="exact")
    low, high = interval.low, interval.high
    test = stats.binomtest(passing, len(values), share, alternative="greater")
    decided = REPRODUCED if low > share else NOT_REPRODUCED if high < share else INCONCLUSIVE
    return {
        "replicates": len(values),
        "passing": passing,
        "measured": passing / len(values),
        "interval": [float(low), float(high)],
        "interval_method": "exact binomial",
        "p_value": float(test.pvalue),
        "verdict": decided,
        "interval_of": RATE_INTERVAL,
    }


def nothing_judged() -> dict:
    """The summary when the measure judged no replicate: inconclusive."""
    return {"replicates": 0, "passing": 0, "measured": None, "interval": None, "interval_method": "none: nothing judged",
            "p_value": 1.0, "verdict": INCONCLUSIVE, "interval_of": INTERVAL}


def judge(claim, spec: dict, values: list, seed: int) -> dict:
    """The summary of the judged replicates' values (every replicate, unless the measure
    left some out: then fewer than two judged is inconclusive)."""
    holds = partial(holds_against, COMPARISONS[claim.comparison], float(spec["threshold"]))
    if not values:
        return nothing_judged()
    if claim.statistic == "rate":
        return summarise_rate(values, holds, float(spec["share"]))
    summary = summarise(values, holds, seed)
    if len(values) < 2:
        summary["verdict"] = INCONCLUSIVE
    return summary


def assess(claims: dict, config_claims: dict, replicates: list, seed: int, references=None) -> list:
    """One verdict per configured claim, in the order of ``config_claims``, over ``replicates`` (each
    replicate's metrics of every variant, in replicate order); ``references``: for a claim that
    compares with another experiment, ``{claim: [that variant's metrics of each replicate]}``.
    A claim with an ``ablation`` is measured again on the variants of that suffix, beside.
    Each claim's bootstrap is seeded from ``seed`` and its name, never from the number of replicates."""
    verdicts = []
    for name, spec in config_claims.items():
        claim = claims[spec["measure"]]
        verdict_ = {
            "claim": name,
            "observed": spec["observed"],
            "source": spec["source"],
            "statement": claim.statement,
            "comparison": claim.comparison,
            "threshold": float(spec["threshold"]),
            "basis": spec["basis"],
            "statistic": claim.statistic,
            **({"share": float(spec["share"])} if claim.statistic == "rate" else {}),
            **judged_over(claim, name, spec, replicates, (references or {}).get(name, []), seed),
        }
        if spec.get("ablation"):
            twin = {**spec, **ablated(spec, spec["ablation"])}
            again = judged_over(claim, name, twin, replicates, (references or {}).get(name, []), seed)
            verdict_["ablation"] = {"variants": sorted(set(variants_read(twin))), **again,
                                    "same": again["verdict"] == verdict_["verdict"]}
        verdicts.append(verdict_)
    return verdicts


def variants_read(spec: dict) -> list:
    return ([spec["variant"]] if spec.get("variant") else []) + list(spec.get("variants") or [])


def ablated(spec: dict, suffix: str) -> dict:
    """The variants a claim reads, each with ``suffix``."""
    return {**({"variant": spec["variant"] + suffix} if spec.get("variant") else {}),
            **({"variants": [v + suffix for v in spec["variants"]]} if spec.get("variants") else {})}


def judged_over(claim, name: str, spec: dict, replicates: list, reference: list, seed: int) -> dict:
    """The claim's value on each replicate (whether judged), and the judged values' summary;
    with a reference, replicate r is compared with the reference's replicate r."""
    measured = []
    for number, metrics in enumerate(replicates):
        if "reference" not in spec:
            measured.append(measure(claim, name, spec, metrics))
        elif number < len(reference):
            measured.append(measure(claim, name, {**spec, "reference_metrics": reference[number]}, metrics))
        else:  # the reference experiment runs fewer replicates: nothing to compare this one with
            measured.append((None, False))
    judged_values = [value for value, judged in measured if judged]
    return {"values": [value for value, _ in measured], "judged": [judged for _, judged in measured],
            **judge(claim, spec, judged_values, derive_seed(seed, name))}


def holds_against(compare, threshold: float, value: float) -> bool:
    """Whether ``value`` is on the claimed side of the threshold."""
    return compare(value, threshold)
