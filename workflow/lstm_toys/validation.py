"""Validating the config: its parts assembled (the experiments' own files, the named
presets), Snakemake's ``validate()`` against the schema generated from the typed models
(``contract``), their defaults filled in, then one pass for what a schema
cannot state (names that must exist, relations between values, every variant's merged
settings); each error is one line naming the key.
"""

import atexit
import copy
import functools
import json
import math
import os
import tempfile
from pathlib import Path

import yaml

from lstm_toys.config import (
    EXPERIMENTS_DIR,
    TRAIN,
    ConfigError,
    deep_merge,
    experiment,
    model_spec,
    replicates,
    split_names,
    training_settings,
    variant_names,
)
from lstm_toys import registry, source_cache
from lstm_toys.data import curves, streams

# libyaml's parser where PyYAML was built with it (its wheels are): the same documents,
# read several times faster than by the pure-Python one, at every Snakemake start.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str):
    """``yaml.safe_load`` of ``text``, through ``SAFE_LOADER``."""
    return yaml.load(text, Loader=SAFE_LOADER)


SCHEMA = "config-schema"  # the name it is kept under (``source_cache``)


@functools.cache
def schema() -> dict:
    """The config's JSON schema, made from the typed models (``contract``), so that a new
    kind, plot or measure is checked without a step of its own; kept for each content of
    the package's sources (``source_cache``), so that a Snakemake start reads it instead
    of making it. ``workflow/schemas/config.schema.json`` is its published copy (a test
    keeps them equal)."""
    kept = source_cache.read(SCHEMA)
    if kept is None:
        from lstm_toys import contract

        kept = contract.schema()
        source_cache.keep(SCHEMA, kept)
    return kept


@functools.cache
def schema_file() -> str:
    """The schema as a file, which Snakemake's ``validate()`` reads."""
    made = schema()
    kept = source_cache.path(SCHEMA)
    if kept is not None and kept.exists():
        return str(kept)
    # nowhere to keep it: a file of this start's own, gone when the start ends
    handle, path = tempfile.mkstemp(prefix="lstm-toys-config-schema-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(made, file)
    atexit.register(Path(path).unlink, missing_ok=True)
    return path


def problem(config, experiments=None) -> ConfigError | None:
    """The one validation path, run by the Snakefile at every start: the experiments'
    blocks (``experiment_files``) under what the config says of them, presets expanded,
    Snakemake's ``validate`` against the schema (if it refuses the config, once more
    with the ``--config`` strings read as the schema's types), its defaults filled in,
    then the checks a schema cannot state.
    Returns the first problem as one line naming the key, or ``None``; ``config`` is
    completed in place."""
    from snakemake.exceptions import WorkflowError
    from snakemake.utils import validate

    try:
        if experiments is not None:
            add_experiments(config, experiments)
        expand_presets(config)
        try:
            validate(config, schema_file(), set_default=False)
        except WorkflowError:  # strings looked for only here: a valid config is walked once
            read_command_line_strings(config, schema())
            validate(config, schema_file(), set_default=False)
        fill_defaults(config, schema())
        check(config)
    except WorkflowError:  # validate() stops at the first error; name the best one
        return schema_error(config, schema())
    except ConfigError as error:
        return error
    return None


def effective_config(root: Path, *overlays: dict) -> dict:
    """The config a Snakemake run in ``root`` checks and uses: its ``config/config.yaml``,
    each overlay on top (as ``--configfile``), then the experiments' files, presets and
    defaults. For programs that read it outside Snakemake (the tests, the benchmark); a
    problem raises ``ConfigError``."""
    config = read_yaml((Path(root) / "config" / "config.yaml").read_text(encoding="utf-8"))
    for overlay in overlays:
        config = deep_merge(config, overlay)
    error = problem(config, experiment_files(Path(root) / EXPERIMENTS_DIR))
    if error is not None:
        raise error
    return config


def experiment_files(directory: Path) -> dict:
    """``{id: block}``: each ``<id>.yaml`` of ``directory`` is experiment ``<id>``'s block."""
    blocks = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            blocks[path.stem] = read_yaml(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            where = getattr(error, "problem_mark", None)
            raise ConfigError(f"experiments.{path.stem}: {path} is not valid YAML"
                              + (f" (line {where.line + 1})" if where else "")) from None
        if not isinstance(blocks[path.stem], dict):
            raise ConfigError(f"experiments.{path.stem}: {path} holds no mapping of settings")
    return blocks


def add_experiments(config, blocks: dict) -> None:
    """The experiments' ``blocks``, with what the config already says of each (an
    overlay, ``--config``) on top."""
    named = config.setdefault("experiments", {})
    if not isinstance(named, dict):
        return  # the schema names the error
    for name, block in blocks.items():
        named[name] = deep_merge(block, named.get(name) or {})


def expand_presets(config) -> None:
    """``training: {preset: name, ...}``, in an experiment or a variant: the preset's
    settings, the block's own keys on top."""
    presets = config.get("presets") or {}
    for name, block in (config.get("experiments") or {}).items():
        if not isinstance(block, dict):
            continue
        places = [(f"experiments.{name}.training", block)]
        places += [(f"experiments.{name}.variants.{v}.training", spec) for v, spec in (block.get("variants") or {}).items()
                   if isinstance(spec, dict)]
        for where, holder in places:
            training = holder.get("training")
            if isinstance(training, dict) and "preset" in training:
                chosen = training["preset"]
                if chosen not in presets:
                    raise ConfigError(f"{where}.preset: unknown preset {chosen!r}; known: {', '.join(sorted(presets))}")
                holder["training"] = deep_merge(presets[chosen], {k: v for k, v in training.items() if k != "preset"})


def check(config) -> None:
    """Raise ``ConfigError`` for what the schema cannot say; names the key."""
    for name in config["subset"]:
        if name not in config["experiments"]:
            raise ConfigError(f"subset: unknown experiment {name!r}; known: {', '.join(sorted(config['experiments']))}")
    for name in sorted(config["experiments"]):
        _check_experiment(config, name, f"experiments.{name}")


def _check_experiment(config, name, where):
    block = experiment(config, name)
    plugin = registry.kind(block["kind"])
    _check_data(block["data"], f"{where}.data")
    _check_variants(config, name, "model", schema()["$defs"][f"{block['kind']}.model"], where)
    _check_variants(config, name, "training", schema()["$defs"]["training"], where)
    for variant in variant_names(config, name):
        _check_snapshots(config, name, variant, where)
        training = training_settings(config, name, variant)
        for key, problem in plugin.load("problems")(model_spec(config, name, variant), training, block["data"]):
            raise ConfigError(f"{where}.{key}: {problem} (variant {variant})")
    plots = plugin.load("plots")
    _check_targets(config, name, where)
    for claim, spec in block["claims"].items():
        if not math.isfinite(spec["threshold"]):
            raise ConfigError(f"{where}.claims.{claim}.threshold: {spec['threshold']} is not a finite number")
    for figure, spec in block["figures"].items():
        _check_figure(config, name, spec, plots[spec["plot"]], f"{where}.figures.{figure}")


def _check_variants(config, name, key, schema, where):
    """``schema`` on the experiment's ``key`` settings, then on each variant's (the
    experiment's merged with the variant's overrides): the error names the block
    that holds the mistake."""
    block = experiment(config, name)
    error = schema_error(block[key], schema, f"{where}.{key}")
    for variant in variant_names(config, name):
        merged = deep_merge(block[key], block["variants"][variant][key])
        error = error or schema_error(merged, schema, f"{where}.variants.{variant}.{key}")
    if error is not None:
        raise error


def _check_snapshots(config, name, variant, where):
    training = training_settings(config, name, variant)
    taken = training["snapshots"]["epochs"] if training.get("snapshots") else []
    late = [epoch for epoch in taken if epoch > training["epochs"]]
    if late:
        raise ConfigError(f"{where}.training.snapshots.epochs: {late} beyond the {training['epochs']} training epochs "
                          f"of variant {variant}")


def _check_figure(config, name, spec, plot, where):
    """The splits and variants a figure names exist, and the plot reads them."""
    if plot.splits and not spec["splits"]:
        raise ConfigError(f"{where}.splits: plot {spec['plot']} draws datasets; list the splits to draw")
    if not plot.splits and spec["splits"]:
        raise ConfigError(f"{where}.splits: plot {spec['plot']} reads no dataset; remove the key")
    if not plot.reads and spec.get("variants") is not None:
        raise ConfigError(f"{where}.variants: plot {spec['plot']} reads no variant's files; remove the key")
    for key, allowed in (("splits", split_names(config, name)), ("variants", variant_names(config, name))):
        for value in spec.get(key) or []:
            if value not in allowed:
                raise ConfigError(f"{where}.{key}: {value!r} does not exist; choose from {', '.join(allowed)}")
    if spec["replicate"] >= replicates(config, name):
        raise ConfigError(f"{where}.replicate: {spec['replicate']} does not exist; the experiment runs replicates "
                          f"0 to {replicates(config, name) - 1}")
    _check_option_names(config, name, spec, spec["options"], where)


def _check_option_names(config, name, spec, options, where):
    """Options that name a split or a variant name one the figure reads."""
    variants = spec.get("variants") or variant_names(config, name)
    for key, allowed in (("split", spec["splits"]), ("reference_split", spec["splits"]), ("variant", variants)):
        if options.get(key) is not None and options[key] not in allowed:
            raise ConfigError(f"{where}.options.{key}: {options[key]!r} is not among the figure's "
                              f"{key.rsplit('_', 1)[-1]}s: {', '.join(allowed)}")


def _check_data(data, where):
    splits = data["splits"]
    for split, spec in splits.items():
        _check_split(spec["generator"] if "generator" in spec else data["generator"], spec, data, f"{where}.splits.{split}")
    if data["generator"] in streams.STREAMS:
        for problem in streams.STREAMS[data["generator"]].problems(data["options"]):
            raise ConfigError(f"{where}.options.{problem}")
    train_generator = splits[TRAIN].get("generator") or data["generator"]
    for split, spec in splits.items():
        same_generator = (spec.get("generator") or data["generator"]) == train_generator
        if split.startswith("ood") and same_generator and spec["ranges"]:
            _check_out_of_range(splits[TRAIN]["ranges"], spec["ranges"], f"{where}.splits.{split}.ranges")


def _check_split(generator, spec, data, where):
    """A curve generator's split draws the factors it knows, from ranges or values, and
    makes the channels the experiment reads."""
    if generator in streams.STREAMS:
        return
    if not (spec.get("values") or (spec.get("n") and spec["ranges"])):
        raise ConfigError(f"{where}: give either n and ranges, or values")
    _, may_draw, must_draw = curves.GENERATORS[generator]
    key = "values" if spec.get("values") else "ranges"
    factors = spec[key]
    if not set(must_draw) <= set(factors) <= set(may_draw):
        raise ConfigError(
            f"{where}.{key}: generator {generator} draws {', '.join(may_draw)} "
            f"(required: {', '.join(must_draw) or 'none'}), got {', '.join(sorted(factors)) or 'none'}"
        )
    for factor, (low, high) in spec["ranges"].items():
        if low > high:
            raise ConfigError(f"{where}.ranges.{factor}: low {low} exceeds high {high}")
    if len({len(v) for v in (spec.get("values") or {}).values()}) > 1:
        raise ConfigError(f"{where}.values: every factor needs the same number of values")
    channels = curves.channels(generator)
    for channel in [*data["inputs"], data["target"]]:
        if channel not in channels + ("factors",) or (channel == "factors" and channel in data["inputs"]):
            raise ConfigError(f"{where}: generator {generator} has no channel {channel!r}; it has {', '.join(channels)}")


def _check_targets(config, name, where):
    """The variants and splits that claims, printed numbers and records read must exist
    (a metric is ``<split or section>.<name>``: ``training`` of the history, ``sweep`` of
    the latent sweep, and the sections the kind declares); so must a claim's reference
    and its ablation's variants."""
    block = experiment(config, name)
    variants = variant_names(config, name)
    splits = split_names(config, name) + ["training", *registry.kind(block["kind"]).sections]
    allowed = {"variant": variants, "variants": variants, "split": splits, "splits": splits, "metric": splits}
    for section in ("claims", "printed", "records"):
        for entry, spec in block[section].items():
            named = {key: spec[key] for key in allowed if key in spec}
            if "metric" in named:
                named["metric"] = named["metric"].split(".")[0]
            if spec.get("ablation"):
                named["variants"] = [v + spec["ablation"] for v in [*([spec["variant"]] if spec.get("variant") else []),
                                                                    *spec.get("variants", [])]]
            for key, values in named.items():
                for value in [values] if isinstance(values, str) else values:
                    if value not in allowed[key]:
                        raise ConfigError(f"{where}.{section}.{entry}.{key}: {value!r} does not exist; "
                                          f"choose from {', '.join(allowed[key])}")
            if "reference" in spec:
                _check_reference(config, spec["reference"], f"{where}.{section}.{entry}.reference")


def _check_reference(config, reference, where):
    other, variant = reference.split("/")
    if other not in config["experiments"]:
        raise ConfigError(f"{where}: no experiment {other!r}")
    if variant not in variant_names(config, other):
        raise ConfigError(f"{where}: {other} has no variant {variant!r}; choose from "
                          f"{', '.join(variant_names(config, other))}")


def _check_out_of_range(train, ood, where):
    """An ood split must leave the training range in at least one factor."""

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    if all(factor in ood and overlaps(train[factor], ood[factor]) for factor in train):
        described = "; ".join(f"{f} {ood[f]} vs train {train[f]}" for f in sorted(train))
        raise ConfigError(f"{where}: overlaps the training range in every factor ({described})")


def fill_defaults(config, schema: dict) -> None:
    """Every default of the schema that applies, in place, each a copy of its own
    (Snakemake's ``validate(set_default=True)`` hands the same ``{}`` to every block that
    lacks one: a plot's options filled in one figure would appear in all)."""
    import jsonschema

    base = jsonschema.validators.validator_for(schema)
    properties = base.VALIDATORS["properties"]

    def set_defaults(validator, declared, instance, node):
        if isinstance(instance, dict):
            for name, subschema in declared.items():
                if "default" in subschema and name not in instance:
                    instance[name] = copy.deepcopy(subschema["default"])
        yield from properties(validator, declared, instance, node)

    filler = jsonschema.validators.extend(base, {"properties": set_defaults})(schema)
    for _ in filler.iter_errors(config):
        pass  # validated already


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
                    value = read_yaml(error.instance)
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


def schema_error(value, schema: dict, where: str = "") -> ConfigError | None:
    """The most relevant schema error of ``value`` as one line naming the key, whose
    path starts with ``where`` (``None`` if valid)."""
    import jsonschema

    errors = list(_validator(schema).iter_errors(value))
    # a measure's field that fails its own schema also counts as unevaluated: name the failure
    named = [error for error in errors if error.validator != "unevaluatedProperties"] or errors
    error = jsonschema.exceptions.best_match(named)
    if error is None:
        return None
    key = ".".join([where, *map(str, error.absolute_path)] if where else map(str, error.absolute_path))
    return ConfigError(f"{key or '(top level)'}: {error.message}")
