"""Two app instances on one store: every due timer is handled exactly once, none twice, none lost, while both
sweep at the same time: each instance must win some timers and lose some races (a claim the other made first),
which sweeps run one after another would not show (the last test proves the check can tell)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta

from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from bot.store.tables import TableStore
from scheduler.sweeper import SweepResult
from tests.integration.conftest import START, World, form, make_world, person

SESSIONS = 200


async def register_many(world: World, count: int) -> list[str]:
    gate = asyncio.Semaphore(20)

    async def one(n: int) -> str:
        async with gate:
            stored = await world.services.sessions.register(person(n), form("14:00"), "sv-SE")
            return stored.session.id

    return list(await asyncio.gather(*(one(n) for n in range(count))))


def raced(of_a: Sequence[SweepResult], of_b: Sequence[SweepResult]) -> bool:
    """Both instances claimed timers, and at least one claim was lost to the other (they went for the same)."""
    claimed_a, claimed_b = sum(r.claimed for r in of_a), sum(r.claimed for r in of_b)
    return claimed_a > 0 and claimed_b > 0 and sum(r.lost for r in [*of_a, *of_b]) > 0


async def test_two_schedulers_over_200_due_timers_deliver_each_event_exactly_once(
    store: TableStore, clock: FakeClock
) -> None:
    a, b = make_world(store, clock, "instance-a"), make_world(store, clock, "instance-b")
    ids = await register_many(a, SESSIONS)
    a.notifier.delivered.clear()

    for minutes, kind in ((50, EventKind.REMINDER_DUE), (60, EventKind.CONFIRMATION_DUE), (65, EventKind.ESCALATED)):
        clock.set(START + timedelta(minutes=minutes))
        results = await asyncio.gather(a.sweeper.sweep(), b.sweeper.sweep(), a.sweeper.sweep(), b.sweeper.sweep())
        assert raced(results[0::2], results[1::2]), f"{kind}: the instances did not share the work"
        delivered = a.notifier.delivered + b.notifier.delivered
        per_session = Counter(sid for sid, k in delivered if k is kind)
        assert set(per_session) == set(ids)
        assert set(per_session.values()) == {1}, f"{kind}: some sessions notified more than once"
        assert sum(r.claimed for r in results) == SESSIONS
        a.notifier.delivered.clear()
        b.notifier.delivered.clear()

    clock.set(START + timedelta(minutes=66))
    await asyncio.gather(a.sweeper.sweep(), b.sweeper.sweep())
    assert a.notifier.delivered + b.notifier.delivered == []  # nothing due until the unclaimed re-notify


async def test_sweeps_one_after_another_do_not_pass_for_a_race(store: TableStore, clock: FakeClock) -> None:
    a, b = make_world(store, clock, "instance-a"), make_world(store, clock, "instance-b")
    await register_many(a, 20)
    clock.set(START + timedelta(minutes=50))
    first = await a.sweeper.sweep()
    second = await b.sweeper.sweep()
    assert first.claimed == 20 and second.claimed == 0
    assert not raced([first], [second])
