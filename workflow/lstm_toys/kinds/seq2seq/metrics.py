"""Per split: the error against the target (absolute, over the trivial baseline, and over
the plotted range); for the probes of the sine model, what write-up 000 looks at in
its figures (lines 48-81): whether lines come out bent and grow by a common factor,
whether the valley stays, whether the frequency is copied after x = 0.2 and the amplitude
is not, and whether the part before x = 0.2 follows the rest. And how many epochs the
model took to fit (the visual criterion on the validation loss)."""

import numpy as np

from lstm_toys.evaluation.scores import error_over_range, mean_baseline, plotted_range, regression_scores
from lstm_toys.evaluation.verdicts import VISIBLE
from lstm_toys.evaluation.waves import crossings, line_fits, sine_fits_at

LATE_FROM = 0.2  # the write-up: "except for the first part between 0.0 to 0.2" (000:81)
ENOUGH_CROSSINGS = 3  # 1.5 cycles after x = 0.2: a frequency is read from them, not from a half-cycle


def _spread_ratio(outputs, inputs) -> float:
    """How much the outputs' values spread over the probes, against the inputs' spread."""
    spread = np.ptp(inputs)
    return float(np.ptp(outputs) / spread) if spread > 0 else float("nan")


def _median(values) -> float:
    values = [v for v in values if np.isfinite(v)]
    return float(np.median(values)) if values else float("nan")


def probe_scores(x, inputs, outputs, frequencies) -> dict:
    """``inputs``, ``outputs`` (n, timesteps) of one probe split; ``frequencies`` of its
    sines (1 where it has none)."""
    late, early = x >= LATE_FROM, x < LATE_FROM
    span = plotted_range(inputs, outputs)  # a panel of the write-up's probe figures
    in_slopes, _ = line_fits(x[late], inputs[:, late])
    out_slopes, _ = line_fits(x[late], outputs[:, late])
    _, bends = line_fits(x, outputs)
    in_crossings, out_crossings = crossings(inputs[:, late]), crossings(outputs[:, late])
    eligible = in_crossings >= ENOUGH_CROSSINGS
    in_amplitudes, _ = sine_fits_at(x[late], inputs[:, late], frequencies)
    out_amplitudes, fitted = sine_fits_at(x[late], outputs[:, late], frequencies)
    departures = [np.sqrt(np.mean((output[early] - fit(x[early])) ** 2)) for output, fit in zip(outputs, fitted)]
    return {
        "bend_over_range": _median(bends / span),
        "slope_spread_ratio": _spread_ratio(out_slopes, in_slopes),
        "valley_depth_spread_ratio": _spread_ratio(outputs.min(axis=1), inputs.min(axis=1)),
        "valley_position_spread_ratio": _spread_ratio(x[outputs.argmin(axis=1)], x[inputs.argmin(axis=1)]),
        "crossings_gap": _median(np.abs(out_crossings - in_crossings)[eligible]) if eligible.any() else float("nan"),
        "amplitude_error_over_range": _median(np.abs(out_amplitudes - in_amplitudes) / (2 * in_amplitudes)),
        "start_departure_over_range": _median(np.array(departures) / span),
    }


def epochs_to_fit(history: dict, span: float) -> float:
    """The first epoch whose validation MSE meets the visual criterion (RMSE under a
    tenth of the plotted range); the epochs trained + 1 if none does."""
    fitted = np.nonzero(history["val_loss"] <= (VISIBLE * span) ** 2)[0]
    return float(fitted[0] + 1) if len(fitted) else float(len(history["val_loss"]) + 1)


def compute(spec: dict, datasets: dict, predictions: dict, history: dict, snapshots: dict) -> dict:
    # every training target is the same clean curve, so its mean curve is the answer
    # itself; the trivial baseline is a flat line at its mean value
    baseline = mean_baseline(datasets["train"]["targets"], per_position=False)
    metrics = {}
    for split, arrays in datasets.items():
        outputs = predictions[split]["outputs"]
        scores = regression_scores(arrays["targets"], outputs, baseline)
        scores["n"] = len(outputs)
        scores["error_over_range"] = error_over_range(arrays["targets"], outputs)
        if split.startswith("probe"):
            names = list(arrays["factor_names"])
            frequencies = arrays["factors"][:, names.index("frequency")] if "frequency" in names else np.ones(len(outputs))
            scores.update(probe_scores(arrays["x"], arrays["inputs"][:, :, -1], outputs[:, :, 0], frequencies))
        metrics[split] = scores
    if history:
        span = plotted_range(datasets["val"]["targets"])
        metrics["training"] = {"final_loss": float(history["loss"][-1]), "final_val_loss": float(history["val_loss"][-1]),
                               "epochs_to_fit": epochs_to_fit(history, span)}
    return metrics
