"""The sweeper's queue during a burst: an alarm that falls due while reminders are still queued goes ahead of
them, and a sweep during the burst never queues a timer twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from scheduler.sweeper import EARLY_BURST, TimerSweeper
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


async def test_a_lease_held_elsewhere_is_remembered_so_the_scheduler_sweeps_when_it_ends(
    world: World, clock: FakeClock
) -> None:
    """A dead instance's lease: the app wakes the sweep at `next_free`, not at the next safety poll."""
    await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    world.notifier.delivered.clear()
    clock.set(START + timedelta(minutes=50))  # the reminder is due
    timers = world.services.repos.timers
    (due,) = await timers.due(clock.now())
    until = clock.now() + timedelta(seconds=10)
    assert await timers.claim(due, "a-dead-instance", until) is not None

    result = await world.sweeper.sweep()

    assert result.due == 0 and world.notifier.delivered == []
    assert world.sweeper.next_free == until
    clock.set(until)
    assert (await world.sweeper.sweep()).claimed == 1
    assert [kind for _, kind in world.notifier.delivered] == [EventKind.REMINDER_DUE]
    assert world.sweeper.next_free is None


async def _register(world: World, people: range, end_time: str) -> None:
    gate = asyncio.Semaphore(10)

    async def one(n: int) -> None:
        async with gate:
            await world.services.sessions.register(person(n), form(end_time), "sv-SE")

    await asyncio.gather(*(one(n) for n in people))


async def test_a_burst_of_reminders_is_spread_early_and_a_lone_reminder_waits_for_its_instant(
    world: World, clock: FakeClock
) -> None:
    policy = world.services.policies.defaults
    await _register(world, range(100, 101), "13:40")  # a lone one: sluttid 12:40 UTC, reminder at 12:30
    await _register(world, range(1, EARLY_BURST + 1), "14:00")  # a burst: sluttid 13:00 UTC, reminders at 12:50
    world.notifier.delivered.clear()
    early = policy.reminder_early - timedelta(seconds=30)

    clock.set(START + timedelta(minutes=30) - early)
    lone = await world.sweeper.sweep()
    clock.set(START + timedelta(minutes=30))
    on_time = await world.sweeper.sweep()
    clock.set(START + timedelta(minutes=50) - early)
    burst = await world.sweeper.sweep()

    assert (lone.due, lone.early, on_time.due) == (0, 0, 1)
    assert (burst.due, burst.early) == (1, EARLY_BURST)  # due: the lone one's sluttid card (and its alarm)
    reminded = Counter(sid for sid, kind in world.notifier.delivered if kind is EventKind.REMINDER_DUE)
    assert len(reminded) == EARLY_BURST + 1 and set(reminded.values()) == {1}
    clock.set(START + timedelta(minutes=50))  # the burst's own instant: nothing is sent twice
    before = len(world.notifier.delivered)
    assert (await world.sweeper.sweep()).due == 0
    assert len(world.notifier.delivered) == before


async def test_cards_due_at_one_instant_go_alarms_first_then_sluttid_cards_then_reminders(
    world: World, clock: FakeClock
) -> None:
    await _register(world, range(1, 11), "14:10")  # reminders at 13:00 UTC
    await _register(world, range(20, 23), "14:00")  # their sluttid cards at 13:00 UTC
    alarm = await world.services.sessions.register(person(30), form("13:55"), "sv-SE")
    clock.set(START + timedelta(minutes=55))
    await world.sweeper.sweep()  # the alarm session's sluttid card; it escalates at 13:00 UTC too
    world.notifier.delivered.clear()
    sweeper = TimerSweeper(world.services.repos.timers, world.services.engine, clock, concurrency=1)

    clock.set(START + timedelta(minutes=60))
    await sweeper.sweep()

    kinds = [kind for _, kind in world.notifier.delivered]
    assert world.notifier.delivered[0] == (alarm.session.id, EventKind.ESCALATED)
    assert kinds[1:] == [EventKind.CONFIRMATION_DUE] * 3 + [EventKind.REMINDER_DUE] * 10
