"""Training one model variant: compiled epochs, a log line each, a stop on divergence."""

import math
import time

import numpy as np

from . import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402

from .steps import CompiledSteps, epoch_loss, stacked_batches, uses_xla  # noqa: E402

OPTIMIZERS = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop, "sgd": keras.optimizers.SGD}


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite."""


class EpochLog:
    """One progress line per epoch, a history row, and a stop on a non-finite loss."""

    def __init__(self, name: str, epochs: int, logger):
        self.name, self.epochs, self.logger = name, epochs, logger
        self.rows = []

    def add(self, epoch: int, loss: float, val_loss: float, seconds: float, val_name: str = "val_loss") -> None:
        self.rows.append({"epoch": epoch, "loss": loss, "val_loss": val_loss, "seconds": seconds})
        self.logger.info("%s epoch %d/%d loss=%.6g %s=%.6g seconds=%.2f",
                         self.name, epoch, self.epochs, loss, val_name, val_loss, seconds)
        if not (math.isfinite(loss) and math.isfinite(val_loss)):
            raise TrainingDiverged(f"{self.name}: training diverged at epoch {epoch} "
                                   f"(loss={loss}, val_loss={val_loss}); lower the learning rate")


def snapshot_arrays(epochs: list, inputs, outputs: list, targets) -> dict:
    """The model's outputs for a few validation inputs at chosen epochs, to show how
    a reconstruction forms over training."""
    stacked = np.stack(outputs) if outputs else np.zeros((0, *targets.shape), dtype=np.float32)
    return {"epochs": np.array(epochs, dtype=np.int64), "inputs": inputs, "targets": targets, "outputs": stacked}


def build_optimizer(training: dict):
    return OPTIMIZERS[training["optimizer"]](learning_rate=training["learning_rate"])


def build_loss(training: dict):
    """``mse`` (mean over the batch), ``sse`` (summed squared error over the batch, as
    the next-step seed trains), ``categorical_crossentropy``."""
    name = training.get("loss", "mse")
    return keras.losses.MeanSquaredError(reduction="sum") if name == "sse" else name


def steps_per_epoch(spec: dict, train: dict) -> int:
    return math.ceil(len(train["inputs"]) / spec["training"]["batch_size"])


def fit(model, spec: dict, train: dict, val: dict, logger) -> tuple:
    """Train ``model`` in place as ``model.fit(..., shuffle=True)`` with validation
    would, one compiled call per epoch (see ``steps``); returns one history row per
    epoch, and the snapshots."""
    training = spec["training"]
    batch_size, samples = training["batch_size"], len(train["inputs"])
    xla = uses_xla(training, steps_per_epoch(spec, train))
    compiled = CompiledSteps(model, build_optimizer(training), training.get("loss", "mse"), xla=xla)
    logger.info("%s/%s: one %s call per epoch", spec["experiment"], spec["variant"], "XLA" if xla else "graph")
    val_stacks, val_weights = stacked_batches([val["inputs"], val["targets"]], np.arange(len(val["inputs"])), batch_size)
    shuffle = np.random.default_rng(spec["seed"])
    progress = EpochLog(f"{spec['experiment']}/{spec['variant']}", training["epochs"], logger)
    wanted = training.get("snapshots", {"epochs": [], "count": 0})
    shot_inputs, shot_epochs, shots = val["inputs"][: wanted["count"]], [], []
    for epoch in range(1, training["epochs"] + 1):
        started = time.perf_counter()
        stacks, weights = stacked_batches([train["inputs"], train["targets"]], shuffle.permutation(samples), batch_size)
        loss = epoch_loss(compiled.train(*stacks, weights).numpy(), weights)
        val_loss = epoch_loss(compiled.evaluate(*val_stacks, val_weights).numpy(), val_weights)
        progress.add(epoch, loss, val_loss, time.perf_counter() - started)
        if epoch in wanted["epochs"]:
            shot_epochs.append(epoch)
            shots.append(model.predict(shot_inputs, verbose=0))
    return progress.rows, snapshot_arrays(shot_epochs, shot_inputs, shots, val["targets"][: wanted["count"]])


def build_model(family, spec: dict, train: dict):
    """The kind's model for this variant, shaped by the training data."""
    return family.build(spec["model"], train["inputs"].shape[1:], train["targets"].shape[1:])


def fit_of(family):
    """How the kind trains: its own ``fit`` (e.g. the stateful echo loop), or ``fit``."""
    return getattr(family, "fit", fit)


def steps_per_epoch_of(family):
    """The training steps in one of the kind's epochs (what ``fit_of`` runs)."""
    return getattr(family, "steps_per_epoch", steps_per_epoch)
