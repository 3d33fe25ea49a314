"""The one registry: an experiment ``kind`` names the modules that serve each step.

Adding a kind is one entry here plus its modules; the rules never change.
Modules are named, not imported, so that reading the registry costs nothing:
a job imports only the module of its own step, and a rule lists that module's
file as an input, so that editing it reruns that step and what follows.
"""

from dataclasses import dataclass, fields
from importlib import import_module
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Family:
    """The module of each step for one experiment kind."""

    model: str  # build(model_spec, input_shape, target_shape) -> keras.Model     (TensorFlow)
    metrics: str  # compute(spec, datasets, predictions) -> {split: {name: value}}  (NumPy)
    figures: str  # PLOTS: {name: plot(data, options) -> Figure}                    (matplotlib)
    claims: str  # CLAIMS: {name: verdicts.Claim}                                  (NumPy)
    predict: str = "lstm_toys.inference"  # predict(model, datasets) -> {split: {name: array}}

    def module(self, step: str):
        return import_module(getattr(self, step))

    def module_path(self, step: str) -> Path:
        return module_path(getattr(self, step))


STEPS = tuple(field.name for field in fields(Family))


def module_path(module_name: str) -> Path:
    """The source file of a ``lstm_toys`` module, without importing it."""
    parts = module_name.split(".")[1:]
    return PACKAGE_DIR.joinpath(*parts).with_suffix(".py")


FAMILIES = {
    "seq2vec": Family(
        model="lstm_toys.families.seq2vec.model",
        metrics="lstm_toys.families.seq2vec.metrics",
        figures="lstm_toys.families.seq2vec.figures",
        claims="lstm_toys.families.seq2vec.claims",
    ),
    "seq2seq": Family(
        model="lstm_toys.families.seq2seq.model",
        metrics="lstm_toys.families.seq2seq.metrics",
        figures="lstm_toys.plots",
        claims="lstm_toys.families.seq2seq.claims",
    ),
    "autoencoder": Family(
        model="lstm_toys.families.autoencoder.model",
        predict="lstm_toys.families.autoencoder.predict",
        metrics="lstm_toys.families.autoencoder.metrics",
        figures="lstm_toys.plots",
        claims="lstm_toys.families.autoencoder.claims",
    ),
}


def family(kind: str) -> Family:
    try:
        return FAMILIES[kind]
    except KeyError:
        raise KeyError(f"unknown experiment kind {kind!r}; known: {', '.join(sorted(FAMILIES))}") from None


# The shared modules each job runs besides its family's module: rule inputs, so
# that editing one reruns exactly the jobs that import it (a test checks the list).
SHARED_MODULES = {
    "dataset": ("arrays", "generators", "logs"),
    "model": ("arrays", "history", "logs", "runtime", "training"),
    "predict": ("arrays", "inference", "logs", "runtime"),
    "metrics": ("arrays", "history", "logs", "scores", "waves"),
    "figures": ("arrays", "history", "logs", "plots", "plotting", "scores", "waves"),
    "claims": ("logs", "verdicts"),
    "report": ("logs", "report"),
}


def code_files(step: str, kind: str | None = None) -> list:
    """The source files a job of ``step`` runs, as strings (for ``input:``)."""
    files = [PACKAGE_DIR / f"{name}.py" for name in SHARED_MODULES[step]]
    if kind is not None and step in STEPS:
        files.append(family(kind).module_path(step))
    if kind is not None and step == "predict":
        files.append(family(kind).module_path("model"))  # a prediction may split the model
    return sorted({str(path) for path in files})
