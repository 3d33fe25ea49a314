"""The verdicts' colours, defined once: strong for the strips' dots and bands,
light for the rows of the scorecard (the report's and the notebooks' CSS)."""

from lstm_toys.evaluation.verdict_names import INCONCLUSIVE, NOT_REPRODUCED, REPRODUCED

STRONG = {REPRODUCED: "#2e7d32", NOT_REPRODUCED: "#c62828", INCONCLUSIVE: "#ef8f00"}
LIGHT = {REPRODUCED: "#e3f6e3", NOT_REPRODUCED: "#fbe3e3", INCONCLUSIVE: "#fff1d6"}


def css_class(verdict: str) -> str:
    """A verdict as a CSS class name: ``not reproduced`` -> ``not-reproduced``."""
    return verdict.replace(" ", "-")


def row_css() -> str:
    """The CSS rules that colour a table row by its verdict class."""
    return " ".join(f".{css_class(verdict)} {{ background: {colour}; }}" for verdict, colour in LIGHT.items())
