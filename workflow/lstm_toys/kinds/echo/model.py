"""Stateful LSTMs that echo one-hot integer windows, trained as in the write-up: every epoch
a fresh random sequence, its windows fed in order, states reset after the epoch.

``architecture: whole``: LSTM(units, sequences) -> TimeDistributed(Dense(classes, softmax)).
``architecture: seq2seq``: LSTM(units) -> RepeatVector(n_out) -> LSTM(units, sequences)
-> TimeDistributed(Dense(classes, softmax)). Batch size ``batch`` is part of the model
(stateful layers keep one state per batch row)."""

import keras
import numpy as np

from lstm_toys.data.streams import echo_windows
from lstm_toys.training.fit import EpochLog, build_optimizer, run_name
from lstm_toys.training.recurrent import lstm
from lstm_toys.training.steps import CompiledSteps, reset_states, uses_xla


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    n_out, classes = int(target_shape[0]), int(target_shape[-1])
    inputs = keras.Input(batch_shape=(spec["batch"], *input_shape), name="tokens")
    if spec["architecture"] == "whole":
        hidden = lstm(spec["units"], spec, return_sequences=True, stateful=True, name="lstm")(inputs)
    else:
        hidden = lstm(spec["units"], spec, stateful=True, name="encoder")(inputs)
        hidden = keras.layers.RepeatVector(n_out, name="repeat")(hidden)
        hidden = lstm(spec["units"], spec, return_sequences=True, stateful=True, name="decoder")(hidden)
    dense = keras.layers.Dense(classes, activation="softmax", name="token")
    outputs = keras.layers.TimeDistributed(dense, name="per_step")(hidden)
    return keras.Model(inputs, outputs, name=f"echo_{spec['architecture']}")


def run_sequence(model, inputs):
    """The outputs of one sequence's windows, fed in order ``batch`` at a time with the
    state carried; the states are reset afterwards."""
    batch = model.inputs[0].shape[0]
    outputs = [model.predict_on_batch(inputs[start : start + batch])
               for start in range(0, len(inputs) - batch + 1, batch)]
    reset_states(model)
    return np.concatenate(outputs)


def sequence_outputs(model, inputs, windows: int):
    """``run_sequence`` over consecutive sequences of ``windows`` windows each."""
    return np.concatenate([run_sequence(model, inputs[s : s + windows]) for s in range(0, len(inputs), windows)])


def token_accuracy(model, inputs, targets, windows: int) -> float:
    predicted = sequence_outputs(model, inputs, windows).argmax(-1)
    return float((predicted == targets[: len(predicted)].argmax(-1)).mean())


def fresh_sequences(rng, options: dict, count: int, batch: int) -> list:
    """``count`` fresh sequences drawn one after another (as the write-up draws one per
    epoch), each cut into its whole batches of windows: ``[count x batches, batch, ...]``
    inputs and targets. Windows that do not fill a batch are left out."""
    sequences = [echo_windows(rng, options, 1) for _ in range(count)]
    usable = len(sequences[0]["inputs"]) // batch * batch
    return [np.concatenate([s[key][:usable] for s in sequences]).reshape(-1, batch, *sequences[0][key].shape[1:])
            for key in ("inputs", "targets")]


def windows_per_sequence(options: dict) -> int:
    return options["length"] - options["n_in"] + 1


def steps_per_epoch(spec: dict, train: dict) -> int:
    """The whole batches of windows in one sequence (one epoch); the batch is the
    model's, whose stateful layers keep one state per batch row."""
    return windows_per_sequence(spec["data_options"]) // spec["model"]["batch"]


def fit(model, spec: dict, train: dict, val: dict, logger) -> tuple:
    """The write-up's loop, compiled: every epoch one fresh sequence, its batches fed
    in order with the states carried, the states reset between sequences. One
    compiled call trains the ``log_every`` epochs between two progress lines; the
    log callback sees the last epoch of each call (or the first that diverged)."""
    training, options = spec["training"], spec["data_options"]
    batch, per_sequence = spec["model"]["batch"], steps_per_epoch(spec, train)
    xla = uses_xla({**training, "batch_size": batch}, per_sequence)
    loss = training["loss"]
    compiled = CompiledSteps(model, build_optimizer(training), loss, per_sequence, xla)
    rng = np.random.default_rng(spec["seed"])
    progress = EpochLog(run_name(spec), training["epochs"], logger, "val_token_error")
    callbacks = keras.callbacks.CallbackList([progress], model=model)
    every = training["log_every"]
    logger.info("%s: one %s call per %d epochs", progress.name, "XLA" if xla else "graph", every)
    for first in range(0, training["epochs"], every):  # epochs counted from 0, as Keras does
        count = min(every, training["epochs"] - first)
        callbacks.on_epoch_begin(first)
        inputs, targets = fresh_sequences(rng, options, count, batch)
        losses = compiled.train(inputs, targets, np.ones(inputs.shape[:2], dtype=np.float32)).numpy()
        reset_states(model)
        losses = losses.reshape(count, per_sequence).mean(axis=1)
        diverged = np.flatnonzero(~np.isfinite(losses))
        if diverged.size:  # logs the first non-finite epoch and raises TrainingDiverged
            callbacks.on_epoch_end(first + int(diverged[0]), {"loss": float(losses[diverged[0]])})
        accuracy = token_accuracy(model, val["inputs"], val["targets"], windows_per_sequence(options))
        callbacks.on_epoch_end(first + count - 1, {"loss": float(losses[-1]), "val_token_error": 1 - accuracy})
    return progress.rows, {"epochs": np.zeros(0, dtype=np.int64)}
