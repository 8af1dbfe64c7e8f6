"""Teams misbehaving, through the connector stand-in: throttling with Retry-After, refusals beyond the retries,
a hung conversation. Every card still arrives, once; no one's card waits on another's fault; nobody is sent an
apology for a card they never saw fail; and /healthz says when calls to Teams fail."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from tests.e2e.escalation_support import register
from tests.support.activities import ANNA, BERTIL
from tests.support.connector import Fault
from tests.support.harness import BotHarness, cards_in, texts_in

DUE_MINUTES = 30  # registered 13:00 for 13:30: the at-sluttid card


def cards_to(harness: BotHarness, conversation: str) -> list[str]:
    return [a.get("summary", "") for a in harness.connector.sent_activities(conversation) if cards_in([a])]


def apologies(harness: BotHarness) -> list[str]:
    return [t for t in texts_in(harness.connector.sent_activities()) if t.startswith(("Förlåt", "Sorry"))]


async def test_throttled_with_retry_after_the_card_arrives_in_the_same_sweep(harness: BotHarness) -> None:
    await register(harness, end_time="13:30")
    harness.connector.fail(ANNA.conversation_id, Fault(429, retry_after=2))

    await harness.tick(minutes=DUE_MINUTES)

    statuses = [c.status for c in harness.connector.calls if c.params.get("conversationId") == ANNA.conversation_id]
    assert statuses[-2:] == [429, 200]  # refused once, then sent after the wait Teams asked for
    assert cards_to(harness, ANNA.conversation_id)[-1] == "Sluttid kl. 13:30 – hur gick det?"


async def test_teams_refusing_for_longer_keeps_the_card_pending_and_healthz_says_so(harness: BotHarness) -> None:
    await register(harness, end_time="13:30")
    harness.connector.fail(ANNA.conversation_id, *[Fault(503)] * 4)  # more than one delivery's retries

    await harness.tick(minutes=DUE_MINUTES)

    assert "Sluttid kl. 13:30 – hur gick det?" not in cards_to(harness, ANNA.conversation_id)
    health = await harness.client.get("/healthz")
    problems = (await health.json())["problems"]
    assert health.status == 503 and any(p.startswith("outbound: ") for p in problems), problems
    await harness.tick(minutes=1)  # the delivery retry: Teams answers again
    assert cards_to(harness, ANNA.conversation_id).count("Sluttid kl. 13:30 – hur gick det?") == 1
    assert not any(
        p.startswith("outbound") for p in (await (await harness.client.get("/healthz")).json()).get("problems", [])
    )
    assert apologies(harness) == []


@pytest.mark.faults
async def test_a_hung_conversation_does_not_delay_anyone_elses_card(harness: BotHarness) -> None:
    await register(harness, ANNA, end_time="13:30")
    await register(harness, BERTIL, end_time="13:30")
    harness.connector.fail(ANNA.conversation_id, Fault(hang=10, status=504), Fault(hang=10, status=504))
    harness.clock.advance(timedelta(minutes=DUE_MINUTES))

    await harness.sweeper.sweep(patience=1.0)  # as the scheduler sweeps

    # The sweep is back while Anna's call still hangs, and Bertil's card is out.
    assert cards_to(harness, BERTIL.conversation_id)[-1] == "Sluttid kl. 13:30 – hur gick det?"
    assert "Sluttid kl. 13:30 – hur gick det?" not in cards_to(harness, ANNA.conversation_id)
    await asyncio.sleep(9)  # Anna's call times out twice (4 s each), and her card stays pending
    await harness.tick(minutes=1)
    assert cards_to(harness, ANNA.conversation_id).count("Sluttid kl. 13:30 – hur gick det?") == 1
    assert apologies(harness) == []


@pytest.mark.faults
async def test_teams_unreachable_then_back_the_backlog_arrives_once(harness: BotHarness) -> None:
    await register(harness, ANNA, end_time="13:30")
    await register(harness, BERTIL, end_time="13:30")
    await harness.connector.go_away()  # connection refused for every call

    await harness.tick(minutes=DUE_MINUTES)
    problems = (await (await harness.client.get("/healthz")).json())["problems"]

    assert any(p.startswith("outbound: ") for p in problems), problems
    await harness.connector.come_back()
    await harness.tick(minutes=1)  # the delivery retry
    for user in (ANNA, BERTIL):
        assert cards_to(harness, user.conversation_id).count("Sluttid kl. 13:30 – hur gick det?") == 1
    assert apologies(harness) == []


@pytest.mark.faults
async def test_teams_back_after_an_outage_the_waiting_cards_go_within_seconds_not_at_their_retry(
    harness: BotHarness,
) -> None:
    await register(harness, ANNA, end_time="13:30")
    await register(harness, BERTIL, end_time="13:30")
    await harness.connector.go_away()
    await harness.tick(minutes=DUE_MINUTES)  # both cards fail; their retry is 30 s away
    await harness.tick(seconds=5)  # one is probed early, and still fails
    due = "Sluttid kl. 13:30 – hur gick det?"
    assert due not in cards_to(harness, ANNA.conversation_id) + cards_to(harness, BERTIL.conversation_id)

    await harness.connector.come_back()
    await harness.tick(seconds=5)  # the probe goes through: Teams is back
    await harness.tick(seconds=0)  # (the scheduler sweeps at once when a call succeeds again)

    for user in (ANNA, BERTIL):  # 10 s after the fault, not at the 30 s retry
        assert cards_to(harness, user.conversation_id).count(due) == 1
    await harness.tick(minutes=2)
    for user in (ANNA, BERTIL):
        assert cards_to(harness, user.conversation_id).count(due) == 1
    assert apologies(harness) == []
