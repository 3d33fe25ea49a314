"""Loss per example against the noise floor, at the end and after the first epoch; the
one-batch check of write-up 002 (lines 308-377); the counts it prints; and the period
and amplitude of the free-running signal, a record."""

import numpy as np

from lstm_toys.evaluation.scores import regression_scores

ONE_BATCH_PRINTED = 26  # the steps of 002's one-batch check whose losses it prints (lines 352-377)


def dominant_period(signal, dt) -> float:
    """The period (in time units) of the sine that fits the signal best: the spectrum's
    strongest non-zero bin, refined by least squares between its neighbours (a 980-sample
    spectrum alone reads only 0.98 or 0.89 near a period of 1)."""
    centred = np.asarray(signal, dtype=np.float64) - np.mean(signal)
    spectrum = np.abs(np.fft.rfft(centred * np.hanning(len(centred))))
    frequencies = np.fft.rfftfreq(len(centred), d=dt)
    peak = 1 + np.argmax(spectrum[1:])
    time = np.arange(len(centred)) * dt
    candidates = np.linspace(frequencies[peak - 1], frequencies[min(peak + 1, len(frequencies) - 1)], 401)
    candidates = candidates[candidates > 0]

    def explained(frequency):
        basis = np.stack([np.sin(2 * np.pi * frequency * time), np.cos(2 * np.pi * frequency * time)], axis=1)
        coefficients, *_ = np.linalg.lstsq(basis, centred, rcond=None)
        return float(np.sum((basis @ coefficients) ** 2))

    return float(1.0 / max(candidates, key=explained))


def first_epoch_mse(snapshots) -> dict:
    """The dev MSE after the first epoch, from the snapshot of every dev window."""
    epochs = list(snapshots["epochs"])
    if 1 not in epochs:
        return {}
    error = snapshots["outputs"][epochs.index(1)].astype(np.float64) - snapshots["targets"]
    return {"val_mse_after_first_epoch": float(np.mean(error**2))}


def one_batch(snapshots) -> dict:
    """The one-batch check: its loss after the printed steps over its first loss."""
    losses = snapshots.get("one_batch_loss")
    if losses is None or len(losses) < ONE_BATCH_PRINTED:
        return {}
    return {"one_batch_loss_ratio": float(losses[ONE_BATCH_PRINTED - 1] / losses[0])}


def compute(spec: dict, datasets: dict, predictions: dict, history: dict, snapshots: dict) -> dict:
    options, batch_size = spec["data_options"], spec["training"]["batch_size"]
    metrics = {}
    for split, arrays in datasets.items():
        scores = regression_scores(arrays["targets"], predictions[split]["outputs"])
        # the summed squared error divided by the number of examples, as the write-up reports it
        scores["loss_per_example"] = scores["mse"]
        scores["noise_floor"] = options["noise"] ** 2
        # examples and whole batches, as 002 prints them for each split (lines 255-268)
        scores["n"] = len(arrays["targets"])
        scores["whole_batches"] = len(arrays["targets"]) // batch_size
        metrics[split] = scores
    # every window start once, and the values of the network's state for a batch (002: 165, 265)
    layers = spec["model"]["layers"]
    metrics["data"] = {"windows": sum(len(arrays["targets"]) for arrays in datasets.values()),
                       "state_values": batch_size * 2 * sum(layers)}
    generation = predictions["generation"]
    dt = float(np.diff(generation["time"][:2])[0])
    # samples_<n>: write-up 002's generation (generation_<n>); stepper_<n>: the one-sample stepper's
    for key in sorted(k for k in generation if k.startswith(("samples_", "stepper_"))):
        generated = generation[key][20:]
        way, length = key.split("_")
        metrics[f"generation_{length}" if way == "samples" else f"generation_stepper_{length}"] = {
            "period": dominant_period(generated, dt),
            "amplitude_last_200": float(np.ptp(generated[-200:]) / 2),
        }
    if history:
        metrics["training"] = {"final_loss": float(history["loss"][-1]), "final_val_loss": float(history["val_loss"][-1]),
                               **first_epoch_mse(snapshots), **one_batch(snapshots)}
    return metrics
