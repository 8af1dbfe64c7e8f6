"""Table storage paused (SIGSTOP: it hangs) or stopped (it refuses), as real processes: a person writing gets the
plain answer with the centre's phone number, /healthz says 503 with the reason while /healthz/live stays 200, and
once storage is back everything works again and what fell due meanwhile is delivered."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.teams.bot as bot_module
from tests.e2e.escalation_support import register
from tests.support.activities import ADA, ANNA
from tests.support.azurite import AzuriteTable, start_azurite_table
from tests.support.harness import BotHarness, cards_in, texts_in

OUTAGE = "Trygghetstjänsten har tekniska problem just nu. Ring trygghetscentralen på 010-435 40 20."
pytestmark = pytest.mark.faults


@pytest.fixture
def private_azurite(tmp_path: Path) -> Iterator[AzuriteTable]:
    """An Azurite of this test's own, on disk, so it can be paused, stopped and restarted on the same data."""
    azurite = start_azurite_table(location=tmp_path / "azurite")
    yield azurite
    if azurite.process is not None and azurite.process.poll() is None:
        os.kill(azurite.process.pid, signal.SIGCONT)
    azurite.stop()


@pytest.fixture
def bot_env(bot_env: dict[str, str], private_azurite: AzuriteTable) -> dict[str, str]:
    return {**bot_env, "TRYGGHET_STORAGE": private_azurite.connection_string}


async def health(harness: BotHarness, path: str = "/healthz") -> tuple[int, list[str]]:
    response = await harness.client.get(path)
    return response.status, (await response.json()).get("problems", [])


async def test_storage_hung_then_back(harness: BotHarness, private_azurite: AzuriteTable) -> None:
    await register(harness, end_time="13:30")
    assert private_azurite.process is not None
    os.kill(private_azurite.process.pid, signal.SIGSTOP)
    try:
        answer = texts_in(await harness.say(ANNA, "status"))
        status, problems = await health(harness)
        live, _ = await health(harness, "/healthz/live")
    finally:
        os.kill(private_azurite.process.pid, signal.SIGCONT)

    assert answer == [OUTAGE]
    assert status == 503 and problems[0].startswith("storage: "), problems
    assert live == 200
    assert cards_in(await harness.say(ANNA, "status"))  # storage is back: her status card
    assert not [p for p in (await health(harness))[1] if p.startswith("storage")]


async def test_an_admin_command_while_storage_hangs_gets_the_same_answer_at_its_longer_deadline(
    harness: BotHarness, private_azurite: AzuriteTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    await harness.say(ADA, "hjälp")
    monkeypatch.setattr(bot_module, "ADMIN_TURN_DEADLINE", 3.0)  # 60 s in production: admin scans may be long
    assert private_azurite.process is not None
    os.kill(private_azurite.process.pid, signal.SIGSTOP)
    try:
        answer = texts_in(await harness.say(ADA, "admin aktiva"))
    finally:
        os.kill(private_azurite.process.pid, signal.SIGCONT)

    assert answer == [OUTAGE]


async def test_storage_stopped_then_restarted_on_the_same_data(
    harness: BotHarness, private_azurite: AzuriteTable, tmp_path: Path
) -> None:
    await register(harness, end_time="13:30")
    await asyncio.sleep(6)  # Azurite writes its data to disk every few seconds; let it, as Azure would have
    private_azurite.stop()

    answer = texts_in(await harness.say(ANNA, "status"))
    await harness.tick(minutes=30)  # sluttid passes while storage is down: nothing can be read, nothing is lost

    assert answer == [OUTAGE]
    restarted = start_azurite_table(port=private_azurite.port, location=tmp_path / "azurite")
    try:
        await harness.tick(seconds=5)
        await harness.tick(seconds=5)
        summaries = [a.get("summary") for a in harness.connector.sent_activities(ANNA.conversation_id)]
        assert "Sluttid kl. 13:30 – hur gick det?" in summaries
    finally:
        restarted.stop()
