"""Plots shared by the experiment kinds. Each takes the figure's data (``FigureData``)
and its config ``options`` and returns a matplotlib figure."""

from typing import Annotated, Literal

import numpy as np
from annotated_types import Le, Len, MinLen

from lstm_toys.evaluation.waves import fit_phase
from lstm_toys.presentation.figures import (
    GIF,
    HISTORY,
    PREDICTIONS,
    SNAPSHOTS,
    OneSplit,
    OneVariant,
    declare,
    pyplot,
)
from lstm_toys.settings import NonNegative, NonNegativeInt, PositiveInt, setting, settings


def panels(count, width=4.5, height=3.8, sharey=True):
    figure, axes = pyplot().subplots(1, count, figsize=(width * count, height), squeeze=False, sharey=sharey)
    return figure, list(axes[0])


PLOTS = {}  # filled by @declare below


@settings
class InputCurvesOptions(OneSplit):
    array: Literal["inputs", "targets"] = setting("what is drawn: the inputs or the targets", "inputs")
    channel: int = setting("the input channel drawn (-1: the last)", -1)
    count: PositiveInt = setting("sequences drawn", 10)
    title: str = setting("the figure's title; empty: '<count> <split> sequences'", "")


@declare(
    PLOTS,
    options=InputCurvesOptions,
    caption="Inputs (or targets) of the first sequences of a split, as the model sees them: what the experiment "
    "trains or probes on.",
)
def input_curves(data, options):
    """The first ``count`` sequences of the first listed split (``array``: inputs or
    targets; ``channel``: which input channel, the last by default)."""
    split = options["split"]
    arrays = data.datasets[split]
    values = arrays[options["array"]][..., options["channel"]]
    count = options["count"]
    figure, [axes] = panels(1, width=6, height=4)
    for sequence in values[:count]:
        axes.plot(arrays["x"], sequence)
    axes.set_xlabel("x")
    axes.set_title(options["title"] or f"{min(count, len(values))} {split} sequences")
    return figure


@declare(
    PLOTS,
    reads=(HISTORY,),
    splits=False,
    caption="Training and validation loss per epoch of every variant, on a log scale. A long flat stretch "
    "followed by a drop is the *bend* the write-up describes.",
)
def loss_curves(data, options):
    """Training and validation loss per epoch of every variant (log scale)."""
    figure, [axes] = panels(1, width=6, height=4)
    for variant, history in sorted(data.histories.items()):
        line = axes.plot(history["epoch"], history["loss"], label=f"{variant} train")[0]
        axes.plot(history["epoch"], history["val_loss"], "--", color=line.get_color(), label=f"{variant} val")
    axes.set_yscale("log")
    axes.set_xlabel("epoch")
    axes.set_ylabel("loss")
    axes.legend()
    return figure


@declare(
    PLOTS,
    reads=(HISTORY,),
    splits=False,
    every_replicate=True,
    caption="Training loss per epoch of every replicate of every variant (log scale): how much the runs "
    "that the claims are judged over disagree, and whether one of them bends late or not at all.",
)
def replicate_losses(data, options):
    """Training loss per epoch, one line per replicate, one panel per variant."""
    variants = sorted(data.replicates[0].histories)
    figure, axes = panels(len(variants), width=5, height=4)
    for axis, variant in zip(axes, variants):
        for number, replicate in enumerate(data.replicates):
            history = replicate.histories[variant]
            axis.plot(history["epoch"], history["loss"], lw=1, label=f"r{number}")
        axis.set_yscale("log")
        axis.set_xlabel("epoch")
        axis.set_title(variant)
    axes[0].set_ylabel("training loss")
    axes[0].legend(fontsize=8)
    figure.tight_layout()  # room for the log axis' labels
    return figure


@settings
class SequencePredictionsOptions(OneSplit):
    indices: Annotated[list[NonNegativeInt], MinLen(1)] | None = setting(
        "the sequences drawn, by index; unset: the first count", None)
    count: PositiveInt = setting("sequences drawn, without indices", 3)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=SequencePredictionsOptions,
    caption="A few held-out sequences: the target (line) and the model's output (dots, same colour), per variant. "
    "Where dots leave their line, the model errs.",
)
def sequence_predictions(data, options):
    """Per variant, a few sequences (``indices``, or the first ``count``) of the first
    listed split: the target (line) and the model's output (dots), as in the write-up."""
    split = options["split"]
    arrays = data.datasets[split]
    variants = sorted(data.predictions)
    figure, axes = panels(len(variants))
    indices = options.get("indices") or range(min(options["count"], len(arrays["targets"])))
    for axis, variant in zip(axes, variants):
        outputs = data.predictions[variant][split]["outputs"]
        for index in indices:
            line = axis.plot(arrays["x"], arrays["targets"][index, :, 0], linewidth=1.5)[0]
            axis.scatter(arrays["x"], outputs[index, :, 0], s=6, color=line.get_color())
        axis.set_title(f"{variant}: target (line), output (dots)")
        axis.set_xlabel("x")
    return figure


@settings
class ProbeOutputsOptions(OneVariant):
    reference_split: str | None = setting("the split whose first target is drawn as the trained curve; unset: none",
                                          None)
    count: PositiveInt = setting("probes drawn per panel", 12)
    show_inputs: bool = setting("draw each probe's input too", True)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=ProbeOutputsOptions,
    caption="Probe inputs the model was not trained on (dashed) beside what the model returns for them (solid). "
    "An identity model would draw each solid line over its dashed one.",
)
def probe_outputs(data, options):
    """Each probe input (dashed, if ``show_inputs``) beside the model's output (solid),
    one panel per listed probe split; the trained target as a black dotted reference."""
    variant = options["variant"]
    reference = options.get("reference_split")
    splits = [s for s in data.datasets if s != reference]
    figure, axes = panels(len(splits))
    for axis, split in zip(axes, splits):
        arrays, outputs = data.datasets[split], data.predictions[variant][split]["outputs"]
        for index in range(min(options["count"], len(outputs))):
            line = axis.plot(arrays["x"], outputs[index, :, 0], linewidth=1.5)[0]
            if options["show_inputs"]:
                axis.plot(arrays["x"], arrays["inputs"][index, :, -1], "--", linewidth=1, color=line.get_color())
        if reference:
            axis.plot(arrays["x"], data.datasets[reference]["targets"][0, :, 0], "k:", linewidth=2, label="trained target")
            axis.legend(loc="lower left")
        axis.set_title(f"{split}: output (solid)" + (", input (dashed)" if options["show_inputs"] else ""))
        axis.set_xlabel("x")
    return figure


@settings
class SnapshotsOptions(OneVariant):
    epochs: Annotated[list[PositiveInt], MinLen(1)] | None = setting(
        "the snapshot epochs drawn (those taken); unset: every one", None)
    count: PositiveInt = setting("inputs drawn per epoch (of those taken)", 3)


@declare(
    PLOTS,
    reads=(SNAPSHOTS,),
    splits=False,
    options=SnapshotsOptions,
    caption="Reconstructions of a few validation inputs at chosen epochs during training: how the fit develops "
    "(the write-up shows these as animations).",
)
def snapshots(data, options):
    """Reconstructions of a few validation inputs at the epochs taken during training
    (``epochs``: which of them, default all)."""
    variant = options["variant"]
    shots = data.snapshots[variant]
    taken = list(shots["epochs"])
    wanted = [e for e in options.get("epochs") or taken if e in taken] or taken[-1:]
    figure, axes = panels(len(wanted))
    for axis, epoch in zip(axes, wanted):
        _draw_snapshot(axis, shots, epoch, f"{variant}, epoch {epoch}", options["count"])
    return figure


def _draw_snapshot(axis, shots, epoch, title, count=None):
    """The snapshot inputs' targets (lines) and the model's outputs at ``epoch`` (dots
    of the same colour): the first ``count`` of them (default all)."""
    x = np.linspace(0, 1, shots["targets"].shape[1])
    outputs = shots["outputs"][list(shots["epochs"]).index(epoch)]
    for index in range(min(count or len(outputs), len(outputs))):
        line = axis.plot(x, shots["targets"][index, :, 0], linewidth=1.5)[0]
        axis.scatter(x, outputs[index, :, 0], s=6, color=line.get_color())
    axis.set_title(title)
    axis.set_xlabel("x")


SweepPart = Annotated[list[Annotated[NonNegative, Le(1)]], Len(2, 2)]


@settings
class PhaseCurveOptions(OneVariant):
    fraction: SweepPart = setting("[low, high]: the part of the sweep drawn, in [0, 1]", factory=lambda: [0.0, 1.0])


@settings
class LatentSweepOptions(PhaseCurveOptions):
    reference_sine: bool = setting("draw sin(2 pi x) too", False)


def _sweep(data, options):
    variant = options["variant"]
    sweep = data.predictions[variant]["sweep"]
    low, high = options["fraction"]
    position = np.linspace(0, 1, len(sweep["latent"]))
    keep = (position >= low - 1e-9) & (position <= high + 1e-9)
    return variant, sweep["x"], sweep["latent"][keep], sweep["outputs"][keep, :, 0]


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    splits=False,
    options=LatentSweepOptions,
    caption="Waves decoded from a sweep of the single latent value across the range the encoder produced on the "
    "training set.",
)
def latent_sweep(data, options):
    """Waves decoded from a sweep of the one latent value over the part (``fraction``)
    of the range the encoder produced on the training set; blue dots: sin(2 pi x)."""
    plt = pyplot()
    variant, x, latent, waves = _sweep(data, options)
    figure, [axes] = panels(1, width=7, height=4.5)
    colors = plt.get_cmap("viridis")(np.linspace(0, 1, len(latent)))
    for wave, color in zip(waves, colors):
        axes.plot(x, wave, color=color, linewidth=1.2)
    if options["reference_sine"]:
        axes.scatter(x, np.sin(2 * np.pi * x), s=6, color="tab:blue", label="sin(2 pi x)")
        axes.legend(loc="lower left")
    axes.set_title(f"{variant}: decoded latent {latent.min():.3g} ... {latent.max():.3g}")
    axes.set_xlabel("x")
    return figure


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    splits=False,
    options=PhaseCurveOptions,
    caption="The phase fitted (least squares against sin(2 pi x + phi)) to each decoded wave of the sweep, "
    "against the latent value: monotonic means the latent value orders the waves by phase.",
)
def phase_curve(data, options):
    """The phase fitted to each decoded wave against the latent value."""
    variant, x, latent, waves = _sweep(data, options)
    phases, _ = fit_phase(x, waves)
    figure, [axes] = panels(1, width=6, height=4)
    axes.plot(latent, np.unwrap(phases), "o-")
    for level, label in ((0, "sine"), (np.pi / 2, "cosine")):
        axes.axhline(level, color="grey", linestyle=":")
        axes.annotate(label, (latent.min(), level), va="bottom")
    axes.set_xlabel("latent value")
    axes.set_ylabel("fitted phase (rad)")
    axes.set_title(f"{variant}: phase of the decoded wave")
    return figure


@declare(
    PLOTS,
    reads=(SNAPSHOTS,),
    splits=False,
    format=GIF,
    caption="An animation of the fit over training: a few validation inputs (lines) and the model's outputs "
    "(dots) at each epoch a snapshot was taken, one panel per variant.",
)
def training_animation(data, options):
    """One frame per snapshot epoch that every drawn variant has, one panel per variant
    (the figure entry's ``variants``, default every one)."""
    from matplotlib.animation import FuncAnimation

    variants = sorted(data.snapshots)
    epochs = sorted(set.intersection(*(set(data.snapshots[v]["epochs"].tolist()) for v in variants)))
    figure, axes = panels(len(variants))
    low, high = _limits([data.snapshots[v] for v in variants])

    def frame(index):
        for axis, variant in zip(axes, variants):
            axis.clear()
            _draw_snapshot(axis, data.snapshots[variant], epochs[index], f"{variant}, epoch {epochs[index]}")
            axis.set_ylim(low, high)
        return []

    return FuncAnimation(figure, frame, frames=len(epochs), blit=False)


def _limits(shots: list) -> tuple:
    """Fixed y limits over every frame, so that the axes do not jump."""
    values = np.concatenate([np.ravel(s[key]) for s in shots for key in ("targets", "outputs")])
    margin = 0.05 * max(np.ptp(values), 1e-6)
    return float(values.min() - margin), float(values.max() + margin)
