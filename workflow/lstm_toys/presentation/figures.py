"""Figures: what a plot is (how it draws, what it reads, its caption, its file
format), what it receives, and byte-stable saving of pictures and animations."""

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

from lstm_toys.data.arrays import load_npz, nest
from lstm_toys.settings import setting, settings
from lstm_toys.training.history import read_history

# Fixed so that two runs write identical bytes (no version or date in the PNG).
_PNG_METADATA = {"Software": None}
# The file formats of figures: a picture, or an animation over training (GIF, written by
# matplotlib's Pillow writer at the pictures' fixed size and dpi).
PNG, GIF = "png", "gif"
FRAMES_PER_SECOND = 4


# What a plot may read besides the datasets of the splits its config entry lists.
PREDICTIONS, HISTORY, SNAPSHOTS = "predictions", "history", "snapshots"
READABLE = (PREDICTIONS, HISTORY, SNAPSHOTS)


@dataclass(frozen=True)
class Plot:
    """One kind of figure.

    ``draw(data, options)`` returns a matplotlib figure from ``FigureData``;
    ``reads`` names what the figure rule must give it besides datasets (of every
    variant, or of the config entry's ``variants``); ``splits`` whether it reads
    the datasets of the entry's ``splits`` (then it must list some); ``caption``
    is the sentence under the figure in Snakemake's report; ``options`` the model of
    the options it takes (``settings``), checked before any job; ``every_replicate``
    whether it also reads what it ``reads`` of every replicate
    (``FigureData.replicates``), to summarise them; ``format`` its file format: ``png``
    (``draw`` returns a figure) or ``gif`` (``draw`` returns a matplotlib animation).
    """

    draw: Callable
    caption: str
    reads: tuple = ()
    splits: bool = True
    options: type = None  # set by ``declare``: ``NoOptions`` unless the plot takes some
    every_replicate: bool = False
    format: str = PNG

    def __post_init__(self):
        unknown = set(self.reads) - set(READABLE)
        if unknown:
            raise ValueError(f"a plot reads only {', '.join(READABLE)}; not {', '.join(sorted(unknown))}")

    def option_names(self) -> set:
        return {entry.metadata.get("alias", entry.name) for entry in fields(self.options)}


@settings
class NoOptions:
    """The plot takes no options."""


@settings
class OneVariant:
    """Options of a plot that draws one variant."""

    variant: str | None = setting("the variant drawn, one the figure reads; unset: the first in name order", None)


@settings
class OneSplit:
    """Options of a plot that draws one of the splits its figure lists."""

    split: str | None = setting("the split drawn, one the figure lists; unset: the first listed", None)


def declare(plots: dict, caption: str, reads: tuple = (), splits: bool = True, options=NoOptions,
            every_replicate=False, format=PNG):
    """A decorator: the function draws a plot, registered in ``plots`` under its name
    with what it reads, its caption, its options (a model of ``settings``) and its file
    format (see ``Plot``)."""

    def register(draw):
        plots[draw.__name__] = Plot(draw, " ".join(caption.split()), tuple(reads), splits, options, every_replicate,
                                    format)
        return draw

    return register


@dataclass
class FigureData:
    """The inputs of one figure, of the replicate it is drawn from: ``datasets[split]``,
    ``predictions[variant][split]``, ``histories[variant]`` (columns of the per-epoch
    history), ``snapshots[variant]`` (outputs for a few validation inputs at chosen
    epochs); for a plot of every replicate, ``replicates``: one ``FigureData`` per
    replicate, in replicate order."""

    datasets: dict = field(default_factory=dict)
    predictions: dict = field(default_factory=dict)
    histories: dict = field(default_factory=dict)
    snapshots: dict = field(default_factory=dict)
    replicates: list = field(default_factory=list)


def pyplot():
    """matplotlib's pyplot on the file-only Agg backend, imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "axes.grid": True, "grid.alpha": 0.3})
    return plt


def save(drawn, path) -> None:
    """A figure as PNG, or an animation as GIF with matplotlib's Pillow writer (whose
    frames, at a fixed size and dpi, give the same bytes on every run)."""
    from matplotlib.animation import Animation, PillowWriter

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if isinstance(drawn, Animation):
        drawn.save(path, writer=PillowWriter(fps=FRAMES_PER_SECOND))
        pyplot().close("all")  # the animation's figure (one job draws one figure)
    else:
        drawn.savefig(path, metadata=_PNG_METADATA)
        pyplot().close(drawn)


def load_figure_data(datasets: dict, predictions: dict, histories: dict, snapshots: dict) -> FigureData:
    """Read the files a figure rule lists (``{split: path}``, ``{variant: path}``)."""
    return FigureData(
        datasets={split: load_npz(path) for split, path in datasets.items()},
        predictions={variant: nest(load_npz(path)) for variant, path in predictions.items()},
        histories={variant: read_history(path) for variant, path in histories.items()},
        snapshots={variant: load_npz(path) for variant, path in snapshots.items()},
    )
