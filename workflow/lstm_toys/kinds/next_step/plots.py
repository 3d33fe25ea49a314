"""Section D's figures: the training signal, free-running generation, loss curves."""

import numpy as np

from typing import Literal

from lstm_toys.presentation.figures import PREDICTIONS, OneVariant, declare
from lstm_toys.presentation.plots import PLOTS as SHARED_PLOTS
from lstm_toys.presentation.plots import panels
from lstm_toys.settings import PositiveInt, setting, settings

PLOTS = {**SHARED_PLOTS}  # the shared plots, and this kind's own below


@settings
class SignalWindowOptions:
    count: PositiveInt = setting("samples drawn", 100)


@declare(
    PLOTS,
    options=SignalWindowOptions,
    caption="A window of the noisy training signal the next-step model learns from.",
)
def signal_window(data, options):
    """The first ``count`` samples of the noisy training signal."""
    arrays = data.datasets["train"]
    count = options["count"]
    figure, [axes] = panels(1, width=7, height=3.5)
    axes.plot(arrays["time_head"][:count], arrays["signal_head"][:count])
    axes.set_xlabel("t")
    axes.set_title("the training signal: sin(2 pi t) + noise")
    return figure


@settings
class GeneratedOptions(OneVariant):
    length: Literal[200, 1000] = setting("the generation drawn: of 200 or of 1000 samples")
    stepper: bool = setting("draw the one-sample stateful stepper's generation instead of write-up 002's (a window "
                            "and the states passed in each step)", False)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    splits=False,
    options=GeneratedOptions,
    caption="The free-running generator: primed with the first 20 samples of the signal (shaded), then fed its "
    "own predictions (red), against the clean sine (grey).",
)
def generated(data, options):
    """A free-running generation (``length`` samples) against the clean sine."""
    generation = data.predictions[options["variant"]]["generation"]
    length = options["length"]
    time = generation["time"][:length]
    figure, [axes] = panels(1, width=min(4 + length / 60, 18), height=3.5)
    axes.plot(time, np.sin(2 * np.pi * time), color="grey", linewidth=1, label="sin(2 pi t)")
    way = "stepper" if options["stepper"] else "samples"
    axes.plot(time, generation[f"{way}_{length}"], color="tab:red", linewidth=1.2, label="generated")
    axes.axvspan(time[0], time[19], color="tab:blue", alpha=0.15, label="primer (20 samples)")
    axes.set_xlabel("t")
    axes.legend(loc="lower left")
    return figure
