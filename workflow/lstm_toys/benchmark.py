"""Training speed, side by side in one process: the pipeline's own training
(``training.fit`` or the kind's ``fit``, with its callbacks and validation) against
a plain seed-style ``model.fit`` of the same model on the same data, plus the
achieved GFLOP/s against a float32 matmul rate measured in the same run.

    python -m lstm_toys.benchmark [--fraction 0.02] [--threads 1] [experiment ...]

(from ``workflow/``, or with ``PYTHONPATH=workflow``; ``make benchmark`` runs it).
Each model trains for ``fraction`` of its full-config epochs (at least 2); an
epoch's time is the median after the first epoch (which compiles). Kinds
that train their own way (echo: the seed's stateful loop) have no plain
``model.fit`` baseline; their row shows the pipeline only.
"""

import argparse
import math
import statistics
import time
from importlib import import_module

import yaml

from . import config as cfg
from . import runtime
from .generators import make_split

HEAVIEST = ["ae_phase_full", "ae_line", "cond_ae_freq", "next_step_sine", "echo_seq2seq"]


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


def matmul_gflops(tf, size: int = 512, repeats: int = 20) -> float:
    """float32 matmul rate with the configured threads (median of ``repeats``)."""
    a = tf.random.stateless_uniform((size, size), seed=(1, 2))
    tf.linalg.matmul(a, a)  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        tf.linalg.matmul(a, a).numpy()
        times.append(time.perf_counter() - started)
    return 2 * size**3 / statistics.median(times) / 1e9


def steady_epoch_seconds(seconds: list, total: float, epochs: int) -> float:
    """The median epoch after the first (which traces and compiles), if every epoch
    was timed; else the mean."""
    return statistics.median(seconds[1:]) if len(seconds) == epochs > 1 else total / epochs


def datasets(config, experiment) -> dict:
    return {split: make_split(spec, spec["seed"]) for split in ("train", "val")
            for spec in [cfg.dataset_spec(config, experiment, split)]}


def _silent():
    import logging

    logger = logging.getLogger("benchmark")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    return logger


def measure(config, experiment: str, fraction: float) -> dict:
    import keras

    from . import training

    variant = cfg.variant_names(config, experiment)[0]
    spec = cfg.training_spec(config, experiment, variant)
    epochs = max(2, round(spec["training"]["epochs"] * fraction))
    spec["training"] = {**spec["training"], "epochs": epochs}
    data = datasets(config, experiment)
    family = import_module(spec["module"])

    def fresh_model():
        keras.utils.set_random_seed(spec["seed"])
        return training.build_model(family, spec, data["train"])

    model = fresh_model()
    fit = training.fit_of(family)  # exactly the train job's way
    started = time.perf_counter()
    rows, _ = fit(model, spec, data["train"], data["val"], _silent())
    pipeline = steady_epoch_seconds([r["seconds"] for r in rows], time.perf_counter() - started, epochs)
    row = {"experiment": f"{experiment}/{variant}", "epochs": epochs, "pipeline s/epoch": pipeline,
           "pipeline loss": rows[-1]["loss"], "plain s/epoch": None, "plain loss": None}
    samples = len(data["train"]["inputs"])
    if fit is training.fit:
        model = fresh_model()
        model.compile(optimizer=training.build_optimizer(spec["training"]), loss=training.build_loss(spec["training"]))
        ends = [time.perf_counter()]
        stamp = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: ends.append(time.perf_counter()))
        history = model.fit(data["train"]["inputs"], data["train"]["targets"], batch_size=spec["training"]["batch_size"],
                            epochs=epochs, shuffle=True, verbose=0, callbacks=[stamp])
        seconds = [b - a for a, b in zip(ends, ends[1:])]
        row["plain s/epoch"] = steady_epoch_seconds(seconds, ends[-1] - ends[0], epochs)
        row["plain loss"] = history.history["loss"][-1]
    else:  # one fresh sequence per epoch, fed window by window
        options = spec["data_options"]
        samples = options["length"] - options["n_in"] + 1
    row["GFLOP/s"] = 3 * lstm_and_dense_flops(model) * samples / pipeline / 1e9  # forward + backward ~ 3 x forward
    return row


def _cell(value, form: str) -> str:
    return "n/a" if value is None else format(value, form)


def table(rows: list, matmul: float) -> str:
    """The rows as a Markdown table (the README's and the closing note's)."""
    lines = ["| model | epochs | pipeline s/epoch | plain fit s/epoch | ratio | pipeline loss | plain loss | GFLOP/s | % of matmul |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        plain = r["plain s/epoch"]
        cells = [r["experiment"], str(r["epochs"]), _cell(r["pipeline s/epoch"], ".3f"), _cell(plain, ".3f"),
                 _cell(plain and r["pipeline s/epoch"] / plain, ".2f"), _cell(r["pipeline loss"], ".4g"),
                 _cell(r["plain loss"], ".4g"), _cell(r["GFLOP/s"], ".2f"), _cell(100 * r["GFLOP/s"] / matmul, ".1f")]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(f"\nfloat32 matmul (512 x 512, same threads): {matmul:.1f} GFLOP/s")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("experiments", nargs="*", default=HEAVIEST)
    parser.add_argument("--config", default="config/config.yaml")
    parser.add_argument("--fraction", type=float, default=0.02, help="of each model's full-config epochs")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    with open(args.config) as handle:
        config = yaml.safe_load(handle)
    tf = runtime.configure(args.threads, config["seed"])
    matmul = matmul_gflops(tf)
    rows = [measure(config, experiment, args.fraction) for experiment in args.experiments]
    print(table(rows, matmul))


if __name__ == "__main__":
    main()
