"""The scheduler sweeps at a timer's due instant: a written timer pulls the sweep job forward (never back), and
a timer that falls due while a sweep runs makes that sweep go round again rather than wait for the next tick."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from scheduler.jobs import JobQueue
from scheduler.wake import SweepWaker


async def test_a_timer_pulls_the_sweep_forward_and_never_back() -> None:
    jobs = JobQueue()
    ran: list[str] = []

    async def sweep() -> None:
        ran.append("sweep")

    waker = SweepWaker(jobs, "sweep", sweep)
    jobs.run_repeating(waker.run, timedelta(hours=1), "sweep")
    jobs.start()
    try:
        soon = datetime.now(UTC) + timedelta(milliseconds=200)
        waker.due_at(soon)
        waker.due_at(soon + timedelta(minutes=5))  # later: the earlier wake stands
        await asyncio.sleep(0.6)
        assert ran == ["sweep"]
    finally:
        jobs.shutdown()


async def test_a_timer_due_during_a_sweep_makes_it_go_round_again() -> None:
    jobs = JobQueue()
    rounds: list[int] = []
    waker: SweepWaker

    async def sweep() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            waker.due_at(datetime.now(UTC))  # written while this sweep runs

    waker = SweepWaker(jobs, "sweep", sweep)
    await waker.run()
    assert rounds == [0, 1]


class RecordingJobs(JobQueue):
    def __init__(self) -> None:
        super().__init__()
        self.wakes: list[datetime] = []

    def wake(self, name: str, at: datetime) -> None:
        self.wakes.append(at)


async def test_after_each_sweep_the_job_is_pulled_to_the_next_instant_ahead() -> None:
    """The job's interval would push the next run back to its own tick: the waker pulls it forward again."""
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    jobs = RecordingJobs()

    async def sweep() -> None:
        return None

    waker = SweepWaker(jobs, "sweep", sweep, now=lambda: now)
    later, sooner = now + timedelta(seconds=20), now + timedelta(seconds=8)
    waker.due_at(later)
    waker.due_at(sooner)
    jobs.wakes.clear()

    await waker.run()

    assert jobs.wakes == [sooner]


async def test_after_each_sweep_the_store_is_asked_for_timers_other_instances_wrote() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    jobs = RecordingJobs()
    theirs = now + timedelta(seconds=3)  # written by another instance: this one was never told
    asked: list[datetime] = []

    async def sweep() -> None:
        return None

    async def next_due(after: datetime) -> datetime | None:
        asked.append(after)
        return theirs

    waker = SweepWaker(jobs, "sweep", sweep, now=lambda: now, next_due=next_due)
    waker.due_at(now + timedelta(seconds=20))
    jobs.wakes.clear()

    await waker.run()

    assert asked == [now] and jobs.wakes == [theirs]


async def test_a_store_that_cannot_answer_leaves_the_wake_to_the_safety_poll() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    jobs = RecordingJobs()

    async def sweep() -> None:
        return None

    async def next_due(after: datetime) -> datetime | None:
        raise ConnectionError("storage down")

    await SweepWaker(jobs, "sweep", sweep, now=lambda: now, next_due=next_due).run()
    assert jobs.wakes == []


async def test_an_instant_that_passes_while_a_sweep_runs_is_swept_before_the_job_ends() -> None:
    """The scheduler's own wake-up for it would find the job running and skip it: the timer would wait for the
    next safety poll."""
    clock = [datetime(2026, 11, 25, 12, 0, tzinfo=UTC)]
    jobs = RecordingJobs()
    swept_at: list[datetime] = []
    due = clock[0] + timedelta(milliseconds=300)

    async def sweep() -> None:
        swept_at.append(clock[0])
        clock[0] += timedelta(seconds=1)  # a slow sweep: the instant passes meanwhile

    waker = SweepWaker(jobs, "sweep", sweep, now=lambda: clock[0])
    waker.due_at(due)

    await waker.run()

    assert len(swept_at) == 2 and swept_at[1] > due
