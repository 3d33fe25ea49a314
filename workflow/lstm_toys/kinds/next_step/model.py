"""Stacked LSTMs (``layers``: units), the last returning its final state, then Dense(1);
and two copies of the same weights for free-running generation: write-up 002's, which
reads a whole window and takes the states in and out, and a stateful one-sample stepper."""

import keras

from lstm_toys.training.recurrent import lstm


def _stack(inputs, spec, stateful=False, states_in=None):
    """The LSTMs and the Dense head on ``inputs``. With ``states_in`` (each layer's
    (h, c) inputs) every layer starts from them and the stack also returns each layer's
    final (h, c): ``(prediction, states_out)``."""
    hidden, states_out = inputs, []
    for index, units in enumerate(spec["layers"], start=1):
        options = {"return_sequences": index < len(spec["layers"]), "stateful": stateful, "name": f"lstm_{index}"}
        if states_in is None:
            hidden = lstm(units, spec, **options)(hidden)
        else:
            hidden, *final = lstm(units, spec, return_state=True, **options)(hidden, initial_state=states_in[index - 1])
            states_out += final
    prediction = keras.layers.Dense(1, name="next_sample")(hidden)
    return prediction if states_in is None else (prediction, states_out)


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
    states_in = [[keras.Input(batch_shape=(1, units), name=f"{part}_{index}") for part in ("h", "c")]
                 for index, units in enumerate(spec["layers"], start=1)]
    prediction, states_out = _stack(inputs, spec, states_in=states_in)
    inputs_flat = [state for pair in states_in for state in pair]
    network = keras.Model([inputs, *inputs_flat], [prediction, *states_out], name="next_step_state_passing")
    network.set_weights(model.get_weights())
    return network
