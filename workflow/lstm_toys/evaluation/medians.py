"""Metrics over replicates: each metric's median, for the tables of the report and
the notebooks (NumPy only: the jobs that draw tables need no SciPy)."""

import numpy as np


def median_metrics(replicates: list) -> dict:
    """``{variant: {split: {name: median over replicates}}}`` from each replicate's
    ``{variant: {split: {name: value}}}``, over the replicates that measured it (a
    metric defined only where the replicate's data allow, such as an epoch reached).
    A value that is not a number (a list) is the first's; a median with a non-finite
    replicate (``None``) is ``None``."""
    first = replicates[0]
    return {
        variant: {split: medians_of([r[variant][split] for r in replicates]) for split in splits}
        for variant, splits in first.items()
    }


def medians_of(scores: list) -> dict:
    names = dict.fromkeys(name for replicate in scores for name in replicate)
    return {name: _median([replicate[name] for replicate in scores if name in replicate]) for name in names}


def _median(values: list):
    if any(value is None for value in values):
        return None
    if all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in values):
        return float(np.median(values))
    return values[0]
