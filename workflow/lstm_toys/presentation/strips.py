"""Claims over replicates, at a glance: one strip per claim, a dot per replicate
against the threshold, the median and its interval, coloured by the verdict."""

import numpy as np

from lstm_toys.presentation.figures import pyplot
from lstm_toys.presentation.strip_geometry import log_scale
from lstm_toys.presentation.verdict_colours import STRONG


def draw_strip(axis, verdict: dict) -> None:
    values = [v for v in verdict["values"] if v is not None]
    colour = STRONG[verdict["verdict"]]
    # replicates spread vertically by their number, so equal values stay visible
    heights = np.linspace(-0.25, 0.25, len(verdict["values"])) if len(verdict["values"]) > 1 else [0.0]
    for height, value in zip(heights, verdict["values"]):
        if value is not None:
            axis.plot(value, height, "o", color=colour, alpha=0.8, markersize=6)
    if verdict["interval"] and verdict["statistic"] != "rate":
        axis.axvspan(*verdict["interval"], color=colour, alpha=0.15, lw=0)
    rate = verdict["statistic"] == "rate"
    if verdict["measured"] is not None and not rate:  # a rate's interval is of a share, not of these values
        axis.plot([verdict["measured"]] * 2, [-0.4, 0.4], color=colour, lw=2)
    axis.axvline(verdict["threshold"], color="black", ls="--", lw=1)
    if log_scale(values + [verdict["threshold"]]):
        axis.set_xscale("log")
    diverged = sum(1 for value, judged in zip(verdict["values"], verdict["judged"]) if judged and value is None)
    axis.set_ylim(-0.5, 0.5)
    axis.set_yticks([])
    axis.set_title(f"{verdict['claim']}: {summary_text(verdict)}" + (f" ({diverged} not finite)" if diverged else ""),
                   fontsize=9, loc="left")


def summary_text(verdict: dict) -> str:
    """k of n, the median (or the share) and its interval, the verdict: one line."""
    interval = "" if not verdict["interval"] else " [{:.3g}, {:.3g}]".format(*verdict["interval"])
    judged = f" judged (of {len(verdict['judged'])})" if not all(verdict["judged"]) else ""
    if verdict["statistic"] == "rate":
        return (f"{verdict['passing']}/{verdict['replicates']} runs {verdict['comparison']} {verdict['threshold']:.4g}, "
                f"share{interval} vs {verdict['share']:g}: {verdict['verdict']}")
    median = "n/a" if verdict["measured"] is None else f"{verdict['measured']:.3g}"
    return (f"{verdict['passing']}/{verdict['replicates']}{judged} {verdict['comparison']} {verdict['threshold']:.4g}, "
            f"median {median}{interval}: {verdict['verdict']}")


def claims_figure(document: dict):
    """The figure of one experiment's claims document (``results/claims/<e>.json``)."""
    plt = pyplot()
    verdicts = document["claims"]
    if not verdicts:
        figure = plt.figure(figsize=(7, 1))
        figure.text(0.5, 0.5, f"{document['experiment']}: no claims", ha="center")
        return figure
    figure, axes = plt.subplots(len(verdicts), 1, figsize=(7, 0.3 + 1.1 * len(verdicts)), squeeze=False)
    for axis, verdict in zip(axes[:, 0], verdicts):
        draw_strip(axis, verdict)
    figure.suptitle(f"{document['experiment']}: claims over replicates (dashed: threshold)", fontsize=10)
    figure.tight_layout()
    return figure
