"""Services on a real Azurite with a fake clock and a recording notifier: the engine and scheduler under test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.domain.clock import FakeClock
from bot.store.tables import TableStore
from tests.support.world import START, World, form, make_world, person

__all__ = ["START", "World", "form", "make_world", "person"]


@pytest.fixture
async def store(storage_connection_string: str, table_prefix: str) -> AsyncIterator[TableStore]:
    store = TableStore.from_connection_string(storage_connection_string, table_prefix)
    await store.ensure_tables()
    yield store
    await store.drop_all()
    await store.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def world(store: TableStore, clock: FakeClock) -> World:
    return make_world(store, clock, "instance-a")
