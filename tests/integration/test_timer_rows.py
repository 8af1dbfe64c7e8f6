"""The timer rows on Azurite: the next due instant after now (what wakes the scheduler for other instances'
timers) skips what is already due and what is further ahead."""

from __future__ import annotations

from datetime import timedelta

from tests.integration.conftest import START, World


async def test_next_due_is_the_earliest_timer_after_the_instant_asked(world: World) -> None:
    timers = world.services.repos.timers
    assert await timers.next_due(START) is None
    await timers.put(START - timedelta(minutes=1), "aad-1", "s-1")  # already due: the sweep's, not the wake's
    await timers.put(START + timedelta(minutes=1), "aad-2", "s-2")
    await timers.put(START + timedelta(seconds=5), "aad-3", "s-3")

    assert await timers.next_due(START) == START + timedelta(seconds=5)
    assert await timers.next_due(START + timedelta(seconds=5)) == START + timedelta(minutes=1)
    assert await timers.next_due(START + timedelta(minutes=2)) is None
