"""The person's side during an escalation, as the operators' channel sees it: a late "Allt gick bra" at each
step of the checklist (after a police alert: telling everyone who heard of it that the person is safe), "Jag
behöver hjälp", and acute danger at registration (an AKUT card at once)."""

from __future__ import annotations

from bot.cards import verbs
from bot.domain.events import EventKind
from bot.domain.model import State
from bot.store.sessions import StoredSession
from tests.e2e.escalation_support import (
    bind_channel,
    button_titles,
    card_text,
    current_card,
    escalated,
    mentioned_ids,
    person,
    posted_cards,
    register,
    replies,
    stored,
    submit,
    submit_value,
    tap,
    thread_of,
    updates,
)
from tests.support.activities import ANNA, OLLE, OTTO
from tests.support.harness import BotHarness, texts_in


async def _confirm(harness: BotHarness, session: StoredSession) -> None:
    await harness.services.sessions.confirm(person(ANNA), session.session.id)


async def test_late_confirmation_before_anyone_claimed(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await harness.tick(minutes=2)

    await _confirm(harness, session)

    card = current_card(harness, thread)
    text = card_text(card)
    assert "Bekräftade kl. 13:37 – allt väl" in text
    assert "Avsluta ärendet med ett utfall." in text
    assert "meddela" not in text  # nobody was alerted, nobody to tell
    assert text.count("Behövs inte") == 4  # the call, police, contact, RTiB
    assert button_titles(card) == ["Jag tar ärendet", "Avsluta"]
    assert texts_in(replies(harness, thread)) == ["Anna Andersson bekräftade kl. 13:37 att allt är väl."]
    assert len(updates(harness, thread)) == 1
    assert (await stored(harness, session)).session.state is State.ESCALATED  # wrap-up, not gone


async def test_late_confirmation_after_the_claim_tells_the_claiming_operator(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Jag tar ärendet")

    await _confirm(harness, session)

    (reply,) = replies(harness, thread)
    assert reply["text"] == "<at>Olle Operatör</at> Anna Andersson bekräftade kl. 13:35 att allt är väl."
    assert mentioned_ids(reply) == [OLLE.aad]
    assert button_titles(current_card(harness, thread)) == ["Avsluta"]
    assert len(updates(harness, thread)) == 2


async def test_late_confirmation_while_waiting_to_call_again_cancels_the_second_call(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Inget svar")
    await harness.tick(minutes=2)

    await _confirm(harness, session)
    await harness.tick(minutes=10)

    text = card_text(current_card(harness, thread))
    assert "Bekräftade kl. 13:37 – allt väl" in text
    assert "Ring igen" not in text and "ring igen kl." not in text
    assert "Försök 1 kl. 13:35: Inget svar (Olle Operatör)" in text
    assert texts_in(replies(harness, thread)) == [
        "<at>Olle Operatör</at> Anna Andersson bekräftade kl. 13:37 att allt är väl."
    ]
    assert len(updates(harness, thread)) == 2


async def test_late_confirmation_after_the_police_were_alerted_says_to_let_them_know(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Inget svar")
    await harness.tick(minutes=5)
    await tap(harness, OLLE, thread, "Inget svar")
    await tap(harness, OLLE, thread, "Polis larmad")
    await tap(harness, OLLE, thread, "Kontaktperson informerad")
    harness.clock.advance(60)

    await _confirm(harness, session)

    card = current_card(harness, thread)
    text = card_text(card)
    assert text.splitlines()[:5] == [
        "Allt väl – Anna Andersson",
        "Bekräftade kl. 13:41 – allt väl",
        "Larm: ingen återkoppling vid sluttid kl. 13:30",
        "Polis larmad kl. 13:40",
        "Hanteras av Olle Operatör (sedan 13:35)",
    ]
    assert (  # steps 3 to 5 still apply: the police and the contact heard of the alarm, RTiB is still due
        "Polisen larmades kl. 13:40, innan personen hörde av sig.\n"
        "Kvar innan du avslutar – säg att personen är i säkerhet till polisen (steg 3), kontaktpersonen igen "
        "(steg 4) och RTiB / TiB (steg 5, inte informerad än)."
    ) in text
    assert "Nästa: Meddela polisen att Anna Andersson har hört av sig och är i säkerhet." in text
    assert button_titles(card) == [
        "Hoppa över steget",
        "Polisen meddelad",
        "Kontaktperson meddelad",
        "RTiB / TiB informerad",
    ]
    assert len(replies(harness, thread)) == 2  # the retry prompt, then the confirmation
    assert len(updates(harness, thread)) == 6

    assert await tap(harness, OTTO, thread, "Polisen meddelad") == []
    text = card_text(current_card(harness, thread))
    assert "Meddelad att personen är i säkerhet kl. 13:41 av Otto Operatör" in text
    assert (
        "Nästa: Ring Verksamhetschef Bo Berg, [070-765 43 21](tel:+46707654321) igen och säg att Anna Andersson "
        "är i säkerhet." in text
    )
    assert await tap(harness, OLLE, thread, "Kontaktperson meddelad") == []
    assert await tap(harness, OLLE, thread, "RTiB / TiB informerad") == []
    card = current_card(harness, thread)
    text = card_text(card)
    assert "Kvar innan du avslutar" not in text
    assert "Nästa: Avsluta ärendet med ett utfall." in text and "▶ 6. Avsluta" in text
    assert button_titles(card) == ["Avsluta"]
    assert len(updates(harness, thread)) == 9 and len(replies(harness, thread)) == 2

    events = await harness.services.repos.sessions.events(session.session.owner.key, session.session.id)
    told = [(e.actor.name, e.data) for e in events if e.kind is EventKind.TOLD_SAFE]
    assert told == [("Otto Operatör", {"party": "police"}), ("Olle Operatör", {"party": "contact"})]
    assert "13:41 Otto Operatör: polisen meddelad – personen i säkerhet" in text


async def test_telling_the_police_twice_records_it_once(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Svarade – behöver hjälp")
    await tap(harness, OLLE, thread, "Polis larmad", case_number="K-9")
    harness.clock.advance(60)
    await _confirm(harness, session)
    told = submit_value(current_card(harness, thread), "Polisen meddelad")
    versions = len(updates(harness, thread))

    assert await submit(harness, OLLE, thread, told) == []
    assert texts_in(await submit(harness, OTTO, thread, told)) == ["Redan registrerat – kortet visar läget nu."]

    assert len(updates(harness, thread)) == versions + 2  # the step for everyone, the second tapper's refresh
    events = await harness.services.repos.sessions.events(session.session.owner.key, session.session.id)
    assert [e.kind for e in events].count(EventKind.TOLD_SAFE) == 1
    forged = {**told, "party": "rtib"}  # never informed: nothing to tell, nothing recorded
    assert texts_in(await submit(harness, OLLE, thread, forged)) == ["Välj ett av alternativen på kortet."]
    assert len(updates(harness, thread)) == versions + 2


async def test_help_during_an_escalation_turns_the_card_acute_and_tells_the_thread(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Inget svar")
    harness.clock.advance(120)

    await harness.services.sessions.request_help(person(ANNA), session.session.id)

    card = current_card(harness, thread)
    text = card_text(card)
    assert "AKUT – Anna Andersson" in text
    assert "Larma polis på 112 nu" in text
    assert "Anna Andersson bad om hjälp kl. 13:37." in text
    assert "Hoppa över: akut fara" in text
    assert button_titles(card) == ["Hoppa över steget", "Polis larmad"]
    (reply,) = replies(harness, thread)
    assert reply["text"] == "<at>Olle Operatör</at> AKUT: Anna Andersson bad om hjälp kl. 13:37. Larma polis på 112 nu."
    assert len(posted_cards(harness)) == 1 and len(updates(harness, thread)) == 2  # the call, then AKUT
    await harness.tick(minutes=7)  # past 13:40, when attempt 2 was due; before Olle's claim is ten minutes idle
    assert len(replies(harness, thread)) == 1  # no "Ring igen" prompt for an acute case


async def test_help_before_sluttid_posts_an_acute_card_at_once(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    harness.clock.advance(600)

    await harness.services.sessions.request_help(person(ANNA), session.session.id)

    (card,) = posted_cards(harness)
    assert harness.connector.created_conversations()[0]["activity"]["summary"] == "AKUT – Anna Andersson"
    text = card_text(card)
    lines = text.splitlines()
    assert lines[:3] == ["AKUT – Anna Andersson", "Larma polis på 112 nu", "Anna Andersson bad om hjälp kl. 13:10."]
    assert "Anna Andersson har larmat om akut fara kl. 13:10.\nVem: Anna Andersson" in text
    assert button_titles(card) == ["Hoppa över steget", "Jag tar ärendet", "Polis larmad"]
    thread = await thread_of(harness, session)
    assert updates(harness, thread) == [] and replies(harness, thread) == []


async def test_acute_danger_at_registration_posts_an_acute_card_at_once(harness: BotHarness) -> None:
    await bind_channel(harness)

    session = await register(harness, acute="true")

    (card,) = posted_cards(harness)
    text = card_text(card)
    assert "AKUT – Anna Andersson" in text
    assert "Anna Andersson angav akut fara vid registreringen kl. 13:00." in text
    assert "Ring (försök 1)" not in text
    assert button_titles(card) == ["Hoppa över steget", "Jag tar ärendet", "Polis larmad"]
    thread = await thread_of(harness, session)

    await tap(harness, OLLE, thread, "Polis larmad", case_number="")  # straight to the police: that claims it too

    card = current_card(harness, thread)
    text = card_text(card)
    assert text.splitlines()[:2] == ["AKUT – Anna Andersson", "Polis larmad kl. 13:00"]
    assert "Hanteras av Olle Operatör (sedan 13:00)" in text
    assert "Polis larmad kl. 13:00 av Olle Operatör" in text
    assert button_titles(card) == ["Hoppa över steget", "Kontaktperson informerad", "RTiB / TiB informerad"]
    assert len(updates(harness, thread)) == 1
    await harness.tick(minutes=9)
    assert replies(harness, thread) == []  # claimed: no re-notification (only, at ten minutes idle, a nudge)


async def test_the_persons_own_buttons_reach_the_operators_thread(harness: BotHarness) -> None:
    session, thread = await escalated(harness)
    await tap(harness, OLLE, thread, "Jag tar ärendet")

    await harness.submit(ANNA, {"verb": verbs.SESSION_HELP, "session": session.session.id})
    await harness.submit(ANNA, {"verb": verbs.SESSION_CONFIRM, "session": session.session.id})

    assert texts_in(replies(harness, thread)) == [
        "<at>Olle Operatör</at> AKUT: Anna Andersson bad om hjälp kl. 13:35. Larma polis på 112 nu.",
        "<at>Olle Operatör</at> Anna Andersson bekräftade kl. 13:35 att allt är väl.",
    ]
    card = current_card(harness, thread)
    text = card_text(card)
    assert text.splitlines()[:3] == [
        "AKUT – Anna Andersson",
        "Anna Andersson bad om hjälp kl. 13:35.",
        "Hanteras av Olle Operatör (sedan 13:35)",
    ]
    assert "Bekräftade kl. 13:35 – allt väl" in text
    assert button_titles(card) == ["Polis larmad", "Avsluta"]  # after a help request, the operator judges
    assert len(updates(harness, thread)) == 3 and len(posted_cards(harness)) == 1
