"""The NumPy LSTM against Keras; stateful models that carry their state (TensorFlow)."""

import logging

import numpy as np
import pytest

from conftest import model_settings, training_settings
from lstm_toys.training import runtime

tf = runtime.configure(threads=1, seed=3)

import keras  # noqa: E402

from lstm_toys.kinds.cond_ae import model as cond_ae  # noqa: E402
from lstm_toys.kinds.cond_ae.predict import predict as cond_ae_predict  # noqa: E402
from lstm_toys.kinds.echo import model as echo  # noqa: E402
from lstm_toys.kinds.next_step import model as next_step  # noqa: E402
from lstm_toys.kinds.next_step.metrics import dominant_period  # noqa: E402
from lstm_toys.kinds.next_step.predict import generate_stepwise, generate_windowed  # noqa: E402
from lstm_toys.training.fit import fit  # noqa: E402
from lstm_toys.training.inference import load_model  # noqa: E402
from lstm_toys.settings import RECURRENT_ACTIVATIONS  # noqa: E402
from lstm_toys.training.numpy_lstm import GATE_ACTIVATIONS, final_hidden_state  # noqa: E402
from lstm_toys.training.recurrent import hard_sigmoid_keras2, lstm  # noqa: E402
from lstm_toys.training.steps import reset_states  # noqa: E402


@pytest.mark.parametrize("gates", RECURRENT_ACTIVATIONS)
def test_numpy_lstm_matches_keras_on_random_weights(gates):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 100, 3)).astype(np.float32)
    layer = lstm(10, {"recurrent_activation": gates})
    layer(x)  # builds the weights
    kernel, recurrent, bias = (w + rng.normal(scale=0.3, size=w.shape) for w in layer.get_weights())
    layer.set_weights([kernel, recurrent, bias])
    keras_state = layer(x).numpy()
    assert np.max(np.abs(final_hidden_state(x, kernel, recurrent, bias, gates) - keras_state)) < 1e-5
    other = next(name for name in RECURRENT_ACTIVATIONS if name != gates)
    assert np.max(np.abs(final_hidden_state(x, kernel, recurrent, bias, other) - keras_state)) > 1e-2


def test_the_keras2_hard_sigmoid_is_not_keras_3s():
    x = np.array([-3.0, -2.5, -1.0, 0.0, 1.0, 2.5, 3.0], dtype=np.float32)
    expected = [0.0, 0.0, 0.3, 0.5, 0.7, 1.0, 1.0]  # clip(0.2 x + 0.5, 0, 1), Keras <= 2.2
    np.testing.assert_allclose(keras.ops.convert_to_numpy(hard_sigmoid_keras2(x)), expected, atol=1e-7)
    np.testing.assert_allclose(GATE_ACTIVATIONS["hard_sigmoid_keras2"](x), expected, atol=1e-7)
    assert float(keras.activations.hard_sigmoid(1.0)) == pytest.approx(1 / 6 + 0.5)  # Keras 3's: another function
    assert set(GATE_ACTIVATIONS) == set(RECURRENT_ACTIVATIONS)


def _gradient(function, x, upstream):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = function(x)
    return tape.gradient(y, x, output_gradients=tf.constant(upstream)).numpy()


def plain_hard_sigmoid(x):
    """The formula, left to automatic differentiation: what the written-out gradient must equal."""
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def test_the_hard_sigmoids_written_out_gradient_is_automatic_differentiations_bit_for_bit():
    edges = np.array([-2.5, 2.5], dtype=np.float32)  # 0.2 x + 0.5 is exactly 0 and 1: the gradient passes
    beside = np.concatenate([np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf)])
    x = np.concatenate([edges, beside, [np.nan, np.inf, -np.inf, 0.0, -0.0],
                        np.random.default_rng(5).normal(scale=3, size=2000)]).astype(np.float32)
    upstream = np.random.default_rng(6).normal(size=x.shape).astype(np.float32)
    expected = _gradient(plain_hard_sigmoid, x, upstream)
    np.testing.assert_array_equal(_gradient(hard_sigmoid_keras2, x, upstream), expected)
    assert expected[0] != 0 and expected[1] != 0  # the edges pass, so the test tells them apart
    assert 0 < np.count_nonzero(expected) < len(x)


@pytest.mark.parametrize("xla", [False, True])
def test_an_lstm_has_the_same_gradient_bits_with_the_written_out_gradient(xla):
    x = np.random.default_rng(7).normal(scale=2, size=(16, 20, 3)).astype(np.float32)
    grads = []
    for activation in (hard_sigmoid_keras2, plain_hard_sigmoid):
        keras.utils.set_random_seed(8)
        layer = keras.layers.LSTM(6, return_sequences=True, recurrent_activation=activation)
        layer.build(x.shape)

        @tf.function(jit_compile=xla)  # the pipeline trains small batches with XLA, full batches without
        def gradients(x):
            with tf.GradientTape() as tape:
                loss = keras.ops.sum(layer(x) ** 2)
            return tape.gradient(loss, layer.trainable_variables)

        grads.append([g.numpy() for g in gradients(x)])
    for ours, automatic in zip(*grads):
        np.testing.assert_array_equal(ours, automatic)


def test_a_model_with_the_keras2_hard_sigmoid_loads_in_safe_mode(tmp_path):
    spec = model_settings("next_step", {"layers": [8, 8], "recurrent_activation": "hard_sigmoid_keras2"})
    model = next_step.build(spec, (50, 1), (1,))
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = load_model(path)  # safe mode: a function that was not registered would be refused
    inputs = np.random.default_rng(4).normal(size=(3, 50, 1)).astype(np.float32)
    np.testing.assert_array_equal(loaded.predict(inputs, verbose=0), model.predict(inputs, verbose=0))
    assert loaded.get_layer("lstm_1").recurrent_activation is hard_sigmoid_keras2
    sigmoid_model = next_step.build(model_settings("next_step", {"layers": [8, 8]}), (50, 1), (1,))
    sigmoid_model.set_weights(model.get_weights())
    assert np.max(np.abs(sigmoid_model.predict(inputs, verbose=0) - model.predict(inputs, verbose=0))) > 1e-4


@pytest.mark.parametrize("gates", RECURRENT_ACTIVATIONS)
def test_numpy_lstm_matches_the_trained_conditional_encoder(tmp_path, gates):
    rng = np.random.default_rng(1)
    t = np.arange(600)
    series = np.sin(2 * np.pi * t / 20 + rng.uniform(-0.05, 0.05, len(t)))
    windows = np.lib.stride_tricks.sliding_window_view(series, 100)[:300, :, None].astype(np.float32)
    data = {"inputs": windows, "targets": windows, "factors": np.zeros((300, 1))}
    model_spec = model_settings("cond_ae", {"latent": 10, "hidden": 10, "recurrent_activation": gates})
    model = cond_ae.build(model_spec, (100, 1), (100, 1))
    spec = {"experiment": "e", "variant": "v", "replicate": 0, "seed": 0, "training": training_settings(
        epochs=3, batch_size=100, optimizer="rmsprop", learning_rate=0.01)}
    fit(model, spec, data, data, logging.getLogger("x"))
    model.save(tmp_path / "model.keras")
    reloaded = load_model(tmp_path / "model.keras")  # safe mode: the reversal is a registered layer
    predictions = cond_ae_predict(reloaded, {"train": data}, {"model": model_spec})
    assert np.max(np.abs(predictions["train"]["numpy_features"] - predictions["train"]["keras_features"])) < 1e-5
    np.testing.assert_allclose(predictions["train"]["outputs"], model.predict(windows, verbose=0), atol=1e-6)


def test_conditional_decoder_reads_the_reversed_input():
    model = cond_ae.build(model_settings("cond_ae", {"latent": 10, "hidden": 10}), (100, 1), (100, 1))
    layer = model.get_layer("time_reversal")
    x = np.arange(100, dtype=np.float32).reshape(1, 100, 1)
    np.testing.assert_array_equal(layer(x).numpy()[0, :, 0], np.arange(99, -1, -1))


def test_echo_lstm16_weight_shapes_as_printed_by_the_seed():
    model = echo.build(model_settings("echo", {"architecture": "whole", "units": 16, "batch": 5}), (6, 100), (6, 100))
    assert [w.shape for w in model.get_layer("lstm").get_weights()] == [(100, 64), (16, 64), (64,)]
    assert model.output_shape == (5, 6, 100)
    seq = echo.build(model_settings("echo", {"architecture": "seq2seq", "units": 150, "batch": 21}), (5, 100), (2, 100))
    assert seq.output_shape == (21, 2, 100)


def test_echo_state_is_carried_within_a_sequence_and_reset_between():
    model = echo.build(model_settings("echo", {"architecture": "whole", "units": 16, "batch": 5}), (6, 100), (6, 100))
    x = np.eye(100, dtype=np.float32)[np.random.default_rng(2).integers(0, 99, size=(10, 6))]
    first = echo.run_sequence(model, x)  # two batches, state carried from the first to the second
    again = echo.run_sequence(model, x)  # states were reset: the same outputs
    np.testing.assert_array_equal(first, again)
    fresh_second_batch = model.predict_on_batch(x[5:])
    reset_states(model)
    assert not np.allclose(fresh_second_batch, first[5:])


def test_stateful_stepper_equals_the_window_model():
    model = next_step.build(model_settings("next_step", {"layers": [16, 16, 16]}), (50, 1), (1,))
    step = next_step.stepper(model, model_settings("next_step", {"layers": [16, 16, 16]}))
    window = np.sin(np.linspace(0, 3, 50)).astype(np.float32)
    expected = float(model.predict(window.reshape(1, 50, 1), verbose=0)[0, 0])
    reset_states(step)
    for value in window:
        output = float(step(np.array(value, dtype=np.float32).reshape(1, 1, 1), training=False)[0, 0])
    assert output == pytest.approx(expected, abs=1e-5)
    generated = generate_stepwise(step, window[:20], 60)
    np.testing.assert_array_equal(generated[:20], window[:20])
    assert np.all(np.isfinite(generated))


def test_windowed_generation_passes_the_states_on_as_write_up_002():
    spec = model_settings("next_step", {"layers": [8, 8]})
    model = next_step.build(spec, (50, 1), (1,))
    network = next_step.state_passing(model, spec, 50)
    window = np.sin(np.linspace(0, 3, 50)).astype(np.float32).reshape(1, 50, 1)
    zero = [np.zeros((1, 8), dtype=np.float32)] * 4
    first, *states = network.predict_on_batch([window, *zero])
    # from zero states the window gives the trained model's prediction
    assert float(first[0, 0]) == pytest.approx(float(model.predict(window, verbose=0)[0, 0]), abs=1e-5)
    # the next call starts from the states this one ended with: not the same as from zeros
    second = network.predict_on_batch([window, *states])[0]
    assert abs(float(second[0, 0]) - float(first[0, 0])) > 1e-6
    primer = np.linspace(-1, 1, 20).astype(np.float32)
    generated = generate_windowed(network, primer, 60, 50)
    np.testing.assert_array_equal(generated[:20], primer)
    # step 20 reads 30 samples wrapped from the end (zeros) and the primer, from zero states
    padded = np.concatenate([np.zeros(30, dtype=np.float32), primer]).reshape(1, 50, 1)
    assert generated[20] == pytest.approx(float(model.predict(padded, verbose=0)[0, 0]), abs=1e-5)
    assert np.all(np.isfinite(generated))


def test_dominant_period():
    t = np.arange(1000) * 0.01
    assert dominant_period(np.sin(2 * np.pi * t), 0.01) == pytest.approx(1.0, rel=0.02)
    assert dominant_period(np.sin(2 * np.pi * 2 * t), 0.01) == pytest.approx(0.5, rel=0.02)
