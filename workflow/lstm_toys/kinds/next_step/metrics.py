"""Loss per example against the noise floor, and the period and amplitude of the
free-running signal."""

import numpy as np

from lstm_toys.evaluation.scores import regression_scores


def dominant_period(signal, dt) -> float:
    """The period (in time units) of the strongest non-zero frequency."""
    centred = np.asarray(signal, dtype=np.float64) - np.mean(signal)
    spectrum = np.abs(np.fft.rfft(centred * np.hanning(len(centred))))
    frequencies = np.fft.rfftfreq(len(centred), d=dt)
    peak = 1 + np.argmax(spectrum[1:])
    return float(1.0 / frequencies[peak])


def compute(spec: dict, datasets: dict, predictions: dict, history: dict) -> dict:
    options = spec["data_options"]
    metrics = {}
    for split, arrays in datasets.items():
        scores = regression_scores(arrays["targets"], predictions[split]["outputs"])
        # the summed squared error divided by the number of examples, as the write-up reports it
        scores["loss_per_example"] = scores["mse"]
        scores["noise_floor"] = options["noise"] ** 2
        # examples and whole batches, as 002 prints them for each split (lines 255-268)
        scores["n"] = len(arrays["targets"])
        scores["whole_batches"] = len(arrays["targets"]) // spec["training"]["batch_size"]
        metrics[split] = scores
    generation = predictions["generation"]
    dt = float(np.diff(generation["time"][:2])[0])
    # samples_<n>: write-up 002's generation (generation_<n>); stepper_<n>: the one-sample stepper's
    for key in sorted(k for k in generation if k.startswith(("samples_", "stepper_"))):
        generated = generation[key][20:]
        tail = generated[-200:]
        way, length = key.split("_")
        metrics[f"generation_{length}" if way == "samples" else f"generation_stepper_{length}"] = {
            "period": dominant_period(generated, dt),
            "amplitude_last_200": float(np.ptp(tail) / 2),
        }
    if history:
        metrics["training"] = {"final_loss": float(history["loss"][-1]), "final_val_loss": float(history["val_loss"][-1])}
    return metrics
