"""The sweeper's queue during a burst: an alarm that falls due while reminders are still queued goes ahead of
them, and a sweep during the burst never queues a timer twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from scheduler.sweeper import TimerSweeper
from tests.integration.conftest import START, World, form, person

BURST = 30


async def delivered(world: World, count: int, limit: float = 20.0) -> None:
    for _ in range(int(limit / 0.05)):
        if len(world.notifier.delivered) >= count:
            return
        await asyncio.sleep(0.05)


async def test_an_escalation_due_mid_burst_goes_before_the_reminders_still_queued(
    world: World, clock: FakeClock
) -> None:
    alarm = await world.services.sessions.register(person(0), form("13:40"), "sv-SE")  # sluttid 12:40 UTC
    gate = asyncio.Semaphore(10)

    async def one(n: int) -> None:
        async with gate:
            await world.services.sessions.register(person(n), form("13:54"), "sv-SE")  # reminders at 12:44

    await asyncio.gather(*(one(n) for n in range(1, BURST + 1)))
    clock.set(START + timedelta(minutes=40))
    await world.sweeper.sweep()  # the alarm session's card at sluttid; its escalation falls due at 12:45
    world.notifier.delivered.clear()
    world.notifier.delay = 0.05
    sweeper = TimerSweeper(world.services.repos.timers, world.services.engine, clock, concurrency=2)

    clock.set(START + timedelta(minutes=44))
    first = await sweeper.sweep(patience=0.01)  # the burst: 30 reminders, two at a time
    clock.set(START + timedelta(minutes=45))
    second = await sweeper.sweep(patience=0.01)  # the escalation, and the reminders still queued (not again)
    await delivered(world, BURST + 1)

    order = [(sid, kind) for sid, kind in world.notifier.delivered]
    assert first.due == BURST and second.due == 1
    reminders = Counter(sid for sid, kind in order if kind is EventKind.REMINDER_DUE)
    assert len(reminders) == BURST and set(reminders.values()) == {1}
    escalated = order.index((alarm.session.id, EventKind.ESCALATED))
    assert escalated <= 4, f"the escalation went out as number {escalated + 1} of {len(order)}"
