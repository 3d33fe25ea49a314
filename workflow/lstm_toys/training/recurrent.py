"""The LSTM layer of every model, with its recurrent (gate) activation chosen by name
(``model.recurrent_activation``), and the output layer of sections A-C (``model.head``).
Recurrent activations:

- ``sigmoid``: Keras 2.3 and later, Keras 3, and TensorFlow 1's ``LSTMCell``;
- ``hard_sigmoid_keras2``: the default of Keras 2.2 and earlier, ``clip(0.2 x + 0.5, 0, 1)``.
  Keras 3's own ``hard_sigmoid`` is ``clip(x / 6 + 0.5, 0, 1)``, another function, so the
  old one is defined here, registered so that a saved model names it and loads in safe mode.
"""

import keras


@keras.saving.register_keras_serializable(package="lstm_toys", name="hard_sigmoid_keras2")
def hard_sigmoid_keras2(x):
    return _clipped_line(x)


@keras.ops.custom_gradient
def _clipped_line(x):
    """``clip(0.2 x + 0.5, 0, 1)`` with its gradient written out: the gradient that
    automatic differentiation derives (``upstream`` where ``0 <= 0.2 x + 0.5 <= 1``,
    else 0, times 0.2), bit for bit, in fewer operations. It runs for three gates at
    every time step: an LSTM step's backward pass has 86 graph nodes instead of 194,
    and the forward pass keeps 14 arrays a step for it instead of 20 (one boolean mask
    a gate). ``test_the_hard_sigmoids_written_out_gradient_is_automatic_differentiations_bit_for_bit``
    checks the equality; the README's "Training speed" gives the time."""
    line = 0.2 * x + 0.5
    clipped = keras.ops.clip(line, 0.0, 1.0)
    inside = keras.ops.equal(clipped, line)  # where the clip lets the line through, edges included

    def gradient(*args, upstream=None):
        upstream = args[0] if upstream is None else upstream  # TensorFlow passes it by position
        return keras.ops.where(inside, upstream, 0.0) * 0.2

    return clipped, gradient


def recurrent_activation(model_spec: dict):
    """The activation of the model's gates: a Keras name, or the registered function."""
    name = model_spec["recurrent_activation"]
    return hard_sigmoid_keras2 if name == "hard_sigmoid_keras2" else name


def lstm(units: int, model_spec: dict, **options) -> keras.layers.LSTM:
    """``keras.layers.LSTM(units, **options)`` with the model's recurrent activation."""
    return keras.layers.LSTM(units, recurrent_activation=recurrent_activation(model_spec), **options)


def output_layer(model_spec: dict, channels: int, sequences: bool):
    """The model's last layer, ``output``, by ``model.head``: ``lstm1``, an LSTM of
    ``channels`` units (returning ``sequences`` or its last state), or ``dense``, a
    linear Dense (per time step on a sequence)."""
    if model_spec["head"] == "lstm1":
        return lstm(channels, model_spec, return_sequences=sequences, name="output")
    return keras.layers.Dense(channels, name="output")
