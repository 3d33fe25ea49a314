"""Shared helpers: a copy of the workflow in a temporary directory, and Snakemake runs in it."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"  # the five write-ups, beside the checkout
WORKFLOW_FILES = ("Snakefile", "workflow", "config", "envs", "profiles")
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


def model_settings(kind: str, given: dict) -> dict:
    """A kind's model settings written by hand, with the defaults the config check fills in."""
    from lstm_toys.kind import load_kind
    from lstm_toys.settings import with_defaults

    return with_defaults(load_kind(kind).model, given)


def training_settings(**given) -> dict:
    """Training settings written by hand, with the defaults the config check fills in."""
    from lstm_toys.settings import with_defaults
    from lstm_toys.training.settings import Training

    return with_defaults(Training, given)


# The jobs that read every experiment (its claims, its figures, every job's time): any
# change elsewhere plans them again.
SUMMARIES = {"report": "results/report/index.html", "scorecard": "results/tables/scorecard.md",
             "forecast": "results/tables/forecast.json", "tables": "results/tables/metrics.tsv"}


def copy_workflow(destination: Path) -> Path:
    """The workflow's files (no results, no caches) under ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in WORKFLOW_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def snakemake_command(*args, overlays=(), quick=True) -> list:
    """Snakemake on two cores with ``args`` (quick config, then ``overlays``, unless told otherwise)."""
    configfiles = (["config/quick.yaml"] if quick else []) + list(overlays)
    # --configfile takes many values: it goes last so that it cannot swallow a target.
    return [SNAKEMAKE, "--cores", "2", *args, *(["--configfile", *configfiles] if configfiles else [])]


def snakemake(directory: Path, *args, overlays=(), check=True, quick=True, timeout=2400):
    """Run Snakemake in ``directory`` (``snakemake_command``)."""
    command = snakemake_command(*args, overlays=overlays, quick=quick)
    result = subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=timeout)
    if check:
        assert_succeeded(result)
    return result


def assert_succeeded(result: subprocess.CompletedProcess) -> None:
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(result.args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-6000:]}")


_JOB_LINE = re.compile(r"^(?:local)?rule (\w+):$")
_OUTPUT_LINE = re.compile(r"^\s+output: (.*)$")


def planned_jobs(directory: Path, *args, overlays=()) -> list:
    """``(step, first output)`` of every job a dry run plans (without the ``all`` target)."""
    result = snakemake(directory, "--dry-run", *args, overlays=overlays)
    return parse_plan(result.stdout + result.stderr)


def parse_plan(output: str) -> list:
    """The jobs of a dry run's output, checked against Snakemake's own count: its
    "Nothing to be done", or the total of its job table. A parser that no longer reads
    Snakemake's output fails here, instead of finding no job."""
    jobs = []  # [rule, first output], the output read from the job's own lines
    for line in output.splitlines():
        if match := _JOB_LINE.match(line):
            jobs.append([match.group(1), None])
        elif jobs and jobs[-1][1] is None and (match := _OUTPUT_LINE.match(line)):
            jobs[-1][1] = match.group(1).split(", ")[0]
    totals = {int(total) for total in re.findall(r"^total\s+(\d+)$", output, re.MULTILINE)}
    if "Nothing to be done" in output:
        assert jobs == [] and not totals, output[-3000:]
    else:
        assert totals == {len(jobs)}, f"parsed {len(jobs)} jobs, Snakemake counts {totals}:\n{output[-3000:]}"
    return [(rule, output) for rule, output in jobs if rule != "all"]


def assert_plans_nothing(directory: Path, *args, overlays=()) -> None:
    """A dry run plans no job, and Snakemake itself says so."""
    result = snakemake(directory, "--dry-run", *args, overlays=overlays)
    output = result.stdout + result.stderr
    assert "Nothing to be done" in output and parse_plan(output) == [], output[-3000:]


def tree_hashes(directory: Path, patterns=("datasets/**/*.npz", "predictions/**/*.npz", "metrics/**/*.json",
                                            "figures/**/*.png", "figures/**/*.gif", "figures/**/*.gif.html", "claims/*.json", "claims/*.png", "models/*/*/*/snapshots.npz",
                                            "notebooks/*.ipynb", "report/notebooks/*.html")) -> dict:
    results = directory / "results"
    return {
        str(path.relative_to(results)): hashlib.sha256(path.read_bytes()).hexdigest()
        for pattern in patterns
        for path in sorted(results.glob(pattern))
    }


def experiment_of(name: str) -> str:
    """The experiment of a results file named as in ``tree_hashes``."""
    parts = name.split("/")
    per_experiment_file = parts[0] in ("claims", "notebooks") or parts[:2] == ["report", "notebooks"]
    return Path(name).stem if per_experiment_file else parts[1]


class QuickBuild:
    """The shared quick build, started in the background once the tests are collected, when a
    selected test reads it: the unit tests, which run first, leave a core free much of the time
    (one process, mostly one thread), and the build's jobs take it."""

    def __init__(self):
        self.directory = copy_workflow(Path(tempfile.mkdtemp(prefix="lstm-toys-quick-")) / "lstm-toys")
        self.log = self.directory.parent / "snakemake.log"
        self.command = [SNAKEMAKE, "--cores", "2", "--configfile", "config/quick.yaml"]
        self.started = time.monotonic()
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(self.command, cwd=self.directory, stdout=log, stderr=subprocess.STDOUT)

    def finished(self) -> Path:
        """The tree, once the build has ended; its wall time in ``QUICK_BUILD``."""
        if self.process.wait(timeout=2400) != 0:
            raise AssertionError(f"{' '.join(self.command)} failed:\n{self.log.read_text()[-8000:]}")
        QUICK_BUILD.setdefault("seconds", time.monotonic() - self.started)
        return self.directory

    def remove(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        shutil.rmtree(self.directory.parent, ignore_errors=True)


# The second clean run of the identical-bytes test (``test_workflow.py``): every
# experiment's datasets (each experiment has its own generator settings), then the whole
# pipeline for one experiment of each kind, the cheapest of its kind where the choice
# does not lose a rule (ae_sine draws an animation). The code that trains, predicts,
# scores, plots and reports is chosen by kind and rule, and these six run every kind and
# every rule, at about a quarter of a complete build's cost. The cluster tests run one
# more again (s2v_amplitude).
SECOND_RUN = ["s2v_line_params", "s2s_y_hill", "ae_sine", "next_step_sine", "cond_ae_freq", "echo_seq2seq"]


class SecondCleanRun:
    """The second clean run, started in the background as soon as the shared quick build
    has finished, when a selected test reads it: the workflow tests after the build run
    one process at a time, mostly, and this run takes the other core. ``runs``: the
    result of each of its Snakemakes, in order."""

    def __init__(self):
        self.directory = copy_workflow(Path(tempfile.mkdtemp(prefix="lstm-toys-second-")) / "lstm-toys")
        self.commands = [snakemake_command("--until", "dataset", "--verbose"),  # verbose: a line per scheduling pass
                         snakemake_command(overlays=[write_overlay(self.directory, f"subset: {SECOND_RUN}\n")])]
        self.runs, self.process, self.stopped = [], None, False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for command in self.commands:
            if self.stopped:
                return
            self.process = subprocess.Popen(command, cwd=self.directory, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True)
            stdout, stderr = self.process.communicate()
            self.runs.append(subprocess.CompletedProcess(command, self.process.returncode, stdout, stderr))
            if self.process.returncode != 0:
                return

    def finished(self) -> tuple:
        """``(directory, runs)``, once every run has ended; a failed run fails here."""
        self.thread.join(timeout=2400)
        assert not self.thread.is_alive(), f"the second clean run did not end: {self.commands}"
        for run in self.runs:
            assert_succeeded(run)
        return self.directory, self.runs

    def remove(self) -> None:
        self.stopped = True
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        self.thread.join()
        shutil.rmtree(self.directory.parent, ignore_errors=True)


# "build": the QuickBuild of this session, if one was started; "second": its SecondCleanRun
BACKGROUND = {}


def pytest_collection_modifyitems(items):
    """First the test that starts the cluster runs (they go on in the background), then the
    unit tests, then the workflow tests that do not read the quick build, then those that
    do, each in their order, and last the test that reads the second clean run: every test
    before the build's end runs beside it, and those after it beside the second clean run."""

    def group(item) -> int:
        if "started_cluster_runs" in item.fixturenames and "cluster_runs" not in item.fixturenames:
            return 0
        if "second_clean_run" in item.fixturenames:
            return 4
        if not item.get_closest_marker("workflow"):
            return 1
        return 3 if "quick_tree" in item.fixturenames else 2

    items.sort(key=group)


def reads(session, fixture: str) -> bool:
    """Whether a selected test reads ``fixture``."""
    return any(fixture in item.fixturenames for item in session.items)


def pytest_collection_finish(session):
    """The quick build starts as soon as the tests are chosen, if one of them reads it."""
    reads_the_build = reads(session, "quick_tree")
    if reads_the_build and not os.environ.get("LSTM_TOYS_QUICK_TREE") and not session.config.option.collectonly:
        BACKGROUND["build"] = QuickBuild()


def pytest_sessionfinish(session):
    for name in ("build", "second"):
        if name in BACKGROUND:
            BACKGROUND.pop(name).remove()


@pytest.fixture(scope="session")
def quick_tree(request, tmp_path_factory) -> Path:
    """One complete quick build, shared by the tests that only read it (started before the
    first test: ``QuickBuild``). While working on the tests, ``LSTM_TOYS_QUICK_TREE`` names a
    finished quick tree of this same checkout to read instead (copied, so that it stays as it
    is); CI always builds its own."""
    prebuilt = os.environ.get("LSTM_TOYS_QUICK_TREE")
    if prebuilt:
        tree = tmp_path_factory.mktemp("quick") / "lstm-toys"
        shutil.copytree(prebuilt, tree, symlinks=True)
    else:
        if "build" not in BACKGROUND:  # a test that asks for it by a route collection did not see
            BACKGROUND["build"] = QuickBuild()
        tree = BACKGROUND["build"].finished()
    if reads(request.session, "second_clean_run") and "second" not in BACKGROUND:
        BACKGROUND["second"] = SecondCleanRun()
    return tree


@pytest.fixture(scope="session")
def second_clean_run(quick_tree) -> tuple:
    """``(directory, runs)`` of the second clean run (``SecondCleanRun``, started once the
    quick build had finished), after it has ended."""
    if "second" not in BACKGROUND:  # a test that asks for it by a route collection did not see
        BACKGROUND["second"] = SecondCleanRun()
    return BACKGROUND["second"].finished()


# The shared quick build's wall time, when this session ran it.
QUICK_BUILD = {}


@pytest.fixture
def built_copy(quick_tree, tmp_path) -> Path:
    """A private copy of the complete quick build (timestamps kept) to change."""
    destination = tmp_path / "lstm-toys"
    shutil.copytree(quick_tree, destination, symlinks=True)
    return destination


def write_overlay(directory: Path, text: str) -> str:
    path = directory / "config" / "extra.yaml"
    path.write_text(text)
    return os.path.relpath(path, directory)


class CopiedSources:
    """The package's and the scripts' sources copied to ``root``, which ``source_cache``
    digests instead of the checkout's, its folder in the same temporary directory."""

    def __init__(self, root: Path):
        self.root = root

    @staticmethod
    def new_start() -> None:
        """Forget what this process made from the sources, as a new Snakemake start has."""
        from lstm_toys import code_identity, source_cache, validation

        for made in (source_cache.sources_digest, validation.schema, validation.schema_file,
                     code_identity._identities):
            made.cache_clear()


@pytest.fixture
def copied_sources(tmp_path, monkeypatch):
    """``CopiedSources`` under ``tmp_path``, for a test that edits the sources or the folder
    where what is made from them is kept; afterwards the checkout's are made again, lazily."""
    from lstm_toys import source_cache

    root = tmp_path / "workflow"
    for folder in source_cache.SOURCES:
        shutil.copytree(folder, root / folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(source_cache, "SOURCES", tuple(root / folder.name for folder in source_cache.SOURCES))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    CopiedSources.new_start()
    yield CopiedSources(root)
    CopiedSources.new_start()
