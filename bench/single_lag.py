"""A single card's lag from its due instant, with the real scheduler on the wall clock: the app as deployed
(sweeping at each timer's due instant, with a 5 s safety poll), a private Azurite and the connector stand-in.
Each round one person's reminder falls due, at another phase of the safety poll; the card's arrival at the
stand-in is compared with its due instant.

    .venv/bin/python -m bench.single_lag [--rounds 6] [--people 1]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bench.report import Lags
from bench.world import crowd, sign_up
from bot.config import load_config
from tests.support.azurite import start_azurite_table
from tests.support.connector import BotConnectorStub, running_connector

FIRST_DUE = 4.0  # seconds after a round starts: time enough to register first (about 1 s here)
WAIT = 8.0  # seconds after the due instant that a round waits for its cards at most


def reminders(connector: BotConnectorStub) -> dict[str, float]:
    return {
        str(call.params.get("conversationId")): call.at
        for call in connector.calls
        if call.route in ("send_activity", "reply_to_activity")
        and isinstance(call.body, dict)
        and str(call.body.get("summary", "")).startswith("Påminnelse")
    }


async def one_round(offset: float, people: int) -> list[float]:
    azurite = start_azurite_table()
    try:
        now = datetime.now(UTC)
        end = (now + timedelta(minutes=2)).replace(second=0, microsecond=0)
        due = now + timedelta(seconds=offset)
        env = {
            "TRYGGHET_STORAGE": azurite.connection_string,
            "TRYGGHET_REMINDER_LEAD": str((end - due).total_seconds()),
        }
        async with running_connector() as connector:
            app = create_app(load_config(env))
            async with TestClient(TestServer(app)) as client:
                users = crowd(people)
                for user in users:
                    await sign_up(app, client, connector.url, user, end)
                deadline = due.timestamp() + WAIT
                while time.time() < deadline and len(reminders(connector)) < people:
                    await asyncio.sleep(0.2)
                arrivals = reminders(connector)
        if len(arrivals) != people:
            print(f"only {len(arrivals)} of {people} reminders arrived")
        return sorted(at - due.timestamp() for at in arrivals.values())
    finally:
        azurite.stop()


async def run(rounds: int, people: int) -> Lags:
    """`rounds` rounds, each due at another phase of the 5 s safety poll."""
    lags = Lags()
    for n in range(rounds):
        lags.values += await one_round(FIRST_DUE + n * 5.0 / rounds, people)
    return lags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.single_lag", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--people", type=int, default=1, help="reminders due at the same instant in each round")
    args = parser.parse_args(argv)
    lags = asyncio.run(run(args.rounds, args.people))
    print(f"a card's lag after its due instant, {len(lags.values)} cards in {args.rounds} rounds: {lags.line()}")
    return 0 if len(lags.values) == args.rounds * args.people else 1


if __name__ == "__main__":
    raise SystemExit(main())
