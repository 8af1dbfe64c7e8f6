"""The trygghetsord: a person sets it on a card with a password field; writing it to the bot (alone or after
*klar*) gets the ordinary "Tack, registrerat." and an AKUT escalation marked *tyst larm*, on the running watch
or on one opened for it. The word is never stored in plain text, echoed, logged or shown to the operators."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest

from bot.cards import verbs
from bot.domain.events import EventKind
from bot.domain.model import EscalationKind, State
from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    bind_channel,
    card_text,
    current_card,
    posted_cards,
    register,
    replies,
    stored,
    thread_of,
)
from tests.support.activities import ANNA
from tests.support.harness import BotHarness, cards_in, texts_in

WORD = "Röd ballong"


async def set_word(harness: BotHarness, word: str = WORD) -> list[dict[str, Any]]:
    """`trygghetsord`, then *Spara trygghetsordet* on the card with `word` in its password field."""
    shown = await harness.say(ANNA, "trygghetsord")
    card_id = harness.connector.sent_ids()[-1]
    (card,) = cards_in(shown)
    field = next(e for e in card["body"] if e.get("type") == "Input.Text")
    assert field["style"] == "password" and field["id"] == verbs.CODE_WORD_INPUT
    return await harness.submit(ANNA, {"verb": verbs.CODE_WORD_SET, verbs.CODE_WORD_INPUT: word}, card_id)


def everything_sent(harness: BotHarness) -> str:
    """Every body the bot sent to Teams (posts, updates, new threads), as one text."""
    return json.dumps([c.body for c in harness.connector.calls], ensure_ascii=False).casefold()


def leaked(text: str) -> bool:
    return "röd ballong" in text or "rödballong" in text


async def test_the_word_is_saved_as_a_hash_and_the_card_is_redrawn_without_it(harness: BotHarness) -> None:
    await register(harness)

    sent = await set_word(harness)

    assert sent == []  # the tapped card is redrawn in place
    (saved,) = cards_in(harness.connector.updates(ANNA.conversation_id))
    assert "Ditt trygghetsord är sparat." in card_text(saved)
    assert not any(e.get("type") == "Input.Text" for e in saved["body"])
    profile = await harness.services.repos.profiles.get(ANNA.aad)
    assert profile is not None and set(profile.code_word) == {"salt", "digest", "kdf"}
    assert not leaked(json.dumps(profile.code_word, ensure_ascii=False).casefold())
    now = harness.clock.now()
    audited = harness.services.repos.audit.between(now - timedelta(minutes=1), now + timedelta(minutes=1))
    assert [(e.data, who) async for e, who in audited if e.kind is EventKind.CODE_WORD_CHANGED] == [
        ({"step": "set"}, ANNA.aad)
    ]


async def test_writing_the_word_raises_a_silent_acute_alarm_and_answers_as_to_any_note(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await bind_channel(harness)
    session = await register(harness)
    await set_word(harness)

    answer = await harness.say(ANNA, "  RÖD   Ballong ")

    assert texts_in(answer) == ["Tack, registrerat."] and len(answer) == 1
    fresh = (await stored(harness, session)).session
    assert fresh.state is State.ESCALATED and fresh.escalation is not None
    assert fresh.escalation.kind is EscalationKind.ACUTE and fresh.escalation.silent
    await harness.tick(seconds=1)
    card = card_text(current_card(harness, await thread_of(harness, session)))
    assert "TYST LARM – ring inte personens telefon först" in card
    assert "Larma polis" in card
    kinds = [e.kind for e in await harness.services.repos.sessions.events(ANNA.aad, session.session.id)]
    assert EventKind.HELP_REQUESTED in kinds and kinds[-1] is EventKind.ESCALATED
    assert not leaked(everything_sent(harness))
    assert not leaked(caplog.text.casefold())


async def test_the_word_after_klar_does_not_confirm_it_raises_the_alarm(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await set_word(harness)

    assert texts_in(await harness.say(ANNA, "klar röd ballong")) == ["Tack, registrerat."]

    fresh = (await stored(harness, session)).session
    assert fresh.state is State.ESCALATED and fresh.confirmed_at is None
    assert [c["activity"]["summary"] for c in harness.connector.created_conversations()] == ["AKUT – Anna Andersson"]


async def test_during_a_missed_check_in_the_word_turns_the_case_silent_and_tells_the_thread(
    harness: BotHarness,
) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await set_word(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)

    await harness.say(ANNA, WORD)
    await harness.tick(seconds=1)

    assert len(harness.connector.created_conversations()) == 1  # the same thread, now silent
    (told,) = texts_in(replies(harness, thread))[-1:]
    assert told.startswith("TYST LARM: Anna Andersson skrev sitt trygghetsord kl. 13:35. Ring inte personens")
    assert "TYST LARM" in card_text(current_card(harness, thread))


async def test_with_no_watch_running_an_alarm_is_opened_from_the_latest_registration(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await set_word(harness)
    await harness.say(ANNA, "klar")  # the watch is over

    assert texts_in(await harness.say(ANNA, WORD)) == ["Tack, registrerat."]
    await harness.tick(seconds=1)

    opened, _ = await harness.services.repos.sessions.get_active(ANNA.aad)
    assert opened is not None and opened.session.id != session.session.id
    assert opened.session.escalation is not None and opened.session.escalation.silent
    card = card_text(posted_cards(harness)[-1])
    assert "Tyst larm utan pågående bevakning" in card
    assert "Sahlgrenska" in card or session.session.registration.organisation in card


async def test_a_word_cannot_be_set_before_a_first_registration_nor_be_a_command_word(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    assert texts_in(await set_word(harness)) == [
        "Registrera en bevakning först (skriv ny), så att trygghetscentralen vet hur du nås om du använder ordet."
    ]
    await register(harness)
    refused = texts_in(await set_word(harness, "Status"))
    assert refused == ["Det ordet skriver du till mig av andra skäl (till exempel hjälp eller status). Välj ett annat."]
    assert texts_in(await set_word(harness, "abc")) == ["Trygghetsordet ska vara 4–64 tecken (mellanslag räknas inte)."]
    profile = await harness.services.repos.profiles.get(ANNA.aad)
    assert profile is not None and profile.code_word == {}


async def test_typing_the_word_after_the_command_does_not_store_it(harness: BotHarness) -> None:
    await register(harness)
    sent = await harness.say(ANNA, "trygghetsord röd ballong")
    assert texts_in(sent)[0].startswith("Skriv inte trygghetsordet i chatten.")
    profile = await harness.services.repos.profiles.get(ANNA.aad)
    assert profile is not None and profile.code_word == {}


async def test_the_word_can_be_removed_and_then_is_an_ordinary_message(harness: BotHarness) -> None:
    session = await register(harness)
    await set_word(harness)
    await harness.say(ANNA, "trygghetsord")
    card_id = harness.connector.sent_ids()[-1]
    await harness.submit(ANNA, {"verb": verbs.CODE_WORD_REMOVE}, card_id)

    answer = texts_in(await harness.say(ANNA, WORD))

    assert answer != ["Tack, registrerat."]
    assert (await stored(harness, session)).session.state is not State.ESCALATED
