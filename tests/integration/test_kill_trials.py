"""Twenty seeded SIGKILL trials: a real process runs five people's journeys (registration, reminder, sluttid
card, alarm) and is killed at a seeded random moment; a new instance on the same store takes over once the
dead one's leases run out (10 s). Every alarm happens, nothing recorded is left undelivered, and the only repeats
are deliveries the dead process had sent but not yet recorded (at most one per delivery it had in flight)."""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from bot.store.tables import TableStore
from scheduler.sweeper import CONCURRENCY
from tests.integration.conftest import START, form, make_world, person
from tests.support.workers import spawn

EXPECTED = (EventKind.REGISTERED, EventKind.REMINDER_DUE, EventKind.CONFIRMATION_DUE, EventKind.ESCALATED)
IN_FLIGHT = CONCURRENCY  # deliveries one process can have sent but not recorded


@pytest.mark.faults
@pytest.mark.parametrize("seed", range(20))
async def test_a_kill_at_a_random_moment_loses_nothing(
    storage_connection_string: str, store: TableStore, table_prefix: str, tmp_path: Path, seed: int
) -> None:
    log = tmp_path / "delivered.log"
    log.touch()
    process = spawn("tests.support.journey_worker", storage_connection_string, table_prefix, str(log))
    deadline = time.monotonic() + 60
    while not log.read_text() and time.monotonic() < deadline:  # wait until the journey is under way
        time.sleep(0.02)
    time.sleep(random.Random(seed).uniform(0.0, 1.2))  # the journey takes about 1.2 s after its first card
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    sent_before = [tuple(line.split()) for line in log.read_text().splitlines()]

    clock = FakeClock(START + timedelta(minutes=70))
    restarted = make_world(store, clock, "new-instance")
    for seconds in (11, 12, 45, 80):  # past the dead instance's 10 s leases, then a delivery retry
        clock.set(START + timedelta(minutes=70, seconds=seconds))
        await restarted.sweeper.sweep()

    after = [(sid, kind.value) for sid, kind in restarted.notifier.delivered]
    counts = Counter(pair for pair in sent_before + after if pair[1] in {k.value for k in EXPECTED})
    for stored in await restarted.services.repos.sessions.active():
        sid, owner = stored.session.id, stored.session.owner.key
        recorded = {e.kind for e in await restarted.services.repos.sessions.events(owner, sid)}
        assert EventKind.ESCALATED in recorded, (seed, sid, recorded)  # the alarm always happens
        for kind in EXPECTED:  # and whatever was recorded went out (a reminder past sluttid is skipped)
            if kind in recorded:
                assert counts[(sid, kind.value)] >= 1, (seed, sid, kind, counts)
    repeats = {pair: n for pair, n in counts.items() if n > 1}
    assert all(n == 2 for n in repeats.values()) and len(repeats) <= IN_FLIGHT, repeats


@pytest.mark.faults
async def test_two_instances_share_a_burst_and_one_is_killed_in_the_middle(
    storage_connection_string: str, store: TableStore, table_prefix: str, tmp_path: Path
) -> None:
    """150 sluttid cards due at once, two instances sweeping them; one (a real process) is SIGKILLed mid-burst.
    The survivor delivers the rest once the dead one's leases run out: none lost, repeats only in flight."""
    clock = FakeClock(START)
    survivor = make_world(store, clock, "survivor")
    ids = [
        (await survivor.services.sessions.register(person(n), form("14:00"), "sv-SE")).session.id for n in range(150)
    ]
    due_at = START + timedelta(minutes=60)
    log = tmp_path / "burst.log"
    log.touch()
    process = spawn(
        "tests.support.journey_worker", storage_connection_string, table_prefix, str(log), due_at.isoformat()
    )
    clock.set(due_at)
    deadline = time.monotonic() + 60
    while len(log.read_text().splitlines()) < 20 and time.monotonic() < deadline:  # the other one is busy
        await survivor.sweeper.sweep()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    for seconds in (1, 11, 12):  # the survivor goes on; past the dead one's leases it takes what they held
        clock.set(due_at + timedelta(seconds=seconds))
        await survivor.sweeper.sweep()

    theirs = [tuple(line.split()) for line in log.read_text().splitlines()]
    ours = [(sid, kind.value) for sid, kind in survivor.notifier.delivered]
    due_cards = Counter(sid for sid, kind in theirs + ours if kind == EventKind.CONFIRMATION_DUE.value)
    assert set(due_cards) == set(ids)  # every card arrived
    repeats = {sid: n for sid, n in due_cards.items() if n > 1}
    assert all(n == 2 for n in repeats.values()) and len(repeats) <= IN_FLIGHT, repeats
    assert len([1 for _, kind in theirs if kind == EventKind.CONFIRMATION_DUE.value]) >= 20  # it did share the work
