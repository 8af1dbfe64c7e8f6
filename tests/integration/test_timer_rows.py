"""The timer rows on Azurite: the next due instant after now (what wakes the scheduler for other instances'
timers) skips what is already due and what is further ahead; the timers of one instant spread over the buckets
and are all found; a row left in the partition of before the buckets is moved and still delivered."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from bot.store.timers import BUCKETS, LEGACY, timer_key, timer_partition
from tests.integration.conftest import START, World, form, person


async def test_next_due_is_the_earliest_timer_after_the_instant_asked(world: World) -> None:
    timers = world.services.repos.timers
    assert await timers.next_due(START) is None
    await timers.put(START - timedelta(minutes=1), "aad-1", "s-1")  # already due: the sweep's, not the wake's
    await timers.put(START + timedelta(minutes=1), "aad-2", "s-2")
    await timers.put(START + timedelta(seconds=5), "aad-3", "s-3")

    assert await timers.next_due(START) == START + timedelta(seconds=5)
    assert await timers.next_due(START + timedelta(seconds=5)) == START + timedelta(minutes=1)
    assert await timers.next_due(START + timedelta(minutes=2)) is None


def _users_in_buckets(due_at: list[timedelta]) -> list[str]:
    """One user key a due offset, each timer in a different bucket, the earliest in the last bucket."""
    chosen: list[str] = []
    for offset, bucket in zip(due_at, range(BUCKETS - 1, -1, -1), strict=False):
        n = 0
        while not timer_partition(timer_key(START + offset, f"aad-{n}", "s")).startswith(f"t{bucket}-"):
            n += 1
        chosen.append(f"aad-{n}")
    return chosen


async def test_the_earliest_timer_is_found_whichever_bucket_it_is_in(world: World) -> None:
    timers = world.services.repos.timers
    offsets = [timedelta(seconds=10), timedelta(seconds=20), timedelta(seconds=30)]
    for user, offset in zip(_users_in_buckets(offsets), offsets, strict=True):
        await timers.put(START + offset, user, "s")

    assert await timers.next_due(START) == START + timedelta(seconds=10)
    assert await timers.next_due(START + timedelta(seconds=10)) == START + timedelta(seconds=20)
    assert [t.due for t in await timers.due(START + timedelta(seconds=25))] == [START + offsets[0], START + offsets[1]]


async def test_the_timers_of_one_instant_spread_over_every_bucket_and_are_all_due(world: World) -> None:
    timers = world.services.repos.timers
    keys = [await timers.put(START, f"aad-{n}", f"s-{n}") for n in range(40)]
    await timers.put(START + timedelta(seconds=1), "aad-later", "s-later")

    rows = [e async for e in world.services.store.table("timers").list_entities()]
    due = await timers.due(START)

    assert len({e["PartitionKey"] for e in rows if e["RowKey"] in keys}) == BUCKETS
    assert sorted(t.key for t in due) == sorted(keys)
    assert len(await timers.due(START, limit=10)) == 10


async def test_a_timer_left_in_the_partition_of_before_the_buckets_is_moved_and_still_delivered(
    world: World, clock: FakeClock
) -> None:
    """A deploy over running sessions: their timer rows are still in the one partition of before."""
    saved = await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    table = world.services.store.table("timers")
    (row,) = [e async for e in table.list_entities()]
    await table.upsert_entity({**row, "PartitionKey": LEGACY})
    await table.delete_entity(row["PartitionKey"], row["RowKey"])
    world.notifier.delivered.clear()

    clock.set(START + timedelta(minutes=30))  # nothing due yet, but the row is moved
    assert (await world.sweeper.sweep()).due == 0
    assert [e["PartitionKey"] async for e in table.list_entities()] == [timer_partition(row["RowKey"])]
    clock.set(START + timedelta(minutes=50))
    await world.sweeper.sweep()

    assert world.notifier.delivered == [(saved.session.id, EventKind.REMINDER_DUE)]
