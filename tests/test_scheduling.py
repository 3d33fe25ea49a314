"""Snakemake's scheduler wakes up once per timespan, not once per finished job."""

import threading
import time

from snakemake.scheduling.job_scheduler import JobScheduler

from lstm_toys import scheduling


class Scheduler:
    """What the timer touches of Snakemake's scheduler: the semaphore it releases."""

    def __init__(self):
        self._open_jobs = threading.Semaphore(0)

    def wake_ups(self, within: float) -> int:
        count, deadline = 0, time.monotonic() + within
        while self._open_jobs.acquire(timeout=max(deadline - time.monotonic(), 0)):
            count += 1
        return count


def timers():
    return sum(isinstance(thread, threading.Timer) for thread in threading.enumerate())


def test_many_passes_leave_one_timer_and_one_wake_up():
    scheduler, before = Scheduler(), timers()
    for _ in range(50):  # fifty passes, each asking to be woken within 0.2 s
        scheduling.schedule_reevaluation(scheduler, 0.2)
    assert timers() == before + 1
    assert scheduler.wake_ups(within=0.6) == 1
    scheduling.schedule_reevaluation(scheduler, 0.1)  # after the wake-up, a new timer
    assert scheduler.wake_ups(within=0.5) == 1


def test_a_sooner_wake_up_is_not_held_back_by_a_later_one():
    scheduler = Scheduler()
    scheduling.schedule_reevaluation(scheduler, 0.8)
    scheduling.schedule_reevaluation(scheduler, 0.1)
    assert scheduler.wake_ups(within=0.4) == 1
    assert scheduler.wake_ups(within=0.8) == 1  # the later one still comes


def test_the_pinned_snakemake_gets_the_one_timer_scheduler():
    assert scheduling.keep_one_reevaluation_timer()
    assert scheduling.keep_one_reevaluation_timer()  # a second call changes nothing
    assert getattr(JobScheduler, scheduling.METHOD) is scheduling.schedule_reevaluation


def test_another_snakemake_keeps_its_own_scheduler_and_says_so_in_one_line(capsys, monkeypatch):
    original = object()  # as if Snakemake's method were still its own
    monkeypatch.setattr(JobScheduler, scheduling.METHOD, original)
    assert not scheduling.keep_one_reevaluation_timer(version="9.28.0")
    assert getattr(JobScheduler, scheduling.METHOD) is original
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "Snakemake 9.28.0's scheduler is left as it is" in message
    assert scheduling.keep_one_reevaluation_timer()  # the pinned version: patched
    assert getattr(JobScheduler, scheduling.METHOD) is scheduling.schedule_reevaluation


def test_the_patch_is_for_the_pinned_snakemake():
    from conftest import REPO

    assert f"snakemake=={scheduling.PINNED_SNAKEMAKE}\n" in (REPO / "requirements.txt").read_text()
