"""The config: its top-level settings and an experiment's, and how the jobs read it.

Every job gets exactly the slice of the config it depends on, as canonical
JSON (sorted keys), through ``params:``: a change to a slice reruns the jobs
that read it and nothing else. ``validation`` checks the config first, and the
schema it applies (``contract``) fills in the defaults declared here and beside
the code that reads the other settings (``settings``).
"""

import copy
import hashlib
import json
from pathlib import Path
from typing import Annotated

from annotated_types import Ge, Len, MinLen

from lstm_toys import registry
from lstm_toys.data.seeds import derive_seed
from lstm_toys.data.settings import Data
from lstm_toys.settings import NonNegativeInt, PositiveInt, setting, settings
from lstm_toys.training.settings import Training

TRAIN, VAL = "train", "val"
EXPERIMENT_ID = r"^[a-z][a-z0-9_]*$"
VARIANT_NAME = r"^[A-Za-z0-9_\-]+$"
SOURCE = r"^[0-9]{3}_[0-9a-f]{16}\.txt:[0-9]+-[0-9]+$"
EXPERIMENTS_DIR = Path("config") / "experiments"


@settings
class Threads:
    """CPU threads of the TensorFlow jobs (their rules' ``threads:``)."""

    train: PositiveInt = setting("threads of a training job, which TensorFlow uses")
    predict: PositiveInt = setting("threads of a prediction job, which TensorFlow uses")


@settings
class Variant:
    """A variant: overrides of the experiment's model and training settings; every
    variant is trained and evaluated."""

    model: dict = setting("merged into the experiment's model; the result is checked like it", factory=dict)
    training: dict = setting("merged into the experiment's training; the result is checked like it", factory=dict)
    note: str = setting("what the variant is, and whether it is the write-up's model (report, notebook)", "")


@settings
class Figure:
    """One figure, ``results/figures/<id>/<name>.png`` (``.gif`` for an animation)."""

    plot: str = setting("a plot of the kind's plots hook: it declares what it reads, its caption and its format")
    splits: list[str] = setting("the splits whose datasets the plot draws: required for plots that draw datasets, "
                                "refused for the others", factory=list, unique=True)
    variants: list[str] | None = setting("the variants whose files the plot reads; unset: every one (refused for "
                                         "plots that read none)", None, unique=True)
    replicate: NonNegativeInt = setting("the replicate the figure is drawn from, below the experiment's replicates; "
                                        "a plot of every replicate (replicate_losses) reads all as well", 0)
    options: dict = setting("the plot's options (below); unknown options are errors", factory=dict)


@settings
class Claim:
    """One observation of a write-up, measured on every replicate against a threshold."""

    measure: str = setting("how it is measured: a measure of the kind's claims hook, which may read more fields "
                           "(below)")
    threshold: float = setting("the value the measure is compared with (each measure says <, >, <= or >=); finite")
    basis: Annotated[str, MinLen(1)] = setting(
        "why the threshold is there, set before the run: a number the write-up gives, the midpoint between the "
        "measure's two controls, or the visual criterion (an error under a tenth of the plotted range is invisible "
        "at the write-up's figure size)")
    variant: str | None = setting("the variant whose metrics are measured (the write-up's model); unset: the first "
                                  "in name order", None)
    ablation: str | None = setting("the suffix of the variants that measure the same with other gates (an "
                                   "ablation shown beside the verdict, not in the totals); unset: none", None)
    source: str = setting("where the write-up observed it: <file of ../shared/seeds>:<first>-<last> line",
                          pattern=SOURCE)
    observed: Annotated[str, MinLen(1)] = setting("what the write-up observed there, in the pipeline's words")


@settings
class Record:
    """A number the pipeline records beside the claims, without a verdict (what no
    write-up observes, or what tells a claim's reader more)."""

    metric: str = setting("the pipeline's number: <split or section>.<name> of the metrics documents",
                          pattern=r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$")
    variant: str | None = setting("the variant whose metrics are read; unset: the first in name order", None)
    meaning: Annotated[str, MinLen(1)] = setting("what the number is, in the pipeline's words")


@settings
class Printed:
    """A number the write-up prints, shown beside the pipeline's (median and range over
    replicates): a record, not a claim."""

    metric: str = setting("the pipeline's number: <split or section>.<name> of the metrics documents",
                          pattern=r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$")
    variant: str | None = setting("the variant whose metrics are read; unset: the first in name order", None)
    value: float = setting("the number the write-up prints")
    source: str = setting("where the write-up prints it, as a claim's source", pattern=SOURCE)
    observed: Annotated[str, MinLen(1)] = setting("what the number is, in the pipeline's words")


@settings
class Experiment:
    """One experiment of ../shared/EXPERIMENTS.md: ``config/experiments/<id>.yaml``."""

    replicates: PositiveInt | None = setting("this experiment's number of replicates; unset: the top-level one", None)
    kind: str = setting("the kind of experiment: a package of workflow/lstm_toys/kinds/, listed in registry.py")
    data: Data = setting("what draws its splits")
    model: dict = setting("the model's settings, per kind (below)")
    training: Training = setting("the training's settings")
    variants: dict[str, Variant] = setting("named overrides of model and training; every variant is trained",
                                           minProperties=1, propertyNames={"pattern": VARIANT_NAME})
    figures: dict[str, Figure] = setting("the figures, by name")
    claims: dict[str, Claim] = setting("what the write-ups observed, each measured against a threshold fixed "
                                       "before the run")
    printed: dict[str, Printed] = setting("numbers the write-up prints, beside the pipeline's", factory=dict)
    records: dict[str, Record] = setting("numbers the pipeline records without a verdict", factory=dict)


@settings
class Config:
    """Configuration of lstm-toys: config/config.yaml, then config/experiments/*.yaml,
    then what the command line adds. Every block is closed: a typo cannot pass silently."""

    seed: NonNegativeInt = setting("the global seed; every job derives its own from it and its names "
                                   "(experiment, variant, split, replicate)")
    title: str = setting("title of the HTML report and the notebooks")
    subset: list[str] = setting("run only these experiments (empty: every one); each is still checked",
                                factory=list, unique=True)
    replicates: PositiveInt = setting("how many times each experiment runs, each replicate from its own seeds "
                                      "(data, initial weights, shuffling, fresh sequences); claims are judged over "
                                      "all of them, and raising it trains only the new replicates")
    threads: Threads = setting("CPU threads of the TensorFlow jobs")
    presets: dict[str, dict] = setting("named training settings, declared once; an experiment's training names one "
                                       "with preset", factory=dict)
    experiments: dict[str, Experiment] = setting("one block per experiment, by its stable id (used in paths and "
                                                 "the report)", minProperties=1,
                                                 propertyNames={"pattern": EXPERIMENT_ID})


class ConfigError(ValueError):
    """The config is wrong; the message names the key."""


def canonical(value) -> str:
    """Canonical JSON: equal slices give equal strings, whatever the key order."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def digest(value) -> str:
    """sha256 of the canonical JSON: one short name for a whole (effective) config."""
    return hashlib.sha256(canonical(value).encode()).hexdigest()


def deep_merge(base: dict, override: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def inherited(block: dict, parent: dict, key: str):
    """``block``'s own ``key``, or, where it leaves it unset, its parent's (a split's
    generator and noise are its experiment's data's unless it sets them)."""
    return block[key] if block.get(key) is not None else parent[key]


def experiment_names(config) -> list:
    """The experiments to run: the ``subset``, if one is given, else every one."""
    return sorted(config["subset"] or config["experiments"])


def built_experiments(config) -> list:
    """The experiments whose jobs may run: those to run, and the ones their claims
    compare with (``reference``), whose metrics those claims read."""
    names = experiment_names(config)
    referenced = {spec["reference"].split("/")[0] for name in names
                  for spec in experiment(config, name)["claims"].values() if "reference" in spec}
    return sorted(set(names) | referenced)


def experiment(config, name) -> dict:
    return config["experiments"][name]


def kind(config, name) -> str:
    return experiment(config, name)["kind"]


def variant_names(config, name) -> list:
    return sorted(experiment(config, name)["variants"])


def split_names(config, name) -> list:
    """``train``, ``val``, then the ``ood…`` and ``probe…`` splits in sorted order."""
    splits = experiment(config, name)["data"]["splits"]
    return [TRAIN, VAL] + sorted(s for s in splits if s not in (TRAIN, VAL))


def replicates(config, name) -> int:
    """How many times the experiment is run, each from its own seeds: the
    experiment's ``replicates``, where it sets them, else the config's."""
    return int(experiment(config, name).get("replicates") or config["replicates"])


def replicate_numbers(config, name) -> list:
    return list(range(replicates(config, name)))


def figure_names(config, name) -> list:
    return sorted(experiment(config, name)["figures"])


def dataset_spec(config, name, split, replicate) -> dict:
    """A split's settings: the experiment's ``data`` with the split's own overrides.
    Its seeds depend on the replicate's number, not on how many replicates there are."""
    data = experiment(config, name)["data"]
    split_spec = data["splits"][split]
    return {
        "generator": inherited(split_spec, data, "generator"),
        "split": split,
        "options": data["options"],
        "timesteps": data.get("timesteps"),
        "inputs": data.get("inputs"),
        "target": data.get("target"),
        "noise": inherited(split_spec, data, "noise"),
        "n": split_spec.get("n"),
        "ranges": split_spec["ranges"],
        "values": split_spec.get("values") or {},
        "seed": derive_seed(config["seed"], name, "dataset", split, replicate),
        "experiment_seed": derive_seed(config["seed"], name, "dataset", replicate),
    }


def kind_hook(config, name, hook):
    """One hook of this experiment's kind (see ``kind.Kind``), loaded."""
    return registry.kind(kind(config, name)).load(hook)


def hook_symbols(config, name, hooks) -> tuple:
    """``(module, attribute)`` of each of the experiment's kind's ``hooks``, unloaded."""
    plugin = registry.kind(kind(config, name))
    return tuple(plugin.symbol(hook) for hook in hooks)


def training_spec(config, name, variant, replicate) -> dict:
    return {
        "experiment": name,
        "variant": variant,
        "replicate": replicate,
        "kind": kind(config, name),
        "model": model_spec(config, name, variant),
        "training": training_settings(config, name, variant),
        # what a kind that draws its own training data (echo) needs to know of the data
        "data_options": experiment(config, name)["data"]["options"],
        # initial weights, shuffling, and echo's fresh sequences
        "seed": derive_seed(config["seed"], name, "train", variant, replicate),
    }


def variant_notes(config, name) -> dict:
    """``{variant: its note}`` (empty when it has none): what each variant is."""
    return {variant: block["note"] for variant, block in experiment(config, name)["variants"].items()}


def training_settings(config, name, variant) -> dict:
    """The variant's training settings: the experiment's, with the variant's overrides."""
    block = experiment(config, name)
    return deep_merge(block["training"], block["variants"][variant]["training"])


def model_spec(config, name, variant) -> dict:
    """The variant's model settings: the experiment's, with the variant's overrides."""
    block = experiment(config, name)
    return deep_merge(block["model"], block["variants"][variant]["model"])


def predict_spec(config, name, variant, replicate) -> dict:
    return {
        "model": model_spec(config, name, variant),
        "data_options": experiment(config, name)["data"]["options"],
        "kind": kind(config, name),
        "experiment": name,
        "variant": variant,
        "replicate": replicate,
        "splits": split_names(config, name),
        "seed": derive_seed(config["seed"], name, "predict", variant, replicate),
    }


def metrics_spec(config, name, variant) -> dict:
    """What the metrics need besides the predictions: the training ranges, and the
    variant's model and training settings (its layers, its batches)."""
    return {
        "kind": kind(config, name),
        "model": model_spec(config, name, variant),
        "training": training_settings(config, name, variant),
        "splits": split_names(config, name),
        "data_options": experiment(config, name)["data"]["options"],
        "train_ranges": experiment(config, name)["data"]["splits"][TRAIN]["ranges"],
    }


def figure_entry(config, name, figure) -> dict:
    """The config entry of one figure; asking for one the config does not list is an error."""
    figures = experiment(config, name)["figures"]
    if figure not in figures:
        raise ConfigError(f"experiments.{name}.figures: no figure {figure!r}; known: {', '.join(sorted(figures))}")
    return figures[figure]


def plot_of(config, name, figure):
    """The ``presentation.figures.Plot`` that draws a figure (what it reads, its caption)."""
    return kind_hook(config, name, "plots")[figure_entry(config, name, figure)["plot"]]


def plot_symbol(config, name, figure) -> tuple:
    """``(module, function)`` of the plot that draws a figure."""
    draw = plot_of(config, name, figure).draw
    return draw.__module__, draw.__name__


def figure_variants(config, name, figure) -> list:
    """The variants a figure reads: its entry's ``variants``, where it names them, else every one."""
    return figure_entry(config, name, figure).get("variants") or variant_names(config, name)


def figure_options(config, name, figure) -> dict:
    """A figure's options, with the two that its plot leaves unset resolved: ``split``,
    the first split the figure lists, and ``variant``, the first variant it reads."""
    entry = figure_entry(config, name, figure)
    derived = {"split": (entry["splits"] or [None])[0], "variant": figure_variants(config, name, figure)[0]}
    taken = plot_of(config, name, figure).option_names()
    return {**entry["options"], **{key: value for key, value in derived.items()
                                   if key in taken and entry["options"].get(key) is None}}


def figure_spec(config, name, figure) -> dict:
    spec = figure_entry(config, name, figure)
    train_ranges = experiment(config, name)["data"]["splits"][TRAIN]["ranges"]
    return {"kind": kind(config, name), "experiment": name, "figure": figure, "train_ranges": train_ranges,
            **spec, "options": figure_options(config, name, figure)}


def figure_replicate(config, name, figure) -> int:
    """The replicate a write-up figure is drawn from."""
    return figure_entry(config, name, figure)["replicate"]


def claims_spec(config, name) -> dict:
    """What the claims need: each claim's config, and the seed of its bootstrap
    (which depends on the experiment, not on the number of replicates)."""
    return {
        "kind": kind(config, name),
        "experiment": name,
        "variants": variant_notes(config, name),
        # a list of [name, block]: canonical JSON sorts a mapping's keys, and the
        # scorecard keeps the config's order (the write-up's)
        "claims": [[claim, block] for claim, block in experiment(config, name)["claims"].items()],
        "printed": [[entry, block] for entry, block in experiment(config, name)["printed"].items()],
        "records": [[entry, block] for entry, block in experiment(config, name)["records"].items()],
        "seed": derive_seed(config["seed"], name, "claims"),
    }
