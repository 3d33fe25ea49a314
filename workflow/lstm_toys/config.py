"""The config, read the way the jobs need it.

Every job gets exactly the slice of the config it depends on, as canonical
JSON (sorted keys), through ``params:``: a change to a slice reruns the jobs
that read it and nothing else. ``validation`` checks the config first.
"""

import copy
import hashlib
import json

from lstm_toys import registry
from lstm_toys.data.seeds import derive_seed

TRAIN, VAL = "train", "val"


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


def experiment_names(config) -> list:
    """The experiments to run: the ``subset``, if one is given, else every one."""
    return sorted(config.get("subset") or config["experiments"])


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
    experiment's ``replicates``, else the config's."""
    return int(experiment(config, name).get("replicates", config["replicates"]))


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
        "generator": split_spec.get("generator", data["generator"]),
        "split": split,
        "options": data.get("options", {}),
        "timesteps": data.get("timesteps"),
        "inputs": data.get("inputs"),
        "target": data.get("target"),
        "noise": split_spec.get("noise", data.get("noise", 0.0)),
        "n": split_spec.get("n"),
        "ranges": split_spec.get("ranges", {}),
        "values": split_spec.get("values", {}),
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
        "data_options": experiment(config, name)["data"].get("options", {}),
        # initial weights, shuffling, and echo's fresh sequences
        "seed": derive_seed(config["seed"], name, "train", variant, replicate),
    }


def variant_notes(config, name) -> dict:
    """``{variant: its note}`` (empty when it has none): what each variant is."""
    return {variant: block.get("note", "") for variant, block in experiment(config, name)["variants"].items()}


def training_settings(config, name, variant) -> dict:
    """The variant's training settings: the experiment's, with the variant's overrides."""
    block = experiment(config, name)
    return deep_merge(block["training"], block["variants"][variant].get("training", {}))


def model_spec(config, name, variant) -> dict:
    """The variant's model settings: the experiment's, with the variant's overrides."""
    block = experiment(config, name)
    return deep_merge(block["model"], block["variants"][variant].get("model", {}))


def predict_spec(config, name, variant, replicate) -> dict:
    return {
        "model": model_spec(config, name, variant),
        "data_options": experiment(config, name)["data"].get("options", {}),
        "kind": kind(config, name),
        "experiment": name,
        "variant": variant,
        "replicate": replicate,
        "splits": split_names(config, name),
        "seed": derive_seed(config["seed"], name, "predict", variant, replicate),
    }


def metrics_spec(config, name, variant) -> dict:
    """What the metrics need besides the predictions: the training ranges, and the
    variant's training settings (its batches)."""
    return {
        "kind": kind(config, name),
        "training": training_settings(config, name, variant),
        "splits": split_names(config, name),
        "data_options": experiment(config, name)["data"].get("options", {}),
        "train_ranges": experiment(config, name)["data"]["splits"][TRAIN].get("ranges", {}),
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


def figure_spec(config, name, figure) -> dict:
    spec = figure_entry(config, name, figure)
    train_ranges = experiment(config, name)["data"]["splits"][TRAIN].get("ranges", {})
    return {"kind": kind(config, name), "experiment": name, "figure": figure, "train_ranges": train_ranges, **spec}


def figure_replicate(config, name, figure) -> int:
    """The replicate a write-up figure is drawn from (its entry's ``replicate``, default 0)."""
    return figure_entry(config, name, figure).get("replicate", 0)


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
        "printed": [[entry, block] for entry, block in experiment(config, name).get("printed", {}).items()],
        "seed": derive_seed(config["seed"], name, "claims"),
    }
