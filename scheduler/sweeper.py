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

    async def sweep(self) -> SweepResult:
        """One pass over everything due now; returns counts (for logs, tests and the benchmark)."""
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
                except Exception:
                    result.failed += 1
                    log.exception("timer %s failed; it runs again when its lease ends", timer.key)

        while True:
            due = [t for t in await self._timers.due(now, self._batch) if t.lease_until <= now]
            result.due += len(due)
            await asyncio.gather(*(one(t) for t in due))
            if len(due) < self._batch:
                break
        self.last_sweep = now
        return result
