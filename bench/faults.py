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
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, SWEEPER, create_app
from bot.config import load_config
from bot.domain.clock import FakeClock
from bot.domain.period import STOCKHOLM
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
                    await say(client, connector, ANNA, "hjälp")
                    local = end.astimezone(STOCKHOLM)
                    form = registration_form(
                        REGIONHALSAN, end_date=local.date().isoformat(), end_time=local.strftime("%H:%M")
                    )
                    await app[SERVICES].sessions.register(person(ANNA), form, ANNA.locale)
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


if __name__ == "__main__":
    asyncio.run(main())
    print(f"{'SIGTERM while Teams is unreachable':38} {asyncio.run(sigterm_while_teams_is_unreachable())}")
