"""Fault latencies, measured against real processes: a private on-disk Azurite (paused with SIGSTOP, stopped),
the Bot Connector stand-in told to throttle or hang, and the real app. Prints one line per fault: what a person
saw and how long it took. Run: `.venv/bin/python -m bench.faults`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, SWEEPER, create_app
from bench.world import crowd, due_card, sign_up
from bot.config import load_config
from bot.domain.clock import FakeClock
from tests.e2e.escalation_support import person
from tests.support.activities import ANNA, BERTIL, TeamsUser, personal_message
from tests.support.azurite import free_port, start_azurite_table
from tests.support.connector import BotConnectorStub, Fault, running_connector
from tests.support.forms import REGIONHALSAN, registration_form
from tests.support.world import START

DUE = "Sluttid kl. 13:30 – hur gick det?"


async def say(client: TestClient, connector: BotConnectorStub, user: TeamsUser, text: str) -> tuple[float, str]:
    """Time to the bot's text answer in the person's chat (cards that other deliveries send meanwhile aside)."""
    before = len(connector.sent_activities())
    started = time.monotonic()
    await client.post("/api/messages", json=personal_message(user, connector.url, text))
    sent = [a for a in connector.sent_activities()[before:] if a.get("text") and not a.get("attachments")]
    return time.monotonic() - started, sent[-1]["text"] if sent else "(nothing)"


async def card_lag(connector: BotConnectorStub, user: TeamsUser, started: float, limit: float = 30) -> float | None:
    while time.monotonic() - started < limit:
        if DUE in [a.get("summary") for a in connector.sent_activities(user.conversation_id)]:
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    return None


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        azurite = start_azurite_table(location=Path(folder))
        assert azurite.process is not None
        try:
            async with running_connector() as connector:
                env = {"TRYGGHET_STORAGE": azurite.connection_string}
                clock = FakeClock(START)
                app = create_app(load_config(env), clock, run_scheduler=False)
                async with TestClient(TestServer(app)) as client:
                    services, sweeper = app[SERVICES], app[SWEEPER]
                    for user in (ANNA, BERTIL):
                        await say(client, connector, user, "hjälp")
                        form = registration_form(REGIONHALSAN, end_time="13:30", end_date="2026-11-25")
                        await services.sessions.register(person(user), form, user.locale)
                    rows = []

                    os.kill(azurite.process.pid, signal.SIGSTOP)
                    took, text = await say(client, connector, ANNA, "status")
                    os.kill(azurite.process.pid, signal.SIGCONT)
                    rows.append(("storage hung (SIGSTOP)", f"{took:.1f} s", text))

                    connector.fail(ANNA.conversation_id, Fault(429, retry_after=2))
                    connector.fail(BERTIL.conversation_id, Fault(hang=10, status=504))
                    clock.advance(timedelta(minutes=30))
                    started = time.monotonic()
                    sweep = asyncio.ensure_future(sweeper.sweep(patience=1.0))
                    anna, bertil = await asyncio.gather(
                        card_lag(connector, ANNA, started), card_lag(connector, BERTIL, started, limit=3)
                    )
                    await sweep
                    rows.append(("429 Retry-After: 2 (Anna's card)", f"{anna:.1f} s" if anna else "not yet", DUE))
                    rows.append(
                        (
                            "Bertil's conversation hung 10 s",
                            "pending" if bertil is None else f"{bertil:.1f} s",
                            "his card is retried later; Anna's was not held up",
                        )
                    )

                    azurite.stop()
                    took, text = await say(client, connector, ANNA, "status")
                    rows.append(("storage stopped", f"{took:.1f} s", text))
                    for fault, when, what in rows:
                        print(f"{fault:38} {when:>8}  {what}")
        finally:
            if azurite.process is not None and azurite.process.poll() is None:
                os.kill(azurite.process.pid, signal.SIGCONT)
            azurite.stop()


async def sigterm_while_teams_is_unreachable() -> str:
    """app.py as a real process, sweeping a due card into a conversation whose connector is gone: SIGTERM
    while it retries, and how long the process takes to exit."""
    with tempfile.TemporaryDirectory() as folder:
        azurite = start_azurite_table(location=Path(folder))
        try:
            now = datetime.now(UTC)
            end = (now + timedelta(minutes=2)).replace(second=0, microsecond=0)
            lead = end - (now + timedelta(seconds=12))
            env = {"TRYGGHET_STORAGE": azurite.connection_string, "TRYGGHET_REMINDER_LEAD": str(lead.total_seconds())}
            async with running_connector() as connector:
                app = create_app(load_config(env), run_scheduler=False)
                async with TestClient(TestServer(app)) as client:
                    await sign_up(app, client, connector.url, ANNA, end)
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "app.py"],
                env={**os.environ, **env, "PORT": str(port)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            await asyncio.sleep(max((end - lead - datetime.now(UTC)).total_seconds(), 0) + 1.5)  # retrying now
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
            return f"{time.monotonic() - started:.2f} s (exit code {process.returncode})"
        finally:
            azurite.stop()


async def arrived(connector: BotConnectorStub, users: list[TeamsUser], summary: str, limit: float) -> float | None:
    """Seconds until every user has the card (None past `limit`)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if all(summary in [a.get("summary") for a in connector.sent_activities(u.conversation_id)] for u in users):
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    return None


async def first_unhealthy(client: TestClient, prefix: str, started: float, limit: float) -> float | None:
    """Seconds from `started` until /healthz answers 503 with a problem starting with `prefix`."""
    while time.monotonic() - started < limit:
        response = await client.get("/healthz")
        if response.status == 503 and any(p.startswith(prefix) for p in (await response.json())["problems"]):
            return time.monotonic() - started
        await asyncio.sleep(0.5)
    return None


async def registered_for_next_minute(
    app: web.Application, client: TestClient, connector: BotConnectorStub, people: list[TeamsUser]
) -> datetime:
    """Everyone registered with a sluttid at least 25 s ahead; returns it."""
    end = (datetime.now(UTC) + timedelta(seconds=85)).replace(second=0, microsecond=0)
    for user in people:
        await sign_up(app, client, connector.url, user, end)
    return end


def fmt(seconds: float | None) -> str:
    return "never" if seconds is None else f"{seconds:.1f} s"


async def outages_on_the_wall_clock() -> list[tuple[str, str, str]]:
    """The real scheduler on the wall clock, as deployed: Teams refusing connections for 60 s from 2 s before a
    sluttid, then storage stopped for 30 s from 5 s before one; when each came back, how long the backlog took,
    and when /healthz said so."""
    people = crowd(3)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        azurite = start_azurite_table(location=Path(folder))
        try:
            async with running_connector() as connector:
                app = create_app(load_config({"TRYGGHET_STORAGE": azurite.connection_string}))
                async with TestClient(TestServer(app)) as client:
                    end = await registered_for_next_minute(app, client, connector, people)
                    await asyncio.sleep((end - datetime.now(UTC)).total_seconds() - 2)
                    await connector.go_away()
                    fault = time.monotonic()
                    told = await first_unhealthy(client, "outbound", fault, 60)
                    await asyncio.sleep(max(fault + 60 - time.monotonic(), 0))
                    await connector.come_back()
                    backlog = await arrived(connector, people, due_card(end), 60)
                    rows.append(("Teams refused 60 s: /healthz said so", fmt(told), "after the fault's start"))
                    rows.append(("Teams back: the backlog arrived", fmt(backlog), f"{len(people)} cards, once each"))

                    people = crowd(3, first=3)
                    end = await registered_for_next_minute(app, client, connector, people)
                    await asyncio.sleep((end - datetime.now(UTC)).total_seconds() - 5)  # Azurite has saved by now
                    azurite.stop()
                    fault = time.monotonic()
                    told = await first_unhealthy(client, "storage", fault, 30)
                    await asyncio.sleep(max(fault + 30 - time.monotonic(), 0))
                    back = start_azurite_table(port=azurite.port, location=Path(folder))
                    try:
                        backlog = await arrived(connector, people, due_card(end), 60)
                    finally:
                        back.stop()
                    rows.append(("storage stopped: /healthz said so", fmt(told), "after the stop"))
                    rows.append(
                        ("storage back: the backlog arrived", fmt(backlog), f"{len(people)} cards due meanwhile")
                    )
                    everyone = crowd(6)
                    summaries = Counter(
                        (u.aad, str(a.get("summary", "")))
                        for u in everyone
                        for a in connector.sent_activities(u.conversation_id)
                    )
                    repeats = sum(n - 1 for (_, summary), n in summaries.items() if summary.startswith("Sluttid"))
                    rows.append(("duplicated cards in both", str(repeats), ""))
        finally:
            azurite.stop()
    return rows


if __name__ == "__main__":
    asyncio.run(main())
    print(f"{'SIGTERM while Teams is unreachable':38} {asyncio.run(sigterm_while_teams_is_unreachable())}")
    for fault, when, what in asyncio.run(outages_on_the_wall_clock()):
        print(f"{fault:38} {when:>8}  {what}")
