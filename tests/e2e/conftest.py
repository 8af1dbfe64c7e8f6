"""The end-to-end fixture: the real aiohttp app on Azurite, talking to the recording Bot Connector stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, SWEEPER, create_app
from bot.config import load_config
from bot.domain.clock import FakeClock
from tests.support.connector import BotConnectorStub
from tests.support.harness import BotHarness, unchecked_traffic

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
async def harness(
    bot_env: dict[str, str], connector: BotConnectorStub, request: pytest.FixtureRequest
) -> AsyncIterator[BotHarness]:
    """The app under test. At teardown, a test fails if the bot sent anything on its own (a card, a thread
    reply, an update) that the test never looked at: an extra notification is a bug, as GoAlert's smoke harness
    holds. A test that only checks the store says so with @pytest.mark.traffic_unchecked("why")."""
    clock = FakeClock(START)
    app = create_app(load_config(bot_env), clock, run_scheduler=False)
    async with TestClient(TestServer(app)) as client:
        yield BotHarness(client, connector, clock, app[SERVICES], app[SWEEPER])
    if request.node.get_closest_marker("traffic_unchecked") is None and (left := unchecked_traffic(connector)):
        pytest.fail(f"the bot sent messages this test never checked:\n{left}", pytrace=False)
