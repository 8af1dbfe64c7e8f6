"""The outbound pacer: calls reserve slots at the app's rate; an urgent call (the operators' thread) does not wait
behind the slots the cards in flight took, and what comes after it makes up for it."""

from __future__ import annotations

import asyncio

import pytest

from bot.teams import outbound
from bot.teams.outbound import Pacer


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The clock stands still; each call's wait is recorded instead of slept."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))

    monkeypatch.setattr(outbound.time, "monotonic", lambda: 100.0)
    monkeypatch.setattr(outbound.asyncio, "sleep", sleep)
    return slept


def waited(pacer: Pacer, waits: list[float], calls: list[tuple[str, bool]]) -> list[float]:
    """The wait each call got, in order (0 when it could go at once)."""

    async def run() -> list[float]:
        got = []
        for conversation, urgent in calls:
            before = len(waits)
            await pacer.wait(conversation, urgent=urgent)
            got.append(waits[before] if len(waits) > before else 0.0)
        return got

    return asyncio.run(run())


def test_an_urgent_call_passes_the_reserved_slots_and_the_next_call_makes_up_for_it(waits: list[float]) -> None:
    burst = [(f"a:person-{n}", False) for n in range(10)]  # ten people's cards take the next second's slots
    calls = [*burst, ("19:operators;messageid=1", True), ("a:person-10", False)]

    got = waited(Pacer(per_second=7, app_per_second=10), waits, calls)

    assert got[:10] == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    assert got[10] == 0.0  # the alarm goes now, not after the ten
    assert got[11] == 1.1  # and the next person's card one gap later than it would have


def test_an_urgent_call_still_keeps_its_own_conversations_pace(waits: list[float]) -> None:
    calls = [("19:operators;messageid=1", True)] * 3
    assert waited(Pacer(per_second=5, app_per_second=50), waits, calls) == [0.0, 0.2, 0.4]
