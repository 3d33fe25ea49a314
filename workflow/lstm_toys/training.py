"""Training one model variant: compile, fit, log every epoch, stop on divergence."""

import math
import time

import numpy as np

from . import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402

OPTIMIZERS = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop, "sgd": keras.optimizers.SGD}


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite."""


class EpochLog(keras.callbacks.Callback):
    """One progress line per epoch, a history row, and a stop on a non-finite loss."""

    def __init__(self, name: str, epochs: int, logger):
        super().__init__()
        self.name, self.epochs, self.logger = name, epochs, logger
        self.rows = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        row = {
            "epoch": epoch + 1,
            "loss": float(logs.get("loss", math.nan)),
            "val_loss": float(logs.get("val_loss", math.nan)),
            "seconds": time.perf_counter() - self.started,
        }
        self.rows.append(row)
        self.logger.info(
            "%s epoch %d/%d loss=%.6g val_loss=%.6g seconds=%.2f",
            self.name, row["epoch"], self.epochs, row["loss"], row["val_loss"], row["seconds"],
        )
        if not (math.isfinite(row["loss"]) and math.isfinite(row["val_loss"])):
            raise TrainingDiverged(
                f"{self.name}: training diverged at epoch {row['epoch']} "
                f"(loss={row['loss']}, val_loss={row['val_loss']}); lower the learning rate"
            )


class Snapshots(keras.callbacks.Callback):
    """The model's outputs for a few validation inputs at chosen epochs, to show
    how a reconstruction forms over training."""

    def __init__(self, inputs, epochs):
        super().__init__()
        self.inputs, self.epochs = inputs, set(epochs)
        self.taken, self.outputs = [], []

    def on_epoch_end(self, epoch, logs=None):
        if epoch + 1 in self.epochs:
            self.taken.append(epoch + 1)
            self.outputs.append(self.model.predict(self.inputs, verbose=0))

    def arrays(self, targets) -> dict:
        shape = (0, *targets.shape)
        outputs = np.stack(self.outputs) if self.outputs else np.zeros(shape, dtype=np.float32)
        return {"epochs": np.array(self.taken, dtype=np.int64), "inputs": self.inputs, "targets": targets, "outputs": outputs}


def build_optimizer(training: dict):
    return OPTIMIZERS[training["optimizer"]](learning_rate=training["learning_rate"])


def build_loss(training: dict):
    """``mse`` (mean over the batch), ``sse`` (summed squared error over the batch, as
    the next-step seed trains), ``categorical_crossentropy``."""
    name = training.get("loss", "mse")
    return keras.losses.MeanSquaredError(reduction="sum") if name == "sse" else name


def fit(model, spec: dict, train: dict, val: dict, logger) -> tuple:
    """Train ``model`` in place; returns one history row per epoch, and the snapshots."""
    training = spec["training"]
    model.compile(optimizer=build_optimizer(training), loss=build_loss(training))
    progress = EpochLog(f"{spec['experiment']}/{spec['variant']}", training["epochs"], logger)
    wanted = training.get("snapshots", {"epochs": [], "count": 0})
    snapshots = Snapshots(val["inputs"][: wanted["count"]], wanted["epochs"])
    model.fit(
        train["inputs"],
        train["targets"],
        validation_data=(val["inputs"], val["targets"]),
        epochs=training["epochs"],
        batch_size=training["batch_size"],
        shuffle=True,
        verbose=0,
        callbacks=[progress, snapshots],
    )
    return progress.rows, snapshots.arrays(val["targets"][: wanted["count"]])


def build_model(family, spec: dict, train: dict):
    """The kind's model for this variant, shaped by the training data."""
    return family.build(spec["model"], train["inputs"].shape[1:], train["targets"].shape[1:])


def fit_of(family):
    """How the kind trains: its own ``fit`` (e.g. the stateful echo loop), or ``fit``."""
    return getattr(family, "fit", fit)
