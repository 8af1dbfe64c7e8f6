"""Sweeps at the instant a timer falls due, not on the next tick.

Every timer this process writes (a new session's reminder, a delivery retry, the next alarm notice) tells the
waker its due time. The waker keeps the due instants ahead and, after every sweep, pulls the sweep job forward to
the earliest of them (the job's own interval would otherwise push it back to the next tick). A timer due while a
sweep runs makes that sweep go round once more instead of waiting. After every sweep it also asks the
store for the next timer due (`TimerRepo.next_due`), so timers that other instances, or this one before a
restart, wrote are swept at their instant too. The interval stays as a safety poll, for timers another instance
writes after that question and for leases that run out.
"""

from __future__ import annotations

import heapq
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from scheduler.jobs import JobQueue

MAX_AHEAD = 10_000  # due instants remembered; past that the safety poll covers the rest


class SweepWaker:
    def __init__(
        self,
        jobs: JobQueue,
        job_name: str,
        sweep: Callable[[], Awaitable[object]],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        next_due: Callable[[datetime], Awaitable[datetime | None]] | None = None,
    ) -> None:
        self._jobs = jobs
        self._name = job_name
        self._sweep = sweep
        self._now = now
        self._next_due = next_due
        self._ahead: list[datetime] = []
        self._running = False
        self._again = False

    def due_at(self, when: datetime) -> None:
        """A timer falls due at `when` (called by TimerRepo.put and .release)."""
        now = self._now()
        if when > now and len(self._ahead) < MAX_AHEAD:
            heapq.heappush(self._ahead, when)
        if self._running:  # the running sweep goes round again, or wakes the job for it when it ends
            self._again = self._again or when <= now
            return
        self._jobs.wake(self._name, max(when, now))

    async def run(self) -> None:
        """The sweep job: sweep, again at once while timers fell due meanwhile, then wake at the next instant.

        An instant that passes while this job runs is swept here, in another round: the scheduler's own wake-up
        for it finds the job still running and skips it (one instance at a time), so waiting for it would leave
        the timer to the next safety poll.
        """
        self._running = True
        try:
            while True:
                self._again = False
                self._forget_until(self._now())  # this round's sweep reads everything due by now
                await self._sweep()
                if self._again or self._passed():
                    continue
                await self._ask_store()
                if not self._passed():
                    break
        finally:
            self._running = False
            if self._ahead:
                self._jobs.wake(self._name, self._ahead[0])

    def _forget_until(self, now: datetime) -> None:
        while self._ahead and self._ahead[0] <= now:
            heapq.heappop(self._ahead)

    def _passed(self) -> bool:
        """An instant ahead has come while the job ran."""
        return bool(self._ahead) and self._ahead[0] <= self._now()

    async def _ask_store(self) -> None:
        """Remember the store's next due instant (one row read); a failure leaves it to the safety poll."""
        if self._next_due is None:
            return
        try:
            upcoming = await self._next_due(self._now())
        except Exception:  # storage unreachable: the sweep said so already; the safety poll tries again
            return
        if upcoming is not None and upcoming not in self._ahead[:1] and len(self._ahead) < MAX_AHEAD:
            heapq.heappush(self._ahead, upcoming)
