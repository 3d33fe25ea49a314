"""Training one model variant: compiled epochs, Keras callbacks for the per-epoch
log and the snapshots, a stop on divergence."""

import math
import time

import numpy as np

from lstm_toys.training import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402

from lstm_toys.training.inference import outputs_of  # noqa: E402
from lstm_toys.training.steps import CompiledSteps, epoch_loss, keras_loss, stacked_batches, uses_xla  # noqa: E402

OPTIMIZERS = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop, "sgd": keras.optimizers.SGD}


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite."""


def run_name(spec: dict) -> str:
    """``experiment/variant/r<replicate>``: the trained model a log line is about."""
    return f"{spec['experiment']}/{spec['variant']}/r{spec['replicate']}"


class EpochLog(keras.callbacks.Callback):
    """One progress line per epoch, a history row, and a stop on a non-finite loss.

    A Keras callback: ``model.fit(..., callbacks=[log])`` fills it as the compiled
    loops do. Keras numbers epochs from 0; the log and the history from 1.
    ``val_name`` is the validation entry of ``logs`` that is logged and kept as the
    history's ``val_loss`` (echo validates by token error)."""

    def __init__(self, name: str, epochs: int, logger, val_name: str = "val_loss"):
        super().__init__()
        self.name, self.epochs, self.logger, self.val_name = name, epochs, logger, val_name
        self.rows, self.started = [], None

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        loss, val_loss = float(logs["loss"]), float(logs.get(self.val_name, math.nan))
        seconds = time.perf_counter() - self.started
        self.rows.append({"epoch": epoch + 1, "loss": loss, "val_loss": val_loss, "seconds": seconds})
        self.logger.info("%s epoch %d/%d loss=%.6g %s=%.6g seconds=%.2f",
                         self.name, epoch + 1, self.epochs, loss, self.val_name, val_loss, seconds)
        if not (math.isfinite(loss) and math.isfinite(val_loss)):
            raise TrainingDiverged(f"{self.name}: training diverged at epoch {epoch + 1} "
                                   f"(loss={loss}, {self.val_name}={val_loss}); lower the learning rate")


class Snapshots(keras.callbacks.Callback):
    """The model's outputs for a few validation inputs at chosen epochs (counted
    from 1; epoch 0 is the untrained model), to show how a reconstruction forms over
    training."""

    def __init__(self, epochs, inputs, targets):
        super().__init__()
        self.wanted, self.inputs, self.targets = set(epochs), inputs, targets
        self.epochs, self.outputs = [], []

    def on_train_begin(self, logs=None):
        self._take(0)

    def on_epoch_end(self, epoch, logs=None):
        self._take(epoch + 1)  # Keras counts epochs from 0

    def _take(self, epoch: int):
        """The outputs after ``epoch`` epochs, if that epoch is wanted."""
        if epoch in self.wanted:
            self.epochs.append(epoch)
            self.outputs.append(outputs_of(self.model, self.inputs))

    def arrays(self) -> dict:
        stacked = np.stack(self.outputs) if self.outputs else np.zeros((0, *self.targets.shape), dtype=np.float32)
        return {"epochs": np.array(self.epochs, dtype=np.int64), "inputs": self.inputs, "targets": self.targets,
                "outputs": stacked}


def snapshots_of(training: dict, val: dict) -> Snapshots:
    wanted = training.get("snapshots")  # unset: none taken
    if not wanted:
        return Snapshots([], val["inputs"][:0], val["targets"][:0])
    regular = range(0, training["epochs"] + 1, wanted["every"]) if wanted.get("every") else []
    return Snapshots(sorted({*wanted["epochs"], *regular}), val["inputs"][: wanted["count"]],
                     val["targets"][: wanted["count"]])


def build_optimizer(training: dict):
    return OPTIMIZERS[training["optimizer"]](learning_rate=training["learning_rate"])


def build_loss(training: dict):
    """``training.loss`` for ``model.compile``; see ``steps.LOSSES``."""
    return keras_loss(training["loss"])


def steps_per_epoch(spec: dict, train: dict) -> int:
    """Batches per epoch: the last one partial, or dropped with ``training.drop_remainder``."""
    batches = len(train["inputs"]) / spec["training"]["batch_size"]
    return max(1, math.floor(batches)) if spec["training"]["drop_remainder"] else math.ceil(batches)


def epoch_order(shuffle, samples: int, batch_size: int, drop_remainder: bool) -> np.ndarray:
    """This epoch's order of the training samples; without its last, partial batch
    when ``drop_remainder`` (a different remainder each epoch, as the order is shuffled)."""
    order = shuffle.permutation(samples)
    whole = samples // batch_size * batch_size
    return order[:whole] if drop_remainder and whole else order


def fit(model, spec: dict, train: dict, val: dict, logger) -> tuple:
    """Train ``model`` in place as ``model.fit(..., shuffle=True)`` with validation
    would, one compiled call per epoch (see ``steps``), the callbacks called as
    ``fit`` calls them; returns one history row per epoch, and the snapshots."""
    training = spec["training"]
    batch_size, samples = training["batch_size"], len(train["inputs"])
    xla = uses_xla(training, steps_per_epoch(spec, train))
    compiled = CompiledSteps(model, build_optimizer(training), training["loss"], xla=xla)
    logger.info("%s: one %s call per epoch", run_name(spec), "XLA" if xla else "graph")
    val_stacks, val_weights = stacked_batches([val["inputs"], val["targets"]], np.arange(len(val["inputs"])), batch_size)
    shuffle = np.random.default_rng(spec["seed"])
    progress = EpochLog(run_name(spec), training["epochs"], logger)
    snapshots = snapshots_of(training, val)
    callbacks = keras.callbacks.CallbackList([progress, snapshots], model=model)
    initial = model.get_weights()
    callbacks.on_train_begin()
    for epoch in range(training["epochs"]):
        callbacks.on_epoch_begin(epoch)
        order = epoch_order(shuffle, samples, batch_size, training["drop_remainder"])
        stacks, weights = stacked_batches([train["inputs"], train["targets"]], order, batch_size)
        loss = epoch_loss(compiled.train(*stacks, weights).numpy(), weights)
        val_loss = epoch_loss(compiled.evaluate(*val_stacks, val_weights).numpy(), val_weights)
        callbacks.on_epoch_end(epoch, {"loss": loss, "val_loss": val_loss})
    checked = {"one_batch_loss": one_batch_check(model, initial, train, training)} if training.get("one_batch_check") else {}
    return progress.rows, {**snapshots.arrays(), **checked}


def one_batch_check(model, initial: list, train: dict, training: dict) -> np.ndarray:
    """The losses of ``training.one_batch_check``'s steps on the first batch alone, from the
    ``initial`` weights with a fresh optimiser; the model's trained weights are put back."""
    check, trained = training["one_batch_check"], model.get_weights()
    model.set_weights(initial)
    batch = min(training["batch_size"], len(train["inputs"]))
    stacks = [np.repeat(array[None, :batch].astype(np.float32), check["steps"], axis=0)
              for array in (train["inputs"], train["targets"])]
    optimizer = OPTIMIZERS[training["optimizer"]](learning_rate=check["learning_rate"])
    losses = CompiledSteps(model, optimizer, training["loss"]).train(*stacks, np.ones((check["steps"], batch),
                                                                                        dtype=np.float32))
    model.set_weights(trained)
    return losses.numpy()
