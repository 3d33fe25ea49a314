"""Bad input gets a clear error before any work; faults leave the results consistent."""

import ast
import copy
import io
import json
import os
import re
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from snakemake.common.configfile import load_configfile
from snakemake.utils import update_config

from lstm_toys import validation

from conftest import REPO, SNAKEMAKE, copy_workflow, planned_jobs, snakemake, tree_hashes, write_overlay
from judging import SOURCE

PACKAGE = REPO / "workflow" / "lstm_toys"


def exp(name, block):
    return {"experiments": {name: block}}


# category -> {case: (what is wrong, the key the one-line message must name, then the
# fragment of its reason)}; the cases of tests/test_config.py are not repeated here. What is
# wrong is an overlay (a dict, given with --configfile), or an edit of config.yaml or of
# an experiment's file (a key experiments.<id>...): ("remove", dotted key) or ("set",
# dotted key, value), for what an overlay cannot do.
BAD_CONFIGS = {
    "types": {
        "seed is text": ({"seed": "abc"}, "seed", "'abc' is not of type 'integer'"),
        "seed is a fraction": ({"seed": 1.5}, "seed", "1.5 is not of type 'integer'"),
        "title is a number": ({"title": 5}, "title", "5 is not of type 'string'"),
        "threads are words": ({"threads": {"predict": "many"}}, "threads.predict", "'many' is not of type 'integer'"),
        "threads are a fraction": ({"threads": {"train": 1.5}}, "threads.train", "1.5 is not of type 'integer'"),
        "subset is not a list": ({"subset": "ae_line"}, "subset", "'ae_line' is not of type 'array'"),
        "learning rate is text": (exp("s2v_line_params", {"training": {"learning_rate": "fast"}}),
                                  "experiments.s2v_line_params.training.learning_rate",
                                  "'fast' is not of type 'number'"),
        "timesteps are a fraction": (exp("ae_line", {"data": {"timesteps": 10.5}}), "experiments.ae_line.data.timesteps",
          "10.5 is not of type 'integer'"),
        "threshold is text": (exp("next_step_sine", {"claims": {"one_batch_overfits": {"threshold": "big"}}}),
                              "experiments.next_step_sine.claims.one_batch_overfits.threshold",
                              "'big' is not of type 'number'"),
        "stream option is text": (exp("next_step_sine", {"data": {"options": {"samples": "many"}}}),
                                  "experiments.next_step_sine.data.options.samples", "'many' is not of type 'integer'"),
        "replicates are words": ({"replicates": "many"}, "replicates", "'many' is not of type 'integer'"),
        "a figure's replicate is a fraction": (exp("s2v_amplitude", {"figures": {"predicted_amplitude": {"replicate": 0.5}}}),
                                               "experiments.s2v_amplitude.figures.predicted_amplitude.replicate",
                                               "0.5 is not of type 'integer'"),
    },
    "ranges": {
        "negative batch": (exp("ae_line", {"training": {"batch_size": -1}}), "experiments.ae_line.training.batch_size",
          "-1 is less than the minimum of 1"),
        "zero samples": (exp("s2v_amplitude", {"data": {"splits": {"val": {"n": 0}}}}), "experiments.s2v_amplitude.data.splits.val.n",
          "0 is less than the minimum of 1"),
        "negative learning rate": (exp("s2s_sine", {"training": {"learning_rate": -0.1}}), "experiments.s2s_sine.training.learning_rate",
          "-0.1 is less than or equal to the minimum of 0"),
        "range of one number": (exp("s2v_amplitude", {"data": {"splits": {"val": {"ranges": {"amplitude": [0.1]}}}}}),
                                "experiments.s2v_amplitude.data.splits.val.ranges.amplitude", "[0.1] is too short"),
        "threads zero": ({"threads": {"train": 0}}, "threads.train", "0 is less than the minimum of 1"),
        "negative seed": ({"seed": -1}, "seed", "-1 is less than the minimum of 0"),
        "negative noise": (exp("s2s_sine", {"data": {"noise": -0.1}}), "experiments.s2s_sine.data.noise",
          "-0.1 is less than the minimum of 0"),
        "snapshots of no input": (exp("ae_sine", {"training": {"snapshots": {"epochs": [1], "count": 0}}}),
                                  "experiments.ae_sine.training.snapshots.count", "0 is less than the minimum of 1"),
        "zero replicates": ({"replicates": 0}, "replicates", "0 is less than the minimum of 1"),
        "an experiment of zero replicates": (exp("ae_line", {"replicates": 0}), "experiments.ae_line.replicates",
          "0 is less than the minimum of 1"),
        "negative epochs": (exp("s2v_amplitude", {"training": {"epochs": -3}}), "experiments.s2v_amplitude.training.epochs",
          "-3 is less than the minimum of 1"),
    },
    "models of every kind": {
        "zero units (seq2vec)": (exp("s2v_amplitude", {"model": {"units": 0}}), "experiments.s2v_amplitude.model.units",
          "0 is less than the minimum of 1"),
        "a layer of 0 units (seq2seq)": (exp("s2s_xy_line", {"model": {"layers": [0]}}), "experiments.s2s_xy_line.model.layers.0",
          "0 is less than the minimum of 1"),
        "zero latent (autoencoder)": (exp("ae_phase_small", {"model": {"latent": 0}}), "experiments.ae_phase_small.model.latent",
          "0 is less than the minimum of 1"),
        "no layers (next_step)": (exp("next_step_sine", {"model": {"layers": []}}), "experiments.next_step_sine.model.layers",
          "[] should be non-empty"),
        "negative hidden units (cond_ae)": (exp("cond_ae_freq", {"model": {"hidden": -1}}), "experiments.cond_ae_freq.model.hidden",
          "-1 is less than the minimum of 1"),
        "zero batch (echo)": (exp("echo_whole", {"model": {"batch": 0}}), "experiments.echo_whole.model.batch",
          "0 is less than the minimum of 1"),
        "unknown architecture (echo)": (exp("echo_seq2seq", {"model": {"architecture": "transformer"}}),
                                        "experiments.echo_seq2seq.model.architecture",
                                        "'transformer' is not one of ['whole'"),
        "a batch larger than a sequence's windows (echo)": (exp("echo_whole", {"model": {"batch": 30}}),
                                                            "experiments.echo_whole.model.batch",
                                                            "30 rows exceed the 20 windows of one sequence (variant lstm16)"),
    },
    "unknown keys and names": {
        "unknown optimizer": (exp("s2v_amplitude", {"training": {"optimizer": "adamw2"}}), "experiments.s2v_amplitude.training.optimizer",
          "'adamw2' is not one of ['adam'"),
        "unknown experiment id (incomplete)": (exp("s2v_typo", {"training": {"epochs": 3}}), "experiments.s2v_typo",
          "'kind' is a required property"),
        "bad experiment id": ({"experiments": {"S2V Amplitude!": {}}}, "experiments",
          "'S2V Amplitude!' does not match '^[a-z][a-z0-9_]*$'"),
        "unknown extra key": (exp("s2v_line_params", {"trainig": {"epochs": 3}}), "experiments.s2v_line_params", "'trainig' was unexpected"),
        "unknown top-level key": ({"seeds": 3}, "(top level)", "'seeds' was unexpected"),
        "unknown plot": (exp("s2s_sine", {"figures": {"sine": {"plot": "pie"}}}), "experiments.s2s_sine.figures.sine.plot",
          "'pie' is not one of ['input_curves'"),
        "a claim without its measure": (exp("s2s_sine", {"claims": {"flies": {"threshold": 1, **SOURCE}}}), "experiments.s2s_sine.claims.flies",
          "'measure' is a required property"),
        "a claim without its measure (cond_ae)": (exp("cond_ae_freq", {"claims": {"flies": {"threshold": 1, **SOURCE}}}), "experiments.cond_ae_freq.claims.flies",
          "'measure' is a required property"),
        "unknown split name": (exp("ae_line", {"data": {"splits": {"holdout": {"n": 3}}}}), "experiments.ae_line.data.splits",
          "'holdout' does not match '^(train|val|test|ood[a-z0-9_]*|probe[a-z0-9_]*)$'"),
        "unknown model key": (exp("s2v_amplitude", {"model": {"unitz": 3}}), "experiments.s2v_amplitude.model: ",
          "Additional properties are not allowed ('unitz' was unexpected)"),
        "unknown threads key": ({"threads": {"gpu": 1}}, "threads: ",
          "Additional properties are not allowed ('gpu' was unexpected)"),
        "unknown variant key": (exp("ae_line", {"variants": {"latent5": {"modle": {}}}}), "experiments.ae_line.variants.latent5",
          "Additional properties are not allowed ('modle' was unexpected)"),
        "unknown stream option": (exp("next_step_sine", {"data": {"options": {"windw": 5}}}), "experiments.next_step_sine.data.options: ",
          "Additional properties are not allowed ('windw' was unexpected)"),
        "unknown generator": (exp("ae_line", {"data": {"generator": "spiral"}}), "experiments.ae_line.data.generator",
          "'spiral' is not one of ['constant_to_wave'"),
        "unknown generator of a split": (exp("s2s_sine", {"data": {"splits": {"probe_lines": {"generator": "zigzag"}}}}),
                                         "experiments.s2s_sine.data.splits.probe_lines.generator",
                                         "'zigzag' is not one of ['constant_to_wave'"),
        "a channel the generator lacks": (exp("s2v_amplitude", {"data": {"inputs": ["curve", "code"]}}),
                                          "experiments.s2v_amplitude.data.splits.train",
                                          "generator sine_amplitude has no channel 'code'; it has x, curve"),
        "a factor the generator does not draw": (exp("s2s_y_hill", {"data": {"splits": {"val": {"ranges": {"width": [0, 1]}}}}}),
                                                 "experiments.s2s_y_hill.data.splits.val.ranges",
                                                 "generator hill draws height (required: height), got height, width"),
    },
    "stream options": {
        "hold-out fractions that leave no training data": (exp("next_step_sine", {"data": {"options": {"holdout_fraction": 0.6}}}),
                                                          "experiments.next_step_sine.data.options.holdout_fraction",
                                                          "0.6 is greater than or equal to the maximum of 0.5"),
        "a signal shorter than a window": (exp("next_step_sine", {"data": {"options": {"samples": 60}}}),
                                           "experiments.next_step_sine.data.options.samples",
                                           "60 samples are fewer than the 1100 kept for the figures and the free-running generation (head)"),
        "one class": (exp("cond_ae_freq", {"data": {"options": {"periods": [20]}}}), "experiments.cond_ae_freq.data.options.periods",
          "[20] is too short"),
        "a window longer than a class's test part": (exp("cond_ae_freq", {"data": {"options": {"window": 500}}}),
                                                     "experiments.cond_ae_freq.data.options.window",
                                                     "500 is not shorter than the 120 samples a class keeps in one split"),
        "a test fraction above 1": (exp("cond_ae_freq", {"data": {"options": {"test_fraction": 1.5}}}),
                                    "experiments.cond_ae_freq.data.options.test_fraction",
                                    "1.5 is greater than or equal to the maximum of 1"),
        "an output window longer than the input window": (exp("echo_whole", {"data": {"options": {"n_out": 8}}}),
                                                          "experiments.echo_whole.data.options.n_out",
                                                          "8 output tokens exceed the 6 of a window"),
        "one token class": (exp("echo_seq2seq", {"data": {"options": {"classes": 1}}}), "experiments.echo_seq2seq.data.options.classes",
          "1 is less than the minimum of 2"),
        "a sequence shorter than a window": (exp("echo_seq2seq_long", {"data": {"options": {"length": 3}}}),
                                             "experiments.echo_seq2seq_long.data.options.length",
                                             "a sequence of 3 holds no window of 5"),
        "missing options of a stream generator": (("remove", "experiments.next_step_sine.data.options.window"),
                                                  "experiments.next_step_sine.data.options",
                                                  "'window' is a required property"),
    },
    "relations": {
        "a snapshot epoch beyond the training epochs": (exp("ae_phase_full", {"training": {"snapshots": {"epochs": [1, 99], "count": 3}}}),
                                                        "experiments.ae_phase_full.training.snapshots.epochs",
                                                        "[99] beyond the 2 training epochs of variant latent1"),
        "probe values of different lengths": (exp("s2s_sine", {"data": {"splits": {"probe_lines": {"values": {"intercept": [0.5]}}}}}),
                                              "experiments.s2s_sine.data.splits.probe_lines.values",
                                              "every factor needs the same number of values"),
        "figure of a variant that does not exist": (exp("ae_line", {"figures": {"reconstructed_lines": {"variants": ["latent7"]}}}),
                                                    "experiments.ae_line.figures.reconstructed_lines.variants",
                                                    "'latent7' does not exist; choose from"),
        "claim of a variant that does not exist": (exp("ae_phase_small", {"claims": {"worst_at_start": {"variant": "latent2"}}}),
                                                   "experiments.ae_phase_small.claims.worst_at_start.variant",
                                                   "'latent2' does not exist; choose from"),
        "claim of a split that does not exist": (exp("s2s_sine", {"claims": {"start_not_copied": {"split": "probe_moons"}}}),
                                                 "experiments.s2s_sine.claims.start_not_copied.split",
                                                 "'probe_moons' does not exist; choose from"),
        "a plot that draws datasets without splits": (exp("ae_line", {"figures": {"lines_no_intercept": {"splits": []}}}),
                                                      "experiments.ae_line.figures.lines_no_intercept.splits",
                                                      "plot input_curves draws datasets; list the splits to draw"),
        "splits for a plot that reads none": (exp("ae_phase_full", {"figures": {"training_loss": {"splits": ["train"]}}}),
                                              "experiments.ae_phase_full.figures.training_loss.splits",
                                              "plot loss_curves reads no dataset; remove the key"),
        "a figure of a replicate that is not run": (exp("ae_line", {"figures": {"lines_no_intercept": {"replicate": 2}}}),
                                                    "experiments.ae_line.figures.lines_no_intercept.replicate",
                                                    "2 does not exist; the experiment runs replicates 0 to 1"),
    },
    "variant overrides": {
        "a layer of 0 units in a variant": (exp("s2s_xy_hill", {"variants": {"layers2": {"model": {"layers": [32, 0]}}}}),
                                            "experiments.s2s_xy_hill.variants.layers2.model.layers.1",
                                            "0 is less than the minimum of 1"),
        "an unknown model key in a variant": (exp("ae_line", {"variants": {"latent1": {"model": {"latnt": 1}}}}),
                                              "experiments.ae_line.variants.latent1.model: ",
                                              "Additional properties are not allowed ('latnt' was unexpected)"),
        "an unknown optimizer in a variant": (exp("s2v_amplitude", {"variants": {"lstm32": {"training": {"optimizer": "adamw"}}}}),
                                              "experiments.s2v_amplitude.variants.lstm32.training.optimizer",
                                              "'adamw' is not one of ['adam'"),
        "a snapshot epoch beyond a variant's epochs": (exp("ae_sine", {"variants": {"latent1": {"training": {"epochs": 1}}}}),
                                                       "experiments.ae_sine.training.snapshots.epochs",
                                                       "[2] beyond the 1 training epochs of variant latent1"),
        "no variant": (("set", "experiments.ae_sine.variants", {}), "experiments.ae_sine.variants",
          "{} should be non-empty"),
    },
    "figure options": {
        "an option the plot does not take": (exp("s2v_amplitude", {"figures": {"sines_with_different_amplitudes": {"options": {"colour": "red"}}}}),
                                             "experiments.s2v_amplitude.figures.sines_with_different_amplitudes.options: ",
                                             "Additional properties are not allowed ('colour' was unexpected)"),
        "a generated length never generated": (exp("next_step_sine", {"figures": {"generated_200": {"options": {"length": 300}}}}),
                                               "experiments.next_step_sine.figures.generated_200.options.length",
                                               "300 is not one of [200"),
        "a required option missing": (("remove", "experiments.cond_ae_freq.figures.AE_reconst_30ep_start_0_cls0.options.class"),
                                      "experiments.cond_ae_freq.figures.AE_reconst_30ep_start_0_cls0.options",
                                      "'class' is a required property"),
        "a count of zero": (exp("s2s_xy_line", {"figures": {"line": {"options": {"count": 0}}}}),
                            "experiments.s2s_xy_line.figures.line.options.count", "0 is less than the minimum of 1"),
        "a sweep fraction beyond 1": (exp("ae_phase_full", {"figures": {"sin_end": {"options": {"fraction": [0.8, 1.5]}}}}),
                                      "experiments.ae_phase_full.figures.sin_end.options.fraction.1",
                                      "1.5 is greater than the maximum of 1"),
        "an option split the figure does not draw": (exp("s2s_sine", {"figures": {"sine": {"options": {"split": "train"}}}}),
                                                     "experiments.s2s_sine.figures.sine.options.split",
                                                     "'train' is not among the figure's splits: val"),
        "an option variant the figure does not read": (exp("s2s_sine", {"figures": {"not_identity": {"options": {"variant": "layers1"}}}}),
                                                       "experiments.s2s_sine.figures.not_identity.options.variant",
                                                       "'layers1' is not among the figure's variants: layers2"),
        "a variant option for a plot that draws every variant": (exp("ae_line", {"figures": {"reconstructed_lines": {"options": {"variant": "latent5"}}}}),
                                                                 "experiments.ae_line.figures.reconstructed_lines.options: ",
                                                                 "Additional properties are not allowed ('variant' was unexpected)"),
        "an echo count of text": (exp("echo_whole", {"figures": {"echo_whole_tokens": {"options": {"count": "six"}}}}),
                                  "experiments.echo_whole.figures.echo_whole_tokens.options.count",
                                  "'six' is not of type 'integer'"),
    },
    "claim fields": {
        "an infinite threshold": (exp("ae_phase_small", {"claims": {"worst_at_start": {"threshold": float("inf")}}}),
                                  "experiments.ae_phase_small.claims.worst_at_start.threshold",
                                  "inf is not a finite number"),
        "a NaN threshold": (exp("echo_whole", {"claims": {"almost_every_token_right": {"threshold": float("nan")}}}),
                            "experiments.echo_whole.claims.almost_every_token_right.threshold",
                            "nan is not a finite number"),
        "a field the claim does not read": (exp("s2v_amplitude", {"claims": {"recovered": {"split": "val"}}}),
                                            "experiments.s2v_amplitude.claims.recovered: ",
                                            "Unevaluated properties are not allowed ('split' was unexpected)"),
        "a claim without the variants it compares": (("remove", "experiments.ae_line.claims.latent_size_hardly_matters.variants"),
                                                     "experiments.ae_line.claims.latent_size_hardly_matters: ",
                                                     "'variants' is a required property"),
        "one variant where a claim compares two": (exp("ae_line", {"claims": {"latent_size_hardly_matters": {"variants": ["latent1"]}}}),
                                                   "experiments.ae_line.claims.latent_size_hardly_matters.variants",
                                                   "['latent1'] is too short"),
        "a claim without its split": (("remove", "experiments.s2s_sine.claims.start_not_copied.split"),
                                      "experiments.s2s_sine.claims.start_not_copied: ",
                                      "'split' is a required property"),
        "a claim without its source": (("remove", "experiments.echo_whole.claims.almost_every_token_right.source"),
                                       "experiments.echo_whole.claims.almost_every_token_right",
                                       "'source' is a required property"),
        "a source that names no lines": (exp("ae_phase_small", {"claims": {"worst_at_start": {"source": "000_5a22e1320a30a528.txt"}}}),
                                         "experiments.ae_phase_small.claims.worst_at_start.source",
                                         "'000_5a22e1320a30a528.txt' does not match '^[0-9]{3}_[0-9a-f]{16}\\\\.txt:[0-9]+-[0-9]+$'"),
    },
    "top level": {
        "subset naming an unknown experiment": ({"subset": ["s2v_amplitude", "ae_lines"]}, "subset",
          "unknown experiment 'ae_lines'"),
        "subset naming one twice": ({"subset": ["ae_line", "ae_line"]}, "subset",
          "['ae_line', 'ae_line'] has non-unique elements"),
        "missing title": (("remove", "title"), "'title' is a required property", "'title' is a required property"),
    },
}
CORPUS = {f"{category}: {case}": bad for category, cases in BAD_CONFIGS.items() for case, bad in cases.items()}


def edit(config: dict, action, dotted, value=None) -> dict:
    """Remove or set a key of a config (``experiments.ae_line.model.latent``)."""
    *parents, last = dotted.split(".")
    node = config
    for key in parents:
        node = node[key]
    if action == "remove":
        del node[last]
    else:
        node[last] = value
    return config


def refusal_problems(error: str | None, key: str, reason: str) -> list:
    """What is wrong with how a bad config was refused (nothing, if as it should be): one
    line that names the key, then the reason."""
    if error is None:
        return ["accepted"]
    if "\n" in error or key not in error or reason not in error or error.index(key) > error.index(reason):
        return [f"expected one line naming {key!r}, then {reason!r}; got {error!r}"]
    return []


# read once by Snakemake's own loader (YAML's aliases shared, as in a fresh read); copied per case
WORKFLOW_CONFIG = load_configfile(REPO / "config" / "config.yaml")
QUICK_CONFIG = load_configfile(REPO / "config" / "quick.yaml")
EXPERIMENT_FILES = validation.experiment_files(REPO / "config" / "experiments")


def edited_files(bad) -> tuple:
    """``config.yaml`` and the experiments' files, with an edit applied where its key is
    (``experiments.<id>....``: that experiment's file)."""
    workflow_config, experiments = copy.deepcopy(WORKFLOW_CONFIG), copy.deepcopy(EXPERIMENT_FILES)
    if isinstance(bad, tuple):
        action, dotted, *value = bad
        parts = dotted.split(".")
        if parts[0] == "experiments" and len(parts) > 2:
            edit(experiments[parts[1]], action, ".".join(parts[2:]), *value)
        else:
            edit(workflow_config, *bad)
    return workflow_config, experiments


def validated_in_process(bad) -> str | None:
    """The Snakefile's validation (``validation.problem``) of the config Snakemake
    assembles, as Snakemake does (``Workflow.configfile``): the command line's
    config files (``quick.yaml``, the overlay) merged first, then ``config.yaml``
    (edited) merged into a copy of them, and them again on top; merged by Snakemake's
    ``update_config``, the overlay read by its loader; then the experiments' files
    (edited) under it, as the Snakefile adds them."""
    overlays = [QUICK_CONFIG] + ([] if isinstance(bad, tuple) else [load_configfile(io.StringIO(yaml.safe_dump(bad)))])
    command_line = {}
    for overlay in copy.deepcopy(overlays):
        update_config(command_line, overlay)
    workflow_config, experiments = edited_files(bad)
    config = copy.deepcopy(command_line)
    update_config(config, workflow_config)
    update_config(config, command_line)
    error = validation.problem(config, experiments)
    return None if error is None else str(error)


@pytest.mark.parametrize("case", CORPUS)
def test_every_bad_config_is_refused_with_one_line_naming_the_key(case):
    bad, key, reason = CORPUS[case]
    assert not refusal_problems(validated_in_process(bad), key, reason)


def run_bad_config(directory, bad) -> str:
    """The problems of one bad config run from the command line ('' when it is refused
    as it should be, with the message the Snakefile's validation gives in process)."""
    (bad, key, reason), overlays = bad, []
    expected = validated_in_process(bad)
    if isinstance(bad, tuple):
        workflow_config, experiments = edited_files(bad)
        (directory / "config" / "config.yaml").write_text(yaml.safe_dump(workflow_config))
        for name, block in experiments.items():
            (directory / "config" / "experiments" / f"{name}.yaml").write_text(yaml.safe_dump(block))
    else:
        overlays.append(write_overlay(directory, yaml.safe_dump(bad)))
    result = snakemake(directory, overlays=overlays, check=False)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Config error: ")]
    problems = []
    if result.returncode != 1:
        problems.append(f"exit {result.returncode}")
    if errors != [f"Config error: {expected}"]:
        problems.append(f"expected the one line 'Config error: {expected}', got {errors or result.stderr[-600:]}")
    if "Traceback" in result.stderr or "Exception" in result.stderr:
        problems.append("a traceback")
    if (directory / "results").exists():
        problems.append("results/ created")
    return "; ".join(problems + refusal_problems(expected, key, reason))


# The command line's part is the same for every bad config (the message, exit 1,
# before any job): one case of each category goes through it, and must print the
# message that the in-process validation gives.
EACH_CATEGORY = {f"{category}: {case}": bad for category, cases in BAD_CONFIGS.items()
                 for case, bad in list(cases.items())[:1]}
# one of each way a config is wrong: an overlay, a removed key, a key set in config.yaml
EACH_CATEGORY |= {case: CORPUS[case] for case in ("top level: missing title", "variant overrides: no variant")}


@pytest.mark.workflow
def test_a_bad_config_of_each_category_stops_before_any_job_with_its_one_line(tmp_path):
    """Through the command line, two Snakemake processes at a time."""
    directories = {case: copy_workflow(tmp_path / f"case{number}") for number, case in enumerate(EACH_CATEGORY)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        problems = dict(zip(EACH_CATEGORY, pool.map(lambda case: run_bad_config(directories[case], EACH_CATEGORY[case]),
                                                   EACH_CATEGORY)))
    failed = {case: problem for case, problem in problems.items() if problem}
    assert not failed, "\n".join(f"{case}: {problem}" for case, problem in failed.items())


assert len(CORPUS) >= 60 and len(BAD_CONFIGS) >= 9


# one replicate: one training job to kill or to hold the lock
LONGER = "replicates: 1\nexperiments:\n  s2v_amplitude:\n    training: {epochs: 40}\n"
TARGET = "results/claims/s2v_amplitude.json"


def start(directory, overlay):
    command = [SNAKEMAKE, "--cores", "2", TARGET, "--configfile", "config/quick.yaml", overlay]
    return subprocess.Popen(command, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def training_reached(directory, epoch):
    log = directory / "results" / "logs" / "train" / "s2v_amplitude" / "lstm32" / "r0.log"
    return lambda: log.exists() and f"epoch {epoch}/40" in log.read_text()


def experiment_hashes(directory):
    return {k: v for k, v in tree_hashes(directory).items() if "s2v_amplitude" in k}


class UninterruptedRun:
    """The ``LONGER`` run of ``TARGET`` from scratch, let alone: a second Snakemake meets
    its lock while it trains, and its bytes are those a killed run must give on its rerun
    (one run serves both tests, the lock's first)."""

    def __init__(self, directory):
        self.directory = directory
        self.overlay = write_overlay(directory, LONGER)
        self.process = start(directory, self.overlay)
        self.output = None

    def finish(self) -> tuple:
        """Its exit code and output, once it has ended."""
        if self.output is None:
            self.output = self.process.communicate(timeout=300)  # reads the pipes, which a long log could fill
        return self.process.returncode, self.output


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    run = UninterruptedRun(copy_workflow(tmp_path_factory.mktemp("uninterrupted") / "lstm-toys"))
    yield run
    if run.process.poll() is None:  # a test failed before it finished
        run.process.kill()
        run.process.communicate()


@pytest.mark.workflow
def test_a_second_snakemake_is_refused_by_the_lock_and_the_first_finishes(uninterrupted):
    wait_for(training_reached(uninterrupted.directory, 2))
    assert uninterrupted.process.poll() is None, "the first run ended before the second started"
    second = snakemake(uninterrupted.directory, TARGET, overlays=[uninterrupted.overlay], check=False)
    assert second.returncode != 0
    assert "cannot be locked" in second.stderr + second.stdout
    returncode, output = uninterrupted.finish()
    assert returncode == 0, output
    assert json_ok(uninterrupted.directory / TARGET)


@pytest.mark.workflow
def test_kill_9_of_training_then_rerun_gives_the_uninterrupted_bytes(tmp_path, uninterrupted):
    killed = copy_workflow(tmp_path / "killed")
    overlay = write_overlay(killed, LONGER)
    run = start(killed, overlay)
    wait_for(training_reached(killed, 5))
    # the newest trainer of this directory (Snakemake runs its script copy from there)
    pattern = f"{killed}/.snakemake/scripts/.*train.py"
    trainer = subprocess.run(["pgrep", "-f", "-n", pattern], capture_output=True, text=True).stdout.split()
    os.kill(int(trainer[0]), signal.SIGKILL)
    run.communicate(timeout=120)
    assert run.returncode != 0
    assert not (killed / "results" / "models" / "s2v_amplitude" / "lstm32" / "r0" / "history.csv").exists()

    snakemake(killed, TARGET, overlays=[overlay])  # the default profile reruns incomplete jobs
    returncode, output = uninterrupted.finish()
    assert returncode == 0, output
    reference = uninterrupted.directory
    assert experiment_hashes(killed) == experiment_hashes(reference)
    assert len(experiment_hashes(reference)) == 3 + 1 + 1 + 1 + 1  # datasets, predictions, metrics, claims, snapshots


def json_ok(path):
    import json

    return bool(json.loads(Path(path).read_text())["claims"])


@pytest.mark.workflow
def test_divergence_fails_the_job_naming_experiment_and_epoch_and_writes_no_metrics(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    # the Dense head's outputs are unbounded (an LSTM output layer's tanh would keep the loss finite)
    overlay = write_overlay(directory, "experiments:\n  s2v_amplitude:\n    training: {optimizer: sgd, learning_rate: 1.0e+12}\n"
                                       "    model: {head: dense, recurrent_activation: sigmoid}\n")
    result = snakemake(directory, "results/metrics/s2v_amplitude/lstm32/r0.json", overlays=[overlay], check=False)
    assert result.returncode != 0
    log = (directory / "results" / "logs" / "train" / "s2v_amplitude" / "lstm32" / "r0.log").read_text()
    assert re.search(r"TrainingDiverged: s2v_amplitude/lstm32/r0: training diverged at epoch \d+", log), log[-2000:]
    assert not (directory / "results" / "metrics").exists()
    assert not (directory / "results" / "models" / "s2v_amplitude" / "lstm32" / "r0" / "model.keras").exists()


@pytest.mark.workflow
def truncate(path):
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])


def older_layout(path):
    """The file as an older pipeline wrote it: the same arrays, no layout version."""
    import numpy as np

    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files if name != "__layout__"}
    np.savez(path, **arrays)


def foreign_csv(path):
    path.write_text("step,value\n1,2\n")


@pytest.mark.workflow
@pytest.mark.parametrize("victim,damage,target,error", [
    ("results/datasets/s2v_amplitude/r0/val.npz", truncate, "results/predictions/s2v_amplitude/lstm32/r0.npz",
    "not a readable .npz file"),
    ("results/models/s2v_amplitude/lstm32/r0/model.keras", truncate, "results/predictions/s2v_amplitude/lstm32/r0.npz",
    "cannot load Keras model"),
    ("results/datasets/s2v_amplitude/r0/val.npz", older_layout, "results/predictions/s2v_amplitude/lstm32/r0.npz",
     r"written by layout 1 of the pipeline, which now writes layout \d+: rebuild it"),
    ("results/predictions/s2v_amplitude/lstm32/r0.npz", foreign_csv, "results/metrics/s2v_amplitude/lstm32/r0.json",
    "not a readable .npz file"),
    ("results/models/s2v_amplitude/lstm32/r1/history.csv", foreign_csv, "results/metrics/s2v_amplitude/lstm32/r1.json",
     r"not a training history: columns \['step', 'value'\]"),
    ("results/metrics/s2v_amplitude/lstm32/r1.json", truncate, "results/claims/s2v_amplitude.json",
     r"not valid JSON, truncated or edited by hand\?"),
    ("results/claims/s2v_amplitude.json", truncate, "results/report/index.html",
     r"not valid JSON, truncated or edited by hand\?"),
])
def test_a_damaged_file_gives_an_error_naming_it_in_the_log_and_on_the_console(built_copy, victim, damage, target, error):
    damage(built_copy / victim)
    result = snakemake(built_copy, target, check=False)
    assert result.returncode != 0
    # the failed job's log, printed by the default profile's show-failed-logs
    assert re.search(rf"{re.escape(victim)}: {error}", result.stderr + result.stdout), result.stderr[-3000:]
    logs = [path.read_text() for path in (built_copy / "results" / "logs").rglob("*.log")]
    assert any(re.search(rf"ResultFileError: {re.escape(victim)}: {error}|{re.escape(victim)}: {error}", log) for log in logs)


def test_no_pickle_and_models_load_in_safe_mode():
    sources = {path: path.read_text() for path in [*PACKAGE.rglob("*.py"), *(REPO / "workflow" / "scripts").glob("*.py")]}
    keras_loads = []
    for path, text in sources.items():
        assert "allow_pickle=True" not in text, path
        assert not re.search(r"^\s*(import pickle|from pickle)", text, re.M), path
        keras_loads += [(path, call) for call in re.findall(r"keras\.(?:models|saving)\.load_model\([^)]*\)", text)]
    assert keras_loads and all("safe_mode=True" in call for _, call in keras_loads), keras_loads
    assert "allow_pickle=False" in sources[PACKAGE / "data" / "arrays.py"]
    assert "safe_mode=True" in sources[PACKAGE / "training" / "inference.py"]



@pytest.mark.workflow
def test_a_config_string_with_markup_or_code_is_escaped_in_html_and_data_in_notebooks(built_copy):
    """The title reaches the report and, through papermill, every notebook: as data.
    (One experiment's notebook is enough: every notebook runs the same template.)"""
    evil = "<script>alert('x')</script> \"quoted\" & more\n\"\"\"\nopen('pwned', 'w')  # ''' \\"
    overlay = write_overlay(built_copy, yaml.safe_dump({"title": evil, "subset": ["s2v_amplitude"]}))
    jobs = planned_jobs(built_copy, overlays=[overlay])
    # only these show the title; the subset gives the scorecard and the forecast fewer inputs
    assert {rule for rule, _ in jobs} == {"notebook", "report", "scorecard", "forecast", "tables"}
    snakemake(built_copy, overlays=[overlay])
    html = (built_copy / "results" / "report" / "index.html").read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;quoted&#34; &amp; more" in html  # Jinja's autoescape
    assert not list(built_copy.rglob("pwned"))  # no notebook ran the string
    book = json.loads((built_copy / "results" / "notebooks" / "s2v_amplitude.ipynb").read_text())
    (injected,) = [c for c in book["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    titles = [node.value for node in ast.parse("".join(injected["source"])).body if node.targets[0].id == "title"]
    assert [ast.literal_eval(value) for value in titles] == [evil]  # a literal equal to the config string
    notebook_html = (built_copy / "results" / "report" / "notebooks" / "s2v_amplitude.html").read_text()
    assert "<script>" not in notebook_html and "&lt;script&gt;alert(" in notebook_html
