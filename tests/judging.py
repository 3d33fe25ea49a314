"""Claims judged in unit tests: a claim config block with its (made-up) source, and
five replicates that all measured the same metrics."""

from lstm_toys.evaluation.replicates import assess

SOURCE = {"source": "000_5a22e1320a30a528.txt:1-2", "observed": "what the write-up saw there",
          "basis": "controls: made up for the test"}


def sourced(config: dict) -> dict:
    """``config`` with the fields every claim carries besides its threshold (its measure,
    unless it names one, is the measure of its name)."""
    return {name: {"measure": name, **SOURCE, **spec} for name, spec in config.items()}


def assess_five(claims, config, metrics):
    """The verdicts of five replicates that all measured ``metrics``."""
    return assess(claims, sourced(config), [metrics] * 5, seed=0)
