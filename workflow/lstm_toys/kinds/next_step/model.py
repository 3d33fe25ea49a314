"""Stacked LSTMs (``layers``: units), the last returning its final state, then Dense(1);
and two copies of the same weights for free-running generation: write-up 002's, which
reads a whole window and takes the states in and out, and a stateful one-sample stepper."""

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


def state_passing(model: keras.Model, spec: dict, window: int) -> keras.Model:
    """The trained model as write-up 002 generates with it (002, lines 407-431): one
    ``window`` of samples and every layer's (h, c) in, the prediction and every
    layer's final (h, c) out, so that each call starts from the previous call's states."""
    inputs = keras.Input(batch_shape=(1, window, 1), name="window")
    hidden, states_in, states_out = inputs, [], []
    for index, units in enumerate(spec["layers"], start=1):
        state = [keras.Input(batch_shape=(1, units), name=f"{part}_{index}") for part in ("h", "c")]
        layer = lstm(units, spec, return_sequences=index < len(spec["layers"]), return_state=True, name=f"lstm_{index}")
        hidden, *final = layer(hidden, initial_state=state)
        states_in += state
        states_out += final
    prediction = keras.layers.Dense(1, name="next_sample")(hidden)
    network = keras.Model([inputs, *states_in], [prediction, *states_out], name="next_step_state_passing")
    network.set_weights(model.get_weights())
    return network
