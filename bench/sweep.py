"""Scenario 2: how fast due timers are swept, by one TimerSweeper and by two sweepers sharing one store.

N sessions are registered, the fake clock moves to their reminder time (10 minutes before sluttid), and sweeps
run until every timer has been claimed. The recording notifiers then must show each session's reminder exactly
once across both instances, and one more sweep must find nothing: the scheduler's central promise.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from bench.report import Row, Section, Stopwatch, Timing
from bench.world import scratch_store, timed_each
from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from scheduler.sweeper import SweepResult, TimerSweeper
from tests.support.world import START, World, form, make_world, person

REMINDER_AT = START + timedelta(minutes=50)  # sluttid 14:00 Stockholm = 13:00 UTC, reminder lead 10 minutes
REGISTER_CONCURRENCY = 20
MAX_ROUNDS = 50


async def _drain(sweepers: list[TimerSweeper], expected: int) -> tuple[Timing, int, SweepResult]:
    """Sweep (all sweepers at once per round) until `expected` timers were claimed; timing, rounds, totals."""
    total = SweepResult()
    rounds = 0
    with Stopwatch() as watch:
        while total.claimed < expected and rounds < MAX_ROUNDS:
            results = await asyncio.gather(*(s.sweep() for s in sweepers))
            rounds += 1
            for r in results:
                total.due += r.due
                total.claimed += r.claimed
                total.lost += r.lost
                total.failed += r.failed
            if sum(r.claimed for r in results) == 0:
                break
    return watch.timing, rounds, total


async def _one_variant(connection_string: str, count: int, instances: int, section: Section) -> None:
    async with scratch_store(connection_string) as store:
        clock = FakeClock(START)
        worlds: list[World] = [make_world(store, clock, f"bench-sweeper-{i}") for i in range(instances)]

        async def register(index: int) -> str:
            stored = await worlds[0].services.sessions.register(person(index), form("14:00"), "sv-SE")
            return stored.session.id

        _, ids = await timed_each(count, REGISTER_CONCURRENCY, register)
        for world in worlds:
            world.notifier.delivered.clear()

        clock.set(REMINDER_AT)
        timing, rounds, total = await _drain([w.sweeper for w in worlds], count)
        variant = "1 sweeper" if instances == 1 else f"{instances} sweepers"
        note = f"{rounds} round(s), {total.lost} lost races, {total.failed} failed"
        section.rows.append(Row.from_timing("sweep", variant, timing, "timers/s", count=count, note=note))

        # One more sweep by everyone must find nothing due: the next wake-up is sluttid itself.
        after = await asyncio.gather(*(w.sweeper.sweep() for w in worlds))
        claimed_after = sum(r.claimed for r in after)
        delivered = [entry for w in worlds for entry in w.notifier.delivered]
        reminders = Counter(sid for sid, kind in delivered if kind is EventKind.REMINDER_DUE)
        others = Counter(kind.value for _, kind in delivered if kind is not EventKind.REMINDER_DUE)
        missing = len(set(ids) - set(reminders))
        repeated = sum(1 for n in reminders.values() if n > 1)
        section.check(
            f"sweep {variant}: each of {count} reminders delivered exactly once",
            missing == 0 and repeated == 0 and not others and len(reminders) == count,
            f"{missing} missing, {repeated} delivered more than once, other kinds: {dict(others) or 'none'}",
        )
        section.check(
            f"sweep {variant}: {count} timers claimed, none failed, nothing left due",
            total.claimed == count and total.failed == 0 and claimed_after == 0,
            f"claimed {total.claimed}, failed {total.failed}, claimed by the extra sweep {claimed_after}",
        )


async def run(connection_string: str, count: int) -> Section:
    section = Section()
    for instances in (1, 2):
        await _one_variant(connection_string, count, instances, section)
    return section
