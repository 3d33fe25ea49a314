"""Model builders and the training loop (TensorFlow: these tests import it)."""

import logging
import subprocess
import sys

import numpy as np
import pytest

from conftest import REPO, model_settings, training_settings
from lstm_toys.training import runtime

runtime.configure(threads=1, seed=0)

from lstm_toys.kinds.autoencoder import model as autoencoder  # noqa: E402
from lstm_toys.kinds.seq2seq.model import build as build_seq2seq  # noqa: E402
from lstm_toys.kinds.seq2vec.model import build  # noqa: E402
from lstm_toys.training.fit import TrainingDiverged, epoch_order, fit, steps_per_epoch  # noqa: E402
from lstm_toys.training.inference import ModelFileError, _inference_graph, load_model, outputs_of  # noqa: E402


def test_tensorflow_is_imported_without_collection_then_frozen_out_of_it():
    """In a fresh process, as a job starts: the collector is on again afterwards, and
    TensorFlow's and Keras' objects are out of its reach."""
    report = "import gc; from lstm_toys.training import runtime; runtime.configure(1, 0); print(gc.isenabled(), gc.get_freeze_count())"
    result = subprocess.run([sys.executable, "-c", report], cwd=REPO / "workflow", capture_output=True, text=True, check=True)
    enabled, frozen = result.stdout.split()
    assert enabled == "True" and int(frozen) > 100_000


def test_seq2vec_parameter_count_and_output_shape():
    model = build(model_settings("seq2vec", {"units": 32}), (100, 1), (2,))
    # LSTM: 4 gates * (32 * (1 + 32) + 32) = 4352; the write-up's head, LSTM(2): 4 * (2 * (32 + 2) + 2) = 280
    assert model.count_params() == 4352 + 280
    assert model.output_shape == (None, 2)
    dense = build(model_settings("seq2vec", {"units": 32, "head": "dense"}), (100, 1), (2,))
    assert dense.count_params() == 4352 + 32 * 2 + 2 and dense.output_shape == (None, 2)


def test_seq2seq_returns_a_sequence_per_step():
    model = build_seq2seq(model_settings("seq2seq", {"layers": [32, 32]}), (100, 2), (100, 1))
    assert model.output_shape == (None, 100, 1)
    # LSTM(32) on 2 inputs, LSTM(32) on 32, then the write-up's LSTM(1): 4 * (1 * (32 + 1) + 1)
    assert model.count_params() == 4 * (32 * 35) + 4 * (32 * 65) + 136
    dense = build_seq2seq(model_settings("seq2seq", {"layers": [32, 32], "head": "dense"}), (100, 2), (100, 1))  # Dense(1) per step
    assert dense.count_params() == 4 * (32 * 35) + 4 * (32 * 65) + 33


def test_an_lstm1_head_ends_the_model_as_write_up_000s_do():
    alone = build_seq2seq(model_settings("seq2seq", {"layers": [], "head": "lstm1"}), (100, 2), (100, 1))  # LSTM(1) on (x, y)
    assert [type(layer).__name__ for layer in alone.layers[1:]] == ["LSTM"]
    assert alone.count_params() == 4 * (1 * (2 + 1) + 1) and alone.output_shape == (None, 100, 1)
    two = build_seq2seq(model_settings("seq2seq", {"layers": [32], "head": "lstm1"}), (100, 2), (100, 1))  # LSTM(32) -> LSTM(1)
    assert two.count_params() == 4 * (32 * 35) + 4 * (1 * 33 + 1)
    vector = build(model_settings("seq2vec", {"units": 32, "head": "lstm1"}), (100, 1), (2,))  # LSTM(32) sequence -> LSTM(2) last state
    assert vector.output_shape == (None, 2) and vector.count_params() == 4352 + 4 * (2 * 34 + 2)
    dense = autoencoder.build(model_settings("autoencoder", {"encoder": [8], "latent": 1, "decoder": [8], "head": "dense"}), (20, 1), (20, 1))
    assert type(dense.get_layer("output")).__name__ == "Dense" and dense.output_shape == (None, 20, 1)


def test_drop_remainder_trains_whole_batches_only_as_write_up_002():
    spec = {"training": training_settings(batch_size=128, drop_remainder=True)}
    assert steps_per_epoch(spec, {"inputs": np.zeros(29971)}) == 234  # 002, lines 254 and 266
    assert steps_per_epoch({"training": training_settings(batch_size=128)}, {"inputs": np.zeros(29971)}) == 235
    orders = [epoch_order(np.random.default_rng(0), 10, 4, drop) for drop in (True, False)]
    assert len(orders[0]) == 8 and len(orders[1]) == 10
    np.testing.assert_array_equal(orders[0], orders[1][:8])  # the same shuffle, the remainder left out
    assert len(epoch_order(np.random.default_rng(0), 3, 4, True)) == 3  # fewer than a batch: one batch of them


def test_latent_one_line_autoencoder_has_the_seeds_parameter_counts():
    model = autoencoder.build(model_settings("autoencoder", {"encoder": [32], "latent": 1, "decoder": [32]}), (100, 1), (100, 1))
    lstm_params = [layer.count_params() for layer in model.layers if "LSTM" in type(layer).__name__]
    assert lstm_params == [4352, 136, 4352, 136]
    assert model.count_params() == 8976


def test_autoencoder_splits_into_encoder_and_decoder():
    model = autoencoder.build(model_settings("autoencoder", {"encoder": [8, 8], "latent": 1, "decoder": [8]}), (20, 1), (20, 1))
    inputs = small_data(n=4, timesteps=20)["inputs"]
    latent = autoencoder.encoder(model).predict(inputs, verbose=0)
    assert latent.shape == (4, 1)
    np.testing.assert_allclose(autoencoder.decoder(model).predict(latent, verbose=0), model.predict(inputs, verbose=0), atol=1e-6)


@pytest.mark.parametrize("batch_size", [32, 1000])
def test_outputs_of_are_keras_predict_bits_traced_once(batch_size):
    """The same batches as ``model.predict``, so the same bits, for splits of
    different sizes (a short last batch, a split smaller than a batch); one trace."""
    model = autoencoder.build(model_settings("autoencoder", {"encoder": [8], "latent": 3, "decoder": [8]}), (100, 1), (100, 1))
    splits = [np.random.default_rng(n).normal(size=(n, 100, 1)).astype(np.float32) for n in (70, 5, 64)]
    encode = autoencoder.encoder(model)
    for inputs in splits:
        for network in (model, encode):
            expected = network.predict(inputs, batch_size=batch_size, verbose=0)
            assert np.array_equal(outputs_of(network, inputs, batch_size=batch_size), expected)
    assert _inference_graph(model).experimental_get_tracing_count() == 1


def test_snapshots_are_taken_at_the_chosen_epochs():
    training = {"snapshots": {"epochs": [0, 1, 3], "count": 2}, "epochs": 3}
    model = build_seq2seq(model_settings("seq2seq", {"layers": [4]}), (10, 1), (10, 1))
    untrained = model.predict(small_sequences()["inputs"][:2], verbose=0)
    _, shots = fit(model, spec(**training), *[small_sequences()] * 2, logging.getLogger("x"))
    assert list(shots["epochs"]) == [0, 1, 3]  # epoch 0: the untrained model
    assert shots["outputs"].shape == (3, 2, 10, 1) and shots["targets"].shape == (2, 10, 1)
    np.testing.assert_array_equal(shots["outputs"][0], untrained)


def small_sequences(n=16):
    data = small_data(n)
    return {"inputs": data["inputs"], "targets": data["inputs"]}


def small_data(n=16, timesteps=10):
    rng = np.random.default_rng(0)
    inputs = rng.normal(size=(n, timesteps, 1)).astype(np.float32)
    return {"inputs": inputs, "targets": inputs.mean(axis=1)}


def spec(**settings):
    base = {"epochs": 2, "batch_size": 8, "optimizer": "adam", "learning_rate": 0.01}
    return {"experiment": "toy", "variant": "v", "replicate": 0, "seed": 0, "training": training_settings(**{**base, **settings})}


def test_fit_logs_one_line_per_epoch(caplog):
    logger = logging.getLogger("test-fit")
    with caplog.at_level(logging.INFO, logger="test-fit"):
        rows, _ = fit(build(model_settings("seq2vec", {"units": 4}), (10, 1), (1,)), spec(), small_data(), small_data(), logger)
    assert [row["epoch"] for row in rows] == [1, 2]
    assert "toy/v/r0 epoch 2/2 loss=" in caplog.text


def test_divergence_names_experiment_and_epoch():
    data = small_data()
    data["targets"] = data["targets"] * 1e30
    with pytest.raises(TrainingDiverged, match=r"toy/v/r0: training diverged at epoch 1"):
        fit(build(model_settings("seq2vec", {"units": 4}), (10, 1), (1,)), spec(learning_rate=1e10), data, data, logging.getLogger("x"))


def test_saved_model_loads_in_safe_mode_and_a_truncated_one_is_named(tmp_path):
    model = build(model_settings("seq2vec", {"units": 4}), (10, 1), (1,))
    path = tmp_path / "model.keras"
    model.save(path)
    inputs = small_data()["inputs"]
    np.testing.assert_array_equal(load_model(path).predict(inputs, verbose=0), model.predict(inputs, verbose=0))
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ModelFileError, match="model.keras: cannot load Keras model"):
        load_model(path)


def test_a_model_that_would_run_code_from_its_file_is_refused(tmp_path):
    """Safe mode's negative control: a Lambda layer's function is stored as code in the
    file; loading it would run that code, and load_model refuses it."""
    import keras

    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, keras.layers.Lambda(lambda x: x * 2.0)(inputs))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(ModelFileError, match=r"lambda.keras: cannot load Keras model .*(unsafe|safe_mode)"):
        load_model(path)
    unsafe = keras.models.load_model(path, compile=False, safe_mode=False)  # the same file, without safe mode
    np.testing.assert_array_equal(unsafe.predict(np.ones((1, 3)), verbose=0), [[2.0, 2.0, 2.0]])


@pytest.mark.parametrize("xla", [False, True])
def test_training_is_repeatable(xla):
    def trained_weights():
        runtime.configure(threads=1, seed=42)
        model = build(model_settings("seq2vec", {"units": 4}), (10, 1), (1,))
        fit(model, spec(xla=xla), small_data(), small_data(), logging.getLogger("x"))
        return model.get_weights()

    for first, second in zip(trained_weights(), trained_weights()):
        np.testing.assert_array_equal(first, second)
