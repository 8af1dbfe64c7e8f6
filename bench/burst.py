"""Many people at one sluttid, measured from outside: app.py as real processes with the real scheduler on the wall
clock, an in-memory Azurite, and the Bot Connector stand-in recording when each card arrives.

Everyone's reminder falls due at one instant, and their at-sluttid card a minute later; one more person's
escalation falls due 5 s into that burst. Each card's lag runs from its due instant to its arrival at the
stand-in. Also: lost and duplicated cards, the app's CPU per card and its RSS.

    .venv/bin/python -m bench.burst [--people 1000] [--pace 50] [--instances 1] [--profile FILE]

`--pace 0` turns pacing off (the raw throughput); the default is Teams' 50 calls a second per app. It exits
non-zero when a card was lost or duplicated, so `.ci/run` runs a small one (timing is not judged there).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, create_app
from bench import world
from bench.world import due_card, form_ending
from bot.config import load_config
from tests.e2e.escalation_support import person
from tests.support.activities import CHANNEL_ID, TEAM_ID, TeamsUser, personal_message
from tests.support.azurite import REPO_ROOT, free_port, start_azurite_table
from tests.support.connector import BotConnectorStub, running_connector

LEAD = timedelta(seconds=60)  # reminders a minute before sluttid
GRACE = timedelta(seconds=65)  # the alarm person's escalation: 5 s into the at-sluttid burst
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Lags:
    values: list[float] = field(default_factory=list)

    def pct(self, p: float) -> float:
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, math.ceil(len(ordered) * p) - 1)] if ordered else float("nan")

    def line(self) -> str:
        if not self.values:
            return "none arrived"
        return (
            f"p50 {statistics.median(self.values):6.2f} s  p95 {self.pct(0.95):6.2f} s  p99 {self.pct(0.99):6.2f} s"
            f"  max {max(self.values):6.2f} s"
        )


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
        return "\n".join(rows)


@dataclass(frozen=True)
class Measured:
    cpu: float  # seconds of app CPU from just before the reminders to the end
    rss: float
    register_seconds: float
    pace: float
    instances: int


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def register_all(
    env: dict[str, str], connector: BotConnectorStub, people: list[TeamsUser], alarm: TeamsUser
) -> tuple[datetime, float]:
    """Everyone says hello (so the bot knows their chat) and registers; returns the common sluttid."""
    started = time.monotonic()
    app = create_app(load_config(env), run_scheduler=False)
    gate = asyncio.Semaphore(20)
    async with TestClient(TestServer(app)) as client:

        async def hello(user: TeamsUser) -> None:
            async with gate:
                await client.post("/api/messages", json=personal_message(user, connector.url, "hjälp"))

        await asyncio.gather(*(hello(u) for u in [*people, alarm]))
        # Time enough to register everyone (about 20 a second here) and start the app before the reminders.
        ahead = timedelta(seconds=len(people) / 15 + 40) + LEAD
        end = (datetime.now(UTC) + ahead + timedelta(minutes=1)).replace(second=0, microsecond=0)

        async def register(user: TeamsUser, sluttid: datetime) -> None:
            async with gate:
                await app[SERVICES].sessions.register(person(user), form_ending(sluttid), user.locale)

        await register(alarm, end - timedelta(minutes=1))
        await asyncio.gather(*(register(u, end) for u in people))
    return end, time.monotonic() - started


def app_log() -> IO[bytes] | int:
    """Where the app's log goes: BENCH_APP_LOG names a file to append to (for a look at what it did)."""
    path = os.environ.get("BENCH_APP_LOG")
    return Path(path).open("ab") if path else subprocess.DEVNULL


def spawn_app(env: dict[str, str], profile: str = "") -> subprocess.Popen[bytes]:
    """app.py as deployed; with `profile`, under cProfile, its statistics written there at exit."""
    return subprocess.Popen(
        [sys.executable, *(["-m", "cProfile", "-o", profile] if profile else []), "app.py"],
        cwd=REPO_ROOT,
        env={**os.environ, **env, "PORT": str(free_port())},
        stdout=subprocess.DEVNULL,
        stderr=app_log(),
    )


async def run(people: int, pace: float, instances: int, profile: str = "") -> Outcome:
    azurite = start_azurite_table()
    try:
        async with running_connector() as connector:
            env = {
                "TRYGGHET_STORAGE": azurite.connection_string,
                "TRYGGHET_REMINDER_LEAD": str(LEAD.total_seconds()),
                "TRYGGHET_GRACE": str(GRACE.total_seconds()),
                "TRYGGHET_PACE_APP": str(pace),
                "TRYGGHET_OPERATOR_CHANNEL": f"{TEAM_ID}|{CHANNEL_ID}|{connector.url}",
                "TRYGGHET_LOG_LEVEL": os.environ.get("BENCH_APP_LOG_LEVEL", "WARNING"),
            }
            crowd, alarm = world.crowd(people), TeamsUser("0f3a1c2e-8888-4a4a-9b9b-000000000001", "Alma Larm")
            end, register_seconds = await register_all(env, connector, crowd, alarm)
            reminder_due, escalation_due = end - LEAD, end - timedelta(minutes=1) + GRACE
            if datetime.now(UTC) > reminder_due - timedelta(seconds=5):
                print("registration ran late: the reminders are already due", file=sys.stderr)
            connector.clear()
            processes = [spawn_app(env, profile if n == 0 else "") for n in range(instances)]
            try:
                await asyncio.sleep(max((reminder_due - datetime.now(UTC)).total_seconds(), 0) - 1)
                cpu_before = sum(cpu_seconds(p.pid) for p in processes)
                deadline = end + timedelta(seconds=max(40, people / max(pace, 1) * 2 + 10))
                while datetime.now(UTC) < deadline:
                    await asyncio.sleep(1)
                    if len(connector.sent_activities()) >= 2 * people + 1 and connector.created_conversations():
                        break
                await asyncio.sleep(1)
                cpu = sum(cpu_seconds(p.pid) for p in processes) - cpu_before
                rss = max(rss_mb(p.pid) for p in processes)
            finally:
                for process in processes:
                    process.send_signal(signal.SIGTERM)
                for process in processes:
                    process.wait(timeout=30)
            measured = Measured(cpu, rss, register_seconds, pace, instances)
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
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.burst", description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--pace", type=float, default=50.0, help="calls to Teams a second per app (0: no pacing)")
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--profile", default="", help="run the (first) app under cProfile, statistics to this file")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.people, args.pace, args.instances, args.profile))
    print(result.table())
    return 1 if result.lost or result.duplicates else 0


if __name__ == "__main__":
    raise SystemExit(main())
