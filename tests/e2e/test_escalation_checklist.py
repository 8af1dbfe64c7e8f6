"""A missed confirmation in the operators' channel, step by step through the routine: the card is posted as a
new thread, and every button updates that one card in place (PUT), with exact counts of what is sent."""

from __future__ import annotations

from bot.domain.events import EventKind
from bot.domain.model import Outcome, State
from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    bind_channel,
    button_titles,
    card_text,
    current_card,
    mentioned_ids,
    posted_cards,
    register,
    replies,
    stored,
    tap,
    thread_of,
    updates,
)
from tests.support.activities import ANNA, CHANNEL_ID, OLLE, OTTO, TENANT
from tests.support.cards import inputs
from tests.support.harness import BotHarness

CALL_BUTTONS = ["Svarade – allt väl", "Svarade – behöver hjälp", "Inget svar"]
SKIP = "Hoppa över steget"  # the submit inside "Hoppa över …": the next step, skipped with a reason


async def test_the_escalation_card_opens_a_thread_with_the_facts_and_the_first_steps(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)

    await harness.tick(minutes=ESCALATION_MINUTES - 1)
    assert harness.connector.created_conversations() == []
    await harness.tick(minutes=1)

    created = harness.connector.created_conversations()
    assert len(created) == 1
    assert created[0]["channelData"] == {"channel": {"id": CHANNEL_ID}, "tenant": {"id": TENANT}}
    assert created[0]["activity"]["summary"] == "Ingen återkoppling – Anna Andersson"
    thread = await thread_of(harness, session)
    assert thread.conversation_id == f"{CHANNEL_ID};messageid={thread.card_id}"
    card = current_card(harness, thread)
    assert card["msteams"] == {"width": "Full"}  # Teams draws it across the channel, not at chat width
    text = card_text(card)
    for expected in (
        "Ingen återkoppling – Anna Andersson",
        "Sluttid kl. 13:30, larm kl. 13:35",
        "Ingen har tagit ärendet än (larm kl. 13:35)",
        "Namn: Anna Andersson",
        "Organisation: Regionhälsan (verksamhet)",
        "Telefon: [070-123 45 67](tel:+46701234567)",
        "Kontakt: Verksamhetschef Bo Berg, [070-765 43 21](tel:+46707654321)",
        "Var: Storgatan 1, Borås",
        "Sluttid: 13:30",
        "Hotbild: Ingen känd – känner sig otrygg: Orolig efter ett hotfullt samtal",
        "Anteckning: Möte med anhörig",
        "Registrerad: 13:00",
        "Att göra\nNästa: Ta ärendet och ring Anna Andersson, [070-123 45 67](tel:+46701234567).",
        "▶ 1. Ta ärendet",
        "▶ 2. Ring 070-123 45 67 (försök 1)",
        "○ 3. Larma polis på 112",
        "5. Informera RTiB / TiB via VGR-växeln [010-441 00 00](tel:+46104410000)",
        "13:35 Larm: ingen återkoppling",
    ):
        assert expected in text, expected
    assert "Telefon: [070\u2011123\u00a045\u00a067](tel:+46701234567)" in card_text(card, raw=True)
    assert button_titles(current_card(harness, thread)) == [SKIP, "Jag tar ärendet", *CALL_BUTTONS]
    assert "○ 6. Avsluta\nNär stegen ovan är gjorda eller överhoppade" in text
    assert updates(harness, thread) == [] and replies(harness, thread) == []
    said = harness.connector.said_to(ANNA.conversation_id)  # the person's side of the same minutes
    assert said[:2] == ["Hjälp", "Ny bevakning"]  # the answer to her first message, then the form she filled in
    assert said[3:] == ["Sluttid kl. 13:30 – hur gick det?", "Vi har inte hört av dig"]  # after the receipt


async def test_no_answer_twice_leads_to_police_contact_rtib_and_close(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)

    assert await tap(harness, OLLE, thread, "Jag tar ärendet") == []
    assert len(updates(harness, thread)) == 1
    assert "Hanteras av Olle Operatör (sedan 13:35)" in card_text(current_card(harness, thread))
    assert "Jag tar ärendet" not in button_titles(current_card(harness, thread))

    assert await tap(harness, OLLE, thread, "Inget svar") == []
    card = current_card(harness, thread)
    assert len(updates(harness, thread)) == 2
    assert "Försök 1 kl. 13:35: Inget svar (Olle Operatör)" in card_text(card)
    assert "Inget svar – ring igen kl. 13:40" in card_text(card)
    assert button_titles(card) == [SKIP]

    await harness.tick(minutes=4)
    assert len(updates(harness, thread)) == 2 and replies(harness, thread) == []
    await harness.tick(minutes=1)
    assert len(updates(harness, thread)) == 3
    (prompt,) = replies(harness, thread)
    assert prompt["text"] == "<at>Olle Operatör</at> Ring igen (försök 2): Anna Andersson, 070-123 45 67."
    assert mentioned_ids(prompt) == [OLLE.aad]
    card = current_card(harness, thread)
    assert "▶ 2. Ring igen 070-123 45 67 (försök 2)" in card_text(card)
    assert button_titles(card) == [SKIP, *CALL_BUTTONS]

    assert await tap(harness, OLLE, thread, "Inget svar") == []
    card = current_card(harness, thread)
    assert len(updates(harness, thread)) == 4
    text = card_text(card)
    assert "▶ 3. Larma polis på 112" in text
    assert "Nästa: Larma polis på 112 och läs upp uppgifterna i steg 3." in text
    assert (  # read out on 112: the opening, then one short line per item
        "Larma polis på 112 och läs upp:\n"
        "Jag ringer från Västra Götalandsregionens trygghetstjänst.\n"
        "Vi saknar kontakt med Anna Andersson sedan sluttid kl. 13:30 – personen svarar inte i telefon.\n"
        "Vem: Anna Andersson\n"
        "Organisation: Regionhälsan (verksamhet)\n"
        "Telefon: 070-123 45 67\n"
        "Sluttid: 13:30\n"
        "Senast kända plats: Storgatan 1, Borås\n"
        "Hotbild: Ingen känd – känner sig otrygg: Orolig efter ett hotfullt samtal\n"
        "Övrigt: Möte med anhörig\n"
        "Samtal: 2 samtal utan svar (kl. 13:35, 13:40)\n"
    ) in text
    assert button_titles(card) == [SKIP, "Polis larmad"]

    assert await tap(harness, OLLE, thread, "Polis larmad", case_number="K-2026-1234") == []
    text = card_text(current_card(harness, thread))
    assert text.splitlines()[:4] == [
        "Ingen återkoppling – Anna Andersson",
        "Sluttid kl. 13:30, larm kl. 13:35",
        "Polis larmad kl. 13:40 (ärendenr K-2026-1234)",
        "Hanteras av Olle Operatör (sedan 13:35)",
    ]
    assert "Polis larmad kl. 13:40 av Olle Operatör, ärendenummer K-2026-1234" in text
    assert button_titles(current_card(harness, thread)) == [SKIP, "Kontaktperson informerad", "RTiB / TiB informerad"]

    assert await tap(harness, OTTO, thread, "Kontaktperson informerad") == []
    assert await tap(harness, OLLE, thread, "RTiB / TiB informerad") == []
    text = card_text(current_card(harness, thread))
    assert "✔ 4. Informera kontaktperson: Verksamhetschef Bo Berg" in text
    assert "Informerad kl. 13:40 av Otto Operatör" in text
    assert "▶ 6. Avsluta" in text
    assert len(updates(harness, thread)) == 7

    assert await tap(harness, OLLE, thread, "Avsluta", outcome="police_handling", close_note="Polisen på plats") == []
    card = current_card(harness, thread)
    text = card_text(card)
    assert "Avslutat – Anna Andersson" in text
    assert "Polisen hanterar – avslutat kl. 13:40 av Olle Operatör" in text
    assert "Anteckning: Polisen på plats" in text
    assert button_titles(card) == []
    assert len(updates(harness, thread)) == 8
    assert len(replies(harness, thread)) == 1
    assert len(posted_cards(harness)) == 1

    final = await stored(harness, session)
    assert final.session.state is State.CLOSED and final.session.outcome is Outcome.POLICE_HANDLING
    events = await harness.services.repos.sessions.events(final.session.owner.key, final.session.id)
    operator_steps = [(e.kind, e.actor.name) for e in events if e.actor.kind.value == "operator"]
    assert operator_steps == [
        (EventKind.CLAIMED, "Olle Operatör"),
        (EventKind.CALL_RECORDED, "Olle Operatör"),
        (EventKind.CALL_RECORDED, "Olle Operatör"),
        (EventKind.POLICE_ALERTED, "Olle Operatör"),
        (EventKind.CONTACT_INFORMED, "Otto Operatör"),
        (EventKind.RTIB_INFORMED, "Olle Operatör"),
        (EventKind.ESCALATION_CLOSED, "Olle Operatör"),
    ]
    assert next(e for e in events if e.kind is EventKind.POLICE_ALERTED).data == {"case_number": "K-2026-1234"}
    history = card_text(card).split("Visa händelser")[1]
    assert (
        "13:40 Olle Operatör: polis larmad" in history and "13:40 Olle Operatör avslutade: Polisen hanterar" in history
    )


async def test_reached_and_well_at_the_first_call_goes_straight_to_wrap_up(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)

    assert await tap(harness, OTTO, thread, "Svarade – allt väl") == []  # acting is claiming: one update, not two
    card = current_card(harness, thread)
    assert len(updates(harness, thread)) == 1
    text = card_text(card)
    assert text.splitlines()[:4] == [
        "Allt väl – Anna Andersson",
        "Personen nådd kl. 13:35 – allt väl",
        "Larm: ingen återkoppling vid sluttid kl. 13:30",
        "Hanteras av Otto Operatör (sedan 13:35)",
    ]
    assert "Nästa: Avsluta ärendet med ett utfall." in text
    assert text.count("Behövs inte") == 3  # police, contact, RTiB
    assert button_titles(card) == ["Avsluta"]
    outcome = next(n for n in inputs(card) if n["id"] == "outcome")
    assert outcome["value"] == "reached_well"

    await harness.tick(minutes=9)
    assert replies(harness, thread) == [] and len(updates(harness, thread)) == 1
    await harness.tick(minutes=1)  # ten minutes with nothing done: the thread is told, anyone may take over
    (stale,) = replies(harness, thread)
    assert stale["text"].startswith("<at>Otto Operatör</at>: Otto Operatör har inte gjort något i ärendet för Anna")
    assert "Ta över" in button_titles(current_card(harness, thread))

    assert await tap(harness, OTTO, thread, "Avsluta", outcome="reached_well") == []
    assert "Personen nådd – allt väl – avslutat kl. 13:45 av Otto Operatör" in card_text(current_card(harness, thread))
    assert len(updates(harness, thread)) == 3
    assert (await stored(harness, session)).session.outcome is Outcome.REACHED_WELL


async def test_answered_but_needs_help_goes_to_the_police_step_at_once(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)

    await tap(harness, OLLE, thread, "Svarade – behöver hjälp")
    text = card_text(current_card(harness, thread))
    assert "Personen svarade men behöver hjälp: larma polis på 112 nu." in text
    assert "Anna Andersson svarade kl. 13:35 och behöver hjälp.\nVem: Anna Andersson" in text
    assert button_titles(current_card(harness, thread)) == [SKIP, "Polis larmad"]
