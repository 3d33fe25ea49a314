"""Section F's figure: expected against predicted tokens on fresh sequences."""

import numpy as np

from lstm_toys.presentation.figures import PREDICTIONS, OneVariant, declare
from lstm_toys.presentation.plots import PLOTS as SHARED_PLOTS
from lstm_toys.presentation.plots import panels
from lstm_toys.settings import PositiveInt, setting, settings

PLOTS = {**SHARED_PLOTS}  # the shared plots, and this kind's own below


@settings
class ExpectedVsPredictedOptions(OneVariant):
    count: PositiveInt = setting("windows drawn", 12)


@declare(
    PLOTS,
    reads=(PREDICTIONS,),
    options=ExpectedVsPredictedOptions,
    caption="Echoed tokens on fresh random sequences: expected (circles) and predicted (crosses) per window "
    "position; a cross off its circle is a wrong token.",
)
def expected_vs_predicted(data, options):
    """The first ``count`` windows: each output position's expected token (circle) and
    predicted token (cross); a cross inside its circle is right."""
    arrays = data.datasets["val"]
    predicted = data.predictions[options["variant"]]["val"]["outputs"].argmax(-1)
    expected = arrays["targets"][: len(predicted)].argmax(-1)
    count = min(options["count"], len(predicted))
    n_out = expected.shape[1]
    figure, [axes] = panels(1, width=min(3 + count * n_out / 6, 18), height=4)
    positions = np.arange(count * n_out)
    axes.scatter(positions, expected[:count].ravel(), s=60, facecolors="none", edgecolors="tab:blue", label="expected")
    axes.scatter(positions, predicted[:count].ravel(), marker="x", color="tab:red", label="predicted")
    for boundary in range(n_out, count * n_out, n_out):
        axes.axvline(boundary - 0.5, color="grey", linewidth=0.5)
    axes.set_xlabel(f"output position ({n_out} per window, windows in order)")
    axes.set_ylabel("token")
    axes.legend(loc="upper right")
    return figure
