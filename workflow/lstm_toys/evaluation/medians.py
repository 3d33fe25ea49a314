"""Metrics over replicates: each metric's median, for the tables of the report and
the notebooks (NumPy only: the jobs that draw tables need no SciPy)."""

import numpy as np


def median_metrics(replicates: list) -> dict:
    """``{variant: {split: {name: median over replicates}}}`` from each replicate's
    ``{variant: {split: {name: value}}}``. A value that is not a number (a list) is
    replicate 0's; a median with a non-finite replicate (``None``) is ``None``."""
    first = replicates[0]
    return {
        variant: {
            split: {name: _median([r[variant][split][name] for r in replicates]) for name in scores}
            for split, scores in splits.items()
        }
        for variant, splits in first.items()
    }


def _median(values: list):
    if any(value is None for value in values):
        return None
    if all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in values):
        return float(np.median(values))
    return values[0]
