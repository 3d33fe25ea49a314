"""Figures: what a plot function receives, shared plots, and byte-stable saving."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .arrays import load_npz, nest

# Fixed so that two runs write identical bytes (no version or date in the PNG).
_PNG_METADATA = {"Software": None}


@dataclass
class FigureData:
    """The inputs of one figure: ``datasets[split]``, ``predictions[variant][split]``,
    ``histories[variant]`` (columns of the per-epoch history)."""

    datasets: dict = field(default_factory=dict)
    predictions: dict = field(default_factory=dict)
    histories: dict = field(default_factory=dict)


def pyplot():
    """matplotlib's pyplot on the file-only Agg backend, imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "axes.grid": True, "grid.alpha": 0.3})
    return plt


def save(figure, path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, metadata=_PNG_METADATA)
    pyplot().close(figure)


def read_history(path) -> dict:
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {name: np.array([float(row[name]) for row in rows]) for name in rows[0]} if rows else {}


def load_figure_data(datasets: dict, predictions: dict, histories: dict) -> FigureData:
    """Read the files a figure rule lists (``{split: path}``, ``{variant: path}``)."""
    return FigureData(
        datasets={split: load_npz(path) for split, path in datasets.items()},
        predictions={variant: nest(load_npz(path)) for variant, path in predictions.items()},
        histories={variant: read_history(path) for variant, path in histories.items()},
    )


# ------------------------------------------------------------ shared plots


def input_curves(data: FigureData, options: dict):
    """The first ``count`` input sequences of the first listed split."""
    plt = pyplot()
    split = next(iter(data.datasets))
    arrays = data.datasets[split]
    count = options.get("count", 10)
    figure, axes = plt.subplots(figsize=(6, 4))
    for sequence in arrays["inputs"][:count]:
        axes.plot(arrays["x"], sequence[:, 0])
    axes.set_xlabel("x")
    axes.set_ylabel("input")
    axes.set_title(options.get("title", f"{count} {split} inputs"))
    return figure


def loss_curves(data: FigureData, options: dict):
    """Training and validation loss per epoch of every variant (log scale)."""
    plt = pyplot()
    figure, axes = plt.subplots(figsize=(6, 4))
    for variant, history in sorted(data.histories.items()):
        line = axes.plot(history["epoch"], history["loss"], label=f"{variant} train")[0]
        axes.plot(history["epoch"], history["val_loss"], "--", color=line.get_color(), label=f"{variant} val")
    axes.set_yscale("log")
    axes.set_xlabel("epoch")
    axes.set_ylabel("loss")
    axes.legend()
    return figure
