"""A doomed instance for the seeded SIGKILL trials: five people register, and the fake clock runs through their
reminders, sluttid cards and alarms, one minute a sweep. Each delivery is appended to a log file the moment it
has gone out (before the engine records it), so the parent knows exactly what was sent when it kills us."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bot.domain.clock import FakeClock
from bot.domain.events import Event
from bot.domain.model import Session
from bot.store.tables import TableStore
from tests.support.world import START, form, make_world, person

PEOPLE = 5


class LoggingNotifier:
    def __init__(self, log: Path) -> None:
        self.log = log

    def parts(self, event: Event) -> tuple[str, ...]:
        return ("",)

    async def deliver(self, session: Session, event: Event, part: str) -> dict[str, str]:
        await asyncio.sleep(0.02)  # a Teams call takes a moment: kills land inside deliveries too
        with self.log.open("a") as out:
            out.write(f"{session.id} {event.kind.value}\n")
        return {}

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        return False


async def main(connection_string: str, prefix: str, log: Path) -> None:
    store = TableStore.from_connection_string(connection_string, prefix)
    await store.ensure_tables()
    clock = FakeClock(START)
    world = make_world(store, clock, "doomed-instance")
    world.services.engine.notifier = LoggingNotifier(log)
    for n in range(PEOPLE):
        await world.services.sessions.register(person(n), form("14:00"), "sv-SE")
    for minute in range(1, 71):
        clock.set(START + timedelta(minutes=minute))
        await world.sweeper.sweep()
    print("journey done", flush=True)


async def burst(connection_string: str, prefix: str, log: Path, at: str) -> None:
    """The other instance of a burst: sweep what is due at `at` (ISO), again and again, until killed."""
    store = TableStore.from_connection_string(connection_string, prefix)
    clock = FakeClock(datetime.fromisoformat(at))
    world = make_world(store, clock, "burst-instance")
    world.services.engine.notifier = LoggingNotifier(log)
    while True:
        await world.sweeper.sweep()
        await asyncio.sleep(0.01)


if __name__ == "__main__":
    if len(sys.argv) > 4:
        asyncio.run(burst(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]))
    else:
        asyncio.run(main(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
