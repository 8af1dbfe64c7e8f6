"""Sweeps at the instant a timer falls due, not on the next tick.

Every timer this process writes (a new session's reminder, a delivery retry, the next alarm notice) tells the
waker its due time. The waker keeps the due instants ahead and, after every sweep, pulls the sweep job forward to
the earliest of them (the job's own interval would otherwise push it back to the next tick). A timer due while a
sweep runs makes that sweep go round once more instead of waiting. The interval stays as a safety poll, for
timers other instances wrote and for leases that ran out.
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
    ) -> None:
        self._jobs = jobs
        self._name = job_name
        self._sweep = sweep
        self._now = now
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
        """The sweep job: sweep, again at once while timers fell due meanwhile, then wake at the next instant."""
        self._running = True
        try:
            while True:
                self._again = False
                await self._sweep()
                if not self._again:
                    break
        finally:
            self._running = False
            now = self._now()
            while self._ahead and self._ahead[0] <= now:
                heapq.heappop(self._ahead)
            if self._ahead:
                self._jobs.wake(self._name, self._ahead[0])
