"""The config, read the way the jobs need it.

Every job gets exactly the slice of the config it depends on, as canonical
JSON (sorted keys), through ``params:``: a change to a slice reruns the jobs
that read it and nothing else. ``check`` finds what the JSON schema cannot
express (ranges, names that must exist) and reports it in one line.
"""

import copy
import hashlib
import json

from . import generators, registry, signals
from .seeds import derive_seed

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


def figure_names(config, name) -> list:
    return sorted(experiment(config, name)["figures"])


def dataset_spec(config, name, split) -> dict:
    """A split's settings: the experiment's ``data`` with the split's own overrides."""
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
        "seed": derive_seed(config["seed"], name, "dataset", split),
        "experiment_seed": derive_seed(config["seed"], name, "dataset"),
    }


def step_module(config, name, step) -> str:
    """The module that runs ``step`` for this experiment's kind (part of the job's params)."""
    return getattr(registry.family(kind(config, name)), step)


def training_spec(config, name, variant) -> dict:
    block = experiment(config, name)
    override = block["variants"][variant]
    return {
        "experiment": name,
        "variant": variant,
        "module": step_module(config, name, "model"),
        "model": model_spec(config, name, variant),
        "training": deep_merge(block["training"], override.get("training", {})),
        # what a kind that draws its own training data (echo) needs to know of the data
        "data_options": block["data"].get("options", {}),
        "seed": derive_seed(config["seed"], name, "train", variant),
    }


def model_spec(config, name, variant) -> dict:
    """The variant's model settings: the experiment's, with the variant's overrides."""
    block = experiment(config, name)
    return deep_merge(block["model"], block["variants"][variant].get("model", {}))


def predict_spec(config, name, variant) -> dict:
    return {
        "model": model_spec(config, name, variant),
        "data_options": experiment(config, name)["data"].get("options", {}),
        "module": step_module(config, name, "predict"),
        "experiment": name,
        "variant": variant,
        "splits": split_names(config, name),
        "seed": derive_seed(config["seed"], name, "predict", variant),
    }


def metrics_spec(config, name) -> dict:
    """What the metrics need besides the predictions: the training ranges."""
    return {
        "module": step_module(config, name, "metrics"),
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
    """The ``plotting.Plot`` that draws a figure (what it reads, its caption)."""
    plots = registry.family(kind(config, name)).module("figures").PLOTS
    return plots[figure_entry(config, name, figure)["plot"]]


def figure_spec(config, name, figure) -> dict:
    spec = figure_entry(config, name, figure)
    train_ranges = experiment(config, name)["data"]["splits"][TRAIN].get("ranges", {})
    module = step_module(config, name, "figures")
    return {"module": module, "experiment": name, "figure": figure, "train_ranges": train_ranges, **spec}


def claims_spec(config, name) -> dict:
    return {
        "module": step_module(config, name, "claims"),
        "experiment": name,
        "variants": variant_names(config, name),
        "claims": experiment(config, name)["claims"],
    }


# ---------------------------------------------------------------- checks


def check(config) -> None:
    """Raise ``ConfigError`` for what the schema cannot say; names the key."""
    for name in config.get("subset", []):
        if name not in config["experiments"]:
            raise ConfigError(f"subset: unknown experiment {name!r}; known: {', '.join(sorted(config['experiments']))}")
    for name in sorted(config["experiments"]):
        _check_experiment(config, name, f"experiments.{name}")


def _check_experiment(config, name, where):
    block = experiment(config, name)
    try:
        family = registry.family(block["kind"])
    except KeyError as error:
        raise ConfigError(f"{where}.kind: {error.args[0]}") from None
    _check_data(block["data"], f"{where}.data")
    plots = family.module("figures").PLOTS
    _check_names(block["figures"], "plot", plots, f"{where}.figures")
    _check_claims(block["claims"], family.module("claims").CLAIMS, f"{where}.claims")
    _check_claim_targets(config, name, f"{where}.claims")
    for figure, spec in block["figures"].items():
        _check_figure(config, name, spec, plots[spec["plot"]], f"{where}.figures.{figure}")


def _check_figure(config, name, spec, plot, where):
    """The splits and variants a figure names exist, and the plot reads them."""
    if plot.splits and not spec.get("splits"):
        raise ConfigError(f"{where}.splits: plot {spec['plot']} draws datasets; list the splits to draw")
    if not plot.splits and "splits" in spec:
        raise ConfigError(f"{where}.splits: plot {spec['plot']} reads no dataset; remove the key")
    if not plot.reads and "variants" in spec:
        raise ConfigError(f"{where}.variants: plot {spec['plot']} reads no variant's files; remove the key")
    for key, allowed in (("splits", split_names(config, name)), ("variants", variant_names(config, name))):
        for value in spec.get(key, []):
            if value not in allowed:
                raise ConfigError(f"{where}.{key}: {value!r} does not exist; choose from {', '.join(allowed)}")


def _check_data(data, where):
    splits = data["splits"]
    for split in (TRAIN, VAL):
        if split not in splits:
            raise ConfigError(f"{where}.splits.{split}: missing (every experiment needs train and val)")
    for split, spec in splits.items():
        split_where = f"{where}.splits.{split}"
        generator_key = f"{split_where}.generator" if "generator" in spec else f"{where}.generator"
        _check_generator(spec.get("generator", data["generator"]), generator_key, spec, data, split_where)
    for split, spec in splits.items():
        same_generator = spec.get("generator", data["generator"]) == splits[TRAIN].get("generator", data["generator"])
        if split.startswith("ood") and same_generator and "ranges" in spec:
            _check_out_of_range(splits[TRAIN].get("ranges", {}), spec["ranges"], f"{where}.splits.{split}.ranges")


def _check_generator(generator, generator_key, spec, data, where):
    if generator in signals.SPLIT_GENERATORS:
        _, needed, _ = signals.SPLIT_GENERATORS[generator]
        missing = [option for option in needed if option not in data.get("options", {})]
        if missing:
            raise ConfigError(f"{where.rsplit('.splits.', 1)[0]}.options: generator {generator} needs {', '.join(missing)}")
        return
    if generator not in generators.GENERATORS:
        known = ", ".join(sorted([*generators.GENERATORS, *signals.SPLIT_GENERATORS]))
        raise ConfigError(f"{generator_key}: unknown generator {generator!r}; known: {known}")
    for key in ("timesteps", "inputs", "target"):
        if key not in data:
            raise ConfigError(f"{where.rsplit('.splits.', 1)[0]}.{key}: missing (generator {generator} needs it)")
    if not ("values" in spec or {"n", "ranges"} <= set(spec)):
        raise ConfigError(f"{where}: give either n and ranges, or values")
    _, may_draw, must_draw = generators.GENERATORS[generator]
    factors = spec.get("values") or spec.get("ranges") or {}
    key = "values" if "values" in spec else "ranges"
    if not set(must_draw) <= set(factors) <= set(may_draw):
        raise ConfigError(
            f"{where}.{key}: generator {generator} draws {', '.join(may_draw)} "
            f"(required: {', '.join(must_draw) or 'none'}), got {', '.join(sorted(factors)) or 'none'}"
        )
    for factor, (low, high) in spec.get("ranges", {}).items():
        if low > high:
            raise ConfigError(f"{where}.ranges.{factor}: low {low} exceeds high {high}")
    if len({len(v) for v in spec.get("values", {}).values()}) > 1:
        raise ConfigError(f"{where}.values: every factor needs the same number of values")
    channels = generators.channels(generator)
    for channel in [*data["inputs"], data["target"]]:
        if channel not in channels + ("factors",) or (channel == "factors" and channel in data["inputs"]):
            raise ConfigError(f"{where}: generator {generator} has no channel {channel!r}; it has {', '.join(channels)}")


def _check_claim_targets(config, name, where):
    """A claim's ``variant(s)`` and ``split(s)`` must exist (``sweep`` and ``training``
    are the metrics of the latent sweep and of the training history)."""
    variants = variant_names(config, name)
    splits = split_names(config, name) + ["sweep", "training"]
    for claim, spec in experiment(config, name)["claims"].items():
        for key, allowed in (("variant", variants), ("variants", variants), ("split", splits), ("splits", splits)):
            values = spec.get(key, [])
            for value in [values] if isinstance(values, str) else values:
                if value not in allowed:
                    raise ConfigError(f"{where}.{claim}.{key}: {value!r} does not exist; choose from {', '.join(allowed)}")


def _check_out_of_range(train, ood, where):
    """An ood split must leave the training range in at least one factor."""

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    if all(factor in ood and overlaps(train[factor], ood[factor]) for factor in train):
        described = "; ".join(f"{f} {ood[f]} vs train {train[f]}" for f in sorted(train))
        raise ConfigError(f"{where}: overlaps the training range in every factor ({described})")


def _check_names(entries, field, known, where):
    for entry, spec in entries.items():
        if spec[field] not in known:
            raise ConfigError(
                f"{where}.{entry}.{field}: unknown {field} {spec[field]!r}; known: {', '.join(sorted(known))}"
            )


def _check_claims(claims, known, where):
    for name, spec in claims.items():
        claim = spec.get("claim", name)
        if claim not in known:
            raise ConfigError(f"{where}.{name}: unknown claim {claim!r}; known: {', '.join(sorted(known))}")


def _validator(schema: dict):
    import jsonschema

    return jsonschema.validators.validator_for(schema)(schema)


def read_command_line_strings(config, schema: dict) -> None:
    """Snakemake hands nested ``--config`` values over as strings (YAML's BaseLoader:
    ``threads={train: 2}`` gives ``"2"``). Where the schema wants another type and
    YAML reads the string as a value of that type, take that value, in place."""
    import yaml

    validator = _validator(schema)
    for _ in range(1000):  # each pass fixes at least one value, or stops
        fixes = []
        for error in validator.iter_errors(config):
            if error.validator == "type" and isinstance(error.instance, str) and error.absolute_path:
                try:
                    value = yaml.safe_load(error.instance)
                except yaml.YAMLError:
                    continue
                wanted = validator.evolve(schema={"type": error.validator_value})  # the type; ranges come after
                if not isinstance(value, str) and wanted.is_valid(value):
                    fixes.append((list(error.absolute_path), value))
        if not fixes:
            return
        for path, value in fixes:
            node = config
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value


def schema_error(config, schema: dict) -> ConfigError | None:
    """The most relevant schema error as one line naming the key (``None`` if valid)."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(schema).iter_errors(config))
    if error is None:
        return None
    where = ".".join(str(part) for part in error.absolute_path) or "(top level)"
    return ConfigError(f"{where}: {error.message}")


def check_schema(config, schema: dict) -> None:
    """Validate against the JSON schema; the first error as one line naming the key."""
    error = schema_error(config, schema)
    if error is not None:
        raise error
