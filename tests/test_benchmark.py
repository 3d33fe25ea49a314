"""The speed benchmark's arithmetic: FLOPs of a model and of a config, steady epoch
times, the table and the physical bound."""

import keras
import pytest
import yaml

from lstm_toys.validation import effective_config
from training_speed import bound, lstm_and_dense_flops, steady_epoch_seconds, table, training_flops

from conftest import REPO


def test_flops_count_lstm_gates_and_dense_layers_per_sample():
    inputs = keras.Input((100, 1))
    hidden = keras.layers.LSTM(32, return_sequences=True)(inputs)
    outputs = keras.layers.TimeDistributed(keras.layers.Dense(1))(hidden)
    model = keras.Model(inputs, outputs)
    assert lstm_and_dense_flops(model) == 100 * 2 * 4 * 32 * (1 + 32) + 100 * 2 * 32 * 1
    assert lstm_and_dense_flops(model) == 851_200  # by hand: 100 x 8 x 32 x 33 + 100 x 64


def rows(epochs, seconds):
    return [{"epoch": e, "seconds": s} for e, s in zip(epochs, seconds)]


def test_the_first_row_which_compiles_is_left_out():
    assert steady_epoch_seconds(rows([1, 2, 3, 4], [9.0, 1.0, 1.2, 0.8]), 12.0) == 1.0
    # echo logs every few epochs: each row's time is spread over the epochs it covers
    assert steady_epoch_seconds(rows([5, 10, 15], [9.0, 1.0, 2.0]), 12.0) == pytest.approx(0.3)
    assert steady_epoch_seconds(rows([10], [30.0]), 30.0) == 3.0  # one row: the mean


def test_table_shows_the_speed_ups_on_both_peers_and_marks_missing_ones():
    measured = [{"experiment": "a/v", "epochs": 4, "compiled": "XLA", "pipeline s/epoch": 0.5, "plain s/epoch": 1.0,
                 "best s/epoch": 0.8, "best compiled": "graph", "pipeline loss": 0.1, "plain loss": 0.1, "best loss": 0.1,
                 "GFLOP/s": 2.0},
                {"experiment": "echo/v", "epochs": 4, "compiled": "graph", "pipeline s/epoch": 0.2, "plain s/epoch": None,
                 "best s/epoch": None, "best compiled": None, "pipeline loss": 4.6, "plain loss": None, "best loss": None,
                 "GFLOP/s": 0.01}]
    text = table(measured, matmul=40.0)
    assert "| a/v | 4 | XLA | 0.500 | 1.000 | 0.800 (graph) | 2.00 | 1.60 | 0.1 | 0.1 | 0.1 | 2.00 | 5.0 |" in text
    assert "| echo/v | 4 | graph | 0.200 | n/a | n/a | n/a | n/a | 4.6 | n/a | n/a | 0.01 | 0.0 |" in text
    assert "40.0 GFLOP/s" in text


def test_the_bound_is_the_config_training_flops_at_every_cores_matmul_rate():
    assert bound(24e12, 87.0, 2).startswith("physical bound of the config's training: 24.0 TFLOP / (2 x 87.0 GFLOP/s) = 138 s")


def test_training_flops_count_every_replicate_variant_epoch_and_sample():
    config = effective_config(REPO, yaml.safe_load((REPO / "config" / "quick.yaml").read_text()))
    config["experiments"] = {"s2v_amplitude": {**config["experiments"]["s2v_amplitude"], "replicates": 3}}
    # LSTM(32) then the output LSTM(1), over 100 steps of one channel; 64 samples, 2 epochs
    forward = 100 * 2 * 4 * 32 * (1 + 32) + 100 * 2 * 4 * 1 * (32 + 1)
    assert training_flops(config) == 3 * forward * 64 * 2 * 3
    assert training_flops(config) == 1_003_622_400  # by hand: 3 x 871,200 x 64 x 2 x 3
