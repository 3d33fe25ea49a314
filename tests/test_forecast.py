"""The run-time forecast on hand-made DAGs with known answers: the critical path, list
scheduling on a number of cores in Snakemake's greedy order, and the jobs read from
Snakemake's metadata."""

import base64
import json

import pytest

from lstm_toys.presentation.forecast import Job, critical_path, forecast, read_jobs, simulate


def job(name, seconds, *needs, weight=0.0):
    return Job(name, "rule", seconds, tuple(needs), weight)


CHAIN = [job("a", 1), job("b", 2, "a"), job("c", 3, "b")]
# a then b and c side by side, then d: the long side is a, b, d
DIAMOND = [job("a", 1), job("b", 5, "a"), job("c", 2, "a"), job("d", 1, "b", "c")]


def test_a_chain_takes_its_sum_on_any_number_of_cores():
    assert critical_path(CHAIN) == (6, ["a", "b", "c"])
    assert {simulate(CHAIN, cores) for cores in (1, 2, 32, None)} == {6}


def test_a_diamond_takes_its_long_side_with_two_cores_and_its_sum_with_one():
    assert critical_path(DIAMOND) == (7, ["a", "b", "d"])
    assert simulate(DIAMOND, 1) == 9
    assert simulate(DIAMOND, 2) == simulate(DIAMOND, None) == 7


def test_independent_jobs_fill_the_cores_in_rounds():
    jobs = [job(f"j{k}", 10) for k in range(5)]
    assert [simulate(jobs, cores) for cores in (1, 2, 4, 5, None)] == [50, 30, 20, 10, 10]
    assert critical_path(jobs)[0] == 10


def test_ready_jobs_start_largest_inputs_first_as_snakemakes_greedy_scheduler_does():
    # optimal would start the long job first (10 s); the greedy order starts the two
    # jobs with larger inputs, so the long one starts a second late
    jobs = [job("long", 10, weight=1), job("big", 1, weight=100), job("mid", 1, weight=50)]
    assert simulate(jobs, 2) == 11
    assert simulate([j if j.name != "long" else job("long", 10, weight=1000) for j in jobs], 2) == 10


def test_forecast_lists_every_core_count_and_the_critical_path():
    result = forecast(DIAMOND)
    assert result["jobs"] == 4 and result["job_seconds"] == 9
    assert result["critical_path_seconds"] == 7 and result["critical_path"] == ["a", "b", "d"]
    assert result["wall_seconds"] == {"1": 9, "2": 7, "8": 7, "32": 7, "unlimited": 7}


def record(directory, output, rule, job_hash, start, end, inputs):
    folder = directory / ".snakemake" / "metadata"
    folder.mkdir(parents=True, exist_ok=True)
    name = base64.urlsafe_b64encode(output.encode()).decode()
    (folder / name).write_text(json.dumps({"rule": rule, "job_hash": job_hash, "starttime": start, "endtime": end,
                                           "input": inputs, "incomplete": False}))


def test_jobs_are_read_from_snakemakes_metadata_back_from_the_targets(tmp_path):
    (tmp_path / "data.npz").write_bytes(b"x" * 300)
    record(tmp_path, "data.npz", "dataset", 1, 100.0, 102.0, [])
    record(tmp_path, "model.keras", "train", 2, 102.5, 110.0, ["data.npz"])
    record(tmp_path, "history.csv", "train", 2, 102.6, 110.0, ["data.npz"])  # the same job's second output
    record(tmp_path, "report.html", "report", 3, 111.0, 112.0, ["model.keras", "history.csv"])
    record(tmp_path, "old.html", "report", 4, 50.0, 51.0, ["model.keras"])  # leads to no target
    jobs = read_jobs(tmp_path, ["report.html"])
    assert [(j.name, j.seconds, j.needs) for j in jobs] == [
        ("dataset data.npz", 2.0, ()),
        ("report report.html", 1.0, ("train history.csv",)),
        ("train history.csv", pytest.approx(7.5), ("dataset data.npz",)),
    ]
    assert jobs[2].weight == 300  # its input's bytes
    assert simulate(jobs, 2) == pytest.approx(10.5)
