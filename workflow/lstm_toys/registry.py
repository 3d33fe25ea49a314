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


def _family(name: str) -> Family:
    package = f"lstm_toys.families.{name}"
    return Family(
        model=f"{package}.model",
        metrics=f"{package}.metrics",
        figures=f"{package}.figures",
        claims=f"{package}.claims",
    )


FAMILIES = {
    "seq2vec": _family("seq2vec"),
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
    "model": ("arrays", "logs", "runtime", "training"),
    "predict": ("arrays", "inference", "logs", "runtime"),
    "metrics": ("arrays", "logs", "scores"),
    "figures": ("arrays", "logs", "plotting"),
    "claims": ("logs", "verdicts"),
    "report": ("logs", "report"),
}


def code_files(step: str, kind: str | None = None) -> list:
    """The source files a job of ``step`` runs, as strings (for ``input:``)."""
    files = [PACKAGE_DIR / f"{name}.py" for name in SHARED_MODULES[step]]
    if kind is not None and step in STEPS:
        files.append(family(kind).module_path(step))
    return sorted({str(path) for path in files})
