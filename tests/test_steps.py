"""Compiled training steps: the same arithmetic as Keras' ``fit`` (TensorFlow)."""

import logging

import numpy as np
import pytest

from conftest import model_settings, training_settings
from lstm_toys.training import runtime

runtime.configure(threads=1, seed=5)

import keras  # noqa: E402

from lstm_toys.kinds.echo import model as echo  # noqa: E402
from lstm_toys.kinds.seq2seq.model import build as build_seq2seq  # noqa: E402
from lstm_toys.training.fit import EpochLog, Snapshots, TrainingDiverged, build_loss, build_optimizer  # noqa: E402
from lstm_toys.training.steps import LOSSES, CompiledSteps, epoch_loss, keras_loss, reset_states, stacked_batches, uses_xla  # noqa: E402


def test_batches_keep_the_order_and_pad_the_last_with_weight_zero():
    inputs = np.arange(10, dtype=np.float64).reshape(5, 2)
    (stack,), weights = stacked_batches([inputs], np.array([4, 0, 3, 1, 2]), 2)
    assert stack.dtype == np.float32 and stack.shape == (3, 2, 2)
    np.testing.assert_array_equal(stack[:, :, 0], [[8, 0], [6, 2], [4, 0]])
    np.testing.assert_array_equal(weights, [[1, 1], [1, 1], [1, 0]])
    assert not stack[2, 1].any()  # padding is zeros


def test_fewer_samples_than_a_batch_make_one_batch():
    (stack,), weights = stacked_batches([np.ones((3, 4))], np.arange(3), 1000)
    assert stack.shape == (1, 3, 4) and weights.shape == (1, 3)


def test_epoch_loss_weights_batches_by_their_size():
    weights = np.array([[1, 1], [1, 0]], dtype=np.float32)
    assert epoch_loss(np.array([0.3, 0.9]), weights) == pytest.approx((0.3 * 2 + 0.9) / 3)


def test_xla_for_long_runs_of_small_batches_unless_the_config_says():
    assert uses_xla({"batch_size": 32, "epochs": 150}, 32)
    assert not uses_xla({"batch_size": 1000, "epochs": 250}, 1)  # big batches: a graph is faster
    assert not uses_xla({"batch_size": 32, "epochs": 2}, 2)  # a compile that would not pay
    assert not uses_xla({"batch_size": 32, "epochs": 150, "xla": False}, 32)
    assert uses_xla({"batch_size": 1000, "epochs": 2, "xla": True}, 1)


def keras_fit_and_compiled(loss: str, xla: bool, epochs=3, batch_size=8, n=20):
    """The same model trained by ``fit`` (no shuffling) and by compiled steps in the
    same batch order; n = 20 leaves a short last batch of 4."""
    rng = np.random.default_rng(1)
    inputs = rng.normal(size=(n, 6, 2)).astype(np.float32)
    targets = np.cumsum(inputs[..., :1], axis=1) / 3
    if loss == "categorical_crossentropy":
        targets = np.eye(3, dtype=np.float32)[rng.integers(0, 3, size=(n, 6))]
    training = {"optimizer": "adam", "learning_rate": 0.01, "loss": loss}
    reference = build_seq2seq(model_settings("seq2seq", {"layers": [5]}), (6, 2), targets.shape[1:])
    if loss == "categorical_crossentropy":
        reference = keras.Sequential([reference, keras.layers.Softmax()])
    compiled_model = keras.models.clone_model(reference)
    compiled_model.set_weights(reference.get_weights())
    reference.compile(optimizer=build_optimizer(training), loss=build_loss(training))
    history = reference.fit(inputs, targets, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0)
    steps = CompiledSteps(compiled_model, build_optimizer(training), loss, xla=xla)
    stacks, weights = stacked_batches([inputs, targets], np.arange(n), batch_size)
    losses = [epoch_loss(steps.train(*stacks, weights).numpy(), weights) for _ in range(epochs)]
    return history.history["loss"], losses, reference.get_weights(), compiled_model.get_weights()


@pytest.mark.parametrize("xla", [False, True], ids=["graph", "xla"])
@pytest.mark.parametrize("loss", ["mse", "sse", "categorical_crossentropy"])
def test_compiled_steps_train_as_keras_fit_does(loss, xla):
    fit_losses, compiled_losses, fit_weights, compiled_weights = keras_fit_and_compiled(loss, xla)
    np.testing.assert_allclose(compiled_losses, fit_losses, rtol=1e-4)
    assert compiled_losses[-1] < compiled_losses[0]  # it learned something
    for expected, actual in zip(fit_weights, compiled_weights):
        np.testing.assert_allclose(actual, expected, atol=1e-5)


@pytest.mark.parametrize("xla", [False, True], ids=["graph", "xla"])
def test_stateful_steps_carry_the_state_within_a_sequence_as_the_seed_loop(xla):
    """Two sequences of 3 batches: the states carry from batch to batch and are reset
    between sequences, exactly as the write-up's fit-then-reset_states loop."""
    options = {"classes": 7, "length": 8, "n_in": 3, "n_out": 3}  # 6 windows: 3 batches of 2
    spec = model_settings("echo", {"architecture": "whole", "units": 4, "batch": 2})
    reference_model = echo.build(spec, (3, 7), (3, 7))
    compiled_model = echo.build(spec, (3, 7), (3, 7))
    compiled_model.set_weights(reference_model.get_weights())
    training = {"optimizer": "adam", "learning_rate": 0.01}
    reference_model.compile(optimizer=build_optimizer(training), loss="categorical_crossentropy")
    inputs, targets = echo.fresh_sequences(np.random.default_rng(0), options, 2, 2)
    seed_losses = []
    for sequence in range(2):
        batches = slice(3 * sequence, 3 * sequence + 3)
        history = reference_model.fit(inputs[batches].reshape(-1, 3, 7), targets[batches].reshape(-1, 3, 7),
                                 epochs=1, batch_size=2, shuffle=False, verbose=0)
        reset_states(reference_model)
        seed_losses.append(history.history["loss"][0])
    steps = CompiledSteps(compiled_model, build_optimizer(training), "categorical_crossentropy", 3, xla)
    losses = steps.train(inputs, targets, np.ones(inputs.shape[:2], dtype=np.float32)).numpy()
    np.testing.assert_allclose(losses.reshape(2, 3).mean(axis=1), seed_losses, rtol=1e-5)
    for expected, actual in zip(reference_model.get_weights(), compiled_model.get_weights()):
        np.testing.assert_allclose(actual, expected, atol=1e-5)


def test_fresh_sequences_draw_as_one_sequence_per_epoch():
    options = {"classes": 9, "length": 7, "n_in": 3, "n_out": 2}
    inputs, _ = echo.fresh_sequences(np.random.default_rng(4), options, 3, 5)  # 5 windows: 1 batch each
    rng = np.random.default_rng(4)
    one_by_one = [echo.echo_windows(rng, options, 1)["inputs"] for _ in range(3)]
    np.testing.assert_array_equal(inputs, np.stack(one_by_one))


def test_echo_fit_logs_every_few_epochs_and_names_the_diverged_epoch(caplog, monkeypatch):
    options = {"classes": 7, "length": 4, "n_in": 3, "n_out": 3}  # 2 windows: 1 batch
    spec = {"experiment": "echo", "variant": "v", "replicate": 0, "seed": 0, "data_options": options,
            "model": model_settings("echo", {"architecture": "whole", "units": 4, "batch": 2}),
            "training": training_settings(epochs=5, batch_size=2, optimizer="adam", learning_rate=0.01, log_every=2,
                                          loss="categorical_crossentropy")}
    model = echo.build(spec["model"], (3, 7), (3, 7))
    val = echo.echo_windows(np.random.default_rng(9), options, 2)
    with caplog.at_level(logging.INFO, logger="echo-fit"):
        rows, _ = echo.fit(model, spec, {}, val, logging.getLogger("echo-fit"))
    assert [row["epoch"] for row in rows] == [2, 4, 5]
    assert "echo/v/r0: one graph call per 2 epochs" in caplog.text

    def second_epoch_broken(*args):
        inputs, targets = fresh_sequences(*args)
        inputs[1] = np.nan  # one batch per sequence: epoch 2, inside the first call of 3 epochs
        return inputs, targets

    fresh_sequences = echo.fresh_sequences
    monkeypatch.setattr(echo, "fresh_sequences", second_epoch_broken)
    spec["training"]["log_every"] = 3
    with pytest.raises(TrainingDiverged, match=r"echo/v/r0: training diverged at epoch 2 \(loss=nan"):
        echo.fit(echo.build(spec["model"], (3, 7), (3, 7)), spec, {}, val, logging.getLogger("x"))


def test_the_log_and_snapshot_callbacks_serve_keras_fit_as_they_serve_the_compiled_loop(caplog):
    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(8, 5, 1)).astype(np.float32)
    model = build_seq2seq(model_settings("seq2seq", {"layers": [3]}), (5, 1), (5, 1))
    model.compile(optimizer="adam", loss=build_loss(training_settings(epochs=3, batch_size=5, optimizer="adam", learning_rate=0.01)))
    log, shots = EpochLog("toy/v", 3, logging.getLogger("callbacks")), Snapshots([2, 3], inputs[:2], inputs[:2])
    with caplog.at_level(logging.INFO, logger="callbacks"):
        model.fit(inputs, inputs, validation_data=(inputs, inputs), epochs=3, batch_size=4, verbose=0,
                  callbacks=[log, shots])
    assert [row["epoch"] for row in log.rows] == [1, 2, 3] and "toy/v epoch 3/3 loss=" in caplog.text
    arrays = shots.arrays()
    assert list(arrays["epochs"]) == [2, 3] and arrays["outputs"].shape == (2, 2, 5, 1)
    np.testing.assert_allclose(arrays["outputs"][-1], model.predict(inputs[:2], verbose=0), atol=1e-6)


def test_one_loss_table_serves_the_compiled_steps_and_compile():
    assert sorted(LOSSES) == ["categorical_crossentropy", "mse", "sse"]
    assert keras_loss("sse").reduction == "sum" and keras_loss("mse").reduction == "sum_over_batch_size"
    assert isinstance(keras_loss("categorical_crossentropy"), keras.losses.CategoricalCrossentropy)
