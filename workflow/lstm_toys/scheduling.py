"""Snakemake's scheduler with one pending re-evaluation timer at a time.

After every scheduling pass, Snakemake (9.27.1: the pinned version, and the newest
release on 2026-12-01) starts a timer that wakes the scheduler
again one rate-limit timespan later (``--max-jobs-per-timespan``, 100 jobs a second
by default), so that jobs held back by the limit are started. A finished job also
wakes it, and each of those passes starts one more timer: while jobs wait for a
free core, every finished job adds a chain of passes, one a second, that lasts
until no job waits. Each pass looks at the input files of every waiting job.

Measured in a quick build from scratch (374 jobs, ``--cores 2``): 93,202 passes,
and Snakemake's own process used 208 s of CPU in a 624 s run, a sixth of both
cores. With one pending timer: 867 passes, 27 s of CPU, 509 s end to end.

The timer's guarantee stays: after any pass, another one comes within ``delay``.
A pass asks for a timer only if none is due by then. This replaces one private
method, and only on the Snakemake version it was read from and measured on (the
pinned one); on any other, Snakemake's scheduler is left as it is, slower but
correct, and one line says so. ``docs/snakemake-timer-chain.md`` reproduces the chain
without this project, for Snakemake's maintainers.
"""

import sys
import threading
import time

METHOD = "_schedule_reevalutation"  # sic: Snakemake's spelling
PINNED_SNAKEMAKE = "9.27.1"  # requirements.txt; tests/test_pins.py keeps the two equal


def schedule_reevaluation(scheduler, delay: float) -> None:
    """Wake ``scheduler`` within ``delay`` seconds: a new timer only if none is due by then."""
    state = scheduler.__dict__.setdefault("_reevaluation", {"lock": threading.Lock(), "due": None})
    with state["lock"]:
        now = time.monotonic()
        if state["due"] is not None and state["due"] <= now + delay:
            return
        due = state["due"] = now + delay

    def wake():
        with state["lock"]:
            if state["due"] == due:
                state["due"] = None
        scheduler._open_jobs.release()

    threading.Timer(delay, wake).start()


def keep_one_reevaluation_timer(version: str | None = None) -> bool:
    """Put ``schedule_reevaluation`` in place of Snakemake's method, once, on the pinned
    Snakemake only; whether it is in place. ``version``: Snakemake's (default: installed)."""
    from snakemake import __version__
    from snakemake.scheduling.job_scheduler import JobScheduler

    version = version or __version__
    current = getattr(JobScheduler, METHOD, None)
    if version != PINNED_SNAKEMAKE or current is None:
        sys.stderr.write(f"lstm-toys: Snakemake {version}'s scheduler is left as it is (its one-timer patch is for "
                         f"{PINNED_SNAKEMAKE}; see workflow/lstm_toys/scheduling.py)\n")
        return False
    if current is not schedule_reevaluation:
        setattr(JobScheduler, METHOD, schedule_reevaluation)
    return True
