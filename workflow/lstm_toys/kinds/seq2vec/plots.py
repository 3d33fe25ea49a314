"""Section B's figures: training inputs, predicted amplitudes, predicted lines."""

import numpy as np

from lstm_toys.presentation.figures import PREDICTIONS, OneVariant, declare, pyplot
from lstm_toys.presentation.plots import PLOTS as SHARED_PLOTS
from lstm_toys.settings import PositiveInt, setting, settings

PLOTS = {**SHARED_PLOTS}  # the shared plots, and this kind's own below


@settings
class PredictedAmplitudeOptions(OneVariant):
    count: PositiveInt = setting("out-of-range sines drawn beside the scatter", 5)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=PredictedAmplitudeOptions,
    caption="Predicted against true amplitude over the validation and out-of-range sets; the grey diagonal is a "
    "perfect prediction and the dotted line marks the end of the training range. Beside it, out-of-range "
    "sines (solid) and the sines of their predicted amplitudes (dotted).",
)
def predicted_amplitude(data, options):
    """Predicted against true amplitude for in-range and ood sines (left), and a few
    ood sines with the true (solid) and predicted (dotted) amplitude (right)."""
    plt = pyplot()
    predictions = data.predictions[options["variant"]]
    figure, (scatter, curves) = plt.subplots(1, 2, figsize=(11, 4.5))
    high = 0.0
    for split, arrays in data.datasets.items():
        true, predicted = arrays["targets"][:, 0], predictions[split]["outputs"][:, 0]
        scatter.scatter(true, predicted, s=8, label=split)
        high = max(high, float(true.max()))
    train_high = options["train_ranges"]["amplitude"][1]
    scatter.axvline(train_high, color="k", linestyle=":", label="end of training range")
    scatter.plot([0, high], [0, high], color="grey", linewidth=1, label="identity")
    scatter.set_xlabel("true amplitude")
    scatter.set_ylabel("predicted amplitude")
    scatter.legend()
    ood = [s for s in data.datasets if s != "val"][-1]
    arrays = data.datasets[ood]
    order = np.argsort(arrays["targets"][:, 0])
    picks = order[np.linspace(0, len(order) - 1, options["count"]).astype(int)]
    wave = np.sin(2 * np.pi * arrays["x"])
    for index in picks:
        line = curves.plot(arrays["x"], arrays["targets"][index, 0] * wave)[0]
        curves.plot(arrays["x"], predictions[ood]["outputs"][index, 0] * wave, ":", color=line.get_color())
    curves.set_title(f"{ood}: truth (solid) vs predicted amplitude (dotted)")
    curves.set_xlabel("x")
    return figure


@settings
class PredictedLinesOptions(OneVariant):
    count: PositiveInt = setting("lines drawn per split", 6)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=PredictedLinesOptions,
    caption="Lines rebuilt from the predicted slope and intercept (thick) over the true lines (thin), in and out "
    "of the training range.",
)
def predicted_lines(data, options):
    """Lines from every listed split: thin truth, thick line from the predicted (m, t)."""
    plt = pyplot()
    predictions = data.predictions[options["variant"]]
    splits = list(data.datasets)
    figure, axes = plt.subplots(1, len(splits), figsize=(4.5 * len(splits), 4), squeeze=False, sharey=True)
    for axis, split in zip(axes[0], splits):
        arrays = data.datasets[split]
        x, names = arrays["x"], list(arrays["factor_names"])
        slope_at, intercept_at = names.index("slope"), names.index("intercept")
        for index in range(min(options["count"], len(arrays["targets"]))):
            slope, intercept = arrays["targets"][index, [slope_at, intercept_at]]
            slope_hat, intercept_hat = predictions[split]["outputs"][index, [slope_at, intercept_at]]
            line = axis.plot(x, slope * x + intercept, linewidth=1)[0]
            axis.plot(x, slope_hat * x + intercept_hat, linewidth=4, alpha=0.5, color=line.get_color())
        axis.set_title(split)
        axis.set_xlabel("x")
    return figure
