"""The per-epoch training history: one CSV row per epoch (NumPy only)."""

import csv

import numpy as np

from lstm_toys.data.layout import ResultFileError

FIELDS = ("epoch", "loss", "val_loss", "seconds")


def write_history(rows: list, path) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def read_history(path) -> dict:
    """Columns of the history as arrays (``{}`` for an empty file); an error names the
    file and what is wrong with it."""
    try:
        with open(path, newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is not None and tuple(reader.fieldnames) != FIELDS:
                raise ResultFileError(f"{path}: not a training history: columns {reader.fieldnames}, "
                                      f"expected {list(FIELDS)}")
            rows = list(reader)
        return {name: np.array([float(row[name]) for row in rows]) for name in FIELDS} if rows else {}
    except FileNotFoundError:
        raise ResultFileError(f"{path}: file not found") from None
    except (UnicodeDecodeError, ValueError, TypeError) as error:
        raise ResultFileError(f"{path}: a row is not numbers, truncated or edited by hand? ({error})") from None
