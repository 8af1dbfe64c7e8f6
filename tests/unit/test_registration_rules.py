"""What a person may type into the registration form, and what they are told when it needs another look."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import ValidationFailed
from bot.domain.model import ContactRole, TravelMode
from bot.domain.phone import display_phone, parse_phone
from bot.domain.policy import Policy, format_duration, parse_duration
from bot.domain.registration import RegistrationForm, new_end_time, validate_registration

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00 Stockholm
POLICY = Policy()


def form(**values: str) -> RegistrationForm:
    base = {
        "organisation_kind": "nämnd",
        "organisation": "Regionstyrelsen",
        "phone": "070-123 45 67",
        "contact_role": "kontaktperson",
        "contact_name": "Eva Ek",
        "contact_phone": "0104354020",
        "place_kind": "meeting",
        "address": "Regionens hus",
        "end_date": "2026-11-25",
        "end_time": "14:30",
        "threat_known": "no",
        "threat_description": "Uppmärksammat ärende",
    }
    base.update(values)
    return RegistrationForm.from_values(base)


@pytest.mark.parametrize("text", ["010-4354020", "0104354020", "+46 10 435 40 20", "010-435 40 20"])
def test_common_swedish_phone_forms_are_understood(text: str) -> None:
    assert parse_phone(text) == "+46104354020"
    assert display_phone("+46104354020") == "010-435 40 20"


@pytest.mark.parametrize("text", ["", "12", "hej", "070-12"])
def test_nonsense_phone_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_phone(text)


def test_a_complete_form_becomes_a_registration_in_utc() -> None:
    registration = validate_registration(form(), NOW, POLICY)
    assert registration.end_time == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
    assert registration.phone == "+46701234567"
    assert registration.contact.role is ContactRole.KONTAKTPERSON
    assert not registration.threat.known and not registration.acute


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as err:
        validate_registration(form(phone="12", organisation="", end_time="12:00", threat_description=""), NOW, POLICY)
    assert err.value.fields == {
        "phone": "bad_phone",
        "organisation": "required",
        "end_time": "in_past",
        "threat_description": "required",
    }


@pytest.mark.parametrize(("answer", "code"), [("", "required"), ("kanske", "bad_choice")])
def test_the_known_threat_question_must_be_answered_it_is_never_taken_as_no(answer: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        validate_registration(form(threat_known=answer), NOW, POLICY)
    assert err.value.fields == {"threat_known": code}
    assert RegistrationForm().threat_known == ""  # a blank form has no answer prefilled
    assert validate_registration(form(threat_known="yes"), NOW, POLICY).threat.known


def test_sluttid_more_than_the_maximum_ahead_is_refused() -> None:
    with pytest.raises(ValidationFailed) as err:
        validate_registration(form(end_date="2026-11-26", end_time="14:00"), NOW, POLICY)
    assert err.value.fields == {"end_time": "too_far"}


def test_a_trip_needs_from_to_and_mode() -> None:
    with pytest.raises(ValidationFailed) as err:
        validate_registration(form(place_kind="trip", trip_from="Borås"), NOW, POLICY)
    assert err.value.fields == {"trip_to": "required", "mode": "required"}
    trip = validate_registration(
        form(place_kind="trip", trip_from="Borås", trip_to="Göteborg", mode="tåg"), NOW, POLICY
    )
    assert trip.whereabouts.is_trip and trip.whereabouts.mode is TravelMode.TAG


def test_missing_date_means_today_in_stockholm() -> None:
    late_evening = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)  # 23:30 in Stockholm
    registration = validate_registration(form(end_date="", end_time="23:50"), late_evening, POLICY)
    assert registration.end_time == datetime(2026, 11, 25, 22, 50, tzinfo=UTC)


def test_acute_checkbox_arrives_as_text_from_the_card() -> None:
    assert validate_registration(form(acute="true"), NOW, POLICY).acute


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+30", timedelta(minutes=30)), ("15", timedelta(minutes=15)), ("14:45", timedelta(minutes=45 + 60))],
)
def test_delay_as_minutes_or_a_time_of_day(text: str, expected: timedelta) -> None:
    current_end = NOW  # sluttid 13:00 Stockholm, now
    assert new_end_time(text, NOW, current_end, POLICY) == NOW + expected


def test_a_time_of_day_that_has_passed_means_tomorrow_if_within_the_maximum() -> None:
    assert new_end_time("12:30", NOW, NOW, POLICY) == datetime(2026, 11, 26, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "0", "abc", "25:00", "+2000"])
def test_unreadable_delays_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        new_end_time(text, NOW, NOW, POLICY)


@pytest.mark.parametrize(("text", "seconds"), [("PT5M", 300), ("300", 300), ("p30d", 30 * 86400), ("PT1H30M", 5400)])
def test_durations_are_iso_8601_or_seconds(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds
    assert parse_duration(format_duration(parse_duration(text))) == parse_duration(text)


@pytest.mark.parametrize("text", ["", "0", "-5", "P1M", "soon"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
