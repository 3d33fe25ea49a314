"""Validating the config: one pass after the schema for what a schema cannot state
(names that must exist, relations between values, the schemas that belong to a
kind, a generator, a plot or a claim, applied to every variant's merged
settings), and the schema's errors as one line naming the key.
"""

import functools
import math
from pathlib import Path

from lstm_toys import registry
from lstm_toys.config import (
    TRAIN,
    VAL,
    ConfigError,
    deep_merge,
    experiment,
    model_spec,
    replicates,
    split_names,
    training_settings,
    variant_names,
)
from lstm_toys.data import curves, streams

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "config.schema.yaml"


@functools.cache
def schema() -> dict:
    """The config's JSON schema (``workflow/schemas/config.schema.yaml``)."""
    import yaml

    return yaml.safe_load(SCHEMA_FILE.read_text())


def problem(config) -> ConfigError | None:
    """The one validation path, run by the Snakefile at every start: ``--config``
    strings read as the schema's types, Snakemake's ``validate`` against the schema
    (which also fills in its defaults), then the checks a schema cannot state. Returns
    the first problem as one line naming the key, or ``None``; ``config`` is
    completed in place."""
    from snakemake.exceptions import WorkflowError
    from snakemake.utils import validate

    try:
        read_command_line_strings(config, schema())
        validate(config, str(SCHEMA_FILE))
        check(config, schema())
    except WorkflowError:  # validate() stops at the first error; name the best one
        return schema_error(config, schema())
    except ConfigError as error:
        return error
    return None


def check(config, schema: dict) -> None:
    """Raise ``ConfigError`` for what the main schema cannot say; names the key."""
    for name in config.get("subset", []):
        if name not in config["experiments"]:
            raise ConfigError(f"subset: unknown experiment {name!r}; known: {', '.join(sorted(config['experiments']))}")
    for name in sorted(config["experiments"]):
        training = {"$defs": schema["$defs"], "$ref": "#/$defs/training"}  # refs resolve in the main schema
        _check_experiment(config, name, training, f"experiments.{name}")


def _check_experiment(config, name, training_schema, where):
    block = experiment(config, name)
    try:
        plugin = registry.kind(block["kind"])
    except KeyError as error:
        raise ConfigError(f"{where}.kind: {error.args[0]}") from None
    _check_data(block["data"], f"{where}.data")
    _check_variants(config, name, "model", plugin.model_schema, where)
    _check_variants(config, name, "training", training_schema, where)
    for variant in variant_names(config, name):
        _check_snapshots(config, name, variant, where)
        training = training_settings(config, name, variant)
        for key, problem in plugin.load("problems")(model_spec(config, name, variant), training, block["data"]):
            raise ConfigError(f"{where}.{key}: {problem} (variant {variant})")
    plots = plugin.load("plots")
    _check_names(block["figures"], "plot", plots, f"{where}.figures")
    _check_claims(block["claims"], plugin.load("claims"), f"{where}.claims")
    _check_targets(config, name, where)
    for figure, spec in block["figures"].items():
        _check_figure(config, name, spec, plots[spec["plot"]], f"{where}.figures.{figure}")


def _check_variants(config, name, key, schema, where):
    """``schema`` on the experiment's ``key`` settings, then on each variant's (the
    experiment's merged with the variant's overrides): the error names the block
    that holds the mistake."""
    block = experiment(config, name)
    error = schema_error(block[key], schema, f"{where}.{key}")
    for variant in variant_names(config, name):
        merged = deep_merge(block[key], block["variants"][variant].get(key, {}))
        error = error or schema_error(merged, schema, f"{where}.variants.{variant}.{key}")
    if error is not None:
        raise error


def _check_snapshots(config, name, variant, where):
    training = training_settings(config, name, variant)
    late = [epoch for epoch in training.get("snapshots", {}).get("epochs", []) if epoch > training["epochs"]]
    if late:
        raise ConfigError(f"{where}.training.snapshots.epochs: {late} beyond the {training['epochs']} training epochs "
                          f"of variant {variant}")


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
    if spec.get("replicate", 0) >= replicates(config, name):
        raise ConfigError(f"{where}.replicate: {spec['replicate']} does not exist; the experiment runs replicates "
                          f"0 to {replicates(config, name) - 1}")
    options = spec.get("options", {})
    error = schema_error(options, plot.options_schema(), f"{where}.options")
    if error is not None:
        raise error
    _check_option_names(config, name, spec, options, where)


def _check_option_names(config, name, spec, options, where):
    """Options that name a split or a variant name one the figure reads."""
    variants = spec.get("variants") or variant_names(config, name)
    for key, allowed in (("split", spec.get("splits", [])), ("reference_split", spec.get("splits", [])),
                         ("variant", variants)):
        if key in options and options[key] not in allowed:
            raise ConfigError(f"{where}.options.{key}: {options[key]!r} is not among the figure's "
                              f"{key.rsplit('_', 1)[-1]}s: {', '.join(allowed)}")


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
    if generator in streams.STREAMS:
        _check_stream_options(streams.STREAMS[generator], data.get("options", {}), f"{where.rsplit('.splits.', 1)[0]}.options")
        return
    if generator not in curves.GENERATORS:
        known = ", ".join(sorted([*curves.GENERATORS, *streams.STREAMS]))
        raise ConfigError(f"{generator_key}: unknown generator {generator!r}; known: {known}")
    for key in ("timesteps", "inputs", "target"):
        if key not in data:
            raise ConfigError(f"{where.rsplit('.splits.', 1)[0]}.{key}: missing (generator {generator} needs it)")
    if not ("values" in spec or {"n", "ranges"} <= set(spec)):
        raise ConfigError(f"{where}: give either n and ranges, or values")
    _, may_draw, must_draw = curves.GENERATORS[generator]
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
    channels = curves.channels(generator)
    for channel in [*data["inputs"], data["target"]]:
        if channel not in channels + ("factors",) or (channel == "factors" and channel in data["inputs"]):
            raise ConfigError(f"{where}: generator {generator} has no channel {channel!r}; it has {', '.join(channels)}")


def _check_stream_options(stream, options, where):
    error = schema_error(options, stream.options, where)
    if error is not None:
        raise error
    for problem in stream.problems(options):
        raise ConfigError(f"{where}.{problem}")


def _check_targets(config, name, where):
    """The variants and splits that claims and printed numbers read must exist
    (``sweep`` and ``training`` are the metrics of the latent sweep and of the
    training history; a printed ``metric`` is ``<split or section>.<name>``)."""
    block = experiment(config, name)
    variants = variant_names(config, name)
    splits = split_names(config, name) + ["sweep", "training"]
    allowed = {"variant": variants, "variants": variants, "split": splits, "splits": splits, "metric": splits}
    for section in ("claims", "printed"):
        for entry, spec in block.get(section, {}).items():
            named = {key: spec[key] for key in allowed if key in spec}
            if "metric" in named:
                named["metric"] = named["metric"].split(".")[0]
            for key, values in named.items():
                for value in [values] if isinstance(values, str) else values:
                    if value not in allowed[key]:
                        raise ConfigError(f"{where}.{section}.{entry}.{key}: {value!r} does not exist; "
                                          f"choose from {', '.join(allowed[key])}")


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
    """Each entry names a claim of the kind, gives the fields that claim reads and no
    other, and a finite threshold."""
    for name, spec in claims.items():
        claim = spec.get("claim", name)
        if claim not in known:
            raise ConfigError(f"{where}.{name}: unknown claim {claim!r}; known: {', '.join(sorted(known))}")
        error = schema_error(spec, known[claim].fields_schema(), f"{where}.{name}")
        if error is not None:
            raise error
        if not math.isfinite(spec["threshold"]):
            raise ConfigError(f"{where}.{name}.threshold: {spec['threshold']} is not a finite number")


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


def schema_error(value, schema: dict, where: str = "") -> ConfigError | None:
    """The most relevant schema error of ``value`` as one line naming the key, whose
    path starts with ``where`` (``None`` if valid)."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(schema).iter_errors(value))
    if error is None:
        return None
    key = ".".join([where, *map(str, error.absolute_path)] if where else map(str, error.absolute_path))
    return ConfigError(f"{key or '(top level)'}: {error.message}")
