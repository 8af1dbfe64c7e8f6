"""The buttons on the user's cards act on their own session only, once: a double tap records one event, a tap
on an old card of a closed session says so and redraws the card, someone else's session id is not found, and
"Jag behöver hjälp" alerts the operators at once.
"""

from __future__ import annotations

from bot.domain.events import EventKind
from bot.domain.model import EscalationKind, State
from tests.e2e.user_support import Chat, Sent, person, updated_card
from tests.support.activities import ANNA, BERTIL
from tests.support.cards import text_of
from tests.support.harness import BotHarness


async def test_a_double_tap_on_all_went_well_records_one_event(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register()

    (first,) = await chat.press(receipt, "Allt gick bra")
    (second,) = await chat.press(receipt, "Allt gick bra")

    assert first.text == "Skönt att höra! Bevakningen är avslutad."
    assert second.text == "Den här bevakningen är redan avslutad."
    assert [e.kind for e in await chat.events()].count(EventKind.CONFIRMED) == 1
    assert [u["id"] for u in chat.updates()] == [receipt.id, receipt.id]


async def test_a_double_tap_on_plus_30_extends_once(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register()

    (first,) = await chat.press(receipt, "+30 min")
    (second,) = await chat.press(receipt, "+30 min")

    assert first.text == "Ny sluttid kl. 15:00. Vi påminner dig kl. 14:50."
    assert second.text == "Sluttiden är redan ändrad till kl. 15:00."
    assert [e.kind for e in await chat.events()].count(EventKind.EXTENDED) == 1
    redrawn = Sent(receipt.id, chat.updates()[-1])
    assert "bekräfta senast kl. 15:00" in text_of(updated_card(redrawn.activity))
    (third,) = await chat.press(redrawn, "+30 min")  # a tap on the redrawn card is a new, deliberate extension
    assert third.text == "Ny sluttid kl. 15:30. Vi påminner dig kl. 15:20."


async def test_a_button_on_an_old_card_after_the_session_closed(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register()
    await chat.say("klar")

    (answer,) = await chat.press(receipt, "+60 min")

    assert answer.text == "Den här bevakningen är redan avslutad."
    (update,) = chat.updates()
    assert update["id"] == receipt.id
    redrawn = updated_card(update)
    assert "Bevakningen är avslutad" in text_of(redrawn)
    assert "session.extend" not in str(redrawn)
    assert [e.kind for e in await chat.events()].count(EventKind.EXTENDED) == 0


async def test_an_old_card_acts_on_its_own_session_not_the_new_one(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    old_receipt = await chat.register()
    await chat.say("klar")
    await chat.register(end_time="15:00")

    (answer,) = await chat.press(old_receipt, "Ja, avbryt bevakningen")

    assert answer.text == "Den här bevakningen är redan avslutad."
    active = await harness.services.sessions.active(person(ANNA))
    assert active is not None and active.session.state is State.REGISTERED  # the new session is untouched


async def test_someone_elses_session_id_is_simply_not_found(harness: BotHarness) -> None:
    anna = Chat(harness, ANNA)
    receipt = await anna.register()
    bertil = Chat(harness, BERTIL)

    (answer,) = await bertil.submit({"verb": "session.cancel", "session": (await anna.session()).id}, receipt)

    assert answer.text == "Jag hittar inte den bevakningen."
    assert (await anna.session()).state is State.REGISTERED
    assert bertil.updates() == [] and anna.updates() == []


async def test_i_need_help_on_the_sluttid_card_alerts_the_operators_at_once(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()
    await chat.tick(minutes=80)
    (due,) = await chat.tick(minutes=10)

    (answer,) = await chat.press(due, "Jag behöver hjälp")
    (again,) = await chat.press(due, "Jag behöver hjälp")

    assert answer.text == "Trygghetscentralen är larmad och ringer dig på 010-435 40 20. Är du i akut fara: ring 112."
    assert again.text == "Trygghetscentralen är redan larmad. Är du i akut fara: ring 112."
    session = await chat.session()
    assert session.state is State.ESCALATED
    assert session.escalation is not None and session.escalation.kind is EscalationKind.ACUTE
    assert [e.kind for e in await chat.events()].count(EventKind.HELP_REQUESTED) == 1
    redrawn = updated_card(chat.updates()[0])
    assert "Trygghetscentralen är larmad" in text_of(redrawn)
    assert await chat.tick(minutes=10) == []  # the person asked: no "we have not heard from you" notice


async def test_once_the_operators_have_it_extending_and_cancelling_are_explained(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register(end_time="13:30")
    await chat.tick(minutes=30)
    await chat.tick(minutes=5)  # escalated

    (extend,) = await chat.press(receipt, "+15 min")
    (cancel,) = await chat.press(receipt, "Ja, avbryt bevakningen")

    assert extend.text.startswith("Trygghetscentralen är redan larmad, så sluttiden kan inte flyttas.")
    assert cancel.text.startswith("Trygghetscentralen är redan larmad, så bevakningen kan inte avbrytas")
    assert (await chat.session()).state is State.ESCALATED


async def test_help_on_the_card_of_a_closed_session_points_to_112(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()
    await chat.tick(minutes=80)
    (due,) = await chat.tick(minutes=10)
    await chat.say("klar")

    (answer,) = await chat.press(due, "Jag behöver hjälp")

    assert answer.text.startswith("Den här bevakningen är redan avslutad. Behöver du hjälp nu: ring 112")
