"""The engine against a real Table service: conditional writes, timers, delivery retries and the audit trail."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.domain.clock import FakeClock
from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import State
from bot.store.tables import TableStore
from scheduler.sweeper import TimerSweeper
from tests.integration.conftest import World, form, make_world, person

K = EventKind


async def sweep_at(world: World, minutes_from_start: float) -> None:
    from tests.integration.conftest import START

    world.clock.set(START + timedelta(minutes=minutes_from_start))
    await world.sweeper.sweep()


async def test_a_registration_is_a_point_read_of_the_active_session(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form(), "sv-SE")
    active = await world.services.sessions.active(person(1))
    assert active is not None and active.session.id == stored.session.id
    assert await world.services.sessions.active(person(2)) is None
    assert world.notifier.kinds() == [K.REGISTERED]


async def test_the_timeline_runs_from_the_store_each_step_exactly_once(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")  # sluttid 60 min ahead
    sid = stored.session.id
    for minute in (10, 49, 50, 51, 59, 60, 61, 64, 65, 66, 67, 68, 70):
        await sweep_at(world, minute)
    assert world.notifier.kinds(sid) == [
        K.REGISTERED,
        K.REMINDER_DUE,
        K.CONFIRMATION_DUE,
        K.ESCALATED,
        K.RENOTIFIED,  # 65 + 3 min unclaimed
    ]
    session = (await world.services.sessions.get(person(1), sid)).session  # type: ignore[union-attr]
    assert session.state is State.ESCALATED


async def test_every_state_change_is_in_the_audit_log_with_who_and_when(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form(), "sv-SE")
    await world.services.sessions.extend(person(1), stored.session.id, "+30")
    await world.services.sessions.confirm(person(1), stored.session.id)
    events = await world.services.repos.sessions.events(person(1).key, stored.session.id)
    assert [e.kind for e in events] == [K.REGISTERED, K.EXTENDED, K.CONFIRMED]
    assert all(e.actor.key == person(1).key and e.at == world.clock.now() for e in events)


async def test_extending_moves_the_timer_so_nothing_fires_at_the_old_time(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    await world.services.sessions.extend(person(1), stored.session.id, "+60")  # sluttid 15:00
    await sweep_at(world, 50)
    await sweep_at(world, 65)
    assert world.notifier.kinds() == [K.REGISTERED, K.EXTENDED]
    await sweep_at(world, 110)
    assert world.notifier.kinds()[-1] == K.REMINDER_DUE
    timers = await world.services.repos.timers.due(world.clock.now() + timedelta(days=1))
    assert len(timers) == 1  # the old row is gone; only the next wake-up remains


async def test_a_confirmed_session_leaves_no_timer_behind(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form(), "sv-SE")
    await world.services.sessions.confirm(person(1), stored.session.id)
    assert await world.services.repos.timers.due(world.clock.now() + timedelta(days=2)) == []


async def test_a_failed_delivery_is_retried_and_then_delivered_once(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    world.notifier.fail_kinds = {K.REMINDER_DUE}
    await sweep_at(world, 50)
    await sweep_at(world, 50.2)  # the lease is released only from now + delivery_retry
    assert world.notifier.kinds() == [K.REGISTERED]
    world.notifier.fail_kinds = set()
    await sweep_at(world, 50.6)
    await sweep_at(world, 51)
    assert world.notifier.kinds(stored.session.id) == [K.REGISTERED, K.REMINDER_DUE]


async def test_of_an_event_for_several_audiences_only_the_failed_part_is_retried(world: World) -> None:
    world.notifier.parts_of = {K.REMINDER_DUE: ("user", "operators", "admins")}
    world.notifier.fail_parts = {"admins"}
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    await sweep_at(world, 50)
    assert world.notifier.delivered_parts == [(K.REMINDER_DUE, "user"), (K.REMINDER_DUE, "operators")]
    fresh = await world.services.repos.sessions.get(stored.session.owner.key, stored.session.id)
    assert fresh is not None and [i.partition("#")[2] for i in fresh.undelivered] == ["admins"]
    world.notifier.fail_parts = set()
    await sweep_at(world, 51)
    await sweep_at(world, 52)
    assert world.notifier.delivered_parts == [
        (K.REMINDER_DUE, "user"),
        (K.REMINDER_DUE, "operators"),
        (K.REMINDER_DUE, "admins"),
    ]
    fresh = await world.services.repos.sessions.get(stored.session.owner.key, stored.session.id)
    assert fresh is not None and fresh.undelivered == []


async def test_one_active_session_per_user_even_on_a_double_submit(world: World) -> None:
    results = await asyncio.gather(
        world.services.sessions.register(person(1), form(), "sv-SE"),
        world.services.sessions.register(person(1), form(), "sv-SE"),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], DomainError) and errors[0].code == "already_active"
    assert world.notifier.kinds() == [K.REGISTERED]


async def test_concurrent_changes_on_one_session_both_land_via_etag_retries(store: TableStore, world: World) -> None:
    other = make_world(store, world.clock, "instance-b")
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    sid = stored.session.id
    await sweep_at(world, 70)  # escalated
    results = await asyncio.gather(
        world.services.sessions.request_help(person(1), sid),
        other.services.sessions.confirm(person(1), sid),
        return_exceptions=True,
    )
    assert not [r for r in results if isinstance(r, Exception)]
    events = await world.services.repos.sessions.events(person(1).key, sid)
    assert sorted(e.kind for e in events if e.kind in (K.HELP_REQUESTED, K.CONFIRMED)) == sorted(
        [K.HELP_REQUESTED, K.CONFIRMED]
    )


async def test_another_persons_session_is_simply_not_found(world: World) -> None:
    stored = await world.services.sessions.register(person(1), form(), "sv-SE")
    with pytest.raises(DomainError) as err:
        await world.services.sessions.cancel(person(2), stored.session.id)
    assert err.value.code == "not_found"


async def test_two_simultaneous_taps_on_one_delay_button_extend_once(store: TableStore, world: World) -> None:
    other = make_world(store, world.clock, "instance-b")
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    shown = stored.session.end_time
    results = await asyncio.gather(
        world.services.sessions.extend(person(1), stored.session.id, "+30", expected_end=shown),
        other.services.sessions.extend(person(1), stored.session.id, "+30", expected_end=shown),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], DomainError) and errors[0].code == "already_recorded"
    after = await world.services.sessions.get(person(1), stored.session.id)
    assert after is not None and after.session.end_time == shown + timedelta(minutes=30)
    events = await world.services.repos.sessions.events(person(1).key, stored.session.id)
    assert [e.kind for e in events] == [K.REGISTERED, K.EXTENDED]


async def test_a_late_delivery_for_an_old_session_does_not_hide_the_new_one(world: World) -> None:
    world.notifier.fail_kinds = {K.CANCELLED}
    old = await world.services.sessions.register(person(1), form(), "sv-SE")
    await world.services.sessions.cancel(person(1), old.session.id)
    world.notifier.fail_kinds = set()
    new = await world.services.sessions.register(person(1), form(), "sv-SE")
    await sweep_at(world, 1)  # past delivery_retry: the old session's pending event is delivered now
    assert world.notifier.kinds(old.session.id) == [K.REGISTERED, K.CANCELLED]
    active = await world.services.sessions.active(person(1))
    assert active is not None and active.session.id == new.session.id


async def test_an_undeliverable_event_does_not_hold_back_the_next_ones(world: World) -> None:
    world.notifier.fail_kinds = {K.REGISTERED}
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    await sweep_at(world, 50)
    assert world.notifier.kinds(stored.session.id) == [K.REMINDER_DUE]
    world.notifier.fail_kinds = set()
    await sweep_at(world, 51)
    assert world.notifier.kinds(stored.session.id) == [K.REMINDER_DUE, K.REGISTERED]
    await sweep_at(world, 60)
    assert world.notifier.kinds(stored.session.id) == [K.REMINDER_DUE, K.REGISTERED, K.CONFIRMATION_DUE]


async def test_the_daily_purge_deletes_registration_forms_abandoned_for_a_day(world: World) -> None:
    from datetime import UTC, datetime

    from bot.services.retention import Retention
    from bot.store.kv import DIALOG_STATE_NAMESPACE

    kv = world.services.repos.kv
    await kv.put(DIALOG_STATE_NAMESPACE, "msteams/conversations/a:1", {"form": {"address": "MARKER-ADDRESS"}})
    await kv.put("service", "operator_channel", {"channel_id": "19:x"})
    world.clock.set(datetime.now(UTC) + timedelta(hours=23))  # row timestamps are the storage service's clock
    assert (await Retention(world.services).run_daily()).dialogs == 0
    world.clock.set(datetime.now(UTC) + timedelta(hours=25))
    assert (await Retention(world.services).run_daily()).dialogs == 1
    assert await kv.get(DIALOG_STATE_NAMESPACE, "msteams/conversations/a:1") == (None, None)
    assert (await kv.get("service", "operator_channel"))[0] == {"channel_id": "19:x"}


@pytest.mark.parametrize("head_start", [0.0, 0.01, 0.05, 0.15])
async def test_a_late_confirmation_racing_the_escalation_delivers_the_escalation_once(
    world: World, head_start: float
) -> None:
    """The sweep raises the escalation and starts delivering it; a confirmation lands meanwhile. Whoever is
    delivering the session's outbox keeps it: the turn must not deliver the same pending event again."""
    stored = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    sid = stored.session.id
    await sweep_at(world, 61)  # the at-sluttid card is out
    world.notifier.delay = 0.2  # Teams is slow: each delivery takes a while
    world.clock.set(world.clock.now() + timedelta(minutes=5))

    async def confirm_late() -> None:
        await asyncio.sleep(head_start)
        await world.services.sessions.confirm(person(1), sid)

    await asyncio.gather(world.sweeper.sweep(), confirm_late())
    world.notifier.delay = 0
    for minutes in (67, 68, 70):
        await sweep_at(world, minutes)

    kinds = world.notifier.kinds(sid)
    # With a short head start the confirmation may land first (the sweep reads 4 timer shards before it raises the
    # alarm: 50 ms is not always enough on a loaded 2-core machine), and then there is no alarm at all.
    assert kinds.count(K.ESCALATED) == (1 if head_start >= 0.15 else kinds.count(K.ESCALATED)) <= 1, kinds
    assert kinds.count(K.CONFIRMED) == 1, kinds


async def test_when_many_are_due_at_once_the_alarm_goes_before_the_reminders(
    store: TableStore, clock: FakeClock
) -> None:
    world = make_world(store, clock, "instance-a")
    world.sweeper = TimerSweeper(world.services.repos.timers, world.services.engine, clock, concurrency=1)
    alarm = await world.services.sessions.register(person(99), form("14:00"), "sv-SE")  # sorts after the others
    await sweep_at(world, 60)  # the sluttid card: the alarm is next, at 14:05
    for n in range(1, 11):
        await world.services.sessions.register(person(n), form("14:15"), "sv-SE")  # reminders at 14:05
    world.notifier.delivered.clear()

    await sweep_at(world, 65.5)

    assert world.notifier.delivered[0] == (alarm.session.id, K.ESCALATED)
    assert [k for _, k in world.notifier.delivered].count(K.REMINDER_DUE) == 10
