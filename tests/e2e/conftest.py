"""The end-to-end fixture: the real aiohttp app on Azurite, talking to the recording Bot Connector stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, SWEEPER, create_app
from bot.config import load_config
from bot.domain.clock import FakeClock
from tests.support.harness import BotHarness

START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00 in Stockholm


@pytest.fixture
def bot_env(storage_connection_string: str, table_prefix: str) -> dict[str, str]:
    """Environment for the app under test; tests may add TRYGGHET_* settings before `harness` is built."""
    return {
        "TRYGGHET_STORAGE": storage_connection_string,
        "TRYGGHET_TABLE_PREFIX": table_prefix,
        "TRYGGHET_ADMINS": "0f3a1c2e-6666-4a4a-9b9b-000000000006",
    }


@pytest.fixture
async def harness(bot_env: dict[str, str], connector: object) -> AsyncIterator[BotHarness]:
    clock = FakeClock(START)
    app = create_app(load_config(bot_env), clock, run_scheduler=False)
    async with TestClient(TestServer(app)) as client:
        yield BotHarness(client, connector, clock, app[SERVICES], app[SWEEPER])  # type: ignore[arg-type]
