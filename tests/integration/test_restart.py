"""A process killed mid-delivery loses nothing: a new process on the same store delivers what was due."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from bot.store.tables import TableStore
from tests.integration.conftest import START, make_world, person
from tests.support.workers import spawn


def run_until_marker(connection_string: str, prefix: str, marker: Path) -> subprocess.Popen[bytes]:
    process = spawn("tests.support.crash_worker", connection_string, prefix, str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"worker exited early: {process.stderr.read().decode() if process.stderr else ''}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("worker never reached the delivery")
        time.sleep(0.05)
    return process


async def test_killed_while_sending_the_reminder_then_restarted_the_reminder_and_the_rest_still_happen(
    storage_connection_string: str, store: TableStore, table_prefix: str, tmp_path: Path
) -> None:
    marker = tmp_path / "delivering"
    process = run_until_marker(storage_connection_string, table_prefix, marker)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    session_id, kind = marker.read_text().split()
    assert kind == EventKind.REMINDER_DUE.value

    clock = FakeClock(START + timedelta(minutes=50, seconds=5))
    restarted = make_world(store, clock, "new-instance")
    await restarted.sweeper.sweep()
    assert restarted.notifier.kinds() == []  # the dead instance's lease still holds

    clock.set(START + timedelta(minutes=50, seconds=11))  # its lease (10 s) has run out
    await restarted.sweeper.sweep()
    assert restarted.notifier.kinds(session_id) == [EventKind.REMINDER_DUE]

    clock.set(START + timedelta(minutes=60))
    await restarted.sweeper.sweep()
    assert restarted.notifier.kinds(session_id) == [EventKind.REMINDER_DUE, EventKind.CONFIRMATION_DUE]
    stored = await restarted.services.sessions.get(person(1), session_id)
    assert stored is not None and stored.undelivered == []
