"""What a build would take on more cores, from what a finished one measured: the jobs,
their measured times and the files they read, from Snakemake's records of the finished
tree (``.snakemake/metadata``: each output's job, rule, inputs, start and end), and a
list-scheduling simulation of the DAG on a number of cores, in the order of Snakemake's
greedy scheduler (of the jobs ready, the one with the largest inputs first), one core a
job (every rule here runs one thread). With unlimited cores, the wall time is the
critical path: the longest chain of measured job times.

A simulation of the jobs alone: Snakemake's own start (a few seconds) and, on a
cluster, each job's time in the queue come on top.
"""

import base64
import heapq
import json
from dataclasses import dataclass
from pathlib import Path

CORES = (1, 2, 8, 32, None)  # None: as many cores as jobs (unlimited cluster slots)


@dataclass(frozen=True)
class Job:
    name: str  # the job's rule and first output
    rule: str
    seconds: float
    needs: tuple  # the names of the jobs whose outputs it reads
    weight: float = 0.0  # its inputs' bytes: the greedy scheduler starts the largest first


def read_jobs(directory, targets) -> list:
    """The jobs that made ``targets`` (paths relative to ``directory``, a finished tree)
    and everything before them, from Snakemake's metadata; records of files that no
    longer lead to a target (another config's, say) are left out."""
    records = {}
    for path in sorted((Path(directory) / ".snakemake" / "metadata").glob("*")):
        output = base64.urlsafe_b64decode(path.name.encode()).decode()
        record = json.loads(path.read_text())
        if record.get("starttime") is None or record.get("endtime") is None or record.get("incomplete"):
            continue
        found = records.setdefault((record["rule"], record["job_hash"]), {"record": record, "outputs": [], "starts": []})
        found["outputs"].append(output)
        found["starts"].append(record["starttime"])  # one per output, a moment apart
    jobs = {f"{rule} {min(found['outputs'])}": found for (rule, _), found in records.items()}
    producer = {output: name for name, found in jobs.items() for output in found["outputs"]}
    wanted, stack = set(), [producer[target] for target in targets if target in producer]
    while stack:
        name = stack.pop()
        if name not in wanted:
            wanted.add(name)
            stack.extend(producer[item] for item in jobs[name]["record"]["input"] if item in producer)
    return sorted((as_job(directory, name, jobs[name], producer) for name in wanted), key=lambda job: job.name)


def as_job(directory, name: str, found: dict, producer: dict) -> Job:
    """One job from its metadata: its time from its first start to its end."""
    record, inputs = found["record"], found["record"]["input"]
    sizes = [(Path(directory) / item).stat().st_size for item in inputs if (Path(directory) / item).exists()]
    return Job(name, record["rule"], record["endtime"] - min(found["starts"]),
               tuple(sorted({producer[item] for item in inputs if item in producer})), float(sum(sizes)))


def simulate(jobs: list, cores) -> float:
    """The wall time of running ``jobs`` on ``cores`` cores (``None``: unlimited), each job
    started as soon as a core is free and its inputs are made, the largest inputs first."""
    by_name = {job.name: job for job in jobs}
    waiting = {job.name: set(job.needs) & by_name.keys() for job in jobs}
    followers = {name: [] for name in by_name}
    for job in jobs:
        for need in waiting[job.name]:
            followers[need].append(job.name)
    ready = [name for name, needs in waiting.items() if not needs]
    running, now, free = [], 0.0, cores or len(jobs)
    while ready or running:
        ready.sort(key=lambda name: (-by_name[name].weight, name))
        while ready and free:
            name = ready.pop(0)
            heapq.heappush(running, (now + by_name[name].seconds, name))
            free -= 1
        now, done = heapq.heappop(running)
        free += 1
        for follower in followers[done]:
            waiting[follower].discard(done)
            if not waiting[follower]:
                ready.append(follower)
    return now


def critical_path(jobs: list) -> tuple:
    """``(seconds, [job names])``: the longest chain of measured job times."""
    by_name = {job.name: job for job in jobs}
    longest = {}

    def finish(name):  # the longest chain ending with ``name``
        if name not in longest:
            before = max(((finish(need), need) for need in by_name[name].needs if need in by_name), default=(0.0, None))
            longest[name] = (before[0] + by_name[name].seconds, before[1])
        return longest[name][0]

    end = max(by_name, key=finish)
    chain = [end]
    while longest[chain[-1]][1] is not None:
        chain.append(longest[chain[-1]][1])
    return longest[end][0], chain[::-1]


def forecast(jobs: list) -> dict:
    """The measured work, the critical path, and the wall time on each of ``CORES``."""
    seconds, chain = critical_path(jobs)
    return {"jobs": len(jobs), "job_seconds": round(sum(job.seconds for job in jobs), 1),
            "critical_path_seconds": round(seconds, 1), "critical_path": chain,
            "wall_seconds": {("unlimited" if cores is None else str(cores)): round(simulate(jobs, cores), 1)
                             for cores in CORES}}
