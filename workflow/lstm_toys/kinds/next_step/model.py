"""Stacked LSTMs (``layers``: units), the last returning its final state, then Dense(1);
and a stateful one-step copy of the same weights for free-running generation."""

import keras

from lstm_toys.training.recurrent import lstm


def _stack(inputs, spec, stateful=False):
    hidden = inputs
    for index, units in enumerate(spec["layers"], start=1):
        last = index == len(spec["layers"])
        hidden = lstm(units, spec, return_sequences=not last, stateful=stateful, name=f"lstm_{index}")(hidden)
    return keras.layers.Dense(1, name="next_sample")(hidden)


def build(spec: dict, input_shape, target_shape) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape), name="window")
    return keras.Model(inputs, _stack(inputs, spec), name="next_step")


def stepper(model: keras.Model, spec: dict) -> keras.Model:
    """The trained model as a stateful network that reads one sample per call: its LSTM
    states carry from one step to the next until ``reset_states``."""
    inputs = keras.Input(batch_shape=(1, 1, 1), name="sample")
    step = keras.Model(inputs, _stack(inputs, spec, stateful=True), name="next_step_stateful")
    step.set_weights(model.get_weights())
    return step
