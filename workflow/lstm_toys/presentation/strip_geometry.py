"""A claim's replicates at a glance, as positions on a line: each replicate's value, the
threshold, the median and its interval, scaled to a strip of given width (the report
draws it as inline SVG; ``strips`` draws the same with matplotlib)."""

import math

import numpy as np

DECADES = 2.0  # log scale when the positive values and the threshold span more than this many
MARGIN = 0.06  # of the width, kept free at each end so that dots at the ends show whole


def log_scale(numbers) -> bool:
    numbers = np.asarray(numbers, dtype=float)
    return bool(numbers.size and np.all(numbers > 0) and np.log10(numbers.max() / numbers.min()) > DECADES)


def finite(values) -> list:
    return [float(v) for v in values if v is not None and math.isfinite(float(v))]


def geometry(verdict: dict, width: float) -> dict:
    """``{"dots": [x, ...], "threshold": x, "median": x or None, "interval": (x0, x1) or None,
    "log": bool}`` in pixels from the left of a strip ``width`` wide."""
    values = finite(verdict["values"])
    interval = None if verdict["statistic"] == "rate" else verdict.get("interval")  # a rate's is of a share
    median = None if verdict["statistic"] == "rate" else verdict.get("measured")
    shown = values + [float(verdict["threshold"])] + finite(interval or []) + finite([median])
    logarithmic = log_scale(shown)
    scaled = np.log10(shown) if logarithmic else np.asarray(shown)
    low, high = float(scaled.min()), float(scaled.max())
    span = high - low or 1.0

    def x(value):
        position = math.log10(value) if logarithmic else value
        return round(width * (MARGIN + (1 - 2 * MARGIN) * (position - low) / span), 1)

    return {
        "dots": [x(v) for v in values],
        "threshold": x(float(verdict["threshold"])),
        "median": None if median is None else x(float(median)),
        "interval": None if not interval or len(finite(interval)) < 2 else tuple(x(v) for v in interval),
        "log": logarithmic,
    }
