"""Workflow tests: the quick config built in a temporary directory.

They check what a user relies on: a finished tree plans nothing, a change
reruns exactly what depends on it, and a second clean run gives the same bytes.
"""

import difflib
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from lstm_toys.data.documents import read_document
from lstm_toys.validation import effective_config

from conftest import (QUICK_BUILD, REPO, SECOND_RUN, SEEDS, SNAKEMAKE, SUMMARIES, WORKFLOW_FILES, assert_plans_nothing, copy_workflow, experiment_of, planned_jobs, snakemake, tree_hashes,
                      write_overlay)

CONFIG = effective_config(REPO)

pytestmark = pytest.mark.workflow


def rules_of(jobs):
    return sorted({rule for rule, _ in jobs})


def models_of(experiment, replicates):
    """The model files of every variant of ``experiment`` for these replicates, sorted."""
    return sorted(f"results/models/{experiment}/{variant}/r{r}/model.keras"
                  for variant in CONFIG["experiments"][experiment]["variants"] for r in replicates)


# Every image the write-ups show or save (their file names), and the figures of the
# experiments whose write-ups name none.
WRITE_UP_IMAGES = sorted({name for path in SEEDS.glob("*.txt")
                          for name in re.findall(r"[A-Za-z0-9_]+\.(?:png|gif)", path.read_text(encoding="utf-8"))})
UNNAMED_FIGURES = {
    "next_step_sine": ["training_signal", "generated_200", "generated_1000", "loss_curves"],
    "echo_whole": ["echo_whole_tokens"],
    "echo_seq2seq": ["echo_seq2seq_tokens"],
    "echo_seq2seq_long": ["echo_seq2seq_long_tokens"],
}


def test_complete_run_writes_every_artefact(quick_tree):
    results = quick_tree / "results"
    drawn = {path.name: path for path in results.glob("figures/*/*") if path.suffix in (".png", ".gif")}
    assert len(WRITE_UP_IMAGES) == 41
    for image in WRITE_UP_IMAGES:  # under the write-up's name, in its format (two animations)
        assert image in drawn and drawn[image].stat().st_size > 5000, image
    for experiment, figures in UNNAMED_FIGURES.items():
        assert all((results / "figures" / experiment / f"{figure}.png").stat().st_size > 5000 for figure in figures)
    for animation in ("s2s_xy_hill/lstm_hill.gif", "ae_sine/sine_1_latent.gif"):  # shown in Snakemake's report
        assert (results / "figures" / f"{animation}.html").read_text().count("data:image/gif;base64,") == 1
    for experiment in CONFIG["experiments"]:
        claims = json.loads((results / "claims" / f"{experiment}.json").read_text())
        configured = CONFIG["experiments"][experiment]["claims"]
        assert [c["claim"] for c in claims["claims"]] == list(configured)  # in the config's order; ae_sine has none
        block = CONFIG["experiments"][experiment]
        assert claims["variants"] == {variant: spec.get("note", "") for variant, spec in block["variants"].items()}
        assert [row["name"] for row in claims["printed"]] == list(block.get("printed", {}))
        assert all(row["median"] is not None for row in claims["printed"])
        assert all(len(c["values"]) == len(c["judged"]) == 2 for c in claims["claims"])
        assert all(c["replicates"] == sum(c["judged"]) for c in claims["claims"])  # those the measure applies to
        assert {c["verdict"] for c in claims["claims"]} <= {"not reproduced", "inconclusive"}  # 2 replicates: p >= 0.25
        assert (results / "claims" / f"{experiment}.png").stat().st_size > (5000 if configured else 1000)
        for variant in (results / "models" / experiment).iterdir():
            assert sorted(replicate.name for replicate in variant.iterdir()) == ["r0", "r1"]
            for replicate in variant.iterdir():
                assert (replicate / "model.keras").exists() and (replicate / "history.csv").exists()
                assert (results / "benchmarks" / "train" / experiment / variant.name / f"{replicate.name}.tsv").exists()
    assert "id='held-up'" in (results / "report" / "index.html").read_text()


def test_the_two_core_forecast_is_within_a_quarter_of_the_measured_quick_build(quick_tree):
    if "seconds" not in QUICK_BUILD:
        pytest.skip("the quick tree was built before this session (LSTM_TOYS_QUICK_TREE): its time is not known")
    forecast = read_document(quick_tree / "results" / "tables" / "forecast.json")
    measured, predicted = QUICK_BUILD["seconds"], forecast["wall_seconds"]["2"]
    assert abs(predicted - measured) <= 0.25 * measured, (predicted, measured)
    assert forecast["wall_seconds"]["1"] == pytest.approx(forecast["job_seconds"], abs=0.2)  # one core: the sum
    assert forecast["wall_seconds"]["unlimited"] == pytest.approx(forecast["critical_path_seconds"], abs=0.2)
    assert forecast["jobs"] == len(planned_jobs(copy_workflow(quick_tree.parent / "fresh"))) - 2  # not itself nor the report
    html = (quick_tree / "results" / "report" / "index.html").read_text()
    assert "id='forecast'" in html and f"<td class='num'>{predicted:.0f}</td>" in html


def test_finished_tree_plans_nothing(quick_tree):
    assert_plans_nothing(quick_tree)


def test_changing_ood_range_reevaluates_without_training(built_copy):
    overlay = write_overlay(
        built_copy, "experiments:\n  s2v_amplitude:\n    data:\n      splits:\n        ood: {ranges: {amplitude: [0.6, 1.2]}}\n"
    )
    jobs = planned_jobs(built_copy, overlays=[overlay])
    assert rules_of(jobs) == ["claims", "claims_figure", "dataset", "experiment_tables", "figure", "forecast", "metrics", "notebook",
                              "predict", "report", "scorecard", "tables"]
    assert [output for rule, output in jobs if rule == "notebook"] == ["results/notebooks/s2v_amplitude.ipynb"]
    assert sorted(output for rule, output in jobs if rule == "dataset") == [
        f"results/datasets/s2v_amplitude/r{r}/ood.npz" for r in (0, 1)]
    assert all("s2v_line_params" not in output for rule, output in jobs if rule not in SUMMARIES)
    # only the figure that reads the ood split is redrawn
    assert [output for rule, output in jobs if rule == "figure"] == ["results/figures/s2v_amplitude/predicted_amplitude.png"]


def test_changing_epochs_retrains_that_experiment_only(built_copy):
    overlay = write_overlay(built_copy, "experiments:\n  s2v_line_params:\n    training: {epochs: 3}\n")
    jobs = planned_jobs(built_copy, overlays=[overlay])
    assert sorted(output for rule, output in jobs if rule == "train") == models_of("s2v_line_params", (0, 1))
    assert "dataset" not in rules_of(jobs)
    assert all("s2v_amplitude" not in output for _, output in jobs)


def test_changing_a_probe_grid_reevaluates_s2s_sine_without_training(built_copy):
    overlay = write_overlay(
        built_copy,
        "experiments:\n  s2s_sine:\n    data:\n      splits:\n        probe_phases: {values: {phase: [0.1, 0.2]}}\n",
    )
    jobs = planned_jobs(built_copy, overlays=[overlay])
    assert rules_of(jobs) == ["claims", "claims_figure", "dataset", "experiment_tables", "figure", "forecast", "metrics", "notebook",
                              "predict", "report", "scorecard", "tables"]
    assert sorted(output for rule, output in jobs if rule == "dataset") == [
        f"results/datasets/s2s_sine/r{r}/probe_phases.npz" for r in (0, 1)]
    # predictions are one file per variant: every figure that reads them is redrawn,
    # the one that reads only the training data is not
    redrawn = {output for rule, output in jobs if rule == "figure"}
    assert "results/figures/s2s_sine/phase_displacement.png" in redrawn
    assert "results/figures/s2s_sine/sine_target.png" not in redrawn and len(redrawn) == 7
    assert all("s2s_sine" in output for rule, output in jobs if rule not in SUMMARIES)


def test_changing_autoencoder_epochs_retrains_its_variants_only(built_copy):
    overlay = write_overlay(built_copy, "experiments:\n  ae_line:\n    training: {epochs: 3}\n")
    jobs = planned_jobs(built_copy, overlays=[overlay])
    assert sorted(output for rule, output in jobs if rule == "train") == models_of("ae_line", (0, 1))
    assert all("ae_line" in output for rule, output in jobs if rule not in SUMMARIES)


# the replicate_losses figures (they read every replicate) of the experiments that follow
# the config's `replicates` (echo_seq2seq_long sets its own)
REPLICATE_FIGURES = 5


def test_raising_replicates_trains_predicts_and_scores_only_the_new_replicate(built_copy):
    jobs = planned_jobs(built_copy, overlays=[write_overlay(built_copy, "replicates: 3\n")])
    trained = [output for rule, output in jobs if rule == "train"]
    # every variant but those of echo_seq2seq_long, which sets its own number of replicates
    assert len(trained) == len(list((built_copy / "results" / "models").glob("*/*"))) - 2 == 27
    for rule in ("dataset", "train", "predict", "metrics"):
        assert all("/r2" in output for step, output in jobs if step == rule), rule
    assert len([rule for rule, _ in jobs if rule == "claims"]) == len([rule for rule, _ in jobs if rule == "notebook"]) == 15
    # the write-up figures are drawn from replicate 0: only the summaries of every replicate are redrawn
    assert sorted(Path(output).name for rule, output in jobs if rule == "figure") == ["replicate_losses.png"] * REPLICATE_FIGURES
    assert rules_of(jobs) == ["claims", "claims_figure", "dataset", "experiment_tables", "figure", "forecast", "metrics",
                              "notebook", "predict", "report", "scorecard", "tables", "train"]


def test_lowering_replicates_trains_nothing_and_reaggregates(built_copy):
    jobs = planned_jobs(built_copy, overlays=[write_overlay(built_copy, "replicates: 1\n")])
    assert rules_of(jobs) == ["claims", "claims_figure", "experiment_tables", "figure", "forecast", "notebook", "report",
                              "scorecard", "tables"]
    assert len([rule for rule, _ in jobs if rule == "figure"]) == REPLICATE_FIGURES


def test_more_replicates_for_one_experiment_from_the_command_line(built_copy):
    jobs = planned_jobs(built_copy, "--config", "experiments={ae_phase_full: {replicates: 4}}")
    assert sorted(output for rule, output in jobs if rule == "train") == models_of("ae_phase_full", (2, 3))
    assert all("ae_phase_full" in output for rule, output in jobs if rule not in SUMMARIES)


def test_an_experiments_claims_build_every_replicate_of_it_and_what_they_compare_with(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    jobs = planned_jobs(directory, "results/claims/ae_phase_full.json")
    assert rules_of(jobs) == ["claims", "dataset", "metrics", "predict", "train"]
    # bends_later_than_small reads ae_phase_small/latent1's metrics, replicate by replicate
    reference = [f"results/models/ae_phase_small/latent1/r{r}/model.keras" for r in (0, 1)]
    assert sorted(output for rule, output in jobs if rule == "train") == models_of("ae_phase_full", (0, 1)) + reference
    assert all("ae_phase_full" in output or "ae_phase_small" in output for _, output in jobs)


def test_a_subset_builds_the_metrics_its_claims_compare_with_and_nothing_else_of_them(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    jobs = planned_jobs(directory, overlays=[write_overlay(directory, "subset: [s2s_y_hill]\n")])
    outside = sorted(output for _, output in jobs if "s2s_y_hill" not in output and "/tables/" not in output
                     and "report/index" not in output)
    # takes_longer_than_xy compares with s2s_xy_hill/layers2: its models and metrics, no figure of it
    expected = [f"results/{what}/s2s_xy_hill/layers2/r{r}{suffix}" for r in (0, 1)
                for what, suffix in (("models", "/model.keras"), ("predictions", ".npz"), ("metrics", ".json"))]
    expected += [f"results/datasets/s2s_xy_hill/r{r}/{split}.npz" for r in (0, 1) for split in ("train", "val")]
    assert outside == sorted(expected)


def test_replicate_zero_has_the_same_bytes_alone_as_with_a_companion(quick_tree, tmp_path):
    alone = copy_workflow(tmp_path / "alone")
    snakemake(alone, "results/claims/s2v_amplitude.json", overlays=[write_overlay(alone, "replicates: 1\n")])
    replicate_zero = {name: digest for name, digest in tree_hashes(alone).items() if not name.startswith("claims/")}
    assert len(replicate_zero) == 3 + 1 + 1 + 1  # datasets, predictions, metrics, snapshots
    assert all("/r0" in name for name in replicate_zero)
    assert replicate_zero.items() <= tree_hashes(quick_tree).items()


def test_one_figure_builds_its_ancestors_only(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    jobs = planned_jobs(directory, "results/figures/s2v_amplitude/predicted_amplitude.png")
    assert sorted(jobs) == sorted(
        [
            ("dataset", "results/datasets/s2v_amplitude/r0/train.npz"),
            ("dataset", "results/datasets/s2v_amplitude/r0/val.npz"),
            ("dataset", "results/datasets/s2v_amplitude/r0/ood.npz"),
            ("train", "results/models/s2v_amplitude/lstm32/r0/model.keras"),
            ("predict", "results/predictions/s2v_amplitude/lstm32/r0.npz"),
            ("figure", "results/figures/s2v_amplitude/predicted_amplitude.png"),
        ]
    )
    snakemake(directory, "results/figures/s2v_amplitude/predicted_amplitude.png")
    assert sorted(p.name for p in (directory / "results").iterdir()) == ["benchmarks", "datasets", "figures", "logs", "models", "predictions"]


def test_a_second_clean_run_gives_identical_bytes(quick_tree, second_clean_run):
    second, runs = second_clean_run  # every dataset, then SECOND_RUN (conftest)
    assert_scheduler_woke_about_once_per_job(runs[0].stdout + runs[0].stderr)
    assert {CONFIG["experiments"][name]["kind"] for name in SECOND_RUN} == {
        block["kind"] for block in CONFIG["experiments"].values()}
    every_rule = set(re.findall(r"^(\w+)", snakemake(second, "--list-rules").stdout, re.MULTILINE))
    ran = {rule for run in runs for rule in re.findall(r"^(?:local)?rule (\w+):$", run.stdout + run.stderr, re.MULTILINE)}
    assert ran == every_rule
    first = tree_hashes(quick_tree)
    results = quick_tree / "results"
    # every dataset, prediction, metrics, figure, claims and notebook file of the first run is
    # hashed; not the forecast, which holds measured times
    assert len(first) == sum(1 for f in results.rglob("*") if f.suffix in (".npz", ".json", ".png", ".gif", ".ipynb")
                             and f.name != "forecast.json") + len(
        list(results.glob("report/notebooks/*.html"))) + len(list(results.glob("figures/*/*.gif.html")))
    assert len([name for name in first if name.startswith("figures/") and not name.endswith(".html")]) == sum(
        len(block["figures"]) for block in CONFIG["experiments"].values()
    )
    # and the files of the variants their claims compare with
    referenced = {spec["reference"] for name in SECOND_RUN for spec in CONFIG["experiments"][name]["claims"].values()
                  if "reference" in spec}
    expected = {name: digest for name, digest in first.items()
                if name.startswith("datasets/") or experiment_of(name) in SECOND_RUN
                or any(name.split("/", 1)[1].startswith(reference + "/") for reference in referenced)}
    assert tree_hashes(second) == expected


def assert_scheduler_woke_about_once_per_job(output):
    """90 dataset jobs, all ready at once, two at a time: Snakemake's scheduler passes once
    per finished job and once a second (``lstm_toys.scheduling``): 120 passes. Without the
    one-timer fix every finished job adds a pass a second, while the rest wait: 1672."""
    passes = len(re.findall(r"^Ready jobs: \d+$", output, re.MULTILINE))
    jobs = len(re.findall(r"^(?:local)?rule dataset:$", output, re.MULTILINE))
    assert jobs > 50 and passes <= 3 * jobs, (passes, jobs)


def test_training_log_has_progress_and_threads_follow_the_rule(built_copy):
    log = (built_copy / "results" / "logs" / "train" / "s2v_amplitude" / "lstm32" / "r0.log").read_text()
    assert "s2v_amplitude/lstm32/r0 epoch 2/2 loss=" in log and "val_loss=" in log and "seconds=" in log
    assert "TensorFlow threads: intra-op 1, inter-op 1" in log
    target = "results/models/s2v_amplitude/lstm32/r0/model.keras"
    snakemake(built_copy, target, "--forcerun", target, "--set-threads", "train=2")
    log = (built_copy / "results" / "logs" / "train" / "s2v_amplitude" / "lstm32" / "r0.log").read_text()
    assert "TensorFlow threads: intra-op 2, inter-op 2" in log


def test_lint_and_format_are_clean():
    lint = subprocess.run([SNAKEMAKE, "--lint", "--configfile", "config/quick.yaml"], cwd=REPO, capture_output=True, text=True)
    assert lint.returncode == 0 and "Congratulations" in lint.stdout + lint.stderr, lint.stdout + lint.stderr
    snakefmt = str(Path(SNAKEMAKE).with_name("snakefmt"))
    check = subprocess.run([snakefmt, "--check", "."], cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    "value,error",
    [
        ("threads={train: 2, predict: 1}", None),  # nested values arrive as strings: read as YAML
        ("seed=7", None),
        ("threads={train: two}", "Config error: threads.train: 'two' is not of type 'integer'"),
        ("threads={train: 0}", "Config error: threads.train: 0 is less than the minimum of 1"),
    ],
)
def test_command_line_values_are_validated_as_values_not_strings(tmp_path, value, error):
    directory = copy_workflow(tmp_path / "lstm-toys")
    result = snakemake(directory, "--dry-run", "--config", value, check=False)
    if error is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1 and error in result.stderr.splitlines(), result.stderr
        assert "Traceback" not in result.stderr and not (directory / "results").exists()


TOY_KIND = {
    "__init__.py": '''"""A toy kind: one LSTM and a per-step linear output (added by a test)."""

from lstm_toys.kind import Kind
from lstm_toys.settings import PositiveInt, RecurrentModel, setting, settings


@settings
class Model(RecurrentModel):
    units: PositiveInt = setting("units of the LSTM")


KIND = Kind(__name__, model=Model)
''',
    "model.py": '''import keras


def build(spec, input_shape, target_shape):
    inputs = keras.Input(shape=tuple(input_shape))
    hidden = keras.layers.LSTM(spec["units"], return_sequences=True)(inputs)
    return keras.Model(inputs, keras.layers.Dense(int(target_shape[-1]))(hidden))
''',
    "metrics.py": '''from lstm_toys.evaluation.scores import regression_scores


def compute(spec, datasets, predictions, history, snapshots):
    return {split: regression_scores(arrays["targets"], predictions[split]["outputs"])
            for split, arrays in datasets.items()}
''',
    "claims.py": '''from lstm_toys.evaluation.verdicts import metric_claim
from lstm_toys.kind import Story

STORY = Story(title="A toy", narrative="No write-up: a kind added by a test.", headline_metrics=("mse",))
CLAIMS = {"val_error_small": metric_claim("the toy fits its line (val MSE)", "mse", "val", "<")}
''',
}
TOY_EXPERIMENT = """
subset: [toy_line]
experiments:
  toy_line:
    kind: toy
    data:
      generator: line
      timesteps: 20
      inputs: [curve]
      target: curve
      splits:
        train: {n: 32, ranges: {slope: [0.0, 1.0]}}
        val: {n: 16, ranges: {slope: [0.0, 1.0]}}
    model: {units: 4}
    training: {epochs: 2, batch_size: 16, optimizer: adam, learning_rate: 0.01}
    variants:
      lstm4: {}
    figures:
      fitted: {plot: sequence_predictions, splits: [val]}
      loss: {plot: loss_curves}
    claims:
      val_error_small: {measure: val_error_small, threshold: 0.5, source: "000_5a22e1320a30a528.txt:18-21",
                        observed: the line is fitted, basis: "controls: a toy's"}
"""


def add_toy_kind(directory: Path) -> Path:
    """The toy kind: its package, and one line in the registry. Returns the package."""
    package = directory / "workflow" / "lstm_toys" / "kinds" / "toy"
    package.mkdir()
    for name, text in TOY_KIND.items():
        (package / name).write_text(text)
    registry = directory / "workflow" / "lstm_toys" / "registry.py"
    text = registry.read_text()
    assert text.count('    "echo",\n') == 1
    registry.write_text(text.replace('    "echo",\n', '    "echo",\n    "toy",\n'))
    return package


def source_hashes(directory: Path) -> dict:
    """sha256 of every file of the workflow (not results or caches)."""
    return {str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
            for name in WORKFLOW_FILES for path in sorted([directory / name, *(directory / name).rglob("*")])
            if path.is_file() and "__pycache__" not in path.parts}


def test_a_new_kind_is_its_package_and_one_registry_line(tmp_path):
    """No rule, schema, notebook or caption edit: the toy kind builds end to end."""
    directory = copy_workflow(tmp_path / "lstm-toys")
    before = source_hashes(directory)
    registry = directory / "workflow" / "lstm_toys" / "registry.py"
    old_registry = registry.read_text().splitlines()
    package = add_toy_kind(directory)
    after = source_hashes(directory)
    changed = {path for path in before.keys() & after.keys() if before[path] != after[path]}
    assert changed == {"workflow/lstm_toys/registry.py"} and before.keys() <= after.keys()
    assert sorted(after.keys() - before.keys()) == sorted(str((package / name).relative_to(directory)) for name in TOY_KIND)
    new_lines = [line for line in difflib.ndiff(old_registry, registry.read_text().splitlines()) if line[:2] in "+ - "]
    assert new_lines == ['+     "toy",']  # one line added, none removed
    snakemake(directory, overlays=[write_overlay(directory, TOY_EXPERIMENT)])
    results = directory / "results"
    claims = json.loads((results / "claims" / "toy_line.json").read_text())
    assert [c["claim"] for c in claims["claims"]] == ["val_error_small"]
    assert all((results / "figures" / "toy_line" / f"{name}.png").stat().st_size > 5000 for name in ("fitted", "loss"))
    assert "A toy" in (results / "report" / "notebooks" / "toy_line.html").read_text()
    assert "id='toy_line'" in (results / "report" / "index.html").read_text()
    assert {path for path, digest in source_hashes(directory).items() if after.get(path) != digest} == {"config/extra.yaml"}
