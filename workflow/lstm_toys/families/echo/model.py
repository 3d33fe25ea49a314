"""Stateful LSTMs that echo one-hot integer windows, trained as in the seed: every epoch
a fresh random sequence, its windows fed in order, states reset after the epoch.

``architecture: whole``: LSTM(units, sequences) -> TimeDistributed(Dense(classes, softmax)).
``architecture: seq2seq``: LSTM(units) -> RepeatVector(n_out) -> LSTM(units, sequences)
-> TimeDistributed(Dense(classes, softmax)). Batch size ``batch`` is part of the model
(stateful layers keep one state per batch row)."""

import math
import time

import keras
import numpy as np

from ...signals import echo_windows
from ...training import TrainingDiverged, build_optimizer


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    n_out, classes = int(target_shape[0]), int(target_shape[-1])
    inputs = keras.Input(batch_shape=(spec["batch"], *input_shape), name="tokens")
    if spec["architecture"] == "whole":
        hidden = keras.layers.LSTM(spec["units"], return_sequences=True, stateful=True, name="lstm")(inputs)
    else:
        hidden = keras.layers.LSTM(spec["units"], stateful=True, name="encoder")(inputs)
        hidden = keras.layers.RepeatVector(n_out, name="repeat")(hidden)
        hidden = keras.layers.LSTM(spec["units"], return_sequences=True, stateful=True, name="decoder")(hidden)
    dense = keras.layers.Dense(classes, activation="softmax", name="token")
    outputs = keras.layers.TimeDistributed(dense, name="per_step")(hidden)
    return keras.Model(inputs, outputs, name=f"echo_{spec['architecture']}")


def reset(model) -> None:
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_states()


def run_sequence(model, inputs, targets=None):
    """Feed one sequence's windows in order, ``batch`` at a time (training when targets
    are given); returns the outputs or the mean loss, then resets the states."""
    batch = model.inputs[0].shape[0]
    results = []
    for start in range(0, len(inputs) - batch + 1, batch):
        window = slice(start, start + batch)
        if targets is None:
            results.append(model.predict_on_batch(inputs[window]))
        else:
            results.append(float(np.ravel(model.train_on_batch(inputs[window], targets[window]))[0]))
    reset(model)
    return np.concatenate(results) if targets is None else float(np.mean(results))


def evaluate(model, inputs, targets, windows_per_sequence) -> dict:
    predicted = np.concatenate([run_sequence(model, inputs[s : s + windows_per_sequence])
                                for s in range(0, len(inputs), windows_per_sequence)])
    right = predicted.argmax(-1) == targets[: len(predicted)].argmax(-1)
    return {"token_accuracy": float(right.mean()), "sequence_accuracy": float(right.all(axis=1).mean())}


def fit(model, spec: dict, train: dict, val: dict, logger) -> tuple:
    """The seed's loop: ``epochs`` fresh sequences, each fed in order, states reset."""
    training, options = spec["training"], spec["data_options"]
    model.compile(optimizer=build_optimizer(training), loss="categorical_crossentropy")
    rng = np.random.default_rng(spec["seed"])
    windows = options["length"] - options["n_in"] + 1
    name, rows, started = f"{spec['experiment']}/{spec['variant']}", [], time.perf_counter()
    every = training.get("log_every", 250)
    for epoch in range(1, training["epochs"] + 1):
        data = echo_windows(rng, options, 1)
        loss = run_sequence(model, data["inputs"], data["targets"])
        if not math.isfinite(loss):
            raise TrainingDiverged(f"{name}: training diverged at epoch {epoch} (loss={loss}); lower the learning rate")
        if epoch % every == 0 or epoch == training["epochs"]:
            scores = evaluate(model, val["inputs"], val["targets"], windows)
            rows.append({"epoch": epoch, "loss": loss, "val_loss": 1 - scores["token_accuracy"],
                         "seconds": time.perf_counter() - started})
            logger.info("%s epoch %d/%d loss=%.4g val_token_error=%.4g seconds=%.2f", name, epoch,
                        training["epochs"], loss, rows[-1]["val_loss"], rows[-1]["seconds"])
            started = time.perf_counter()
    return rows, {"epochs": np.zeros(0, dtype=np.int64)}
