"""Training speed, side by side in one process: the pipeline's own training
(the kind's ``fit`` hook: compiled epochs with validation) against two peers on
the same seeded model and data: the write-ups' plain ``model.fit``, and Keras'
best, ``compile(jit_compile=..., steps_per_execution=<steps per epoch>)`` with
``fit`` (both ``jit_compile`` values tried, the faster kept). Also the achieved
GFLOP/s against a float32 matmul rate measured in the same run, and the physical
bound of the whole config: its training FLOPs over the matmul rate of every core.

    PYTHONPATH=workflow python benchmarks/training_speed.py [--fraction 0.02] [--threads 1] [--configfile F]
        [experiment ...]

(``make benchmark`` runs it). A tool beside the pipeline, not part of it.
Each model trains for ``fraction`` of its full-config epochs (at least two
progress lines), compiled (XLA or graph) as its full run would be; an epoch's
time is the median after the first progress line (which compiles). The echo
kind's peers run its write-up's loop: ``model.fit`` on one fresh sequence per
epoch, then ``reset_states``.
"""

import argparse
import contextlib
import math
import statistics
import time
from pathlib import Path

import yaml

from lstm_toys import config as cfg
from lstm_toys.data.curves import make_split
from lstm_toys.registry import kind
from lstm_toys.training import runtime
from lstm_toys.validation import effective_config

# the heaviest models, and one of batch 32 where per-step overhead dominated
MODELS = ["ae_phase_full", "ae_line", "cond_ae_freq", "next_step_sine", "echo_seq2seq", "s2v_amplitude"]
REPLICATE = 0  # the data and seeds of replicate 0, as its figures


def lstm_and_dense_flops(model) -> float:
    """Multiply-adds x 2 of one forward pass of one sample, over the LSTM and Dense
    layers (the rest is small): an LSTM step is four gates of (input + units) x units."""
    total = 0.0
    for layer in model.layers:
        inner = getattr(layer, "layer", layer)  # TimeDistributed(Dense)
        if not hasattr(layer, "input") or isinstance(layer.input, (list, tuple)):
            continue
        shape = layer.input.shape
        if type(inner).__name__ == "LSTM":
            total += shape[1] * 2 * 4 * inner.units * (shape[-1] + inner.units)
        elif type(inner).__name__ == "Dense":
            total += math.prod(shape[1:-1]) * 2 * shape[-1] * inner.units
    return total


def matmul_gflops(tf, size: int = 2048, repeats: int = 5) -> float:
    """float32 matmul rate with the configured threads (median of ``repeats``)."""
    a = tf.random.stateless_uniform((size, size), seed=(1, 2))
    tf.linalg.matmul(a, a)  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        tf.linalg.matmul(a, a).numpy()
        times.append(time.perf_counter() - started)
    return 2 * size**3 / statistics.median(times) / 1e9


def steady_epoch_seconds(rows: list, total: float) -> float:
    """Seconds per epoch after the first history row (which traces and compiles):
    the median over the later rows, each divided by the epochs it covers; the mean
    over all epochs if there is only one row."""
    epochs = [row["epoch"] for row in rows]
    if len(rows) < 2:
        return total / epochs[-1]
    spans = [b - a for a, b in zip(epochs, epochs[1:])]
    return statistics.median(row["seconds"] / span for row, span in zip(rows[1:], spans))


def datasets(config, experiment) -> dict:
    return {split: make_split(spec, spec["seed"]) for split in ("train", "val")
            for spec in [cfg.dataset_spec(config, experiment, split, REPLICATE)]}


def _silent():
    import logging

    logger = logging.getLogger("benchmark")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    return logger


def plain_fit(keras, model, training: dict, data: dict, epochs: int, **compile_options) -> tuple:
    """The write-ups' way: ``model.fit`` with shuffling, no validation or callbacks
    (``compile_options``: Keras' own speed settings); per-epoch times and the final loss."""
    from lstm_toys.training.fit import build_loss, build_optimizer

    model.compile(optimizer=build_optimizer(training), loss=build_loss(training), **compile_options)
    ends = [time.perf_counter()]
    stamp = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: ends.append(time.perf_counter()))
    history = model.fit(data["train"]["inputs"], data["train"]["targets"], batch_size=training["batch_size"],
                        epochs=epochs, shuffle=True, verbose=0, callbacks=[stamp])
    return [b - a for a, b in zip(ends, ends[1:])], history.history["loss"][-1]


def plain_echo_loop(model, training: dict, options: dict, seed: int, epochs: int, **compile_options) -> tuple:
    """The echo write-up's loop: a fresh sequence per epoch, ``model.fit`` for one epoch
    without shuffling, then ``reset_states``."""
    import numpy as np

    from lstm_toys.data.streams import echo_windows
    from lstm_toys.training.steps import reset_states
    from lstm_toys.training.fit import build_optimizer

    model.compile(optimizer=build_optimizer(training), loss="categorical_crossentropy", **compile_options)
    rng, seconds = np.random.default_rng(seed), []
    for _ in range(epochs):
        started = time.perf_counter()
        data = echo_windows(rng, options, 1)
        history = model.fit(data["inputs"], data["targets"], epochs=1, batch_size=model.inputs[0].shape[0],
                            shuffle=False, verbose=0)
        reset_states(model)
        seconds.append(time.perf_counter() - started)
    return seconds, history.history["loss"][-1]


def peer(keras, spec: dict, training: dict, fresh_model, data: dict, epochs: int, **compile_options) -> tuple:
    """Steady seconds per epoch and the final loss of the write-ups' loop (``model.fit``,
    or echo's loop) on a fresh model, compiled with Keras' ``compile_options``."""
    with xla_allowed(compile_options.get("jit_compile", False)):
        if spec["kind"] == "echo":
            seconds, loss = plain_echo_loop(fresh_model(), training, spec["data_options"], spec["seed"], epochs,
                                            **compile_options)
        else:
            seconds, loss = plain_fit(keras, fresh_model(), training, data, epochs, **compile_options)
    return steady_epoch_seconds([{"epoch": i + 1, "seconds": t} for i, t in enumerate(seconds)], sum(seconds)), loss


def measure(config, experiment: str, fraction: float) -> dict:
    import keras

    from lstm_toys.training.steps import uses_xla

    variant = cfg.variant_names(config, experiment)[0]
    spec = cfg.training_spec(config, experiment, variant, REPLICATE)
    data = datasets(config, experiment)
    plugin = kind(spec["kind"])
    full = spec["training"]
    steps = plugin.load("steps_per_epoch")(spec, data["train"])
    # at least two progress lines (echo logs every ``log_every`` epochs): the first compiles
    logged = full["log_every"] if spec["kind"] == "echo" else 1  # the other kinds log every epoch
    epochs = max(2, round(full["epochs"] * fraction), 2 * logged)
    spec["training"] = {**full, "epochs": epochs, "xla": uses_xla(full, steps)}  # compiled as the full run is

    def fresh_model():
        keras.utils.set_random_seed(spec["seed"])
        return build_model(spec, data["train"])

    fit = plugin.load("fit")  # exactly the train job's way
    model = fresh_model()
    started = time.perf_counter()
    rows, _ = fit(model, spec, data["train"], data["val"], _silent())
    pipeline = steady_epoch_seconds(rows, time.perf_counter() - started)
    plain, plain_loss = peer(keras, spec, full, fresh_model, data, epochs)
    best = min((*peer(keras, spec, full, fresh_model, data, epochs, jit_compile=jit, steps_per_execution=steps),
                "XLA" if jit else "graph") for jit in (True, False))
    return {"experiment": f"{experiment}/{variant}", "epochs": epochs, "compiled": "XLA" if spec["training"]["xla"] else "graph",
            "pipeline s/epoch": pipeline, "pipeline loss": rows[-1]["loss"], "plain s/epoch": plain,
            "plain loss": plain_loss, "best s/epoch": best[0], "best loss": best[1], "best compiled": best[2],
            # forward and backward: about 3 x the forward FLOPs
            "GFLOP/s": 3 * lstm_and_dense_flops(model) * samples_per_epoch(spec, data["train"], steps) / pipeline / 1e9}


@contextlib.contextmanager
def xla_allowed(jit: bool):
    """Keras' ``compile`` silently drops ``jit_compile`` while TensorFlow's op
    determinism is on (``keras.src.trainers.trainer.model_supports_jit``): off for the
    ``jit`` peer's run, on again after it (seeds still fix its initial weights)."""
    import tensorflow as tf
    from tensorflow.python.framework.config import disable_op_determinism  # no public API turns it off

    if jit:
        disable_op_determinism()
    try:
        yield
    finally:
        tf.config.experimental.enable_op_determinism()


def build_model(spec: dict, train: dict):
    """The kind's model of ``spec`` for the shapes of the ``train`` split, as the train job builds it."""
    return kind(spec["kind"]).load("build")(spec["model"], train["inputs"].shape[1:], train["targets"].shape[1:])


def samples_per_epoch(spec: dict, train: dict, steps: int) -> int:
    """Sequences trained on per epoch: the training split, or for the echo kind (a
    fresh stream each epoch) its steps of one batch each."""
    return steps * spec["model"]["batch"] if spec["kind"] == "echo" else len(train["inputs"])


def training_flops(config) -> float:
    """The whole config's training arithmetic: per replicate and variant, 3 x the
    forward FLOPs of a sample (backward is about twice forward) x samples per epoch
    x epochs; validation and prediction left out (forward only, small splits)."""
    import keras

    total = 0.0
    for experiment in cfg.experiment_names(config):
        data = datasets(config, experiment)
        for variant in cfg.variant_names(config, experiment):
            spec = cfg.training_spec(config, experiment, variant, REPLICATE)
            keras.backend.clear_session()
            model = build_model(spec, data["train"])
            steps = kind(spec["kind"]).load("steps_per_epoch")(spec, data["train"])
            per_replicate = 3 * lstm_and_dense_flops(model) * samples_per_epoch(spec, data["train"], steps)
            total += per_replicate * spec["training"]["epochs"] * cfg.replicates(config, experiment)
    return total


def _cell(value, form: str) -> str:
    return "n/a" if value is None else format(value, form)


def table(rows: list, matmul: float) -> str:
    """The rows as a Markdown table (the README's and the closing note's)."""
    lines = ["| model | epochs | compiled | pipeline s/epoch | plain fit s/epoch | Keras best s/epoch | speed-up on plain "
             "| speed-up on Keras best | pipeline loss | plain loss | Keras best loss | GFLOP/s | % of matmul |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        pipeline, best = r["pipeline s/epoch"], r["best s/epoch"]
        cells = [r["experiment"], str(r["epochs"]), r["compiled"], _cell(pipeline, ".3f"), _cell(r["plain s/epoch"], ".3f"),
                 "n/a" if best is None else f"{best:.3f} ({r['best compiled']})", _cell(r["plain s/epoch"] and r["plain s/epoch"] / pipeline, ".2f"),
                 _cell(best and best / pipeline, ".2f"), _cell(r["pipeline loss"], ".4g"), _cell(r["plain loss"], ".4g"),
                 _cell(r["best loss"], ".4g"), _cell(r["GFLOP/s"], ".2f"), _cell(100 * r["GFLOP/s"] / matmul, ".1f")]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(f"\nfloat32 matmul (2048 x 2048, same threads): {matmul:.1f} GFLOP/s")
    return "\n".join(lines)


def bound(flops: float, matmul: float, cores: int) -> str:
    """The physical bound: the config's training FLOPs at the matmul rate of ``cores`` cores."""
    seconds = flops / (matmul * 1e9 * cores)
    return (f"physical bound of the config's training: {flops / 1e12:.1f} TFLOP / ({cores} x {matmul:.1f} GFLOP/s) "
            f"= {seconds:.0f} s ({seconds / 60:.1f} min)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("experiments", nargs="*", default=MODELS)
    parser.add_argument("--configfile", action="append", default=[], help="an overlay, as Snakemake's")
    parser.add_argument("--fraction", type=float, default=0.02, help="of each model's full-config epochs")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cores", type=int, default=2, help="cores for the physical bound (the pipeline's --cores)")
    args = parser.parse_args(argv)
    config = effective_config(Path("."), *(yaml.safe_load(Path(path).read_text()) for path in args.configfile))
    tf = runtime.configure(args.threads, config["seed"])
    matmul = matmul_gflops(tf)
    print(bound(training_flops(config), matmul, args.cores), flush=True)
    rows = [measure(config, experiment, args.fraction) for experiment in args.experiments]
    print(table(rows, matmul))


if __name__ == "__main__":
    main()
