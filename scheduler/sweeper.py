"""Claims due timers from the store and runs each through the session engine, once across all instances.

The store is the only place a timer lives. Each sweep reads the rows due by now (a key range, never a scan of
sessions), skips those whose lease is held, and queues the rest by priority: alarms first, then the other
cards (the sluttid's), then reminders, each by due time.
A fixed number of workers take from that queue, claim each timer with an ETag-conditional write (a 412 means
another instance was first, and the timer is skipped) and run it. A claimed timer whose holder dies is retried
when its lease runs out. A timer already queued or running in this process is never queued twice, so a sweep
during a long burst only adds what is new, and an escalation that falls due mid-burst goes ahead of the
reminders still waiting.

While Teams is failing, a delivery that failed waits for its retry instant. One of them is tried early, at most
every PROBE_EVERY, as a probe; when calls to Teams succeed again (the probe or any other), the next sweep takes
every waiting retry at once, so the backlog leaves within seconds of Teams coming back.

A burst (EARLY_BURST or more timers due within the policy's `reminder_early`) is spread: the sweep reads that
far ahead and takes the window's reminders now, behind everything already due, so that at Teams' pace every
reminder still leaves before its sluttid. A lone reminder always waits for its instant.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot import telemetry
from bot.domain.clock import Clock
from bot.services.engine import LEASE, SessionEngine
from bot.store.timers import NEVER, Timer, TimerRepo

log = logging.getLogger(__name__)
PROBE_EVERY = timedelta(seconds=3)
CONCURRENCY = 32  # deliveries in flight in one process (each mostly waits on Teams and storage)
EARLY_BURST = 50  # timers due within the early window that make a burst: a second of Teams' pace for the app


class OutboundState(Protocol):
    """What the sweeper needs to know of the calls to Teams (bot.teams.outbound.OutboundHealth)."""

    @property
    def failing(self) -> bool: ...

    @property
    def recoveries(self) -> int: ...


@dataclass
class SweepResult:
    due: int = 0
    claimed: int = 0
    lost: int = 0  # claimed by another instance first
    failed: int = 0
    early: int = 0  # reminders taken before their instant, to spread a burst


@dataclass(order=True)
class _Work:
    rank: tuple[bool, bool, datetime, int]
    timer: Timer = field(compare=False)
    result: SweepResult = field(compare=False)
    done: asyncio.Future[None] = field(compare=False)
    early: bool = field(default=False, compare=False)  # a reminder taken before its instant (a burst)


class TimerSweeper:
    def __init__(
        self,
        timers: TimerRepo,
        engine: SessionEngine,
        clock: Clock,
        batch: int = 2000,
        concurrency: int = CONCURRENCY,
        outbound: OutboundState | None = None,
    ) -> None:
        self._timers = timers
        self._engine = engine
        self._clock = clock
        self._batch = batch
        self._concurrency = concurrency
        self.outbound = outbound
        self.last_sweep: datetime | None = None
        self.next_free: datetime | None = None  # the earliest lease seen running out (another holder's, a retry's)
        self._queue: list[_Work] = []
        self._taken: set[str] = set()  # timer keys queued or running here
        self._workers: set[asyncio.Task[None]] = set()
        self._order = itertools.count()
        self._flushed = 0  # outbound recoveries whose waiting retries were taken
        self._last_probe = NEVER
        self._closing = False

    async def sweep(self, patience: float | None = None) -> SweepResult:
        """One pass over everything due now; returns counts (for logs, tests and the benchmark).

        With `patience` (the scheduler's sweeps), the pass waits at most that long for its timers: a delivery
        that is slow (a hung conversation) or a long burst goes on in the background under its lease, and the
        next sweep only adds what is new. Without it (tests, the benchmark), the pass waits for all, and reads
        again while a full batch came back.
        """
        now = self._clock.now()
        result = SweepResult()
        waiting: list[asyncio.Future[None]] = []
        while True:
            try:
                window = (await self._engine.policies.current()).reminder_early
                listed = await self._timers.due(now + window, self._batch)
            except Exception as exc:  # storage unreachable: nothing is lost, the next sweep looks again
                log.warning("sweep could not read the due timers (%s)", type(exc).__name__)
                return result
            due_now = [t for t in listed if t.due <= now]
            _measure_backlog(due_now, now)
            chosen = self._choose(due_now, now)
            early = self._early(listed[len(due_now) :], len(listed), now)  # listed is in due order
            result.due += len(chosen)
            result.early += len(early)
            waiting += [self._enqueue(timer, result) for timer in chosen]
            waiting += [self._enqueue(timer, result, early=True) for timer in early]
            if patience is not None or not chosen or len(listed) < self._batch:
                break
            await asyncio.gather(*waiting)
        if waiting:
            await asyncio.wait(waiting, timeout=patience)
        self.last_sweep = now
        telemetry.sweeps.add(1)
        return result

    def _choose(self, listed: list[Timer], now: datetime) -> list[Timer]:
        """The listed timers this sweep takes: free ones not already taken here, and waiting retries when Teams
        just came back (all of them) or is still failing (one, as a probe)."""
        fresh = [t for t in listed if t.key not in self._taken]
        chosen = [t for t in fresh if t.lease_until <= now]
        leased = [t for t in fresh if t.lease_until > now]
        self.next_free = min((t.lease_until for t in leased), default=None)
        retries = sorted((t for t in leased if not t.lease_owner), key=_rank)
        if self.outbound is None or not retries:
            return chosen
        if self.outbound.recoveries > self._flushed:
            self._flushed = self.outbound.recoveries
            log.info("calls to Teams go through again: %d waiting deliveries retried now", len(retries))
            return chosen + retries
        if self.outbound.failing and now - self._last_probe >= PROBE_EVERY:
            self._last_probe = now
            return [*chosen, retries[0]]
        return chosen

    def _early(self, ahead: list[Timer], falling_due: int, now: datetime) -> list[Timer]:
        """In a burst, the free reminders of the early window (not yet taken here)."""
        if falling_due < EARLY_BURST:
            return []
        return [t for t in ahead if t.reminder and t.lease_until <= now and t.key not in self._taken]

    def _enqueue(self, timer: Timer, result: SweepResult, early: bool = False) -> asyncio.Future[None]:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._taken.add(timer.key)
        heapq.heappush(self._queue, _Work((*_rank(timer), next(self._order)), timer, result, done, early))
        if len(self._workers) < self._concurrency and not self._closing:
            worker = asyncio.ensure_future(self._work())
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)
        return done

    async def _work(self) -> None:
        while self._queue and not self._closing:
            work = heapq.heappop(self._queue)
            try:
                await self._run(work.timer, work.result, work.early)
            finally:
                self._taken.discard(work.timer.key)
                if not work.done.done():
                    work.done.set_result(None)

    async def _run(self, timer: Timer, result: SweepResult, early: bool) -> None:
        with telemetry.correlated("timer", urgent=timer.urgent):
            now = self._clock.now()
            claimed = await self._timers.claim(timer, self._engine.instance, now + LEASE)
            if claimed is None:
                result.lost += 1
                return
            result.claimed += 1
            telemetry.timer_lag.record(max(0.0, (now - timer.due).total_seconds()), {"urgent": timer.urgent})
            try:
                await self._engine.run_timer(claimed, early=early)
            except Exception as exc:
                result.failed += 1
                why = type(exc).__name__
                log.warning("timer %s failed (%s); it runs again when its lease ends", timer.key, why)

    async def drain(self, timeout: float) -> None:
        """At shutdown: start nothing new, and give the deliveries running `timeout` to finish (their leases cover
        the rest; what was queued but not claimed is simply due for whoever sweeps next)."""
        self._closing = True
        for work in self._queue:
            self._taken.discard(work.timer.key)
            if not work.done.done():
                work.done.set_result(None)
        self._queue.clear()
        if self._workers:
            await asyncio.wait(set(self._workers), timeout=timeout)


def _measure_backlog(listed: list[Timer], now: datetime) -> None:
    """The outbox gauges: timers due and not done, and how long the oldest due alarm has waited."""
    telemetry.gauges.outbox_backlog = len(listed)
    alarms = [now - t.due for t in listed if t.urgent]
    telemetry.gauges.undelivered_alarm_age = max(alarms).total_seconds() if alarms else 0.0


def _rank(timer: Timer) -> tuple[bool, bool, datetime]:
    """Alarms first, reminders last, and within each the oldest first."""
    return (not timer.urgent, timer.reminder, timer.due)
