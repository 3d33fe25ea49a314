"""Training steps compiled into one call per epoch, with XLA where it pays.

These LSTMs are small, so with ``model.fit`` most of an epoch is per-step overhead:
Python and callbacks around every batch, and TensorFlow's executor stepping each
LSTM's while loop op by op. Here the batches of an epoch (or of a run of echo
sequences) are stacked into one ``[steps, batch, ...]`` array, and one compiled
function trains on them in order, in a loop inside the function.

The arithmetic is ``fit``'s: the same optimizer, the same loss reduction (mean
over samples and time steps, or the sum for ``sse``), and an epoch's loss is
the batch losses' mean weighted by batch size, as Keras reports it. A short last
batch is padded to the batch size with rows of weight 0, so every call has one
shape and compiles once; padded rows add exactly nothing to loss or gradient.
"""

import math

import numpy as np

from lstm_toys.training import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

# The one loss table: ``training.loss`` -> (the per-element loss, Keras' loss class).
# Per element: squared error per output channel, or cross-entropy over classes.
LOSSES = {
    "mse": (keras.losses.mean_squared_error, keras.losses.MeanSquaredError),
    "sse": (keras.losses.mean_squared_error, keras.losses.MeanSquaredError),
    "categorical_crossentropy": (keras.losses.categorical_crossentropy, keras.losses.CategoricalCrossentropy),
}
SUMMED = {"sse"}  # summed over the batch (as the next-step write-up trains), not averaged


def keras_loss(name: str) -> keras.losses.Loss:
    """The same loss for ``model.compile`` (the peers that train with ``fit``)."""
    loss_class = LOSSES[name][1]
    return loss_class(reduction="sum") if name in SUMMED else loss_class()


# XLA pays for small batches over a long run. Measured here, one thread: batch 32
# (s2v_amplitude) 0.105 s/epoch with XLA against 0.65 s as a plain graph; batch
# 128 (next_step_sine) 3.9 against 4.9 s; but full batches of 1000
# (ae_phase_full) 1.15 against 0.50 s, and XLA's compile costs 2 to 4 s more.
XLA_MAX_BATCH = 128
XLA_MIN_STEPS = 500


def uses_xla(training: dict, steps_per_epoch: int) -> bool:
    """``training.xla`` if set; else whether XLA is worth its compile for this many
    training steps of this batch size."""
    if training.get("xla") is not None:  # unset: chosen here
        return training["xla"]
    return training["batch_size"] <= XLA_MAX_BATCH and training["epochs"] * steps_per_epoch >= XLA_MIN_STEPS


def stacked_batches(arrays: list, order: np.ndarray, batch_size: int) -> tuple:
    """``arrays`` taken in ``order`` and cut into ``[steps, batch_size, ...]``
    float32 stacks, the last batch padded with zeros; and the ``[steps,
    batch_size]`` weights: 1 for a sample, 0 for padding. Fewer samples than
    ``batch_size`` make one batch of them all, as in ``fit``."""
    batch_size = min(batch_size, len(order))
    steps = math.ceil(len(order) / batch_size)
    weights = np.zeros(steps * batch_size, dtype=np.float32)
    weights[: len(order)] = 1.0
    stacks = []
    for array in arrays:
        stack = np.zeros((steps * batch_size, *array.shape[1:]), dtype=np.float32)
        stack[: len(order)] = array[order]
        stacks.append(stack.reshape(steps, batch_size, *array.shape[1:]))
    return stacks, weights.reshape(steps, batch_size)


def epoch_loss(batch_losses: np.ndarray, weights: np.ndarray) -> float:
    """Keras' epoch loss: batch losses averaged with the batch sizes as weights."""
    sizes = weights.sum(axis=-1)
    return float((batch_losses * sizes).sum() / sizes.sum())


def reset_states(model) -> None:
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_states()


class CompiledSteps:
    """``train(x, y, w)`` and ``evaluate(x, y, w)`` over ``[steps, batch, ...]``
    stacks, each one compiled call (XLA or a TensorFlow graph) returning the
    ``[steps]`` batch losses.

    ``reset_every``: for stateful models, the states are reset before every
    ``reset_every``-th step (the batches of one sequence share a state, as in the
    write-up's loop); 0 for stateless models."""

    def __init__(self, model, optimizer, loss: str, reset_every: int = 0, xla: bool = False):
        self.model, self.optimizer, self.reset_every = model, optimizer, reset_every
        self.element_loss, self.summed = LOSSES[loss][0], loss in SUMMED
        self.optimizer.build(model.trainable_variables)
        self.train = tf.function(self._train, jit_compile=xla)
        self.evaluate = tf.function(self._evaluate, jit_compile=xla)

    def batch_loss(self, targets, outputs, weights):
        elements = self.element_loss(targets, outputs)  # [batch, (time steps)]
        per_sample = tf.reduce_sum(tf.reshape(elements, [tf.shape(elements)[0], -1]), axis=1)
        total = tf.reduce_sum(weights * per_sample)
        if self.summed:
            return total
        return total / (tf.reduce_sum(weights) * tf.cast(tf.size(elements[0]), tf.float32))

    def _reset_if_due(self, step):
        if self.reset_every:  # decided when tracing
            if step % self.reset_every == 0:
                reset_states(self.model)

    def _train(self, x, y, w):
        variables = self.model.trainable_variables
        losses = tf.TensorArray(tf.float32, size=tf.shape(x)[0])
        for step in tf.range(tf.shape(x)[0]):
            self._reset_if_due(step)
            with tf.GradientTape() as tape:
                loss = self.batch_loss(y[step], self.model(x[step], training=True), w[step])
            self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
            losses = losses.write(step, loss)
        return losses.stack()

    def _evaluate(self, x, y, w):
        losses = tf.TensorArray(tf.float32, size=tf.shape(x)[0])
        for step in tf.range(tf.shape(x)[0]):
            self._reset_if_due(step)
            losses = losses.write(step, self.batch_loss(y[step], self.model(x[step], training=False), w[step]))
        return losses.stack()
