"""The plug-in interface of an experiment kind.

A kind is one package under ``kinds/`` whose ``__init__`` declares ``KIND``: a
``Kind`` that lists its hooks, each an entry-point reference ``module:attribute``
(relative to the kind's package, or absolute for a shared one). A job loads only
the hooks of its own stage, so that TensorFlow is imported only where a model is
trained or run, and its code identity holds what those hooks reach.

The hooks (every one has a value; the defaults are the shared implementations):

========================  ===========================================================
``build``                 ``build(model_spec, input_shape, target_shape) -> keras.Model``
``fit``                   ``fit(model, spec, train, val, logger) -> (history rows, snapshots)``
``steps_per_epoch``       ``steps_per_epoch(spec, train) -> int`` (what ``fit`` runs per epoch)
``predict``               ``predict(model, datasets, spec) -> {split: {name: array}}``
``metrics``               ``compute(spec, datasets, predictions, history, snapshots) -> {split: {name: value}}``
``claims``                ``{claim: evaluation.verdicts.Claim}``
``plots``                 ``{plot: presentation.figures.Plot}``
``story``                 a ``Story``: the notebook's title, narrative and headline metrics
``problems``              ``problems(model, training, data) -> [(key, message)]``: relations
                          between a variant's settings that no schema states (config check)
========================  ===========================================================

Besides its hooks, a kind declares its ``model`` settings as a typed model (``model``,
a ``settings.Settings``), which the config's schema applies to every variant's settings.
"""

from dataclasses import dataclass, fields
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
    model: type  # its model settings: a ``settings.RecurrentModel``
    sections: tuple = ()  # the sections of its metrics besides the splits and training
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


HOOKS = tuple(entry.name for entry in fields(Kind) if entry.name not in ("package", "model", "sections"))
