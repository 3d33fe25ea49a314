"""The per-epoch training history: one CSV row per epoch."""

import csv

import numpy as np

FIELDS = ("epoch", "loss", "val_loss", "seconds")


def write_history(rows: list, path) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def read_history(path) -> dict:
    """Columns of the history as arrays (``{}`` for an empty file)."""
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {name: np.array([float(row[name]) for row in rows]) for name in FIELDS} if rows else {}
