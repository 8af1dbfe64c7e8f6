"""A card's lag from its due instant, with the real scheduler on the wall clock: the app as deployed (sweep
interval 5 s as a safety poll, waking at each timer's due instant), a private Azurite and the connector stand-in.
Ten people's reminders fall due at one instant, three times at different phases of the safety poll; each
card's arrival is compared with its due instant.
Run: `.venv/bin/python -m bench.single_lag`.
"""

from __future__ import annotations

import asyncio
import statistics
from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, create_app
from bench.world import crowd, form_ending
from bot.config import load_config
from tests.e2e.escalation_support import person
from tests.support.activities import personal_message
from tests.support.azurite import start_azurite_table
from tests.support.connector import running_connector

PEOPLE = 10


async def one_round(offset: float) -> list[float]:
    azurite = start_azurite_table()
    try:
        now = datetime.now(UTC)
        end = (now + timedelta(minutes=2)).replace(second=0, microsecond=0)
        due = now + timedelta(seconds=offset)  # time enough to register everyone first
        lead = end - due
        env = {"TRYGGHET_STORAGE": azurite.connection_string, "TRYGGHET_REMINDER_LEAD": str(lead.total_seconds())}
        async with running_connector() as connector:
            app = create_app(load_config(env))
            async with TestClient(TestServer(app)) as client:
                users = crowd(PEOPLE)
                for user in users:
                    await client.post("/api/messages", json=personal_message(user, connector.url, "hjälp"))
                    await app[SERVICES].sessions.register(person(user), form_ending(end), user.locale)
                await asyncio.sleep(max((due - datetime.now(UTC)).total_seconds(), 0) + 8)
                arrivals = {
                    call.params.get("conversationId"): call.at
                    for call in connector.calls
                    if call.route in ("send_activity", "reply_to_activity")
                    and isinstance(call.body, dict)
                    and str(call.body.get("summary", "")).startswith("Påminnelse")
                }
        lags = sorted(at - due.timestamp() for at in arrivals.values())
        if len(lags) != PEOPLE:
            print(f"only {len(lags)} of {PEOPLE} reminders arrived")
        return lags
    finally:
        azurite.stop()


async def main() -> None:
    """Three rounds, each due at another phase of the 5 s safety poll."""
    lags: list[float] = []
    for offset in (20.0, 21.7, 23.4):
        got = await one_round(offset)
        print(offset, [round(x, 2) for x in got])
        lags += got
    lags.sort()
    p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))]
    print(
        f"reminder lag after its due instant, {len(lags)} cards in 3 rounds: p50 {statistics.median(lags):.2f} s,"
        f" p99 {p99:.2f} s, max {lags[-1]:.2f} s"
    )


if __name__ == "__main__":
    asyncio.run(main())
