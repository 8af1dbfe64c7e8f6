"""What the app costs while nothing is due: storage requests a minute and RSS, with 100 and with 10,000 people
waiting (each with an active session whose reminder falls due tomorrow), measured from outside.

app.py runs as a real process with the real scheduler; its storage calls go through a counting proxy in front
of an in-memory Azurite, so every request the app makes is counted, whatever code path makes it. The idle cost
must not grow with the number of waiting sessions: the sweep reads a key range of what is due (nothing), and
nothing else reads sessions on a timer.

The waiting sessions are one real registration (through the service layer) copied row for row, with the
person's key replaced (bench/seed.py), so seeding 10,000 takes a minute rather than the ten a registration each
would.

    .venv/bin/python -m bench.idle [--sessions 100,10000] [--minutes 1]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bench.process import spawn_app, wait_ready
from bench.seed import copy_person
from bench.storage_proxy import counting_proxy
from bench.world import crowd, sign_up
from bot.config import load_config
from bot.store.tables import TableStore
from tests.support.activities import CHANNEL_ID, TEAM_ID, TeamsUser
from tests.support.azurite import dev_connection_string, start_azurite_table
from tests.support.connector import running_connector


async def template(env: dict[str, str], connector_url: str, user: TeamsUser) -> None:
    """One real person: hello (the bot keeps their chat), then a registration ending tomorrow."""
    app = create_app(load_config(env), run_scheduler=False)
    async with TestClient(TestServer(app)) as client:
        end = (datetime.now(UTC) + timedelta(days=1)).replace(second=0, microsecond=0)
        await sign_up(app, client, connector_url, user, end)


@dataclass
class Outcome:
    sessions: int
    per_minute: float
    by_kind: Counter[str]
    rss_mb: float
    seed_seconds: float

    def line(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in self.by_kind.most_common())
        return (
            f"  {self.sessions:>6} waiting   {self.per_minute:5.0f} storage requests a minute ({kinds})"
            f"   app RSS {self.rss_mb:.0f} MB   (seeded in {self.seed_seconds:.0f} s)"
        )


async def measure(sessions: int, minutes: float) -> Outcome:
    azurite = start_azurite_table()
    try:
        async with (
            running_connector() as connector,
            counting_proxy(f"http://{azurite.host}:{azurite.port}") as (
                port,
                counted,
            ),
        ):
            env = {
                "TRYGGHET_STORAGE": dev_connection_string("127.0.0.1", port),
                "TRYGGHET_OPERATOR_CHANNEL": f"{TEAM_ID}|{CHANNEL_ID}|{connector.url}",
                "TRYGGHET_LOG_LEVEL": "WARNING",
            }
            started = asyncio.get_running_loop().time()
            first, *others = crowd(sessions)
            await template(env, connector.url, first)
            store = TableStore.from_connection_string(azurite.connection_string)
            try:
                await copy_person(store, first, others)
            finally:
                await store.close()
            seeded = asyncio.get_running_loop().time() - started
            app = spawn_app(env)
            try:
                await wait_ready(app)
                await asyncio.sleep(10)  # past start-up (tables opened, first sweeps)
                counted.requests.clear()
                await asyncio.sleep(minutes * 60)
                snapshot = Counter(counted.requests)
                rss = app.rss_mb()
            finally:
                app.process.terminate()
                await asyncio.to_thread(app.process.wait, 30)  # the other size's seeding goes on meanwhile
            per_minute = Counter({kind: round(n / minutes) for kind, n in snapshot.items()})
            return Outcome(sessions, sum(snapshot.values()) / minutes, per_minute, rss, seeded)
    finally:
        azurite.stop()


async def run(counts: list[int], minutes: float) -> list[Outcome]:
    """Each size at once, with its own Azurite, proxy and app: what is counted is requests, which the app makes
    on its timers whatever else the machine does, so the sizes do not disturb each other's figures."""
    return list(await asyncio.gather(*(measure(n, minutes) for n in counts)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.idle", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="100,10000", help="comma-separated numbers of waiting sessions")
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to count, after start-up")
    args = parser.parse_args(argv)
    outcomes = asyncio.run(run([int(n) for n in args.sessions.split(",")], args.minutes))
    print("idle: nothing due")
    for outcome in outcomes:
        print(outcome.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
