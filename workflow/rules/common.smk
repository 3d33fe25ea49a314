import json
import os
import re
import sys
from pathlib import Path

import yaml

WORKFLOW_DIR = Path(workflow.current_basedir).parent
# The package is imported from this checkout (not from an installed copy), here and
# in every job, which inherits the variable on this machine or a cluster node.
sys.path.insert(0, str(WORKFLOW_DIR))
os.environ.update(PYTHONPATH=str(WORKFLOW_DIR))


# Shell jobs (papermill, nbconvert) find the tools installed beside the Python that
# runs Snakemake, even when its environment is not activated; a job's conda
# environment, when used, still comes first.
envvars:
    "PATH",


os.environ["PATH"] = os.pathsep.join(
    [str(Path(sys.executable).parent), os.environ["PATH"]]
)

from lstm_toys import config as cfg
from lstm_toys.registry import code_files


def stop_on_config_error(config):
    """Schema, then the checks a schema cannot express: one line naming the key."""
    schema = yaml.safe_load(
        (WORKFLOW_DIR / "schemas" / "config.schema.yaml").read_text()
    )
    try:
        cfg.check_schema(config, schema)
        cfg.check(config)
    except cfg.ConfigError as error:
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


def code(script, step=None):
    """The source files a job runs (its script and every package module it imports,
    found statically): editing one reruns that job. Relative to the working
    directory, so that a moved tree stays up to date."""
    script_path = WORKFLOW_DIR / "scripts" / script

    def files(wildcards):
        kind = kind_of(wildcards) if "experiment" in wildcards.keys() else None
        return [os.path.relpath(path) for path in code_files(script_path, step, kind)]

    return files


def dataset_files(wildcards):
    return expand(
        f"{RESULTS}/datasets/{{experiment}}/{{split}}.npz",
        experiment=wildcards.experiment,
        split=cfg.split_names(config, wildcards.experiment),
    )


def workflow_file(path):
    """A file of ``workflow/``, relative to the working directory (like ``code``)."""
    return os.path.relpath(WORKFLOW_DIR / path)


def figure_files(experiment):
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


def per_experiment(files_of):
    """Every experiment's files, from ``files_of(experiment) -> {name: path}``."""
    return [path for e in EXPERIMENTS for path in files_of(e).values()]


def all_figures():
    return per_experiment(figure_files)


def all_metrics():
    return per_experiment(metrics_files)


def figure_inputs(wildcards):
    """The files one figure reads, named ``dataset_<split>``, ``predictions_<variant>``,
    ``history_<variant>``, ``snapshots_<variant>``: only what its config entry asks for.
    """
    spec = cfg.figure_spec(config, wildcards.experiment, wildcards.figure)
    variants = spec.get("variants") or cfg.variant_names(config, wildcards.experiment)
    experiment = wildcards.experiment
    inputs = {
        f"dataset_{split}": f"{RESULTS}/datasets/{experiment}/{split}.npz"
        for split in spec.get("splits", [])
    }
    for variant in variants:
        if spec.get("predictions"):
            inputs[f"predictions_{variant}"] = (
                f"{RESULTS}/predictions/{experiment}/{variant}.npz"
            )
        if spec.get("history"):
            inputs[f"history_{variant}"] = (
                f"{RESULTS}/models/{experiment}/{variant}/history.csv"
            )
        if spec.get("snapshots"):
            inputs[f"snapshots_{variant}"] = (
                f"{RESULTS}/models/{experiment}/{variant}/snapshots.npz"
            )
    inputs["code"] = code("plot_figure.py", "figures")(wildcards)
    return inputs


def figures_by_plot():
    """``{plot kind: [(experiment, figure), ...]}`` over the configured figures."""
    drawn = {}
    for experiment in EXPERIMENTS:
        for figure in cfg.figure_names(config, experiment):
            plot = cfg.figure_spec(config, experiment, figure)["plot"]
            drawn.setdefault(plot, []).append((experiment, figure))
    return drawn


def figure_names_drawn_with(pairs):
    """The ``figure`` wildcard's pattern for one plot kind: each name only inside
    its own experiment's folder (a lookbehind), so that two experiments may give
    one name to figures of different kinds."""
    return "|".join(f"(?<=/{re.escape(e)}/){re.escape(f)}" for e, f in pairs)


def notebook_kernel_code(wildcards):
    """The modules the notebooks' cells import: editing one re-executes them."""
    imported = WORKFLOW_DIR / "lstm_toys" / "notebook.py"
    return [os.path.relpath(path) for path in code_files(imported)]


def notebook_parameters(wildcards):
    """Papermill's parameters, as one JSON document: papermill turns each value
    into a Python literal, so a config string is data and never code.
    Built from the wildcards only (not ``input``), so that Snakemake tracks it:
    a new title re-executes the notebooks."""
    experiment = wildcards.experiment
    return json.dumps(
        {
            "experiment": experiment,
            "title": config["title"],
            "claims": f"{RESULTS}/claims/{experiment}.json",
            "metrics": metrics_files(experiment),
            "figures": figure_files(experiment),
        },
        sort_keys=True,
    )
