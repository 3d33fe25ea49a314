"""The cluster profiles on a real one-node SLURM cluster started by the test
(Debian's slurmctld, slurmd, munge): jobs run as SLURM jobs and their outputs
equal a local run's, byte for byte."""

import os
import re
import shlex
import subprocess
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import REPO, SNAKEMAKE, copy_workflow, experiment_of, parse_plan, tree_hashes
from slurm_cluster import OneNodeCluster, installed

pytestmark = pytest.mark.workflow

# The smallest experiment, whose jobs use every rule but the animations', through
# profiles/README.md's smoke run. A job in a SLURM job costs one or two Snakemake
# start-ups, so the other experiments and their plots are not run here: the local
# quick build draws every one, and the second clean run repeats one of each kind.
SMALLEST = ["s2v_amplitude"]
EVERY_RULE_NAME = {"dataset", "train", "predict", "metrics", "figure", "claims", "claims_figure", "notebook", "report",
                   "scorecard", "forecast", "experiment_tables", "tables"}
# the documented smoke run has one replicate: 3 datasets, train, predict, metrics; then 3
# figures, the claims and their figure, the experiment's tables and the study's, the notebook,
# the report, the scorecard and the forecast
JOBS = 6 + 11
# The SLURM plugin's run goes through every rule. cluster-generic submits a job the same way
# whatever its rule, so its run stops after the model's steps (``UNTIL``): the 3 datasets, the
# training, the prediction and the metrics, each an sbatch job.
GENERIC_JOBS = 6
TIME_LIMIT = 1800  # seconds, beside the quick build; the SLURM plugin's status check can hang without accounting: always a timeout


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    if not installed():
        if os.environ.get("CI"):
            pytest.fail("SLURM is missing: .ci/run installs slurmctld slurmd slurm-client munge")
        pytest.skip("needs Debian's slurmctld, slurmd, slurm-client and munge")
    cluster = OneNodeCluster(tmp_path_factory.mktemp("slurm")).start()
    yield cluster
    cluster.stop()
    assert all(not Path(f"/proc/{pid}").exists() for pid in cluster.started)  # stopped, by PID


# Each profile's extra options: a small cluster answers at once, so its queue is looked
# at every 2 s (the SLURM plugin's first look waits 40 s, cluster-generic's every 10 s).
PROFILE_OPTIONS = {
    "slurm": ["--slurm-init-seconds-before-status-checks", "2"],
    "slurm-generic": ["--seconds-between-status-checks", "2"],
}
UNTIL = {"slurm-generic": ["--until", "metrics"]}


@pytest.fixture(scope="session")
def started_cluster_runs(cluster, tmp_path_factory):
    """Each profile's run of ``SMALLEST`` from scratch, both started at once on the one cluster,
    by the session's first test, beside the unit tests and the shared quick build. Their Snakemakes spend
    much of their time waiting between status checks (the SLURM plugin 10 s longer after each
    look that finds no finished job), and the quick build's jobs use those cores.
    The SLURM plugin's run meets the faults of a real cluster on the way (``Faults``)."""
    runs = {profile: start_on_cluster(cluster, tmp_path_factory.mktemp(profile), profile)
            for profile in PROFILE_OPTIONS}
    faults = Faults(cluster, runs["slurm"].process)
    faults.start()
    yield runs, faults
    for run in runs.values():
        if run.process.poll() is None:  # the quick build failed first: no run outlives the session
            run.process.terminate()  # `timeout` passes it on to its Snakemake
            run.process.wait()
    faults.join()


def test_both_profiles_submit_their_first_jobs_to_slurm(cluster, started_cluster_runs):
    """The first test of a session (conftest orders it so): the two runs start here and go on
    beside the unit tests and the shared quick build; this waits only for each profile's first
    SLURM job. The plugin's jobs carry a comment naming their rule; cluster-generic's none."""
    runs, _ = started_cluster_runs
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        comments = [job["comment"] for job in cluster.queue()]
        if any(c.startswith("rule_") for c in comments) and any(not c.startswith("rule_") for c in comments):
            break
        assert all(run.process.poll() in (None, 0) for run in runs.values()), "a cluster run stopped early"
        time.sleep(1)
    else:
        raise AssertionError(f"no SLURM job of each profile within 180 s: {cluster.queue()}")


@pytest.fixture(scope="module")
def cluster_runs(started_cluster_runs) -> dict:
    """``{profile: (directory, exit code, output)}`` once both runs have ended."""
    runs, _ = started_cluster_runs
    return {profile: finish(run) for profile, run in runs.items()}


class StartedRun(NamedTuple):
    directory: Path
    command: list
    process: subprocess.Popen
    output_file: Path  # Snakemake's output: nobody reads a pipe while the quick build runs


# The SLURM plugin's run trains with this much memory at the first attempt, less than a
# training job takes (about 720 MB: its Snakemake and TensorFlow), so that SLURM kills it
# for its memory; the rule's per_attempt gives the next attempt twice as much.
FIRST_ATTEMPT_MB = 500


def documented_first_run() -> dict:
    """``{"dry run": [...], "smoke run": [...]}``: the arguments of profiles/README.md's two
    commands for a first cluster run."""
    commands = re.findall(r"^snakemake (--profile profiles/slurm .*)$", (REPO / "profiles" / "README.md").read_text(),
                          re.MULTILINE)
    arguments = [shlex.split(command) for command in commands]
    return {"dry run": next(a for a in arguments if "-n" in a), "smoke run": next(a for a in arguments if "-n" not in a)}


def with_profile(arguments: list, profile: str) -> list:
    """The documented SLURM plugin arguments for ``profile``, with its test options after it."""
    assert arguments[:2] == ["--profile", "profiles/slurm"]
    return ["--profile", f"profiles/{profile}", *PROFILE_OPTIONS[profile], *arguments[2:]]


def test_the_documented_dry_run_lists_every_job_with_its_resources_and_submits_nothing(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    arguments = documented_first_run()["dry run"]
    assert f"subset=[{','.join(SMALLEST)}]" in arguments and "replicates=1" in arguments  # the smoke run's
    assert [a for a in arguments if a != "-n"] == documented_first_run()["smoke run"]  # and the same run
    result = subprocess.run([SNAKEMAKE, *arguments], cwd=directory, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert len(parse_plan(output)) == JOBS and re.search(rf"^total\s+{JOBS + 1}$", output, re.MULTILINE)  # and `all`
    train = re.findall(r"^rule train:\n(?:    .*\n)*?    resources: (.*)$", output, re.MULTILINE)
    assert len(train) == 1 and all("runtime=60, mem_mb=2000" in line for line in train)
    assert not (directory / "results").exists() and "Submitted" not in output


def start_on_cluster(cluster, folder, profile) -> StartedRun:
    directory = copy_workflow(folder / "lstm-toys")
    if profile == "slurm":
        rules = directory / "workflow" / "rules" / "training.smk"
        text = rules.read_text()
        assert text.count("mem_mb=per_attempt(2000)") == 1
        rules.write_text(text.replace("mem_mb=per_attempt(2000)", f"mem_mb=per_attempt({FIRST_ATTEMPT_MB})"))
    # profiles/README.md's smoke run, through either profile
    command = ["timeout", "-k", "10", str(TIME_LIMIT), SNAKEMAKE,
               *with_profile(documented_first_run()["smoke run"], profile), *UNTIL.get(profile, [])]
    output_file = folder / "snakemake.out"
    with open(output_file, "w") as output:
        process = subprocess.Popen(command, cwd=directory, env=cluster.env, stdout=output,
                                   stderr=subprocess.STDOUT, text=True)
    return StartedRun(directory, command, process, output_file)


class Faults(threading.Thread):
    """While the SLURM plugin's run goes on: ``scancel`` of a training job that runs (at its
    second attempt, after the memory kill of the first), then the node taken down under
    another of its jobs while it runs (every job on the node dies with it, the other
    profile's too) and resumed. ``events``: ``(what, job)`` of each, in order."""

    def __init__(self, cluster, process):
        super().__init__(daemon=True)
        self.cluster, self.process, self.events, self.error = cluster, process, [], None

    def run(self):
        try:
            job = self.running(lambda job: job["comment"].startswith("rule_train_")
                               and job["memory"] == f"{2 * FIRST_ATTEMPT_MB}M")
            self.cluster.run("scancel", job["id"])
            self.events.append(("cancelled", job))
            job = self.running(lambda job: job["comment"].startswith("rule_") and not job["comment"].startswith("rule_train_"))
            self.cluster.set_node("down")
            self.events.append(("node down", job))
            self.wait_for(lambda: self.state(job["id"]) == "NODE_FAIL")
            self.cluster.set_node("resume")
            self.events.append(("node resumed", job))
        except Exception as error:  # reported by the test
            self.error = error

    def running(self, chosen) -> dict:
        """The first job of the run that ``chosen`` picks, once it runs."""
        found = []
        self.wait_for(lambda: found.extend(j for j in self.cluster.queue() if j["state"] == "RUNNING" and chosen(j)) or found)
        return found[0]

    def state(self, job_id) -> str:
        return next((job["state"] for job in self.cluster.queue() if job["id"] == job_id), "")

    def wait_for(self, condition, every=0.5):
        while not condition():
            if self.process.poll() is not None:
                raise RuntimeError("the run ended first")
            time.sleep(every)


def finish(run: StartedRun):
    run.process.wait()
    output = run.output_file.read_text()
    return run.directory, run.process.returncode, f"{' '.join(run.command)}:\n{output}"


def run_of(cluster_runs, profile):
    """The profile's directory and output, once its run is shown to have succeeded."""
    directory, returncode, output = cluster_runs[profile]
    assert returncode == 0, output[-8000:]
    return directory, output


def replicate_zero(hashes: dict) -> dict:
    """The files of replicate 0 and the figures drawn from it (not those of every replicate)."""
    return {name: digest for name, digest in hashes.items()
            if "/r0" in name or (name.startswith("figures/") and "replicate_losses" not in name)}


def assert_same_outputs_as_local(directory, quick_tree, experiments, folders=None):
    """Every dataset, snapshot, prediction, metrics and figure file of replicate 0 (the smoke
    run's one replicate has the bytes of the local run's first), or those under ``folders``."""
    local = {name: digest for name, digest in replicate_zero(tree_hashes(quick_tree)).items()
             if experiment_of(name) in experiments and (folders is None or name.split("/")[0] in folders)}
    # 3 datasets, 1 snapshot, 1 prediction, 1 metrics file, and 2 figures unless ``folders`` leaves them out
    assert len(local) == (8 if folders is None else 6) and replicate_zero(tree_hashes(directory)) == local


def rule_of(comment: str) -> str:
    """The rule of a SLURM plugin job, from its comment (``rule_<rule>_wildcards_<values>``)."""
    return re.fullmatch(r"rule_(\w+?)(?:_wildcards_.*)?", comment).group(1)


def test_slurm_plugin_profile_runs_every_rule_as_slurm_jobs_and_survives_faults(cluster, started_cluster_runs, quick_tree,
                                                                                 cluster_runs):
    directory, output = run_of(cluster_runs, "slurm")
    _, faults = started_cluster_runs
    assert faults.error is None, faults.error
    submissions = {}  # each Snakemake job's SLURM jobs, in order (its comment names its rule and wildcards)
    for job in sorted(cluster.queue(), key=lambda job: int(job["id"])):
        if job["comment"].startswith("rule_"):  # the other profile's jobs have none
            submissions.setdefault(job["comment"], []).append(job)
    assert len(submissions) == JOBS and {rule_of(comment) for comment in submissions} == EVERY_RULE_NAME
    assert all([job["state"] for job in jobs].count("COMPLETED") == 1 and jobs[-1]["state"] == "COMPLETED"
               for jobs in submissions.values()), submissions
    # the training job was killed for its memory at the first attempt and came back with twice as much
    train = {comment: jobs for comment, jobs in submissions.items() if rule_of(comment) == "train"}
    assert len(train) == 1  # one replicate of one variant
    for jobs in train.values():
        assert jobs[0]["state"] in ("FAILED", "OUT_OF_MEMORY") and jobs[0]["memory"] == f"{FIRST_ATTEMPT_MB}M"
        assert [job["memory"] for job in jobs] == [f"{FIRST_ATTEMPT_MB * attempt}M" for attempt in range(1, len(jobs) + 1)]
        assert all(cluster.job(job["id"])["NumCPUs"] == "1" for job in jobs)
    assert (cluster.home / "slurmd.log").read_text().count("Exceeded job memory limit") >= 1
    # a training job cancelled while it ran, and a job whose node went down, were each retried
    assert [(what, job["id"]) for what, job in faults.events] == [
        ("cancelled", faults.events[0][1]["id"]), ("node down", faults.events[1][1]["id"]),
        ("node resumed", faults.events[1][1]["id"])]
    cancelled, downed = faults.events[0][1], faults.events[1][1]
    assert cluster.job(cancelled["id"])["JobState"] == "CANCELLED" and rule_of(cancelled["comment"]) == "train"
    assert cluster.job(downed["id"])["JobState"] == "NODE_FAIL" and rule_of(downed["comment"]) != "train"
    assert submissions[cancelled["comment"]][-1]["state"] == submissions[downed["comment"]][-1]["state"] == "COMPLETED"
    assert_same_outputs_as_local(directory, quick_tree, SMALLEST)
    report = (directory / "results" / "report" / "index.html").read_text()
    assert all(f"id='{e}'" in report for e in SMALLEST) and "id='ae_line'" not in report


def test_cluster_generic_profile_runs_the_model_steps_as_sbatch_jobs(cluster, started_cluster_runs, quick_tree,
                                                                      cluster_runs):
    directory, output = run_of(cluster_runs, "slurm-generic")
    job_ids = re.findall(r"Submitted job \d+ with external jobid '(\d+)'", output)
    logs = sorted((directory / "results" / "logs" / "slurm").glob("*.log"))
    assert len(job_ids) == len(logs) and {log.stem.rsplit("-", 1)[1] for log in logs} == set(job_ids)
    # the node went down under the other run (``Faults``), and under whatever ran of this one then:
    # those jobs were submitted again
    states = [cluster.job(job_id)["JobState"] for job_id in job_ids]
    assert states.count("COMPLETED") == GENERIC_JOBS and set(states) <= {"COMPLETED", "NODE_FAIL"}, states
    assert_same_outputs_as_local(directory, quick_tree, SMALLEST, folders=("datasets", "models", "predictions", "metrics"))
