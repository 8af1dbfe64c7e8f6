"""Every card the personal chat can show, in every session state and in both languages, is a valid Adaptive
Card 1.5 (official schema), and carries what the person needs: the right buttons for the state, the session id
in every button, the typed values in a refused form, and the fallback phone number where Teams may fail.
Layout choices that a headless render showed to matter are pinned here too: the acute box first on the form,
the fields to fix named at the top, no filled "Allt gick bra" on the receipt, phone numbers that never wrap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.cards import user_cards, verbs
from bot.cards.registration_form import registration_form_card
from bot.domain.model import (
    Contact,
    ContactRole,
    Escalation,
    EscalationKind,
    OrganisationKind,
    Outcome,
    Person,
    Registration,
    Session,
    State,
    Threat,
    TravelMode,
    Whereabouts,
)
from bot.domain.phone import display_phone_unbroken, numbers_kept_together
from bot.domain.policy import Policy
from bot.domain.registration import RegistrationForm
from bot.i18n import Texts, texts_for
from tests.support.card_schema import validate_card
from tests.support.cards import NBH, NBSP, buttons, submits, text_of, walk
from tests.support.forms import REFUSALS, refused_form

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00 in Stockholm
END = NOW + timedelta(minutes=90)  # 14:30
POLICY = Policy()
LANGUAGES = ["sv-SE", "en-US"]
SAFETY_CENTRE = f"010{NBH}435{NBSP}40{NBSP}20"  # the fallback number as the cards show it: never broken


def make_session(state: State = State.REGISTERED, *, trip: bool = False, **changes: Any) -> Session:
    where = (
        Whereabouts(trip_from="Göteborg", trip_to="Borås", mode=TravelMode.TAG)
        if trip
        else Whereabouts(address="Storgatan 1, Borås")
    )
    registration = Registration(
        organisation_kind=OrganisationKind.NAMND,
        organisation="Kulturnämnden",
        phone="+46701234567",
        contact=Contact(ContactRole.SAKERHETSANSVARIG, "Karin Berg", "+46709876543"),
        whereabouts=where,
        end_time=END,
        threat=Threat(known=True, description="Hot via mejl"),
        note="Träffar föreningen",
    )
    session = Session(
        id="20261125120000-abc123",
        owner=Person("anna", "29:anna", "Anna Andersson"),
        registration=registration,
        created_at=NOW,
        end_time=END,
        state=state,
    )
    return replace(session, **changes)


def escalated(kind: EscalationKind = EscalationKind.MISSED, confirmed: bool = False) -> Session:
    escalation = Escalation(kind=kind, raised_at=END, user_confirmed_at=END if confirmed else None)
    return make_session(State.ESCALATED, escalation=escalation)


def closed(outcome: Outcome) -> Session:
    return make_session(State.CLOSED, outcome=outcome, closed_at=NOW + timedelta(minutes=85))


SESSIONS: dict[str, Callable[[], Session]] = {
    "registered": lambda: make_session(),
    "registered_trip": lambda: make_session(trip=True),
    "reminded": lambda: make_session(State.REMINDED),
    "due": lambda: make_session(State.DUE),
    "escalated_missed": lambda: escalated(),
    "escalated_acute": lambda: escalated(EscalationKind.ACUTE),
    "escalated_confirmed": lambda: escalated(confirmed=True),
    **{f"closed_{o.value}": (lambda o=o: closed(o)) for o in Outcome},  # type: ignore[misc]
    "tomorrow": lambda: make_session(end_time=NOW + timedelta(hours=22)),
}


def every_card(locale: str) -> Iterator[tuple[str, dict[str, Any]]]:
    texts = texts_for(locale)
    yield "welcome", user_cards.welcome_card(texts)
    yield "help", user_cards.help_card(texts)
    yield "form.blank", registration_form_card(RegistrationForm(), texts, POLICY, NOW)
    yield "form.refused", registration_form_card(refused_form(), texts, POLICY, NOW, REFUSALS, attempts=2)
    for name, build in SESSIONS.items():
        session = build()
        yield f"receipt.{name}", user_cards.receipt_card(session, texts, POLICY, NOW)
        yield f"status.{name}", user_cards.status_card(session, texts, POLICY, NOW)
        yield f"offer.{name}", user_cards.already_active_card(session, texts, POLICY, NOW)
        yield f"reminder.{name}", user_cards.reminder_card(session, texts, POLICY)
        yield f"due.{name}", user_cards.due_card(session, texts, POLICY)
        yield f"escalation_notice.{name}", user_cards.escalation_notice_card(session, texts, POLICY, NOW)
        yield f"extend.{name}", user_cards.extend_card(session, texts, NOW)
        yield f"closed.{name}", user_cards.closed_card(session, texts)


ALL_CARDS = [(locale, name, c) for locale in LANGUAGES for name, c in every_card(locale)]


@pytest.mark.parametrize(("locale", "name", "card"), ALL_CARDS, ids=[f"{lc}-{n}" for lc, n, _ in ALL_CARDS])
def test_every_user_card_is_a_valid_adaptive_card_1_5(locale: str, name: str, card: dict[str, Any]) -> None:
    validate_card(card)
    assert card["lang"] == locale[:2]


# --------------------------------------------------------------------------------------------- helpers


def verbs_of(card: dict[str, Any]) -> set[str]:
    return {data["verb"] for data in submits(card)}


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in walk(card) if str(n.get("type", "")).startswith("Input.")}


SV: Texts = texts_for("sv-SE")
EN: Texts = texts_for("en-US")


# ------------------------------------------------------------------------------------------ what they say


def test_welcome_has_the_routine_the_buttons_and_the_fallback_phone() -> None:
    card = user_cards.welcome_card(SV)
    assert SAFETY_CENTRE in text_of(card)
    assert verbs_of(card) == {verbs.REGISTER_START, verbs.HELP}
    assert [a["title"] for a in buttons(card)] == ["Ny bevakning", "Hjälp"]


def test_receipt_says_when_we_remind_and_when_to_confirm_by() -> None:
    card = user_cards.receipt_card(make_session(), SV, POLICY, NOW)
    text = text_of(card)
    assert "Vi påminner dig kl. 14:20 – bekräfta senast kl. 14:30." in text
    assert "Sluttid: kl. 14:30" in text and "Nämnd: Kulturnämnden" in text
    assert f"Partiets säkerhetsansvarige: Karin Berg, 070{NBH}987{NBSP}65{NBSP}43" in text
    assert f"Telefon: 070{NBH}123{NBSP}45{NBSP}67" in text  # short enough not to wrap in the fact column
    assert [a["title"] for a in buttons(card)] == ["Allt gick bra", "Förläng", "Avbryt"]


def test_all_went_well_is_filled_only_where_it_is_the_expected_answer() -> None:
    """On the receipt one tap on a filled "Allt gick bra" would end the watch before the meeting has started."""
    session = make_session()
    assert buttons(user_cards.receipt_card(session, SV, POLICY, NOW))[0]["style"] == "default"
    assert buttons(user_cards.status_card(session, SV, POLICY, NOW))[0]["style"] == "default"
    reminded = make_session(State.REMINDED)
    assert buttons(user_cards.reminder_card(reminded, SV, POLICY))[0]["style"] == "positive"
    assert buttons(user_cards.status_card(reminded, SV, POLICY, NOW))[0]["style"] == "positive"
    assert user_cards.due_card(make_session(State.DUE), SV, POLICY)["actions"][0]["style"] == "positive"


def test_receipt_for_a_sluttid_tomorrow_names_the_day() -> None:
    session = make_session(end_time=NOW + timedelta(hours=22))  # 11:00 tomorrow in Stockholm
    text = text_of(user_cards.receipt_card(session, SV, POLICY, NOW))
    assert "bekräfta senast torsdag 26 nov. kl. 11:00" in text


def test_receipt_without_time_for_a_reminder_only_asks_to_confirm() -> None:
    session = make_session(State.REMINDED, end_time=NOW + timedelta(minutes=5))
    text = text_of(user_cards.receipt_card(session, SV, POLICY, NOW))
    assert "Bekräfta senast kl. 13:05." in text and "påminner" not in text


def test_every_session_button_carries_its_own_session_id() -> None:
    for name, build in SESSIONS.items():
        session = build()
        for card in (
            user_cards.status_card(session, SV, POLICY, NOW),
            user_cards.reminder_card(session, SV, POLICY),
            user_cards.due_card(session, SV, POLICY),
        ):
            for data in submits(card):
                if data["verb"].startswith("session."):
                    assert data["session"] == session.id, name


def test_due_card_makes_a_delay_one_tap() -> None:
    card = user_cards.due_card(make_session(State.DUE), SV, POLICY)
    one_tap = [d for d in submits(card) if d.get("minutes")]
    assert [d["minutes"] for d in one_tap] == ["15", "30", "60"]
    assert all(d["verb"] == verbs.SESSION_EXTEND and d["end"] == END.isoformat() for d in one_tap)
    assert verbs_of(card) == {verbs.SESSION_CONFIRM, verbs.SESSION_EXTEND, verbs.SESSION_HELP}
    assert "Jag är försenad" in text_of(card)
    assert inputs(card)[verbs.EXTEND_TIME_INPUT]["isRequired"] is True  # the only field under "Annan tid …"


def test_due_card_puts_another_time_on_its_own_row_so_it_fits_a_phone() -> None:
    card = user_cards.due_card(make_session(State.DUE), SV, POLICY)
    rows = [[a["title"] for a in n["actions"]] for n in walk(card["body"]) if n.get("type") == "ActionSet"]
    assert rows == [["+15 min", "+30 min", "+60 min"], ["Annan tid …"]]


def test_the_time_field_beside_the_one_tap_delays_is_optional() -> None:
    """In "Förläng" the +15/+30/+60 buttons work without a time: no required star on "Eller välj en tid"."""
    extend = buttons(user_cards.receipt_card(make_session(), SV, POLICY, NOW))[1]
    assert extend["title"] == "Förläng"
    field = inputs(extend["card"])[verbs.EXTEND_TIME_INPUT]
    assert field["label"] == "Eller välj en tid" and field["isRequired"] is False and "errorMessage" not in field
    assert inputs(user_cards.extend_card(make_session(), SV, NOW))[verbs.EXTEND_TIME_INPUT]["isRequired"] is False


def test_reminder_offers_confirm_and_extend_only() -> None:
    card = user_cards.reminder_card(make_session(State.REMINDED), SV, POLICY)
    assert verbs_of(card) == {verbs.SESSION_CONFIRM, verbs.SESSION_EXTEND}
    assert "Påminnelse: sluttid kl. 14:30" in text_of(card)


def test_cancel_asks_before_it_ends_the_watch() -> None:
    card = user_cards.status_card(make_session(), SV, POLICY, NOW)
    cancel = buttons(card)[2]
    assert cancel["type"] == "Action.ShowCard"
    assert submits(cancel["card"]) == [{"verb": verbs.SESSION_CANCEL, "session": make_session().id}]


def test_escalated_card_tells_the_number_and_offers_confirm_and_help() -> None:
    card = user_cards.status_card(escalated(), SV, POLICY, NOW)
    assert f"ringer dig på 070{NBH}123{NBSP}45{NBSP}67" in text_of(card)
    assert verbs_of(card) == {verbs.SESSION_CONFIRM, verbs.SESSION_HELP}
    acute = user_cards.status_card(escalated(EscalationKind.ACUTE), SV, POLICY, NOW)
    assert verbs_of(acute) == {verbs.SESSION_CONFIRM} and "ring [112](tel:112)" in text_of(acute)
    done = user_cards.status_card(escalated(confirmed=True), SV, POLICY, NOW)
    assert verbs_of(done) == set()


def test_closed_card_has_no_session_buttons() -> None:
    for outcome in Outcome:
        card = user_cards.closed_card(closed(outcome), SV)
        assert verbs_of(card) == {verbs.REGISTER_START}
        assert "Bevakningen är avslutad" in text_of(card)
    assert "kl. 14:25 att allt gick bra" in text_of(user_cards.closed_card(closed(Outcome.CONFIRMED), SV))


def test_english_cards_are_english() -> None:
    card = user_cards.receipt_card(make_session(), EN, POLICY, NOW)
    assert "We will remind you at 14:20 – check in by 14:30." in text_of(card)
    assert "End time: 14:30" in text_of(card)
    assert [a["title"] for a in buttons(card)] == ["All went well", "Extend", "Cancel"]


# ---------------------------------------------------------------------------------------- the form


def test_blank_form_is_prefilled_with_today_and_the_defaults() -> None:
    fields = inputs(registration_form_card(RegistrationForm(phone="070-123 45 67"), SV, POLICY, NOW))
    assert fields["end_date"]["value"] == "2026-11-25"
    assert fields["phone"]["value"] == "070-123 45 67"
    assert fields["place_kind"]["value"] == "meeting"
    assert fields["acute"]["value"] == "false"
    # A safety answer is never prefilled: "Känd hotbild" is an explicit choice, like the sluttid.
    assert "value" not in fields["end_time"] and "value" not in fields["mode"]
    assert "value" not in fields["threat_known"] and fields["threat_known"]["isRequired"] is True
    assert set(fields) == set(RegistrationForm().as_dict())


def test_refused_form_keeps_everything_typed_and_says_what_to_fix() -> None:
    form = refused_form()
    card = registration_form_card(form, SV, POLICY, NOW, REFUSALS, attempts=1)
    fields = inputs(card)
    for name, typed in form.as_dict().items():
        if typed and name != "mode":
            assert fields[name]["value"] == typed, name
    text = text_of(card)
    assert "Kontrollera: Telefon, Resa till, Färdsätt, Sluttid, Hotbild." in text  # named at the top, in form order
    assert "Det ser inte ut som ett telefonnummer" in text
    assert "Den tiden har redan passerat" in text
    assert "Välj hur du reser." in text
    assert "inte larmad" in text  # the acute box was ticked, but nothing was registered
    assert SAFETY_CENTRE not in text  # the phone fallback comes with the second refusal
    assert SAFETY_CENTRE in text_of(registration_form_card(form, SV, POLICY, NOW, REFUSALS, attempts=2))
    notes = [n for n in walk(card) if n.get("type") == "TextBlock" and n.get("color") == "attention"]
    assert len(notes) == 3 + len(REFUSALS)  # "Ring 112", "not alerted", the summary, one note per refused field
    assert all("size" not in n for n in notes)  # the notes are as easy to read as the labels they belong to


def test_the_summary_names_the_fields_in_english_too() -> None:
    card = registration_form_card(refused_form(), EN, POLICY, NOW, {"end_time": "in_past", "phone": "bad_phone"})
    assert "Please check: Phone, End time." in text_of(card)


def test_the_acute_box_comes_first_beside_call_112() -> None:
    for errors in ({}, REFUSALS):
        card = registration_form_card(refused_form(), SV, POLICY, NOW, errors)
        first_input = next(n for n in walk(card["body"]) if str(n.get("type", "")).startswith("Input."))
        assert first_input["id"] == "acute" and first_input["value"] == "true"  # still ticked as it was sent
        assert first_input["title"] == "Jag är i akut fara nu"
        (row,) = [n for n in walk(card["body"][1]) if n.get("type") == "ColumnSet"]
        assert [c["items"][0].get("text", c["items"][0].get("id")) for c in row["columns"]] == [
            "acute",
            "Ring [112](tel:112)",  # one tap dials it on a phone
        ]


def test_meeting_and_trip_fields_say_when_they_are_needed() -> None:
    """Teams cannot reliably hide the trip fields for a meeting, so each label says when it is required."""
    fields = inputs(registration_form_card(RegistrationForm(), SV, POLICY, NOW))
    labels = {name: fields[name]["label"] for name in ("address", "trip_from", "trip_to", "mode")}
    assert labels == {
        "address": "Adress (krävs vid möte)",
        "trip_from": "Från (krävs vid resa)",
        "trip_to": "Till (krävs vid resa)",
        "mode": "Färdsätt (krävs vid resa)",
    }
    assert not any(fields[name].get("isRequired") for name in labels)  # required only for one of the choices
    always = ("organisation_kind", "organisation", "phone", "contact_role", "contact_name", "contact_phone")
    for name in (*always, "place_kind", "end_time", "threat_known", "threat_description"):
        assert fields[name]["isRequired"] is True and fields[name]["errorMessage"], name
    assert fields["threat_description"]["errorMessage"] == "Beskriv hotbilden, eller varför du känner dig otrygg."


# ------------------------------------------------------------------------------------------ phone numbers

BREAKABLE_NUMBER = re.compile(r"\d[- ]\d")  # a hyphen or plain space between digits: a place a line may break


@pytest.mark.parametrize(("locale", "name", "card"), ALL_CARDS, ids=[f"{lc}-{n}" for lc, n, _ in ALL_CARDS])
def test_no_phone_number_on_a_card_can_wrap(locale: str, name: str, card: dict[str, Any]) -> None:
    assert not BREAKABLE_NUMBER.search(text_of(card)), text_of(card)


def test_unbroken_phone_numbers() -> None:
    assert display_phone_unbroken("+46104354020") == SAFETY_CENTRE
    assert display_phone_unbroken("") == ""
    assert numbers_kept_together("ring 010-435 40 20, så") == f"ring {SAFETY_CENTRE}, så"
    assert numbers_kept_together("kl. 14:30, +15 min, 3 av 90 dagar") == "kl. 14:30, +15 min, 3 av 90 dagar"


def test_a_choice_that_is_not_offered_is_not_shown_as_chosen() -> None:
    fields = inputs(registration_form_card(RegistrationForm(mode="raket"), SV, POLICY, NOW))
    assert "value" not in fields["mode"]


def test_the_offer_for_an_escalated_session_does_not_promise_extend_or_cancel() -> None:
    card = user_cards.already_active_card(escalated(), SV, POLICY, NOW)
    assert "Du kan registrera en ny bevakning när de har avslutat det." in text_of(card)
    assert verbs_of(card) == {verbs.SESSION_CONFIRM, verbs.SESSION_HELP}
