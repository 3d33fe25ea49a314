"""Figures: what a plot function receives, shared plots, and byte-stable saving."""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .arrays import load_npz, nest
from .history import read_history

# Fixed so that two runs write identical bytes (no version or date in the PNG).
_PNG_METADATA = {"Software": None}


@dataclass
class FigureData:
    """The inputs of one figure: ``datasets[split]``, ``predictions[variant][split]``,
    ``histories[variant]`` (columns of the per-epoch history), ``snapshots[variant]``
    (outputs for a few validation inputs at chosen epochs)."""

    datasets: dict = field(default_factory=dict)
    predictions: dict = field(default_factory=dict)
    histories: dict = field(default_factory=dict)
    snapshots: dict = field(default_factory=dict)


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


def load_figure_data(datasets: dict, predictions: dict, histories: dict, snapshots: dict) -> FigureData:
    """Read the files a figure rule lists (``{split: path}``, ``{variant: path}``)."""
    return FigureData(
        datasets={split: load_npz(path) for split, path in datasets.items()},
        predictions={variant: nest(load_npz(path)) for variant, path in predictions.items()},
        histories={variant: read_history(path) for variant, path in histories.items()},
        snapshots={variant: load_npz(path) for variant, path in snapshots.items()},
    )
