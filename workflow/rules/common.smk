import json
import os
import sys
from pathlib import Path

import yaml

WORKFLOW_DIR = Path(workflow.current_basedir).parent
# The package is imported from this checkout (not from an installed copy), here and
# in every job, which inherits the variable on this machine or a cluster node.
sys.path.insert(0, str(WORKFLOW_DIR))
os.environ.update(PYTHONPATH=str(WORKFLOW_DIR))


from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from lstm_toys import config as cfg
from lstm_toys import validation
from lstm_toys.code_inputs import code_files

SCHEMA = yaml.safe_load((WORKFLOW_DIR / "schemas" / "config.schema.yaml").read_text())


def stop_on_config_error(config):
    """The one validation path: Snakemake's ``validate`` against the schema, then
    the checks a schema cannot express. On failure, one line naming the key, exit
    1, before any job (no traceback, no ``results/``)."""
    try:
        validation.read_command_line_strings(config, SCHEMA)
        validate(config, "../schemas/config.schema.yaml")
        validation.check(config, SCHEMA)
    except WorkflowError:  # validate() stops at the first error; name the best one
        stop(validation.schema_error(config, SCHEMA))
    except cfg.ConfigError as error:
        stop(error)


def stop(error):
    sys.stderr.write(f"Config error: {error}\n")
    sys.exit(1)


stop_on_config_error(config)

EXPERIMENTS = cfg.experiment_names(config)
RESULTS = "results"
LOGS = f"{RESULTS}/logs"


wildcard_constraints:
    experiment="|".join(EXPERIMENTS),
    variant=r"[A-Za-z0-9_\-]+",
    split=r"[A-Za-z0-9_]+",
    figure=r"[A-Za-z0-9_]+",


def kind_of(wildcards):
    return cfg.kind(config, wildcards.experiment)


def code(script, *hooks):
    """The source files a job runs (its script, the modules of the kind's ``hooks``
    it loads, and every package module they import, found statically): editing one
    reruns that job. Relative to the working directory, so that a moved tree stays
    up to date."""
    script_path = WORKFLOW_DIR / "scripts" / script

    def files(wildcards):
        kind = kind_of(wildcards) if hooks else None
        return [os.path.relpath(path) for path in code_files(script_path, kind, hooks)]

    return files


def workflow_file(path):
    """A file of ``workflow/``, relative to the working directory (like ``code``)."""
    return os.path.relpath(WORKFLOW_DIR / path)


def dataset_files(experiment):
    """``{split: path}`` for every split of the experiment."""
    return {
        split: f"{RESULTS}/datasets/{experiment}/{split}.npz"
        for split in cfg.split_names(config, experiment)
    }


def figure_files(experiment):
    """``{figure: path}`` for every figure of the experiment."""
    return {
        figure: f"{RESULTS}/figures/{experiment}/{figure}.png"
        for figure in cfg.figure_names(config, experiment)
    }


def variant_files(pattern):
    """``experiment -> {variant: pattern formatted}``, for every variant (model) of it."""
    return lambda experiment: {
        variant: pattern.format(experiment=experiment, variant=variant)
        for variant in cfg.variant_names(config, experiment)
    }


metrics_files = variant_files(f"{RESULTS}/metrics/{{experiment}}/{{variant}}.json")


def named(prefix, files_of):
    """An input function: ``files_of(experiment)`` as inputs named ``<prefix>_<name>``,
    which a script reads back by name (``lstm_toys.inputs.named``)."""
    return lambda wildcards: {
        f"{prefix}_{name}": path
        for name, path in files_of(wildcards.experiment).items()
    }


def report_files():
    """Every file the report reads: ``{what: {experiment: path or {name: path}}}``.
    The report rule lists them as inputs and hands them to its script by name."""
    return {
        "claims": {e: f"{RESULTS}/claims/{e}.json" for e in EXPERIMENTS},
        "metrics": {e: metrics_files(e) for e in EXPERIMENTS},
        "figures": {e: figure_files(e) for e in EXPERIMENTS},
        "benchmarks": {
            e: variant_files(
                f"{RESULTS}/benchmarks/train/{{experiment}}/{{variant}}.tsv"
            )(e)
            for e in EXPERIMENTS
        },
        "histories": {
            e: variant_files(
                f"{RESULTS}/models/{{experiment}}/{{variant}}/history.csv"
            )(e)
            for e in EXPERIMENTS
        },
        "notebooks": {e: f"{RESULTS}/report/notebooks/{e}.html" for e in EXPERIMENTS},
    }


def leaves(nested):
    """The paths of a nested ``{name: path or {...}}``, in order."""
    if isinstance(nested, str):
        return [nested]
    return [path for value in nested.values() for path in leaves(value)]


# The files of one variant that a plot may read (``presentation.figures.READABLE``).
VARIANT_FILES = {
    "predictions": f"{RESULTS}/predictions/{{experiment}}/{{variant}}.npz",
    "history": f"{RESULTS}/models/{{experiment}}/{{variant}}/history.csv",
    "snapshots": f"{RESULTS}/models/{{experiment}}/{{variant}}/snapshots.npz",
}


def figure_inputs(wildcards):
    """The files one figure reads, named ``dataset_<split>`` for the splits its config
    entry lists and ``<what>_<variant>`` for what its plot declares it reads."""
    experiment, figure = wildcards.experiment, wildcards.figure
    entry = cfg.figure_entry(config, experiment, figure)
    variants = entry.get("variants") or cfg.variant_names(config, experiment)
    inputs = {
        f"dataset_{split}": f"{RESULTS}/datasets/{experiment}/{split}.npz"
        for split in entry.get("splits", [])
    }
    for what in cfg.plot_of(config, experiment, figure).reads:
        for variant in variants:
            inputs[f"{what}_{variant}"] = VARIANT_FILES[what].format(
                experiment=experiment, variant=variant
            )
    inputs["code"] = code("plot_figure.py", "plots")(wildcards)
    return inputs


def notebook_kernel_code(wildcards):
    """The modules the notebook's cells import, and the module of the kind's story:
    editing one re-executes the notebook."""
    imported = WORKFLOW_DIR / "lstm_toys" / "presentation" / "notebook.py"
    return [
        os.path.relpath(path)
        for path in code_files(imported, kind_of(wildcards), ("story",))
    ]


def notebook_parameters(wildcards):
    """Papermill's parameters, as one JSON document: papermill turns each value
    into a Python literal, so a config string is data and never code.
    Built from the wildcards only (not ``input``), so that Snakemake tracks it:
    a new title re-executes the notebooks."""
    experiment = wildcards.experiment
    return json.dumps(
        {
            "experiment": experiment,
            "kind": kind_of(wildcards),
            "title": config["title"],
            "claims": f"{RESULTS}/claims/{experiment}.json",
            "metrics": metrics_files(experiment),
            "figures": figure_files(experiment),
        },
        sort_keys=True,
    )
