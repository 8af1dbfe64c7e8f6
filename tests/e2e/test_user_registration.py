"""Registering through the form: what is accepted, how a refusal is answered (the form again, filled in as
typed, with a note under each field), acute danger, the offer when a session already runs, and a registration
that continues after the bot restarted in the middle of it.
"""

from __future__ import annotations

import json

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, SWEEPER, create_app
from bot.config import load_config
from bot.domain.events import EventKind
from bot.domain.model import EscalationKind, State, TravelMode
from bot.store.bars import Bar
from tests.e2e.user_support import FILLED_FORM, SAFETY_CENTRE_ON_CARDS, Chat, person
from tests.support.activities import ANNA, EMMA
from tests.support.card_schema import validate_card
from tests.support.cards import buttons, input_values, text_of
from tests.support.harness import BotHarness


@pytest.mark.parametrize("phone", ["010-4354020", "0104354020", "+46 10 435 40 20"])
async def test_a_phone_number_in_any_common_form_is_accepted(harness: BotHarness, phone: str) -> None:
    chat = Chat(harness, ANNA)
    await chat.register(phone=phone)
    assert (await chat.session()).registration.phone == "+46104354020"


async def test_bad_phone_and_past_sluttid_get_the_form_back_as_typed(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")

    (again,) = await chat.fill_in(form, phone="070-12", end_time="12:15", note="Ringer när jag är klar")

    validate_card(again.card)
    text = text_of(again.card)
    assert "Kontrollera: Telefon, Sluttid." in text
    assert "Det ser inte ut som ett telefonnummer." in text
    assert "Den tiden har redan passerat." in text
    values = input_values(again.card)
    assert values["phone"] == "070-12" and values["end_time"] == "12:15"
    assert values["note"] == "Ringer när jag är klar" and values["organisation"] == "Kulturnämnden"
    assert values["contact_phone"] == "+46 70 987 65 43" and values["organisation_kind"] == "nämnd"
    assert await harness.services.sessions.active(person(ANNA)) is None

    (receipt,) = await chat.fill_in(again, note="Ringer när jag är klar")
    assert "Bevakningen är registrerad" in text_of(receipt.card)
    assert (await chat.session()).registration.note == "Ringer när jag är klar"


async def test_sluttid_more_than_24_hours_ahead_is_refused(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")
    (again,) = await chat.fill_in(form, end_date="2026-11-26", end_time="14:00")
    assert "Sluttiden får ligga högst 24 timmar fram i tiden." in text_of(again.card)


async def test_a_known_threat_needs_a_description_and_a_trip_needs_its_ends(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")
    (again,) = await chat.fill_in(
        form, threat_known="yes", threat_description="", place_kind="trip", address="", trip_from="Göteborg"
    )
    text = text_of(again.card)
    assert "Beskriv hotbilden, eller varför du känner dig otrygg." in text
    assert "Ange vart du reser." in text and "Välj hur du reser." in text

    (receipt,) = await chat.fill_in(
        again, threat_known="yes", place_kind="trip", address="", trip_from="Göteborg", trip_to="Borås", mode="tåg"
    )
    assert "Resa: Göteborg → Borås (tåg)" in text_of(receipt.card)
    session = await chat.session()
    assert session.registration.whereabouts.mode is TravelMode.TAG and session.registration.threat.known


async def test_the_second_refusal_offers_the_phone_fallback(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")
    (first,) = await chat.fill_in(form, phone="1")
    assert "så registrerar de åt dig" not in text_of(first.card)
    (second,) = await chat.fill_in(first, phone="2")
    assert f"Krånglar det? Ring trygghetscentralen {SAFETY_CENTRE_ON_CARDS}, så" in text_of(second.card)


async def test_the_next_form_is_prefilled_from_the_last_registration(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()
    await chat.say("klar")

    (form,) = await chat.say("ny")

    values = input_values(form.card)
    assert values["phone"] == "010-4354020" and values["organisation"] == "Kulturnämnden"
    assert values["contact_name"] == "Karin Berg" and values["organisation_kind"] == "nämnd"
    assert values["end_date"] == "2026-11-25" and values["end_time"] is None and values["address"] is None


async def test_new_while_a_session_runs_offers_to_extend_or_end_it(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    receipt = await chat.register()

    (offer,) = await chat.say("ny")

    validate_card(offer.card)
    assert "Du har redan en aktiv bevakning" in text_of(offer.card)
    assert [a["title"] for a in buttons(offer.card)] == ["Allt gick bra", "Förläng", "Avbryt"]
    # The old form's button again (a double submit): one session, and the same offer.
    (again,) = await chat.submit({"verb": "register.submit", **FILLED_FORM}, receipt)
    assert "Du har redan en aktiv bevakning" in text_of(again.card)
    assert len(await harness.services.repos.sessions.for_user(ANNA.aad)) == 1


async def test_acute_danger_answers_call_112_at_once_and_alerts_the_operators(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")

    call_112, receipt = await chat.fill_in(form, acute="true")

    assert call_112.text == "Ring 112 nu!"
    validate_card(receipt.card)
    assert "Registrerad – trygghetscentralen är larmad" in text_of(receipt.card)
    session = await chat.session()
    assert session.state is State.ESCALATED
    assert session.escalation is not None and session.escalation.kind is EscalationKind.ACUTE


async def test_acute_danger_on_a_form_with_mistakes_still_says_112_first(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")

    call_112, again = await chat.fill_in(form, acute="true", phone="")

    assert call_112.text == "Ring 112 nu!"
    assert "trygghetscentralen är inte larmad" in text_of(again.card)
    assert input_values(again.card)["acute"] == "true"


async def test_acute_danger_while_a_session_runs_raises_help_on_it(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    await chat.register()
    (form,) = await chat.submit({"verb": "register.start"})

    (offer,) = [form]  # a session runs: "Ny bevakning" shows it instead of a form
    assert "Du har redan en aktiv bevakning" in text_of(offer.card)
    call_112, answer = await chat.submit({"verb": "register.submit", **FILLED_FORM, "acute": "true"})

    assert call_112.text == "Ring 112 nu!"
    assert answer.text.startswith("Trygghetscentralen är larmad och ringer dig på 010-435 40 20.")
    session = await chat.session()
    assert session.escalation is not None and session.escalation.kind is EscalationKind.ACUTE


async def test_cancel_during_registration_and_the_forms_own_cancel_button(harness: BotHarness) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")
    (answer,) = await chat.say("avbryt")
    assert answer.text == "Registreringen avbröts. Skriv ny när du vill börja om."
    (answer,) = await chat.say("avbryt")
    assert answer.text == "Du har ingen aktiv bevakning just nu. Skriv ny för att registrera en."

    (form,) = await chat.say("ny")
    (answer,) = await chat.press(form, "Avbryt")
    assert answer.text == "Registreringen avbröts. Skriv ny när du vill börja om."
    assert await harness.services.repos.kv.get("botstate", f"msteams/conversations/{ANNA.conversation_id}") == (
        None,
        None,
    )


async def test_a_barred_person_is_told_before_filling_in_the_form(harness: BotHarness) -> None:
    bar = Bar(ANNA.aad, ANNA.name, "upprepade larm utan svar", "ada", harness.clock.now())
    await harness.services.repos.bars.put(bar)
    chat = Chat(harness, ANNA)

    (answer,) = await chat.say("ny")

    assert answer.text.startswith("Du kan inte använda Trygghet just nu.")


async def test_english_form_and_refusal(harness: BotHarness) -> None:
    chat = Chat(harness, EMMA)
    (form,) = await chat.say("new")
    assert "End time – when do you expect to be done?" in json.dumps(form.card, ensure_ascii=False)
    (again,) = await chat.fill_in(form, phone="123")
    assert "Please check: Phone." in text_of(again.card)
    assert "That does not look like a phone number." in text_of(again.card)
    (receipt,) = await chat.fill_in(again)
    assert "Your check-in is registered" in text_of(receipt.card)


async def test_a_restart_in_the_middle_of_the_registration_continues_it(
    harness: BotHarness, bot_env: dict[str, str]
) -> None:
    chat = Chat(harness, ANNA)
    (form,) = await chat.say("ny")
    (refused,) = await chat.fill_in(form, phone="1")  # the dialog now counts one refusal
    state_key = f"msteams/conversations/{ANNA.conversation_id}"
    stored, _ = await harness.services.repos.kv.get("botstate", state_key)
    assert "registration.form" in json.dumps(stored) and "Kulturn" not in json.dumps(stored)  # nothing personal
    await harness.client.close()  # the bot goes down ...

    app = create_app(load_config(bot_env), harness.clock, run_scheduler=False)  # ... and comes back on the same tables
    async with TestClient(TestServer(app)) as client:
        restarted = BotHarness(client, harness.connector, harness.clock, app[SERVICES], app[SWEEPER])
        chat = Chat(restarted, ANNA)

        (second,) = await chat.fill_in(refused, phone="2")
        assert "Krånglar det?" in text_of(second.card)  # the second refusal: the count survived the restart
        (receipt,) = await chat.fill_in(second)
        assert "Bevakningen är registrerad" in text_of(receipt.card)
        kinds = [e.kind for e in await chat.events()]
        assert kinds == [EventKind.REGISTERED]
        assert await restarted.services.repos.kv.get("botstate", state_key) == (
            None,
            None,
        )  # the finished dialog leaves no state behind
