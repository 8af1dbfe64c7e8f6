"""The user's journeys in the personal chat, end to end through POST /api/messages with the fake clock:
register, get reminded, confirm, report a delay, cancel, stay silent. Each step asserts exactly what the
person receives (a test fails on an extra message, not only on a missing one).
"""

from __future__ import annotations

from bot.domain.events import EventKind
from bot.domain.model import EscalationKind, Outcome, State
from tests.e2e.user_support import SAFETY_CENTRE_ON_CARDS, Chat, person, updated_card
from tests.support.activities import ANNA, EMMA
from tests.support.card_schema import validate_card
from tests.support.cards import text_of
from tests.support.harness import BotHarness, cards_in


async def test_installing_the_app_greets_with_the_routine_and_remembers_the_chat(harness: BotHarness) -> None:
    sent = await harness.install(ANNA)

    assert len(sent) == 1
    (card,) = cards_in(sent)
    validate_card(card)
    assert f"ring trygghetscentralen [{SAFETY_CENTRE_ON_CARDS}](tel:+46104354020)" in text_of(card)  # one tap
    assert [a["title"] for a in card["actions"]] == ["Ny bevakning", "Hjälp"]
    profile = await harness.services.repos.profiles.get(ANNA.aad)
    assert profile is not None and profile.conversation["conversation"]["id"] == ANNA.conversation_id


async def test_anything_else_gets_the_help_card_not_silence(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)

    (answer,) = await chat.say("Hej, hur funkar det här?")

    validate_card(answer.card)
    assert answer.text == "Om Teams inte fungerar: ring trygghetscentralen 010-435 40 20"
    assert "förläng 30 / förläng 15:30" in text_of(answer.card)


async def test_register_then_reminder_then_sluttid_then_all_went_well(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register()
    assert "Vi påminner dig kl. 14:20 – bekräfta senast kl. 14:30." in text_of(receipt.card)
    assert "Plats: Storgatan 1, Borås" in text_of(receipt.card)

    assert await chat.tick(minutes=79) == []  # 14:19
    (reminder,) = await chat.tick(minutes=1)  # 14:20
    validate_card(reminder.card)
    assert "Påminnelse: sluttid kl. 14:30" in text_of(reminder.card)
    assert reminder.activity["summary"] == "Påminnelse: sluttid kl. 14:30"

    (due,) = await chat.tick(minutes=10)  # 14:30
    validate_card(due.card)
    assert "Sluttid kl. 14:30 – hur gick det?" in text_of(due.card)

    (answer,) = await chat.press(due, "Allt gick bra")
    assert answer.text == "Skönt att höra! Bevakningen är avslutad."
    (update,) = chat.updates()
    assert update["id"] == due.id
    assert "Du meddelade kl. 14:30 att allt gick bra." in text_of(updated_card(update))
    session = await chat.session()
    assert (session.state, session.outcome) == (State.CLOSED, Outcome.CONFIRMED)
    assert await chat.tick(minutes=60) == []


async def test_delayed_by_30_minutes_then_all_went_well_at_the_new_time(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()
    await chat.tick(minutes=80)  # reminder
    (due,) = await chat.tick(minutes=10)  # 14:30

    (answer,) = await chat.press(due, "+30 min")

    assert answer.text == "Ny sluttid kl. 15:00. Vi påminner dig kl. 14:50."
    (update,) = chat.updates()
    assert update["id"] == due.id
    assert "bekräfta senast kl. 15:00" in text_of(updated_card(update))
    assert await chat.tick(minutes=10) == []  # 14:40: the old sluttid's escalation is gone
    (reminder,) = await chat.tick(minutes=10)  # 14:50
    assert "Påminnelse: sluttid kl. 15:00" in text_of(reminder.card)
    (due_again,) = await chat.tick(minutes=10)  # 15:00
    (answer,) = await chat.press(due_again, "Allt gick bra")
    assert answer.text == "Skönt att höra! Bevakningen är avslutad."
    session = await chat.session()
    assert (session.state, session.outcome) == (State.CLOSED, Outcome.CONFIRMED)
    assert [e.kind for e in await chat.events()] == [
        EventKind.REGISTERED,
        EventKind.REMINDER_DUE,
        EventKind.CONFIRMATION_DUE,
        EventKind.EXTENDED,
        EventKind.REMINDER_DUE,
        EventKind.CONFIRMATION_DUE,
        EventKind.CONFIRMED,
    ]


async def test_delayed_to_a_time_of_day_from_the_sluttid_card(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()
    await chat.tick(minutes=80)
    (due,) = await chat.tick(minutes=10)

    (answer,) = await chat.press(due, "Spara ny sluttid", extend_time="16:15")

    assert answer.text == "Ny sluttid kl. 16:15. Vi påminner dig kl. 16:05."
    assert (await chat.session()).end_time.isoformat() == "2026-11-25T15:15:00+00:00"


async def test_register_then_cancel(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register()

    (answer,) = await chat.press(receipt, "Ja, avbryt bevakningen")

    assert answer.text == "Bevakningen är avbruten. Trygghetscentralen kommer inte att höra av sig."
    (update,) = chat.updates()
    assert update["id"] == receipt.id and "Du avbröt bevakningen kl. 13:00." in text_of(updated_card(update))
    assert (await chat.session()).outcome is Outcome.CANCELLED
    assert await chat.tick(minutes=120) == []


async def test_typed_commands_act_on_the_active_session(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()

    (status,) = await chat.say("STATUS")
    validate_card(status.card)
    assert "Din bevakning" in text_of(status.card)
    (answer,) = await chat.say("förläng 45 min")
    assert answer.text == "Ny sluttid kl. 15:15. Vi påminner dig kl. 15:05."
    (chooser,) = await chat.say("Förläng")
    validate_card(chooser.card)
    assert "Nuvarande sluttid: kl. 15:15." in text_of(chooser.card)
    (answer,) = await chat.say("förläng kl. 25:00")
    assert answer.text == "Jag förstod inte tiden. Skriv till exempel förläng 30 eller förläng 15:30."
    (answer,) = await chat.say("klar")
    assert answer.text == "Skönt att höra! Bevakningen är avslutad."
    (answer,) = await chat.say("klar")
    assert answer.text == "Du har ingen aktiv bevakning just nu. Skriv ny för att registrera en."
    assert chat.updates() == []  # typed commands have no card to redraw


async def test_a_person_who_never_confirms_reaches_the_operators(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register(end_time="13:30")
    await chat.tick(minutes=20)  # reminder at 13:20
    await chat.tick(minutes=10)  # sluttid prompt at 13:30

    (notice,) = await chat.tick(minutes=5)  # 13:35: sluttid + grace

    session = await chat.session()
    assert session.state is State.ESCALATED
    assert session.escalation is not None and session.escalation.kind is EscalationKind.MISSED
    validate_card(notice.card)
    assert f"Trygghetscentralen ringer dig på {SAFETY_CENTRE_ON_CARDS}" in text_of(notice.card)
    # The operators' delivery is retried until a channel is bound; the person is told only once.
    assert await chat.tick(minutes=1) == []
    assert await chat.tick(minutes=1) == []

    (answer,) = await chat.press(notice, "Allt gick bra")
    assert answer.text.startswith("Tack! Trygghetscentralen ser nu att allt är bra.")
    session = await chat.session()
    assert session.state is State.ESCALATED and session.confirmed_at is not None  # the operators close it


async def test_english_client_gets_the_journey_in_english(harness: BotHarness) -> None:
    chat = Chat(harness, EMMA)
    (form,) = await chat.say("new")
    validate_card(form.card)
    assert form.card["lang"] == "en"
    assert [a["title"] for a in form.card["actions"]] == ["Register", "Cancel"]

    (receipt,) = await chat.fill_in(form)
    assert "We will remind you at 14:20 – check in by 14:30." in text_of(receipt.card)
    await chat.tick(minutes=80)
    (due,) = await chat.tick(minutes=10)
    assert "End time 14:30 – how did it go?" in text_of(due.card)
    (answer,) = await chat.press(due, "+15 min")
    assert answer.text == "New end time: 14:45. We will remind you at 14:35."
    (answer,) = await chat.say("done")
    assert answer.text == "Good to hear! The check-in has ended."
    assert (await harness.services.sessions.active(person(EMMA))) is None
