"""Scenario 3: end-to-end latency of POST /api/messages ("hjälp") through the real aiohttp app to the connector.

The app is app.create_app with a FakeClock and no scheduler, configured from the environment variables a
deployment uses; botbuilder posts its reply to the recording Bot Connector stand-in, so a request's latency
includes the reply's round trip. Every request must produce exactly one reply, and it must be the help text.
"""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bench.report import Row, Section
from bench.world import new_prefix, scratch_store, timed_each
from bot.config import load_config
from bot.domain.clock import FakeClock
from bot.i18n import texts_for
from tests.support.activities import ANNA, personal_message
from tests.support.connector import BotConnectorStub, running_connector
from tests.support.world import START

WARM_UP = 5
CONCURRENCY = 10


async def _post(client: TestClient, connector: BotConnectorStub, text: str) -> None:
    response = await client.post("/api/messages", json=personal_message(ANNA, connector.url, text))
    await response.read()
    if response.status not in (200, 201, 202):
        raise RuntimeError(f"POST /api/messages answered {response.status}")


def _check_replies(section: Section, connector: BotConnectorStub, variant: str, count: int) -> None:
    sent: list[dict[str, Any]] = connector.sent_activities()
    # the help card goes out with the phone fallback as its text (shown even where cards are not)
    fallback = texts_for(ANNA.locale).t("fallback.phone")
    helpful = sum(1 for a in sent if (a.get("text") or "") == fallback and a.get("attachments"))
    section.check(
        f"e2e {variant}: exactly one help reply per request",
        len(sent) == count and helpful == count,
        f"{count} requests, {len(sent)} activities sent, {helpful} with the help text",
    )


async def run(connection_string: str, count: int) -> Section:
    section = Section()
    prefix = new_prefix()
    env = {"TRYGGHET_STORAGE": connection_string, "TRYGGHET_TABLE_PREFIX": prefix}
    # scratch_store only drops the tables afterwards; the app opens (and creates) them itself.
    async with scratch_store(connection_string, prefix), running_connector() as connector:
        app = create_app(load_config(env), FakeClock(START), run_scheduler=False)
        async with TestClient(TestServer(app)) as client:
            for _ in range(WARM_UP):
                await _post(client, connector, "hjälp")

            for variant, concurrency in (("sequential", 1), (f"concurrency {CONCURRENCY}", CONCURRENCY)):
                connector.clear()
                timing, _ = await timed_each(count, concurrency, lambda _i: _post(client, connector, "hjälp"))
                section.rows.append(Row.from_timing("POST /api/messages", variant, timing, "req/s"))
                _check_replies(section, connector, variant, count)
    return section
