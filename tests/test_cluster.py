"""The cluster profiles on a real one-node SLURM cluster started by the test
(Debian's slurmctld, slurmd, munge): jobs run as SLURM jobs and their outputs
equal a local run's, byte for byte."""

import os
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import SNAKEMAKE, copy_workflow, experiment_of, tree_hashes, write_overlay
from slurm_cluster import OneNodeCluster, installed

pytestmark = pytest.mark.workflow

# The smallest experiment, whose jobs use every rule but the animations', with two
# replicates, through each profile. A job in a SLURM job costs two Snakemake
# start-ups, so the other experiments and their plots are not run here: the local
# quick build draws every one, and the second clean run repeats one of each kind.
SMALLEST = ["s2v_amplitude"]
EVERY_RULE_NAME = {"dataset", "train", "predict", "metrics", "figure", "claims", "claims_figure", "notebook", "report",
                   "scorecard", "forecast"}
# per replicate (2): 3 datasets, train, predict, metrics; then 3 figures, the claims and their
# figure, the notebook, the report, the scorecard and the forecast
JOBS = 2 * 6 + 9
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


@pytest.fixture(scope="session")
def started_cluster_runs(cluster, tmp_path_factory):
    """Each profile's run of ``SMALLEST`` from scratch, both started at once on the one cluster,
    before the shared quick build (the tests list this fixture first). Their Snakemakes spend
    much of their time waiting between status checks (the SLURM plugin 10 s longer after each
    look that finds no finished job), and the quick build's jobs use those cores."""
    runs = {profile: start_on_cluster(cluster, tmp_path_factory.mktemp(profile), profile)
            for profile in PROFILE_OPTIONS}
    yield runs
    for run in runs.values():
        if run.process.poll() is None:  # the quick build failed first: no run outlives the session
            run.process.terminate()  # `timeout` passes it on to its Snakemake
            run.process.wait()


@pytest.fixture(scope="module")
def cluster_runs(started_cluster_runs) -> dict:
    """``{profile: (directory, exit code, output)}`` once both runs have ended."""
    return {profile: finish(run) for profile, run in started_cluster_runs.items()}


class StartedRun(NamedTuple):
    directory: Path
    command: list
    process: subprocess.Popen
    output_file: Path  # Snakemake's output: nobody reads a pipe while the quick build runs


def start_on_cluster(cluster, folder, profile) -> StartedRun:
    directory = copy_workflow(folder / "lstm-toys")
    subset = write_overlay(directory, f"subset: {SMALLEST}\n")
    command = ["timeout", "-k", "10", str(TIME_LIMIT), SNAKEMAKE, "--profile", f"profiles/{profile}",
               *PROFILE_OPTIONS[profile], "--configfile", "config/quick.yaml", subset]
    output_file = folder / "snakemake.out"
    with open(output_file, "w") as output:
        process = subprocess.Popen(command, cwd=directory, env=cluster.env, stdout=output,
                                   stderr=subprocess.STDOUT, text=True)
    return StartedRun(directory, command, process, output_file)


def finish(run: StartedRun):
    run.process.wait()
    output = run.output_file.read_text()
    return run.directory, run.process.returncode, f"{' '.join(run.command)}:\n{output}"


def run_of(cluster_runs, profile):
    """The profile's directory and output, once its run is shown to have succeeded."""
    directory, returncode, output = cluster_runs[profile]
    assert returncode == 0, output[-8000:]
    return directory, output


def assert_same_outputs_as_local(directory, quick_tree, experiments):
    """Every dataset, snapshot, prediction, metrics, figure, claims and notebook file."""
    local = {name: digest for name, digest in tree_hashes(quick_tree).items() if experiment_of(name) in experiments}
    assert local and tree_hashes(directory) == local


def test_slurm_plugin_profile_runs_every_rule_as_slurm_jobs(cluster, started_cluster_runs, quick_tree, cluster_runs):
    directory, output = run_of(cluster_runs, "slurm")
    submitted = re.findall(r"Job \d+ has been submitted with SLURM jobid (\d+) \(log: .*/rule_(\w+?)/", output)
    jobs = {job_id: cluster.job(job_id) for job_id, _ in submitted}
    assert len(jobs) == len(submitted) == JOBS
    assert {rule for _, rule in submitted} == EVERY_RULE_NAME
    assert all(fields["JobState"] == "COMPLETED" for fields in jobs.values()), jobs
    train = [job_id for job_id, rule in submitted if rule == "train"]
    assert train and all(jobs[job_id]["NumCPUs"] == "1" and jobs[job_id]["MinMemoryNode"] == "2000M" for job_id in train)
    # two replicates of every variant, each its own SLURM job
    assert {path.name for path in (directory / "results" / "models").glob("*/*/r*")} == {"r0", "r1"}
    assert len(train) == 2 * len(list((directory / "results" / "models").glob("*/*")))
    assert_same_outputs_as_local(directory, quick_tree, SMALLEST)
    report = (directory / "results" / "report" / "index.html").read_text()
    assert all(f"id='{e}'" in report for e in SMALLEST) and "id='ae_line'" not in report


def test_cluster_generic_profile_runs_every_step_as_sbatch_jobs(cluster, started_cluster_runs, quick_tree, cluster_runs):
    directory, output = run_of(cluster_runs, "slurm-generic")
    job_ids = re.findall(r"Submitted job \d+ with external jobid '(\d+)'", output)
    logs = sorted((directory / "results" / "logs" / "slurm").glob("*.log"))
    assert len(job_ids) == len(logs) == JOBS
    assert {log.stem.rsplit("-", 1)[1] for log in logs} == set(job_ids)
    assert all(cluster.job(job_id)["JobState"] == "COMPLETED" for job_id in job_ids)
    assert_same_outputs_as_local(directory, quick_tree, SMALLEST)
