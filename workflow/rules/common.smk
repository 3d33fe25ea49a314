import functools
import json
import os
import sys
from pathlib import Path

WORKFLOW_DIR = Path(workflow.current_basedir).parent
# The package is imported from this checkout (not from an installed copy), here and
# in every job, which inherits the variable on this machine or a cluster node.
sys.path.insert(0, str(WORKFLOW_DIR))
os.environ.update(PYTHONPATH=str(WORKFLOW_DIR))


from lstm_toys import config as cfg
from lstm_toys import validation
from lstm_toys import code_identity
from lstm_toys import preview
from lstm_toys.scheduling import keep_one_reevaluation_timer


def stop_on_config_error(config):
    """Validate (``validation.problem``: the experiments' own files under the config,
    Snakemake's ``validate`` against the schema, then the checks a schema cannot
    express). On failure, one line naming the key, exit 1, before any job (no
    traceback, no ``results/``)."""
    experiments = WORKFLOW_DIR.parent / cfg.EXPERIMENTS_DIR
    try:
        error = validation.problem(config, validation.experiment_files(experiments))
    except cfg.ConfigError as unreadable:
        error = unreadable
    if error is not None:
        sys.stderr.write(f"Config error: {error}\n")
        sys.exit(1)


stop_on_config_error(config)
# While jobs wait for a core, Snakemake's scheduler starts one more wake-up chain per
# finished job; one is enough (see lstm_toys.scheduling).
keep_one_reevaluation_timer()

EXPERIMENTS = cfg.experiment_names(config)
# and those whose metrics their claims compare with: a subset builds what it reads
BUILT_EXPERIMENTS = cfg.built_experiments(config)
RESULTS = "results"
LOGS = f"{RESULTS}/logs"


wildcard_constraints:
    experiment="|".join(BUILT_EXPERIMENTS),
    variant=r"[A-Za-z0-9_\-]+",
    split=r"[A-Za-z0-9_]+",
    figure=r"[A-Za-z0-9_]+",
    replicate=r"\d+",


def kind_of(wildcards):
    return cfg.kind(config, wildcards.experiment)


def code(script, *hooks):
    """A job's code identity (``lstm_toys.code_identity``): what its script and the
    ``hooks`` of its experiment's kind reach, by content, not by comments, docstrings or
    formatting. In ``params``: an edit reruns the jobs whose code it changes, and only
    them (the profiles leave out Snakemake's own trigger on a script's date)."""

    def identity(wildcards):
        symbols = cfg.hook_symbols(config, wildcards.experiment, hooks) if hooks else ()
        return code_identity.identity(script, symbols)

    return identity


def figure_code(wildcards):
    """A figure's code identity: its script and its plot's function, not the other plots."""
    plot = cfg.plot_symbol(config, wildcards.experiment, wildcards.figure)
    return code_identity.identity("plot_figure.py", (plot,))


def notebook_code(wildcards):
    """A notebook's code identity: its script, every helper its cells may call, and the
    kind's story."""
    story = cfg.hook_symbols(config, wildcards.experiment, ("story",))
    return code_identity.identity("run_notebook.py", (NOTEBOOK_HELPERS, *story))


NOTEBOOK_HELPERS = ("lstm_toys.presentation.notebook", code_identity.WHOLE)


def per_attempt(base):
    """A resource that grows with each attempt (Snakemake's ``attempt``, 1 at first): a
    job that a cluster killed for its memory or its time comes back with twice, then
    three times as much (the profiles set ``retries``)."""
    return lambda wildcards, attempt: base * attempt


def preview_settings(wildcards):
    """The settings in which this run's config is smaller than the full one (fewer
    replicates, epochs, sequences, samples or cycles): its report and scorecard say
    they are a preview. A params function, so that only a run that plans one of them
    reads and checks the full config as well."""
    return full_config_differences()


@functools.cache
def full_config_differences():
    return preview.differences(config, validation.effective_config(WORKFLOW_DIR.parent))


def workflow_file(path):
    """A file of ``workflow/``, relative to the working directory (like ``code``)."""
    return os.path.relpath(WORKFLOW_DIR / path)


# Every replicate's files carry its number, r0, r1, ...: raising ``replicates`` adds
# files and leaves the existing ones (and their jobs) as they are.
DATASET = f"{RESULTS}/datasets/{{experiment}}/r{{replicate}}/{{split}}.npz"
MODEL_DIR = f"{RESULTS}/models/{{experiment}}/{{variant}}/r{{replicate}}"
PREDICTIONS = f"{RESULTS}/predictions/{{experiment}}/{{variant}}/r{{replicate}}.npz"
METRICS = f"{RESULTS}/metrics/{{experiment}}/{{variant}}/r{{replicate}}.json"
BENCHMARK = f"{RESULTS}/benchmarks/train/{{experiment}}/{{variant}}/r{{replicate}}.tsv"
# The files of one variant's replicate that a plot may read (``presentation.figures.READABLE``).
VARIANT_FILES = {
    "predictions": PREDICTIONS,
    "history": f"{MODEL_DIR}/history.csv",
    "snapshots": f"{MODEL_DIR}/snapshots.npz",
}


def dataset_inputs(wildcards):
    """Every split of the job's experiment and replicate, named ``dataset_<split>``."""
    return {
        f"dataset_{split}": DATASET.format(split=split, **wildcards)
        for split in cfg.split_names(config, wildcards.experiment)
    }


def figure_files(experiment):
    """``{figure: path}`` for every figure of the experiment, in its plot's format
    (``.png``, or ``.gif`` for an animation)."""
    return {
        figure: f"{RESULTS}/figures/{experiment}/{figure}.{cfg.plot_of(config, experiment, figure).format}"
        for figure in cfg.figure_names(config, experiment)
    }


def animation_pages():
    """The pages that show each animation in Snakemake's report."""
    return [
        f"{path}.html"
        for e in EXPERIMENTS
        for path in figure_files(e).values()
        if path.endswith(".gif")
    ]


def replicate_files(pattern, experiment):
    """``[{variant: path} for each replicate]`` of the experiment, in replicate order."""
    return [
        {
            variant: pattern.format(
                experiment=experiment, variant=variant, replicate=replicate
            )
            for variant in cfg.variant_names(config, experiment)
        }
        for replicate in cfg.replicate_numbers(config, experiment)
    ]


def replicate_inputs(pattern, what, experiment, variants=None):
    """``{"r<k>_<what>_<variant>": path}``: the file of every replicate and variant
    (default: all), by name, for a script to read back with ``inputs.by_replicate``."""
    return {
        f"r{replicate}_{what}_{variant}": pattern.format(
            experiment=experiment, variant=variant, replicate=replicate
        )
        for replicate in cfg.replicate_numbers(config, experiment)
        for variant in variants or cfg.variant_names(config, experiment)
    }


def reference_inputs(wildcards):
    """For each claim that compares with another experiment's variant
    (``reference: <experiment>/<variant>``), that variant's metrics of every replicate,
    ``r<k>_reference-<claim>_<variant>``."""
    inputs = {}
    for claim, spec in cfg.experiment(config, wildcards.experiment)["claims"].items():
        if "reference" in spec:
            other, variant = spec["reference"].split("/")
            inputs |= replicate_inputs(METRICS, f"reference-{claim}", other, [variant])
    return inputs


def labelled_files(pattern, experiment):
    """``{"<variant> r<replicate>": path}``: one row per trained model in a table."""
    return {
        f"{variant} r{replicate}": path
        for replicate, files in enumerate(replicate_files(pattern, experiment))
        for variant, path in files.items()
    }


def claims_figure(experiment):
    return f"{RESULTS}/claims/{experiment}.png"


def report_files():
    """Every file the report reads: ``{what: {experiment: path, or nested paths}}``.
    The report rule lists them as inputs and hands them to its script by name."""
    return {
        "claims": {e: f"{RESULTS}/claims/{e}.json" for e in EXPERIMENTS},
        "claims_figures": {e: claims_figure(e) for e in EXPERIMENTS},
        "figures": {e: figure_files(e) for e in EXPERIMENTS},
        "benchmarks": {e: labelled_files(BENCHMARK, e) for e in EXPERIMENTS},
        "histories": {
            e: labelled_files(VARIANT_FILES["history"], e) for e in EXPERIMENTS
        },
        "notebooks": {e: f"{RESULTS}/report/notebooks/{e}.html" for e in EXPERIMENTS},
    }


def leaves(nested):
    """The paths of a nested ``{name: path or {...} or [...]}``, in order."""
    if isinstance(nested, str):
        return [nested]
    values = nested.values() if isinstance(nested, dict) else nested
    return [path for value in values for path in leaves(value)]


def figure_inputs(wildcards, format):
    """The files one figure reads: ``dataset_<split>`` for the splits its config entry
    lists and ``<what>_<variant>`` for what its plot declares it reads, of the figure's
    replicate; for a plot that reads every replicate, ``r<k>_<what>_<variant>`` too.
    Asking for a figure in a format its plot does not draw is an error."""
    experiment, figure = wildcards.experiment, wildcards.figure
    entry = cfg.figure_entry(config, experiment, figure)
    plot = cfg.plot_of(config, experiment, figure)
    if plot.format != format:
        raise cfg.ConfigError(
            f"experiments.{experiment}.figures.{figure}: its plot {entry['plot']} draws a .{plot.format}, "
            f"not a .{format}"
        )
    variants = cfg.figure_variants(config, experiment, figure)
    replicate = cfg.figure_replicate(config, experiment, figure)
    inputs = {
        f"dataset_{split}": DATASET.format(
            experiment=experiment, replicate=replicate, split=split
        )
        for split in entry["splits"]
    }
    for what in plot.reads:
        pattern = VARIANT_FILES[what]
        for variant in variants:
            inputs[f"{what}_{variant}"] = pattern.format(
                experiment=experiment, variant=variant, replicate=replicate
            )
        if plot.every_replicate:
            inputs.update(replicate_inputs(pattern, what, experiment, variants))
    return inputs


def notebook_inputs(wildcards):
    """The notebook's results by name: its experiment's tidy tables, the training
    history ``r<k>_history_<variant>`` of every replicate and ``figure_<name>`` of every
    figure."""
    experiment = wildcards.experiment
    return {
        "metrics_table": f"{RESULTS}/tables/{experiment}/metrics.tsv",
        "claims_table": f"{RESULTS}/tables/{experiment}/claims.tsv",
        **replicate_inputs(VARIANT_FILES["history"], "history", experiment),
        **{f"figure_{name}": path for name, path in figure_files(experiment).items()},
    }


def notebook_parameters(wildcards):
    """Papermill's parameters besides the result files (which the job adds from its
    named inputs), as one JSON document: papermill turns each value into a Python
    literal, so a config string is data and never code. Built from the wildcards
    only (not ``input``), so that Snakemake tracks it: a new title re-executes the
    notebooks."""
    experiment = wildcards.experiment
    return json.dumps(
        {
            "experiment": experiment,
            "kind": kind_of(wildcards),
            "title": config["title"],
            "claims": f"{RESULTS}/claims/{experiment}.json",
        },
        sort_keys=True,
    )
