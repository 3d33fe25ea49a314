"""What training cost: wall time and peak memory from Snakemake's benchmark file,
epochs from the training history."""

import csv

from lstm_toys.training.history import read_history


def _number(text):
    """A benchmark column as a float (``None`` where Snakemake could not measure it)."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def training_cost(benchmark, history) -> dict:
    with open(benchmark, newline="") as handle:
        row = next(csv.DictReader(handle, delimiter="\t"))
    epochs = read_history(history).get("epoch")
    epochs = int(epochs.max()) if epochs is not None else 0
    wall = _number(row["s"])
    return {
        "wall s": wall,
        "max RSS MB": _number(row["max_rss"]),
        "epochs": epochs,
        "s per epoch": wall / epochs if wall is not None and epochs else None,
    }
