"""The channel named by TRYGGHET_OPERATOR_CHANNEL is bound at start-up, and an escalation keeps its timing
across a restart: a second app instance on the same tables prompts the second call on time, exactly once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, SWEEPER, create_app
from bot.config import ConfigError, load_config
from bot.domain.events import EventKind
from bot.domain.model import ActorKind
from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    button_titles,
    card_text,
    current_card,
    register,
    replies,
    tap,
    thread_of,
    updates,
)
from tests.support.activities import ANNA, CHANNEL_ID, OLLE, TEAM_ID, TENANT
from tests.support.connector import BotConnectorStub
from tests.support.harness import BotHarness


@pytest.fixture
def bot_env(bot_env: dict[str, str], connector: BotConnectorStub) -> dict[str, str]:
    return {**bot_env, "TRYGGHET_OPERATOR_CHANNEL": f"{TEAM_ID}|{CHANNEL_ID}|{connector.url}|{TENANT}"}


@asynccontextmanager
async def another_instance(harness: BotHarness, env: dict[str, str]) -> AsyncIterator[BotHarness]:
    """A second app on the same tables, clock and Bot Connector: what a restart (or a scale-out) looks like."""
    app = create_app(load_config(env), harness.clock, run_scheduler=False)
    async with TestClient(TestServer(app)) as client:
        yield BotHarness(client, harness.connector, harness.clock, app[SERVICES], app[SWEEPER])


async def _bindings(harness: BotHarness) -> list[str]:
    now = harness.clock.now()
    audit = harness.services.repos.audit
    return [
        event.actor.kind.value
        async for event, _ in audit.between(now - timedelta(days=1), now + timedelta(days=1))
        if event.kind is EventKind.CHANNEL_BOUND
    ]


async def test_the_setting_binds_the_channel_at_start_up(harness: BotHarness) -> None:
    assert (await harness.client.get("/healthz")).status == 200
    binding, _ = await harness.services.repos.kv.get("service", "operator_channel")
    assert (binding["team_id"], binding["channel_id"], binding["tenant_id"]) == (TEAM_ID, CHANNEL_ID, TENANT)
    assert binding["bound_by"] == "environment"
    assert await _bindings(harness) == [ActorKind.SYSTEM.value]

    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)

    assert len(harness.connector.created_conversations()) == 1
    assert "Ingen återkoppling – Anna Andersson" in card_text(current_card(harness, await thread_of(harness, session)))
    assert harness.connector.said_to(ANNA.conversation_id)[-2:] == [
        "Sluttid kl. 13:30 – hur gick det?",
        "Vi har inte hört av dig",
    ]


async def test_a_restart_mid_escalation_keeps_the_call_interval(harness: BotHarness, bot_env: dict[str, str]) -> None:
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)
    await tap(harness, OLLE, thread, "Inget svar")  # 13:35: call again at 13:40
    await harness.tick(minutes=2)

    async with another_instance(harness, bot_env) as restarted:
        assert await _bindings(restarted) == [ActorKind.SYSTEM.value]  # same setting: not bound again
        await restarted.tick(minutes=2)
        assert replies(restarted, thread) == []
        await restarted.tick(minutes=1)
        assert (await harness.sweeper.sweep()).claimed == 0  # the old instance finds nothing left to do

        (prompt,) = replies(restarted, thread)
        assert prompt["text"].startswith("<at>Olle Operatör</at> Ring igen (försök 2)")
        assert len(updates(restarted, thread)) == 2
        await tap(restarted, OLLE, thread, "Inget svar")
        assert button_titles(current_card(restarted, thread)) == ["Hoppa över steget", "Polis larmad"]
        for _ in range(3):
            await restarted.tick(minutes=5)
        # no second retry prompt; only the idle-claim notice, ten minutes after Olle's last step (13:40)
        assert [r["text"].split(":")[0] for r in replies(restarted, thread)] == [
            "<at>Olle Operatör</at> Ring igen (försök 2)",
            "<at>Olle Operatör</at>",
        ]
        assert "Ta över" in button_titles(current_card(restarted, thread))  # the idle claim, on the card too


async def test_a_malformed_setting_stops_the_start_with_the_variable_named(bot_env: dict[str, str]) -> None:
    app = create_app(load_config({**bot_env, "TRYGGHET_OPERATOR_CHANNEL": "only-one"}), run_scheduler=False)
    server = TestServer(app)
    try:
        with pytest.raises(ConfigError, match="TRYGGHET_OPERATOR_CHANNEL"):
            await server.start_server()
    finally:
        await server.close()  # runs the cleanup of the contexts that did start (storage)
