"""A throwaway app process for the restart test: registers a session, then hangs mid-delivery until killed.

Usage: python -m tests.support.crash_worker CONNECTION_STRING TABLE_PREFIX MARKER_FILE
It writes MARKER_FILE once it is in the middle of delivering the reminder (claimed, not yet recorded).
"""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from pathlib import Path

from bot.domain.clock import FakeClock
from bot.domain.events import Event
from bot.domain.model import Session
from bot.store.tables import TableStore
from tests.integration.conftest import START, form, make_world, person


class HangingNotifier:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def parts(self, event: Event) -> tuple[str, ...]:
        return ("",)

    async def deliver(self, session: Session, event: Event, part: str) -> dict[str, str]:
        if event.kind.value == "registered":
            return {}
        self.marker.write_text(f"{session.id} {event.kind.value}\n")
        await asyncio.sleep(3600)  # "sending" forever: the parent kills us here
        return {}

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        return False


async def main(connection_string: str, prefix: str, marker: Path) -> None:
    store = TableStore.from_connection_string(connection_string, prefix)
    await store.ensure_tables()
    clock = FakeClock(START)
    world = make_world(store, clock, "doomed-instance")
    world.services.engine.notifier = HangingNotifier(marker)
    await world.services.sessions.register(person(1), form("14:00"), "sv-SE")
    clock.set(START + timedelta(minutes=50))
    await world.sweeper.sweep()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
