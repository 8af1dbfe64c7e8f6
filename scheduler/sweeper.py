"""Claims due timers from the store and runs each through the session engine, once across all instances.

The store is the only place a timer lives. Each sweep reads the rows due by now (a key range, never a scan of
sessions), skips those whose lease is held, and claims the rest with an ETag-conditional write: a 412 means
another instance was first, and the timer is skipped. A claimed timer whose holder dies is retried when its
lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.domain.clock import Clock
from bot.services.engine import LEASE, SessionEngine
from bot.store.timers import Timer, TimerRepo

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    due: int = 0
    claimed: int = 0
    lost: int = 0  # claimed by another instance first
    failed: int = 0


class TimerSweeper:
    def __init__(
        self, timers: TimerRepo, engine: SessionEngine, clock: Clock, batch: int = 200, concurrency: int = 8
    ) -> None:
        self._timers = timers
        self._engine = engine
        self._clock = clock
        self._batch = batch
        self._concurrency = concurrency
        self.last_sweep: datetime | None = None
        self.last_error: str = ""
        self._running: set[asyncio.Task[None]] = set()  # deliveries a patient sweep left running

    async def sweep(self, patience: float | None = None) -> SweepResult:
        """One pass over everything due now; returns counts (for logs, tests and the benchmark).

        With `patience` (the scheduler's sweeps), the pass waits at most that long for its timers: a delivery
        that is slow (a hung conversation) goes on in the background under its lease, and the next sweep, which
        skips leased timers, is not held up by it. Without it (tests, the benchmark), the pass waits for all.
        """
        now = self._clock.now()
        result = SweepResult()
        gate = asyncio.Semaphore(self._concurrency)

        async def one(timer: Timer) -> None:
            async with gate:
                claimed = await self._timers.claim(timer, self._engine.instance, self._clock.now() + LEASE)
                if claimed is None:
                    result.lost += 1
                    return
                result.claimed += 1
                try:
                    await self._engine.run_timer(claimed)
                except Exception as exc:
                    result.failed += 1
                    why = type(exc).__name__
                    log.warning("timer %s failed (%s); it runs again when its lease ends", timer.key, why)

        started: list[asyncio.Task[None]] = []
        while True:
            try:
                listed = await self._timers.due(now, self._batch)
            except Exception as exc:  # storage unreachable: nothing is lost, the next sweep looks again
                self.last_error = type(exc).__name__
                log.warning("sweep could not read the due timers (%s)", self.last_error)
                return result
            self.last_error = ""
            due = sorted((t for t in listed if t.lease_until <= now), key=lambda t: (not t.urgent, t.due))
            result.due += len(due)
            tasks = [asyncio.ensure_future(one(t)) for t in due]
            started += tasks
            self._running.update(tasks)
            for task in tasks:
                task.add_done_callback(self._running.discard)
            if patience is None:
                await asyncio.gather(*tasks)
            if len(due) < self._batch:
                break
        if patience is not None and started:
            await asyncio.wait(started, timeout=patience)
        self.last_sweep = now
        return result

    async def drain(self, timeout: float) -> None:
        """At shutdown: give the deliveries still running `timeout` to finish (their leases cover the rest)."""
        if self._running:
            await asyncio.wait(set(self._running), timeout=timeout)
