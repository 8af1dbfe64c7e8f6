"""Shared set-up for the scenarios: a fresh set of tables per scenario on the one Azurite, a latency timer, and the
people, forms, sign-ups and card summaries of the wall-clock scenarios.

Each scenario gets its own table prefix, so scenarios never see each other's rows, and its tables are dropped
afterwards (which also keeps the in-memory Azurite small for the next scenario).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TypeVar

from aiohttp import web
from aiohttp.test_utils import TestClient

from app import SERVICES
from bench.report import Stopwatch, Timing
from bot.domain.period import STOCKHOLM
from bot.domain.registration import RegistrationForm
from bot.store.tables import TableStore
from tests.e2e.escalation_support import person
from tests.support.activities import TeamsUser, personal_message
from tests.support.forms import REGIONHALSAN, registration_form

T = TypeVar("T")


def new_prefix() -> str:
    """A valid TRYGGHET_TABLE_PREFIX (a letter, then letters and digits, at most 20) unique to this run."""
    return "bench" + uuid.uuid4().hex[:10]


@asynccontextmanager
async def scratch_store(connection_string: str, prefix: str | None = None) -> AsyncIterator[TableStore]:
    """A TableStore whose tables exist for the duration of the block and are dropped after it."""
    store = TableStore.from_connection_string(connection_string, prefix or new_prefix())
    await store.ensure_tables()
    try:
        yield store
    finally:
        try:
            await store.drop_all()
        finally:
            await store.close()


async def timed_each(count: int, concurrency: int, operation: Callable[[int], Awaitable[T]]) -> tuple[Timing, list[T]]:
    """Run operation(0..count-1) with at most `concurrency` in flight; the timing and the results in order.

    A latency is measured from the moment the operation gets its slot, so waiting for the gate is not counted.
    """
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = [0.0] * count

    async def one(index: int) -> T:
        async with gate:
            started = time.perf_counter()
            result = await operation(index)
            latencies[index] = time.perf_counter() - started
            return result

    with Stopwatch() as watch:
        results = list(await asyncio.gather(*(one(i) for i in range(count))))
    watch.timing.latencies = latencies
    return watch.timing, results


def crowd(count: int, first: int = 0) -> list[TeamsUser]:
    """`count` distinct Teams users (numbered from `first`) for the wall-clock scenarios."""
    return [TeamsUser(f"0f3a1c2e-7777-4a4a-9b9b-{n:012d}", f"Person {n}") for n in range(first, first + count)]


def form_ending(end: datetime) -> RegistrationForm:
    """A valid registration whose sluttid is `end` (a whole minute), as a person in Stockholm types it."""
    local = end.astimezone(STOCKHOLM)
    return registration_form(REGIONHALSAN, end_date=local.date().isoformat(), end_time=local.strftime("%H:%M"))


async def sign_up(app: web.Application, client: TestClient, service_url: str, user: TeamsUser, end: datetime) -> None:
    """A person says hello in the personal chat (so the bot keeps how to reach them) and registers with sluttid
    `end`, through the service layer (what a submitted form does, without the card round trip)."""
    await client.post("/api/messages", json=personal_message(user, service_url, "hjälp"))
    await app[SERVICES].sessions.register(person(user), form_ending(end), user.locale)


def due_card(end: datetime) -> str:
    """The summary of the at-sluttid card for sluttid `end`."""
    return f"Sluttid kl. {end.astimezone(STOCKHOLM):%H:%M} – hur gick det?"
