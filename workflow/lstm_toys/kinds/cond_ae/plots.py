"""Section E's figures: both classes' signals, reconstructions per class, features per class."""

import numpy as np

from lstm_toys.presentation.figures import PREDICTIONS, OneVariant, declare
from lstm_toys.presentation.plots import PLOTS as SHARED_PLOTS
from lstm_toys.presentation.plots import panels
from lstm_toys.settings import NonNegativeInt, PositiveInt, setting, settings

COLORS = ("red", "blue")


PLOTS = {**SHARED_PLOTS}  # the shared plots, and this kind's own below


@declare(
    PLOTS,
    caption="Both classes of noisy sines, 20 and 80 samples per cycle, as generated.",
)
def sin_plot(data, options):
    """The first samples of each class's signal (class 0 has 4x the frequency)."""
    signals = data.datasets["train"]["class_signals"]
    figure, [axes] = panels(1, width=7, height=4)
    for label, signal in enumerate(signals):
        axes.plot(signal, color=COLORS[label % 2], label=f"class {label}")
    axes.legend(loc="upper right")
    axes.set_xlabel("sample")
    return figure


def _class_rows(arrays, label):
    return np.nonzero(arrays["factors"][:, 0] == label)[0]


@settings
class ClassOptions(OneVariant):
    label: NonNegativeInt = setting("the class drawn", key="class")


@settings
class ReconstructionsOptions(ClassOptions):
    split: str = setting("the split whose windows are drawn, one the figure lists", "train")
    start: NonNegativeInt = setting("the first of the class's windows drawn", 0)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=ReconstructionsOptions,
    caption="The autoencoder's reconstruction (red) over its input (blue), for windows of one class.",
)
def reconstructions(data, options):
    """Five windows of one ``class``: red reconstruction over the blue input."""
    split = options["split"]
    arrays = data.datasets[split]
    outputs = data.predictions[options["variant"]][split]["outputs"]
    rows = _class_rows(arrays, options["class"])[options["start"] :][:5]
    figure, [axes] = panels(1, width=7, height=4)
    for row in rows:
        axes.plot(outputs[row, :, 0], color="red", linewidth=1)
        axes.plot(arrays["inputs"][row, :, 0], color="blue", linewidth=1)
    axes.set_title(f"class {options['class']}: reconstruction (red) over input (blue)")
    axes.set_xlabel("time step")
    return figure


@settings
class HiddenFeaturesOptions(ClassOptions):
    cycle: PositiveInt = setting("windows in one cycle of the class")


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=HiddenFeaturesOptions,
    caption="The encoder's final hidden state (10 features, computed by the NumPy LSTM) over the windows of one "
    "cycle, for one class.",
)
def hidden_features(data, options):
    """The encoder features of consecutive windows over one cycle of one ``class``."""
    arrays = data.datasets["train"]
    features = data.predictions[options["variant"]]["train"]["numpy_features"]
    rows = _class_rows(arrays, options["class"])[: options["cycle"]]
    figure, [axes] = panels(1, width=7, height=4)
    axes.plot(features[rows])
    axes.set_title(f"class {options['class']}: the {features.shape[1]} features over one cycle")
    axes.set_xlabel("window (shifted by one sample)")
    return figure
