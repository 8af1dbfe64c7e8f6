"""Scenario 1: registration throughput through the service layer (SessionActions.register on Azurite).

Every registration is a different person (one active session per person), with the same form as the
integration tests. The notifier only records, so the numbers are the service layer plus storage, not Teams.
"""

from __future__ import annotations

from bench.report import Row, Section, Timing
from bench.world import scratch_store, timed_each
from bot.domain.clock import FakeClock
from bot.store.sessions import StoredSession
from tests.support.world import START, World, form, make_world, person

WARM_UP = 5
CONCURRENCY = 20
WARM_UP_BASE = 900_000  # person numbers for warm-up registrations, far from the measured ones


async def _register_range(world: World, first: int, count: int, concurrency: int) -> tuple[Timing, list[StoredSession]]:
    async def one(index: int) -> StoredSession:
        return await world.services.sessions.register(person(first + index), form("14:00"), "sv-SE")

    return await timed_each(count, concurrency, one)


async def run(connection_string: str, count: int) -> Section:
    section = Section()
    async with scratch_store(connection_string) as store:
        world = make_world(store, FakeClock(START), "bench-registration")
        await _register_range(world, WARM_UP_BASE, WARM_UP, 1)  # open connections, create clients

        first = 0
        for variant, concurrency in (("sequential", 1), (f"concurrency {CONCURRENCY}", CONCURRENCY)):
            timing, stored = await _register_range(world, first, count, concurrency)
            first += count
            section.rows.append(Row.from_timing("register", variant, timing, "sessions/s"))
            ids = {s.session.id for s in stored}
            section.check(
                f"register {variant}: {count} distinct sessions",
                len(ids) == count,
                f"got {len(ids)} distinct session ids",
            )
    return section
