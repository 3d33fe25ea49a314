"""The plug-in interface of an experiment kind.

A kind is one package under ``kinds/`` whose ``__init__`` declares ``KIND``: a
``Kind`` that lists its hooks, each an entry-point reference ``module:attribute``
(relative to the kind's package, or absolute for a shared one). A job loads only
the hooks of its own stage, so that TensorFlow is imported only where a model is
trained or run, and a rule lists exactly those hooks' source files as inputs.

The hooks (every one has a value; the defaults are the shared implementations):

========================  ===========================================================
``build``                 ``build(model_spec, input_shape, target_shape) -> keras.Model``
``fit``                   ``fit(model, spec, train, val, logger) -> (history rows, snapshots)``
``steps_per_epoch``       ``steps_per_epoch(spec, train) -> int`` (what ``fit`` runs per epoch)
``predict``               ``predict(model, datasets, spec) -> {split: {name: array}}``
``metrics``               ``compute(spec, datasets, predictions, history) -> {split: {name: value}}``
``claims``                ``{claim: evaluation.verdicts.Claim}``
``plots``                 ``{plot: presentation.figures.Plot}``
``story``                 a ``Story``: the notebook's title, narrative and headline metrics
``problems``              ``problems(model, training, data) -> [(key, message)]``: relations
                          between a variant's settings that no schema states (config check)
========================  ===========================================================

Besides its hooks, a kind declares the JSON schema of its ``model`` settings
(``model_schema``), which the config check applies to every variant's settings.
"""

from dataclasses import dataclass, field, fields
from importlib import import_module
from importlib.metadata import EntryPoint
from importlib.util import find_spec
from pathlib import Path


@dataclass(frozen=True)
class Story:
    """What a kind's write-up did and observed (markdown), and the metrics behind its claims."""

    title: str
    narrative: str
    headline_metrics: tuple


@dataclass(frozen=True)
class Kind:
    """One experiment kind: its package and the reference of each of its hooks."""

    package: str  # e.g. "lstm_toys.kinds.echo"; the kind's name is its last part
    model_schema: dict = field(default_factory=lambda: {"type": "object"})
    build: str = "model:build"
    fit: str = "lstm_toys.training.fit:fit"
    steps_per_epoch: str = "lstm_toys.training.fit:steps_per_epoch"
    predict: str = "lstm_toys.training.inference:predict"
    metrics: str = "metrics:compute"
    claims: str = "claims:CLAIMS"
    plots: str = "lstm_toys.presentation.plots:PLOTS"
    story: str = "claims:STORY"
    problems: str = "lstm_toys.kind:no_problems"

    @property
    def name(self) -> str:
        return self.package.rsplit(".", 1)[1]

    def entry_point(self, hook: str) -> EntryPoint:
        """The hook's reference as the standard library's entry point."""
        reference = getattr(self, hook)
        if not reference.startswith("lstm_toys."):
            reference = f"{self.package}.{reference}"
        return EntryPoint(name=f"{self.name}.{hook}", value=reference, group="lstm_toys.kinds")

    def load(self, hook: str):
        """The hook itself (imports its module)."""
        return self.entry_point(hook).load()

    def source(self, hook: str) -> Path:
        """The source file of the hook's module, found without importing it."""
        return Path(find_spec(self.entry_point(hook).module).origin)

    def symbol(self, hook: str) -> tuple:
        """``(module, attribute)`` of the hook, for its job's code identity."""
        reference = self.entry_point(hook)
        return reference.module, reference.attr


def load_kind(name: str) -> Kind:
    """The kind called ``name``, its package's ``KIND``, imported alone: a job runs its
    own kind's code, not every kind's (``registry`` lists them for the config check)."""
    return import_module(f"lstm_toys.kinds.{name}").KIND


def no_problems(model: dict, training: dict, data: dict) -> list:
    """The default ``problems`` hook: nothing beyond the schemas to check."""
    return []


HOOKS = tuple(entry.name for entry in fields(Kind) if entry.name not in ("package", "model_schema"))

# Pieces of the kinds' model schemas.
UNITS = {"type": "integer", "minimum": 1}
UNIT_LIST = {"type": "array", "items": UNITS}
# Every kind's LSTMs take this activation for their gates (training/recurrent.py).
RECURRENT_ACTIVATIONS = ("sigmoid", "hard_sigmoid_keras2")
DEFAULT_RECURRENT_ACTIVATION = "sigmoid"
RECURRENT_ACTIVATION = {
    "enum": list(RECURRENT_ACTIVATIONS),
    "description": "The LSTM gates' activation: sigmoid (Keras >= 2.3, TensorFlow 1) or the Keras <= 2.2 "
    "default hard_sigmoid_keras2, clip(0.2 x + 0.5, 0, 1).",
}


# The last layer of sections A-C's models (training/recurrent.py: output_layer); the
# default is the write-up's.
DEFAULT_HEAD = "lstm1"
HEAD = {
    "enum": ["lstm1", "dense"],
    "default": DEFAULT_HEAD,
    "description": "The output layer: lstm1 (default), an LSTM with one unit per target channel (LSTM(1) "
    "for one), as every model write-up 000 shows ends; or dense, a linear Dense layer.",
}


def model_head(model_spec: dict) -> str:
    """The output layer a model spec asks for (``head``, default the write-up's)."""
    return model_spec.get("head", DEFAULT_HEAD)


def model_schema(required: tuple, **properties) -> dict:
    """A closed JSON schema of ``model`` settings (unknown keys are errors); every kind's
    models take ``recurrent_activation``."""
    return {"type": "object", "additionalProperties": False, "required": list(required),
            "properties": {"recurrent_activation": RECURRENT_ACTIVATION, **properties}}
