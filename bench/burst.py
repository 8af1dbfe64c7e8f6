"""Many people at one sluttid, measured from outside: app.py as real processes with the real scheduler on the wall
clock, an in-memory Azurite, and the Bot Connector stand-in recording when each card arrives.

Everyone's reminder falls due at one instant, just after they are all registered, and their at-sluttid card 45 to
105 s later (a sluttid is a whole minute); one more person's escalation falls due 5 s into that burst. Each card's
lag runs from its due instant to its arrival at the stand-in. Also: lost and duplicated cards, the app's CPU per card
and its RSS, and with `--count-storage` the storage requests per card (through a counting proxy, all processes,
the idle sweeps during the burst included).

    .venv/bin/python -m bench.burst [--people 1000] [--pace 50] [--instances 1] [--profile FILE] [--count-storage]

`--pace 0` turns pacing off (the raw throughput); the default is Teams' 50 calls a second per app. It exits
non-zero when a card was lost or duplicated, so `.ci/run` runs a small one (timing is not judged there).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from collections import Counter
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bench import world
from bench.process import spawn_app
from bench.report import Lags
from bench.seed import copy_person
from bench.storage_proxy import counting_proxy
from bench.world import due_card, sign_up
from bot.config import load_config
from bot.store.tables import TableStore
from tests.support.activities import CHANNEL_ID, TEAM_ID, TeamsUser
from tests.support.azurite import dev_connection_string, start_azurite_table
from tests.support.connector import BotConnectorStub, running_connector

MIN_LEAD = timedelta(seconds=45)  # reminders at least this long before the sluttid

GRACE = timedelta(seconds=65)  # the alarm person's escalation: 5 s into the at-sluttid burst


@dataclass
class Outcome:
    people: int
    pace: float
    instances: int
    reminders: Lags
    at_sluttid: Lags
    escalation: float | None
    reminders_late: int  # arrived after their sluttid
    lost: int
    duplicates: int
    throughput: float  # at-sluttid cards a second, first to last
    cpu_ms_per_card: float
    rss_mb: float
    register_seconds: float
    storage_per_card: float | None = None  # with count_storage
    storage_requests: Counter[str] | None = None

    def table(self) -> str:
        rows = [
            f"burst of {self.people}, pace {self.pace or 'off'} calls/s, {self.instances} process(es)",
            f"  reminders (due together)   {self.reminders.line()}   after their sluttid: {self.reminders_late}",
            f"  at-sluttid cards           {self.at_sluttid.line()}",
            f"  escalation due mid-burst   {'never arrived' if self.escalation is None else f'{self.escalation:.2f} s'}"
            "",
            f"  throughput                 {self.throughput:.0f} cards/s (first to last at-sluttid card)",
            f"  lost / duplicated          {self.lost} / {self.duplicates}",
            f"  app CPU                    {self.cpu_ms_per_card:.1f} ms per card (all processes)",
            f"  app RSS                    {self.rss_mb:.0f} MB (largest process, {self.people + 1} sessions)",
            f"  (registration took {self.register_seconds:.0f} s)",
        ]
        if self.storage_per_card is not None and self.storage_requests is not None:
            top = ", ".join(f"{kind} {n}" for kind, n in self.storage_requests.most_common(6))
            rows.insert(-1, f"  storage requests           {self.storage_per_card:.1f} per card ({top})")
        return "\n".join(rows)


@dataclass(frozen=True)
class Measured:
    cpu: float  # seconds of app CPU from just before the reminders to the end
    rss: float
    register_seconds: float
    pace: float
    instances: int
    storage: Counter[str] | None = None


async def register_all(
    env: dict[str, str], connector: BotConnectorStub, people: list[TeamsUser], alarm: TeamsUser
) -> tuple[datetime, timedelta, float]:
    """Everyone has a chat with the bot and a registration ending at one sluttid; the alarm person's ends a minute
    earlier. The first person and the alarm person say hello and register for real; the others are copies of the
    first (bench/seed.py). Returns the common sluttid and the reminder lead, chosen so that the reminders fall due
    just after the seeding (env gets it)."""
    started = time.monotonic()
    # Seeding takes about 1/80 s a person here; then the app starts. A sluttid is a whole minute, so the lead
    # takes up the rest of that minute (at least MIN_LEAD, for the reminders to go before the sluttid burst). The
    # alarm person's sluttid, a minute earlier, must still be ahead when they register.
    reminders_from = datetime.now(UTC) + timedelta(seconds=len(people) / 60 + 10)
    earliest = max(reminders_from + MIN_LEAD, datetime.now(UTC) + timedelta(seconds=65))
    end = (earliest + timedelta(seconds=59)).replace(second=0, microsecond=0)
    lead = end - reminders_from
    env["TRYGGHET_REMINDER_LEAD"] = str(round(lead.total_seconds(), 3))
    app = create_app(load_config(env), run_scheduler=False)
    first, *others = people
    async with TestClient(TestServer(app)) as client:
        await sign_up(app, client, connector.url, alarm, end - timedelta(minutes=1))
        await sign_up(app, client, connector.url, first, end)
    store = TableStore.from_connection_string(env["TRYGGHET_STORAGE"])
    try:
        await copy_person(store, first, others)
    finally:
        await store.close()
    return end, lead, time.monotonic() - started


async def run(people: int, pace: float, instances: int, profile: str = "", count_storage: bool = False) -> Outcome:
    azurite = start_azurite_table()
    try:
        async with AsyncExitStack() as stack:
            connector = await stack.enter_async_context(running_connector())
            storage, counted = azurite.connection_string, None
            if count_storage:
                proxy = counting_proxy(f"http://{azurite.host}:{azurite.port}")
                port, counted = await stack.enter_async_context(proxy)
                storage = dev_connection_string("127.0.0.1", port)
            env = {
                "TRYGGHET_STORAGE": storage,
                "TRYGGHET_GRACE": str(GRACE.total_seconds()),
                "TRYGGHET_PACE_APP": str(pace),
                "TRYGGHET_OPERATOR_CHANNEL": f"{TEAM_ID}|{CHANNEL_ID}|{connector.url}",
                "TRYGGHET_LOG_LEVEL": os.environ.get("BENCH_APP_LOG_LEVEL", "WARNING"),
            }
            crowd, alarm = world.crowd(people), TeamsUser("0f3a1c2e-8888-4a4a-9b9b-000000000001", "Alma Larm")
            end, lead, register_seconds = await register_all(env, connector, crowd, alarm)
            reminder_due, escalation_due = end - lead, end - timedelta(minutes=1) + GRACE
            if datetime.now(UTC) > reminder_due - timedelta(seconds=5):
                print("registration ran late: the reminders are already due", file=sys.stderr)
            connector.clear()
            if counted is not None:
                counted.requests.clear()
            processes = [spawn_app(env, profile if n == 0 else "") for n in range(instances)]
            try:
                await asyncio.sleep(max((reminder_due - datetime.now(UTC)).total_seconds(), 0) - 1)
                cpu_before = sum(p.cpu_seconds() for p in processes)
                deadline = end + timedelta(seconds=max(40, people / max(pace, 1) * 2 + 10))
                while datetime.now(UTC) < deadline:
                    await asyncio.sleep(1)
                    if len(connector.sent_activities()) >= 2 * people + 1 and connector.created_conversations():
                        break
                await asyncio.sleep(1)
                cpu = sum(p.cpu_seconds() for p in processes) - cpu_before
                rss = max(p.rss_mb() for p in processes)
                requests = Counter(counted.requests) if counted is not None else None
            finally:
                for app in processes:
                    app.process.send_signal(signal.SIGTERM)
                for app in processes:
                    app.process.wait(timeout=30)
            measured = Measured(cpu, rss, register_seconds, pace, instances, requests)
            return outcome(connector, crowd, end, reminder_due, escalation_due, measured)
    finally:
        azurite.stop()


def outcome(
    connector: BotConnectorStub,
    crowd: list[TeamsUser],
    end: datetime,
    reminder_due: datetime,
    escalation_due: datetime,
    measured: Measured,
) -> Outcome:
    due_summary = due_card(end)
    reminders, at_sluttid = Lags(), Lags()
    seen: Counter[tuple[str, str]] = Counter()
    late = 0
    arrivals: list[float] = []
    conversations = {u.conversation_id for u in crowd}
    for call in connector.calls:
        body = call.body if isinstance(call.body, dict) else {}
        conversation = call.params.get("conversationId", "")
        if call.route not in ("send_activity", "reply_to_activity") or conversation not in conversations:
            continue
        summary = str(body.get("summary", ""))
        if summary.startswith("Påminnelse"):
            seen[(conversation, "reminder")] += 1
            reminders.values.append(call.at - reminder_due.timestamp())
            late += call.at > end.timestamp()
        elif summary == due_summary:
            seen[(conversation, "due")] += 1
            at_sluttid.values.append(call.at - end.timestamp())
            arrivals.append(call.at)
    threads = [c for c in connector.calls if c.route == "create_conversation" and c.status < 300]
    escalation = threads[0].at - escalation_due.timestamp() if threads else None
    expected = {(c, kind) for c in conversations for kind in ("reminder", "due")}
    lost = len(expected - set(seen))
    duplicates = sum(n - 1 for n in seen.values() if n > 1) + max(len(threads) - 1, 0)
    span = max(arrivals) - min(arrivals) if len(arrivals) > 1 else float("nan")
    cards = len(reminders.values) + len(at_sluttid.values) + len(threads)
    return Outcome(
        people=len(crowd),
        pace=measured.pace,
        instances=measured.instances,
        reminders=reminders,
        at_sluttid=at_sluttid,
        escalation=escalation,
        reminders_late=late,
        lost=lost,
        duplicates=duplicates,
        throughput=len(arrivals) / span if span else float("nan"),
        cpu_ms_per_card=measured.cpu * 1000 / max(cards, 1),
        rss_mb=measured.rss,
        register_seconds=measured.register_seconds,
        storage_per_card=sum(measured.storage.values()) / max(cards, 1) if measured.storage is not None else None,
        storage_requests=measured.storage,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.burst", description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--pace", type=float, default=50.0, help="calls to Teams a second per app (0: no pacing)")
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--profile", default="", help="run the (first) app under cProfile, statistics to this file")
    parser.add_argument("--count-storage", action="store_true", help="count storage requests (through a proxy)")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.people, args.pace, args.instances, args.profile, args.count_storage))
    print(result.table())
    return 1 if result.lost or result.duplicates else 0


if __name__ == "__main__":
    raise SystemExit(main())
