"""Retention reaches the operators' channel too: once a closed escalation's personal data is erased, its card is
redrawn without the phone numbers, place, threat text and notes it showed."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    bind_channel,
    card_text,
    current_card,
    register,
    tap,
    thread_of,
    updates,
)
from tests.support.activities import ADA, OLLE
from tests.support.harness import BotHarness, texts_in

PERSONAL = ("070-123 45 67", "070-765 43 21", "Storgatan 1", "Orolig efter ett hotfullt samtal", "Möte med anhörig")


async def test_the_purge_redraws_the_closed_escalation_card_without_personal_data(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)
    await tap(harness, OLLE, thread, "Svarade – allt väl")
    await tap(harness, OLLE, thread, "Avsluta", outcome="reached_well", note="Allt väl")
    closed = card_text(current_card(harness, thread))
    assert all(text in closed for text in PERSONAL)
    versions = len(updates(harness, thread))

    harness.clock.advance(timedelta(days=31))
    reply = texts_in(await harness.say(ADA, "admin rensa"))
    assert reply and "i 1 bevakning avslutade" in reply[0]

    assert len(updates(harness, thread)) == versions + 1  # exactly one redraw
    erased = card_text(current_card(harness, thread))
    assert not [text for text in PERSONAL if text in erased]
    assert "Anna Andersson" in erased  # who it was and what happened stay
    assert "Personuppgifterna är raderade" in erased
