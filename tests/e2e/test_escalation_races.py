"""Two operators on one card, stale cards and people who are not operators: one step is recorded once, the
loser sees the current card and a short note, and anyone else is refused politely and logged."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.domain.events import EventKind
from bot.store.sessions import StoredSession
from tests.e2e.escalation_support import (
    card_text,
    current_card,
    escalated,
    person,
    replies,
    stored,
    submit,
    submit_value,
    tap,
    updates,
)
from tests.support import activities as act
from tests.support.activities import ADA, ANNA, BERTIL, OLLE, OTTO
from tests.support.harness import BotHarness, texts_in


async def _kinds(harness: BotHarness, session: StoredSession) -> list[EventKind]:
    fresh = await stored(harness, session)
    return [e.kind for e in await harness.services.repos.sessions.events(fresh.session.owner.key, fresh.session.id)]


async def test_two_operators_claiming_at_once_one_wins_and_the_other_sees_the_card(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    claim = submit_value(current_card(harness, thread), "Jag tar ärendet")

    await asyncio.gather(submit(harness, OLLE, thread, claim), submit(harness, OTTO, thread, claim))

    assert (await _kinds(harness, session)).count(EventKind.CLAIMED) == 1
    escalation = (await stored(harness, session)).session.escalation
    assert escalation is not None and escalation.claimed is not None
    winner = escalation.claimed.by.name
    (note,) = replies(harness, thread)
    assert note["text"] == f"{winner} hann före – kortet visar läget nu."
    assert len(updates(harness, thread)) == 2  # the notifier's update for everyone, and the loser's refresh
    assert f"Hanteras av {winner}" in card_text(current_card(harness, thread))


async def test_two_operators_recording_the_same_call_attempt_records_it_once(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Jag tar ärendet")
    no_answer = submit_value(current_card(harness, thread), "Inget svar")

    await asyncio.gather(submit(harness, OLLE, thread, no_answer), submit(harness, OTTO, thread, no_answer))

    assert (await _kinds(harness, session)).count(EventKind.CALL_RECORDED) == 1
    assert texts_in(replies(harness, thread)) == ["Redan registrerat – kortet visar läget nu."]
    assert len(updates(harness, thread)) == 3  # claim, the attempt, the loser's refresh


async def test_a_tap_on_a_stale_card_records_nothing_and_refreshes_it(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    stale = current_card(harness, thread)
    await tap(harness, OLLE, thread, "Inget svar")
    harness.clock.advance(timedelta(minutes=1))

    sent = await submit(harness, OTTO, thread, submit_value(stale, "Jag tar ärendet"))
    assert texts_in(sent) == ["Olle Operatör hann före – kortet visar läget nu."]
    sent = await submit(harness, OTTO, thread, submit_value(stale, "Svarade – allt väl"))
    assert texts_in(sent) == ["Redan registrerat – kortet visar läget nu."]

    assert (await _kinds(harness, session)).count(EventKind.CALL_RECORDED) == 1
    assert len(updates(harness, thread)) == 3
    assert "Inget svar – ring igen kl. 13:40" in card_text(current_card(harness, thread))


async def test_the_same_operator_tapping_twice_is_told_it_is_recorded(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    claim = submit_value(current_card(harness, thread), "Jag tar ärendet")
    await submit(harness, OLLE, thread, claim)
    assert texts_in(await submit(harness, OLLE, thread, claim)) == ["Redan registrerat – kortet visar läget nu."]
    assert (await _kinds(harness, session)).count(EventKind.CLAIMED) == 1


async def test_a_tap_after_the_case_is_closed_changes_nothing(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    open_card = current_card(harness, thread)
    await harness.services.sessions.confirm(person(ANNA), session.session.id)  # safe: the case can be closed
    await tap(harness, OLLE, thread, "Avsluta", outcome="other", close_note="Dubbelregistrering")

    sent = await submit(harness, OTTO, thread, submit_value(open_card, "Jag tar ärendet"))
    assert texts_in(sent) == ["Ärendet är redan avslutat – kortet visar läget nu."]
    assert EventKind.CLAIMED not in await _kinds(harness, session)
    assert "Avslutat – Anna Andersson" in card_text(current_card(harness, thread))


async def test_a_person_who_is_not_an_operator_is_refused_and_the_attempt_logged(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    claim = submit_value(current_card(harness, thread), "Jag tar ärendet")

    sent = await harness.submit(BERTIL, claim)  # from a personal chat, with the card's data
    assert texts_in(sent) == ["Bara trygghetscentralens operatörer kan hantera larm. Försöket har loggats."]
    other_team = act.channel_submit(BERTIL, harness.connector.url, claim, thread.conversation_id, thread.card_id)
    other_team["channelData"]["team"]["id"] = "19:another-team@thread.tacv2"
    other_team["channelData"]["channel"]["id"] = "19:another-channel@thread.tacv2"
    before = len(harness.connector.sent_activities())
    await harness.post(other_team)
    assert texts_in(harness.connector.sent_activities()[before:]) == [
        "Bara trygghetscentralens operatörer kan hantera larm. Försöket har loggats."
    ]

    assert EventKind.CLAIMED not in await _kinds(harness, session)
    assert updates(harness, thread) == []
    now = harness.clock.now()
    refused = [
        (event.data, subject)
        async for event, subject in harness.services.repos.audit.between(
            now - timedelta(hours=1), now + timedelta(hours=1)
        )
        if event.kind is EventKind.ACTION_REFUSED
    ]
    assert refused == [({"action": "claim"}, BERTIL.aad), ({"action": "claim"}, BERTIL.aad)]


async def test_an_operator_with_the_role_may_act_from_a_personal_chat(harness: BotHarness) -> None:
    _, thread = await escalated(harness)
    await harness.services.repos.roles.grant(OTTO.aad, "operator", OTTO.name, ADA.aad, harness.clock.now())

    sent = await harness.submit(OTTO, submit_value(current_card(harness, thread), "Jag tar ärendet"))

    assert texts_in(sent) == ["Registrerat."]
    assert len(updates(harness, thread)) == 1
    assert "Hanteras av Otto Operatör" in card_text(current_card(harness, thread))
