"""The training settings, read by the compiled loop (``fit``, ``steps``) and by echo's
loop: an experiment's ``training``, with each variant's overrides merged in."""

from typing import Literal

from lstm_toys.settings import NonNegativeInt, Positive, PositiveInt, setting, settings


@settings
class Snapshots:
    """Outputs for the first ``count`` val inputs at chosen epochs, for figures of training."""

    epochs: list[NonNegativeInt] = setting("epochs at which the outputs are taken, at most `epochs`; 0 is the "
                                           "untrained model (the metrics then record val_mse_before_training)",
                                           factory=list)
    every: PositiveInt | None = setting("take them every this many epochs too, from 0 (untrained); unset: only at "
                                        "`epochs`", None)
    count: PositiveInt = setting("val inputs whose outputs are taken (the first ones)")


@settings
class OneBatchCheck:
    """Write-up 002's check of the optimiser (lines 308-377): one batch trained on alone."""

    steps: PositiveInt = setting("optimiser steps on the one batch")
    learning_rate: Positive = setting("the check's learning rate")


@settings
class Training:
    """Training settings; a variant's overrides are merged in and checked again."""

    preset: str | None = setting("a named block of `presets` that these settings start from (their own keys "
                                 "win); unset: none", None)
    epochs: PositiveInt = setting("training epochs")
    batch_size: PositiveInt = setting("samples per batch")
    optimizer: Literal["adam", "rmsprop", "sgd"] = setting("the optimiser, at Keras' defaults but the learning rate")
    learning_rate: Positive = setting("the optimiser's learning rate")
    loss: Literal["mse", "sse", "categorical_crossentropy"] = setting(
        "the loss: mean squared error, summed squared error (as write-up 002), or cross-entropy", "mse")
    log_every: PositiveInt = setting("echo: evaluate and log every this many epochs (one compiled call each)", 250)
    drop_remainder: bool = setting("drop each epoch's last, partial batch of the shuffled samples, as write-up 002 "
                                   "does; false trains on it too, as Keras' fit", False)
    xla: bool | None = setting("compile each epoch with XLA (true) or as a TensorFlow graph (false); unset: XLA "
                               "for batches of at most 128 over at least 500 steps, where it is faster", None)
    snapshots: Snapshots | None = setting("outputs for a few val inputs at chosen epochs; unset: none", None)
    one_batch_check: OneBatchCheck | None = setting(
        "after training, from the initial weights and with a fresh optimiser, train on the first batch alone and "
        "keep its losses (the trained model is left as it was); unset: none", None)
