"""What an edit of the code reruns, on one copy of the finished quick tree: a job's code
identity (``lstm_toys.code_identity``) decides, so an edit plans exactly the jobs whose
code it changes, and what follows them. Each test restores what it edited; restoring
leaves newer files with the same content, which must plan nothing either."""

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from lstm_toys.validation import effective_config

from conftest import REPO, SUMMARIES, WORKFLOW_FILES, assert_plans_nothing, planned_jobs, write_overlay
from source_edits import with_comment_and_docstrings
from test_workflow import TOY_EXPERIMENT, TOY_KIND, add_toy_kind

pytestmark = pytest.mark.workflow

CONFIG = effective_config(REPO)


@pytest.fixture(scope="module")
def tree(quick_tree, tmp_path_factory) -> Path:
    """One copy of the finished quick tree, which the tests of this module edit in turn."""
    destination = tmp_path_factory.mktemp("rebuilds") / "lstm-toys"
    shutil.copytree(quick_tree, destination, symlinks=True)
    return destination


def sources(tree: Path) -> list:
    return sorted([*(tree / "workflow" / "lstm_toys").rglob("*.py"), *(tree / "workflow" / "scripts").glob("*.py")])


@contextmanager
def edited(tree: Path, edits: dict):
    """Files of ``tree`` replaced by ``{relative path: text}`` for the block, then restored."""
    originals = {path: (tree / path).read_text() for path in edits}
    try:
        for path, text in edits.items():
            (tree / path).write_text(text)
        yield
    finally:
        for path, text in originals.items():
            (tree / path).write_text(text)


def replaced(tree: Path, path: str, old: str, new: str) -> dict:
    text = (tree / path).read_text()
    assert text.count(old) == 1, (path, old)
    return {path: text.replace(old, new)}


def test_a_comment_and_docstrings_in_every_module_plan_nothing(tree):
    every = {str(path.relative_to(tree)): with_comment_and_docstrings(path.read_text()) for path in sources(tree)}
    assert len(every) > 60
    with edited(tree, every):
        assert_plans_nothing(tree)


def test_touching_every_file_plans_nothing(tree):
    later = (Path(tree / "results" / "report" / "index.html").stat().st_mtime + 3600,) * 2
    touched = [path for name in WORKFLOW_FILES for path in [tree / name, *(tree / name).rglob("*")] if path.is_file()]
    for path in touched:
        os.utime(path, later)
    assert len(touched) > 100
    assert_plans_nothing(tree)


def test_a_checkout_of_another_commit_and_back_plans_nothing(tree):
    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tree, check=True,
                       capture_output=True)

    git("init", "-q")
    try:
        git("add", *WORKFLOW_FILES)
        git("commit", "-q", "-m", "as built")
        changes = {**replaced(tree, "workflow/lstm_toys/training/fit.py", '"sgd": keras.optimizers.SGD}',
                              '"sgd": keras.optimizers.SGD, "adagrad": keras.optimizers.Adagrad}'),
                   **replaced(tree, "workflow/lstm_toys/presentation/plots.py", 'axes.set_xlabel("epoch")',
                              'axes.set_xlabel("epochs")')}
        for path, text in changes.items():
            (tree / path).write_text(text)
        git("commit", "-q", "-am", "another commit")
        git("checkout", "-q", "HEAD~1")
        assert_plans_nothing(tree)
    finally:
        shutil.rmtree(tree / ".git")


def test_a_real_change_to_fit_plans_the_train_jobs_and_what_follows_them(tree):
    following_training = set(planned_jobs(tree, "--forcerun", "train"))
    change = replaced(tree, "workflow/lstm_toys/training/fit.py", '"sgd": keras.optimizers.SGD}',
                      '"sgd": keras.optimizers.SGD, "adagrad": keras.optimizers.Adagrad}')
    with edited(tree, change):
        jobs = planned_jobs(tree)
    assert len(jobs) == len(set(jobs)) and set(jobs) == following_training
    trained = [output for rule, output in jobs if rule == "train"]
    assert len(trained) == len(list((tree / "results" / "models").glob("*/*/r*"))) == 58
    assert "dataset" not in {rule for rule, _ in jobs}


def test_a_real_change_to_a_kinds_model_retrains_that_kinds_experiments_only(tree):
    change = replaced(tree, "workflow/lstm_toys/kinds/autoencoder/model.py", 'name="sequence_autoencoder"',
                      'name="autoencoder"')
    with edited(tree, change):
        jobs = planned_jobs(tree)
    trained = {output.split("/")[2] for rule, output in jobs if rule == "train"}
    assert trained == {name for name, block in CONFIG["experiments"].items() if block["kind"] == "autoencoder"}
    assert all(output.split("/")[2] in trained for rule, output in jobs if rule in ("train", "predict", "metrics"))


def figures_drawn_by(plot: str) -> set:
    return {f"results/figures/{name}/{figure}.png" for name, block in CONFIG["experiments"].items()
            for figure, entry in block["figures"].items() if entry["plot"] == plot}


def test_a_change_to_a_plot_function_plans_only_the_figures_it_draws(tree):
    change = replaced(tree, "workflow/lstm_toys/presentation/plots.py", '    for sequence in values[:count]:\n'
                      '        axes.plot(arrays["x"], sequence)', '    for sequence in values[:count]:\n'
                      '        axes.plot(arrays["x"], sequence, linewidth=1)')
    with edited(tree, change):
        jobs = planned_jobs(tree)
    drawn = figures_drawn_by("input_curves")
    assert len(drawn) == 9
    assert {output for rule, output in jobs if rule == "figure"} == drawn
    experiments = {output.split("/")[2] for output in drawn}
    assert sorted(output for rule, output in jobs if rule == "notebook") == sorted(
        f"results/notebooks/{name}.ipynb" for name in experiments)  # the notebooks show the figures
    assert {rule for rule, _ in jobs} == {"figure", "notebook", "report", "forecast"}


def test_a_new_kind_with_its_registry_line_plans_no_job_of_an_existing_experiment(tree):
    originals = {path: path.read_text() for path in [tree / "workflow" / "lstm_toys" / "registry.py"]}
    package = add_toy_kind(tree)
    try:
        assert_plans_nothing(tree)  # the kind alone changes nothing
        overlay = write_overlay(tree, TOY_EXPERIMENT.replace("subset: [toy_line]\n", ""))
        jobs = planned_jobs(tree, overlays=[overlay])
        assert jobs and all("toy_line" in output for rule, output in jobs if rule not in SUMMARIES)
        assert sorted(output for rule, output in jobs if rule in SUMMARIES) == sorted(SUMMARIES.values())
    finally:
        shutil.rmtree(package)
        for path, text in originals.items():
            path.write_text(text)
        (tree / "config" / "extra.yaml").unlink(missing_ok=True)
    assert set(TOY_KIND) == {"__init__.py", "model.py", "metrics.py", "claims.py"}
