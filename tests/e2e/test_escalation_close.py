"""Closing an escalation from the channel card: the outcome is the operator's explicit choice (pre-selected only
when the case makes it obvious), "the person got in touch themselves" is one of them, and a close without an
outcome is refused with a note while the card, and the note typed on it, stay as they are."""

from __future__ import annotations

from typing import Any

from bot.domain.model import Outcome, State
from tests.e2e.admin_support import teams
from tests.e2e.escalation_support import (
    card_text,
    current_card,
    escalated,
    person,
    replies,
    stored,
    submit,
    tap,
    updates,
)
from tests.support.activities import ADA, ANNA, OLLE
from tests.support.cards import walk
from tests.support.harness import BotHarness, texts_in

SELF_REPORTED = "Personen hörde av sig själv – allt väl"


def _outcome_input(card: dict[str, Any]) -> dict[str, Any]:
    (choice_set,) = [n for n in walk(card) if n.get("type") == "Input.ChoiceSet" and n.get("id") == "outcome"]
    return choice_set


async def test_a_late_confirmation_pre_selects_self_reported_and_closes_with_it(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Jag tar ärendet")
    await harness.tick(minutes=2)
    await harness.services.sessions.confirm(person(ANNA), session.session.id)
    assert len(updates(harness, thread)) == 2 and len(replies(harness, thread)) == 1

    choice_set = _outcome_input(current_card(harness, thread))
    assert choice_set["value"] == "self_reported"
    assert choice_set["isRequired"] is True and choice_set["errorMessage"] == "Välj ett utfall."
    assert [c["title"] for c in choice_set["choices"]] == [
        "Personen nådd – allt väl",
        SELF_REPORTED,
        "Polisen hanterar",
        "Annat",
    ]

    assert await tap(harness, OLLE, thread, "Avsluta", outcome="self_reported", close_note="Ringde själv") == []
    text = card_text(current_card(harness, thread))
    assert f"{SELF_REPORTED} – avslutat kl. 13:37 av Olle Operatör" in text
    assert "Anteckning: Ringde själv" in text
    assert len(updates(harness, thread)) == 3 and len(replies(harness, thread)) == 1
    final = (await stored(harness, session)).session
    assert final.state is State.CLOSED and final.outcome is Outcome.SELF_REPORTED

    stats = await teams(harness, ADA, "admin statistik 2026-11-25 2026-11-25")
    assert (
        "- Larm: 1 (personen nådd – allt väl: 0; "
        "personen hörde av sig själv – allt väl: 1; polisen hanterar: 0; annat: 0; pågående: 0)" in (stats.splitlines())
    )


async def test_closing_without_an_outcome_is_refused_and_the_card_is_left_alone(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Svarade – behöver hjälp")
    await tap(harness, OLLE, thread, "Polis larmad", case_number="K-1")
    await tap(harness, OLLE, thread, "Kontaktperson informerad")
    await tap(harness, OLLE, thread, "RTiB / TiB informerad")
    assert len(updates(harness, thread)) == 4
    assert "value" not in _outcome_input(current_card(harness, thread))  # the police were alerted: nothing obvious

    sent = await tap(harness, OLLE, thread, "Avsluta", close_note="Polisen på plats")

    assert texts_in(sent) == ["Välj ett utfall innan du avslutar – din anteckning finns kvar på kortet."]
    assert len(replies(harness, thread)) == 1  # the note itself, in the thread
    assert len(updates(harness, thread)) == 4  # not redrawn: Teams keeps the typed note on the card
    assert (await stored(harness, session)).session.state is State.ESCALATED

    assert await tap(harness, OLLE, thread, "Avsluta", outcome="police_handling", close_note="Polisen på plats") == []
    assert len(updates(harness, thread)) == 5 and len(replies(harness, thread)) == 1
    assert "Anteckning: Polisen på plats" in card_text(current_card(harness, thread))
    assert (await stored(harness, session)).session.outcome is Outcome.POLICE_HANDLING


async def test_closing_while_a_step_is_due_is_refused_and_says_what_comes_first(harness: BotHarness) -> None:
    """An old card (or a forged submit) cannot close a case whose next call is still to be made."""
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Inget svar")
    assert not [n for n in walk(current_card(harness, thread)) if n.get("id") == "outcome"]
    value = {"verb": "esc.close", "owner": thread.owner, "session": thread.session_id, "outcome": "self_reported"}

    sent = await submit(harness, OLLE, thread, {**value, "close_note": "Hon ringde centralen"})

    assert texts_in(sent) == [
        "Det finns steg kvar innan ärendet kan avslutas – gör dem eller hoppa över dem med en motivering. "
        "Din anteckning finns kvar på kortet."
    ]
    assert len(updates(harness, thread)) == 1 and len(replies(harness, thread)) == 1  # the note, nothing else
    assert (await stored(harness, session)).session.state is State.ESCALATED


async def test_police_alerted_pre_selects_nothing(harness: BotHarness) -> None:
    _, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Svarade – behöver hjälp")
    await tap(harness, OLLE, thread, "Polis larmad", case_number="K-1")
    assert not [n for n in walk(current_card(harness, thread)) if n.get("id") == "outcome"]  # inform first
    await tap(harness, OLLE, thread, "Kontaktperson informerad")
    await tap(harness, OLLE, thread, "RTiB / TiB informerad")

    assert "value" not in _outcome_input(current_card(harness, thread))
