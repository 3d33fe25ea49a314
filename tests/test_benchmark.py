"""The speed benchmark's arithmetic: FLOPs of a model, steady epoch times, the table."""

import keras

from lstm_toys.benchmark import lstm_and_dense_flops, steady_epoch_seconds, table


def test_flops_count_lstm_gates_and_dense_layers_per_sample():
    inputs = keras.Input((100, 1))
    hidden = keras.layers.LSTM(32, return_sequences=True)(inputs)
    outputs = keras.layers.TimeDistributed(keras.layers.Dense(1))(hidden)
    model = keras.Model(inputs, outputs)
    assert lstm_and_dense_flops(model) == 100 * 2 * 4 * 32 * (1 + 32) + 100 * 2 * 32 * 1


def test_the_first_epoch_which_compiles_is_left_out():
    assert steady_epoch_seconds([9.0, 1.0, 1.2, 0.8], 12.0, 4) == 1.0
    assert steady_epoch_seconds([5.0], 30.0, 10) == 3.0  # not every epoch timed: the mean


def test_table_shows_the_ratio_and_marks_missing_baselines():
    rows = [{"experiment": "a/v", "epochs": 4, "pipeline s/epoch": 0.5, "plain s/epoch": 1.0, "pipeline loss": 0.1,
             "plain loss": 0.1, "GFLOP/s": 2.0},
            {"experiment": "echo/v", "epochs": 4, "pipeline s/epoch": 0.2, "plain s/epoch": None, "pipeline loss": 4.6,
             "plain loss": None, "GFLOP/s": 0.01}]
    text = table(rows, matmul=40.0)
    assert "| a/v | 4 | 0.500 | 1.000 | 0.50 | 0.1 | 0.1 | 2.00 | 5.0 |" in text
    assert "| echo/v | 4 | 0.200 | n/a | n/a | 4.6 | n/a | 0.01 | 0.0 |" in text
    assert "40.0 GFLOP/s" in text
