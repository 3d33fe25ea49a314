"""Whole-split generators for sections D, E and F: windows cut from one long signal,
and sequences of random integers. Unlike the curve generators, each builds the
arrays of a split itself (``make(options, split, seed)``), because the splits of
one experiment share a signal: the signal is drawn from the experiment's seed."""

from dataclasses import dataclass
from typing import Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from lstm_toys.data.settings import EchoOptions, NextStepOptions, TwoFrequencyOptions


def _windows(series, length):
    """Every window of ``length`` consecutive samples, as in the write-ups (the last
    sample only ever appears as a target, so there are len - length windows)."""
    return sliding_window_view(series, length)[: len(series) - length]


def next_step_windows(options: dict, split: str, seed: int, n=None) -> dict:
    """D: ``sin(2 pi t) + N(0, noise^2)``; windows of ``window`` inputs whose target is
    ``signal[s + window + offset - 1]`` (offset 2: the sample after the next, as in the
    seed); window starts shuffled and split 60/20/20 into train / val (dev) / test."""
    rng = np.random.default_rng(seed)
    samples, window, offset = options["samples"], options["window"], options["offset"]
    time = np.linspace(0, samples * options["dt"], samples)
    signal = np.sin(2 * np.pi * time) + rng.normal(size=samples) * options["noise"]
    starts = np.arange(samples - window - offset)
    rng.shuffle(starts)
    dev = test = int(np.floor(len(starts) * options["holdout_fraction"]))
    bounds = {"train": (0, len(starts) - dev - test), "val": (len(starts) - dev - test, len(starts) - test),
              "test": (len(starts) - test, len(starts))}
    chosen = starts[slice(*bounds[split])]
    inputs = signal[chosen[:, None] + np.arange(window)[None, :]]
    head = options["head"]
    return {
        "x": time[:window],
        "inputs": inputs[..., None].astype(np.float32),
        "targets": signal[chosen + window + offset - 1][:, None].astype(np.float32),
        "factors": chosen[:, None].astype(np.float64),
        "factor_names": np.array(["start"]),
        "signal_head": signal[:head],
        "time_head": time[:head],
    }


def two_frequency_windows(options: dict, split: str, seed: int, n=None) -> dict:
    """E: two classes of sines with ``periods`` samples per cycle, ``cycles`` cycles,
    phase noise ``U[-1, 1] * phase_noise`` per sample; each class split in time order
    (``1 - test_fraction`` first), then cut into windows; class 0 first."""
    rng = np.random.default_rng(seed)
    inputs, labels, signals = [], [], []
    for label, period in enumerate(options["periods"]):
        t = np.arange(period * options["cycles"] + 1)
        series = np.sin(t * (2 * np.pi / period) + rng.uniform(-1.0, 1.0, size=len(t)) * options["phase_noise"])
        cut = int(round(len(series) * (1 - options["test_fraction"])))
        part = series[:cut] if split == "train" else series[cut:]
        windows = _windows(part, options["window"])
        inputs.append(windows)
        labels.append(np.full(len(windows), label, dtype=np.float64))
        signals.append(series[: options["head"]])
    inputs = np.concatenate(inputs)[..., None].astype(np.float32)
    return {
        "x": np.arange(options["window"], dtype=np.float64),
        "inputs": inputs,
        "targets": inputs,
        "factors": np.concatenate(labels)[:, None],
        "factor_names": np.array(["class"]),
        "class_signals": np.stack(signals),
    }


def echo_windows(rng, options: dict, sequences: int) -> dict:
    """F: ``sequences`` random integer sequences (``randint(0, classes - 1)``, i.e. 0 ...
    classes - 2 as in the write-up), one-hot, cut into sliding windows of ``n_in`` inputs whose
    targets are their first ``n_out`` tokens. Windows of one sequence are consecutive."""
    classes, length, n_in, n_out = options["classes"], options["length"], options["n_in"], options["n_out"]
    tokens = rng.integers(0, classes - 1, size=(sequences, length))
    starts = np.arange(length - n_in + 1)
    windows = tokens[:, starts[:, None] + np.arange(n_in)[None, :]].reshape(-1, n_in)
    one_hot = np.eye(classes, dtype=np.float32)
    return {"inputs": one_hot[windows], "targets": one_hot[windows[:, :n_out]], "tokens": tokens}


def random_integer_echo(options: dict, split: str, seed: int, n=None) -> dict:
    """F, evaluation data: ``n`` fresh random sequences, cut into windows."""
    arrays = echo_windows(np.random.default_rng(seed), options, n)
    return {
        "x": np.arange(options["n_in"], dtype=np.float64),
        **arrays,
        "factors": np.zeros((len(arrays["inputs"]), 0)),
        "factor_names": np.array([], dtype="<U1"),
    }


@dataclass(frozen=True)
class Stream:
    """A stream generator: its function, its ``options`` (a model of ``data.settings``),
    whether the splits of an experiment share one signal (then each gets the
    experiment's seed, otherwise its own), and the relations between options a schema
    cannot state (``problems(options)``: one message per impossible combination)."""

    function: Callable
    options: type
    shared_signal: bool
    problems: Callable


def next_step_problems(options) -> list:
    if options["samples"] < options["head"]:
        return [f"samples: {options['samples']} samples are fewer than the {options['head']} kept for "
                "the figures and the free-running generation (head)"]
    starts = options["samples"] - options["window"] - options["offset"]
    held_out = 2 * int(starts * options["holdout_fraction"])
    if starts - held_out < 1:
        return [f"samples: {options['samples']} samples leave no training window of {options['window']} "
                f"(+ offset {options['offset']}) after holding out 2 x {options['holdout_fraction']}"]
    return []


def two_frequency_problems(options) -> list:
    shortest = min(options["periods"]) * options["cycles"] + 1
    held_out = shortest - int(round(shortest * (1 - options["test_fraction"])))
    if min(held_out, shortest - held_out) <= options["window"]:
        return [f"window: {options['window']} is not shorter than the {min(held_out, shortest - held_out)} samples "
                f"a class keeps in one split (periods {options['periods']}, cycles {options['cycles']}, "
                f"test_fraction {options['test_fraction']})"]
    return []


def echo_problems(options) -> list:
    problems = []
    if options["n_out"] > options["n_in"]:
        problems.append(f"n_out: {options['n_out']} output tokens exceed the {options['n_in']} of a window")
    if options["length"] < options["n_in"]:
        problems.append(f"length: a sequence of {options['length']} holds no window of {options['n_in']}")
    return problems


STREAMS = {
    "next_step_windows": Stream(next_step_windows, NextStepOptions, shared_signal=True, problems=next_step_problems),
    "two_frequency_windows": Stream(two_frequency_windows, TwoFrequencyOptions, shared_signal=True,
                                    problems=two_frequency_problems),
    "random_integer_echo": Stream(random_integer_echo, EchoOptions, shared_signal=False, problems=echo_problems),
}


def make(spec: dict) -> dict:
    stream = STREAMS[spec["generator"]]
    seed = spec["experiment_seed"] if stream.shared_signal else spec["seed"]
    return stream.function(spec["options"], spec["split"], seed, spec["n"])
