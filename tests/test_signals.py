"""Data of sections D, E, F: the write-ups' shapes and offsets exactly."""

import numpy as np

from lstm_toys.config import dataset_spec
from lstm_toys.data.curves import make_split
from lstm_toys.data.streams import echo_windows
from lstm_toys.validation import effective_config

from conftest import REPO

CONFIG = effective_config(REPO)


def split(experiment, name):
    return make_split(dataset_spec(CONFIG, experiment, name, 0), None)


def test_conditional_autoencoder_data_has_the_seeds_shapes():
    train, test = split("cond_ae_freq", "train"), split("cond_ae_freq", "val")
    assert train["inputs"].shape == (17802, 100, 1)
    assert test["inputs"].shape == (1800, 100, 1)
    labels = train["factors"][:, 0]
    assert (labels == 0).sum() == 3501 and (labels == 1).sum() == 14301
    # windows slide by one sample, in time order within a class
    np.testing.assert_array_equal(train["inputs"][1, :-1], train["inputs"][0, 1:])
    # class 0 has 20 samples per cycle: a window repeats itself (up to phase noise) 20 samples later
    assert np.abs(train["inputs"][0, :80, 0] - train["inputs"][0, 20:, 0]).max() < 0.2


def test_next_step_windows_split_60_20_20_with_the_seeds_offset():
    parts = {name: split("next_step_sine", name) for name in ("train", "val", "test")}
    assert [len(parts[n]["inputs"]) for n in ("train", "val", "test")] == [29971, 9989, 9989]
    starts = np.concatenate([parts[n]["factors"][:, 0] for n in parts]).astype(int)
    assert sorted(starts) == list(range(49949))  # every start once, shuffled
    signal = parts["train"]["signal_head"]  # the first 1100 samples of the signal
    for name, part in parts.items():  # a window inside the kept samples, of every split
        row = int(np.flatnonzero(part["factors"][:, 0] + 51 < len(signal))[0])
        start = int(part["factors"][row, 0])
        np.testing.assert_allclose(part["inputs"][row, :, 0], signal[start : start + 50], atol=1e-6, err_msg=name)
        # the target is the sample after the next (offset 2): signal[s + 51], as in write-up 002
        np.testing.assert_allclose(part["targets"][row, 0], signal[start + 51], atol=1e-6, err_msg=name)
        assert abs(part["targets"][row, 0] - signal[start + 50]) > 1e-3  # not the next sample
    noise = signal - np.sin(2 * np.pi * parts["train"]["time_head"])
    assert 0.017 < noise.std() < 0.023


def test_echo_windows_as_in_the_seed():
    rng = np.random.default_rng(0)
    whole = echo_windows(rng, {"classes": 100, "length": 25, "n_in": 6, "n_out": 6}, 1)
    assert whole["inputs"].shape == (20, 6, 100) and whole["targets"].shape == (20, 6, 100)
    seq = echo_windows(rng, {"classes": 100, "length": 25, "n_in": 5, "n_out": 2}, 3)
    assert seq["inputs"].shape == (63, 5, 100) and seq["targets"].shape == (63, 2, 100)
    tokens = seq["inputs"].argmax(-1)
    np.testing.assert_array_equal(seq["targets"].argmax(-1), tokens[:, :2])
    np.testing.assert_array_equal(tokens[1, :-1], tokens[0, 1:])  # sliding by one
    big = echo_windows(rng, {"classes": 100, "length": 25, "n_in": 5, "n_out": 2}, 400)["tokens"]
    assert big.min() == 0 and big.max() == 98  # randint(0, 99): 99 never occurs
