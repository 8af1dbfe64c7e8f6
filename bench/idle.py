"""What the app costs while nothing is due: storage requests a minute and RSS, with 100 and with 10,000 people
waiting (each with an active session whose reminder falls due tomorrow), measured from outside.

app.py runs as a real process with the real scheduler; its storage calls go through a counting proxy in front
of an in-memory Azurite, so every request the app makes is counted, whatever code path makes it. The idle cost
must not grow with the number of waiting sessions: the sweep reads a key range of what is due (nothing), and
nothing else reads sessions on a timer.

The waiting sessions are one real registration (through the service layer) copied row for row, with the
person's key replaced, so seeding 10,000 takes a minute rather than the ten a registration each would.

    .venv/bin/python -m bench.idle [--sessions 100,10000] [--minutes 1]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from azure.data.tables import TableEntity, UpdateMode

from app import create_app
from bench.process import spawn_app, wait_ready
from bench.storage_proxy import counting_proxy
from bench.world import crowd, sign_up
from bot.config import load_config
from bot.store.keys import safe_key
from bot.store.tables import TableStore
from bot.store.timers import timer_partition
from tests.support.activities import CHANNEL_ID, TEAM_ID, TeamsUser
from tests.support.azurite import dev_connection_string, start_azurite_table
from tests.support.connector import running_connector

BATCH = 100  # the Table service's limit of operations in one transaction


async def template(env: dict[str, str], connector_url: str, user: TeamsUser) -> None:
    """One real person: hello (the bot keeps their chat), then a registration ending tomorrow."""
    app = create_app(load_config(env), run_scheduler=False)
    async with TestClient(TestServer(app)) as client:
        end = (datetime.now(UTC) + timedelta(days=1)).replace(second=0, microsecond=0)
        await sign_up(app, client, connector_url, user, end)


def _swap(entity: TableEntity, old: tuple[str, str], new: tuple[str, str]) -> dict[str, Any]:
    """The entity with a person's key (raw and as a row key part) replaced everywhere in its strings."""

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(old[0], new[0]).replace(old[1], new[1])
        return value

    return {key: swap(value) for key, value in entity.items()}


async def copy_person(store: TableStore, original: TeamsUser, copies: list[TeamsUser]) -> None:
    """Write each copy's rows as the original's: its sessions partition in one transaction (as a registration
    writes it), its timer and profile rows in transactions of BATCH."""
    old = (original.aad, safe_key(original.aad))
    sessions, timers, profiles = store.table("sessions"), store.table("timers"), store.table("profiles")
    own = [e async for e in sessions.query_entities(f"PartitionKey eq '{old[1]}'")]
    timer_rows = [e async for e in timers.list_entities() if e["UserKey"] == original.aad]
    profile_rows = [e async for e in profiles.query_entities(f"RowKey eq '{old[1]}'")]
    gate = asyncio.Semaphore(16)

    async def one(copy: TeamsUser) -> None:
        new = (copy.aad, safe_key(copy.aad))
        async with gate:
            await sessions.submit_transaction(
                [("upsert", _swap(e, old, new), {"mode": UpdateMode.REPLACE}) for e in own]
            )

    async def shared(client: Any, rows: list[TableEntity], timer: bool = False) -> None:
        """Upsert every copy of `rows`, in transactions of BATCH within one partition (a copied timer's row key
        names another user, so its bucket is computed again)."""
        by_partition: dict[str, list[Any]] = {}
        for c in copies:
            for e in rows:
                row = _swap(e, old, (c.aad, safe_key(c.aad)))
                if timer:
                    row["PartitionKey"] = timer_partition(row["RowKey"])
                by_partition.setdefault(row["PartitionKey"], []).append(("upsert", row, {"mode": UpdateMode.REPLACE}))
        for ops in by_partition.values():
            for start in range(0, len(ops), BATCH):
                async with gate:
                    await client.submit_transaction(ops[start : start + BATCH])

    await asyncio.gather(
        *(one(c) for c in copies), shared(timers, timer_rows, timer=True), shared(profiles, profile_rows)
    )


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
                app.process.wait(timeout=30)
            per_minute = Counter({kind: round(n / minutes) for kind, n in snapshot.items()})
            return Outcome(sessions, sum(snapshot.values()) / minutes, per_minute, rss, seeded)
    finally:
        azurite.stop()


async def run(counts: list[int], minutes: float) -> list[Outcome]:
    return [await measure(n, minutes) for n in counts]


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
