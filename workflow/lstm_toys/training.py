"""Training one model variant: compile, fit, log every epoch, stop on divergence."""

import csv
import math
import time

from . import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402

OPTIMIZERS = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop, "sgd": keras.optimizers.SGD}
HISTORY_FIELDS = ("epoch", "loss", "val_loss", "seconds")


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


def build_optimizer(training: dict):
    return OPTIMIZERS[training["optimizer"]](learning_rate=training["learning_rate"])


def fit(model, spec: dict, train: dict, val: dict, logger) -> list:
    """Train ``model`` in place; returns one history row per epoch."""
    training = spec["training"]
    model.compile(optimizer=build_optimizer(training), loss=training.get("loss", "mse"))
    progress = EpochLog(f"{spec['experiment']}/{spec['variant']}", training["epochs"], logger)
    model.fit(
        train["inputs"],
        train["targets"],
        validation_data=(val["inputs"], val["targets"]),
        epochs=training["epochs"],
        batch_size=training["batch_size"],
        shuffle=True,
        verbose=0,
        callbacks=[progress],
    )
    return progress.rows


def write_history(rows: list, path) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HISTORY_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
