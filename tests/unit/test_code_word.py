"""The trygghetsord's rules: folded case and spaces, a salted hash only, reserved and too short words refused,
recognised alone or after *klar*; and the silent alarm it raises on the domain."""

from __future__ import annotations

import json

import pytest

from bot.domain import code_word
from bot.domain import session_commands as cmd
from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.events import EventKind
from bot.domain.model import EscalationKind, State
from bot.domain.silent_alarm import registration_for
from bot.domain.timeline import advance
from tests.unit.factories import NOW, POLICY, new_session


def test_the_word_is_matched_whatever_the_case_and_spaces() -> None:
    stored = code_word.make("Röd Ballong")
    for said in ("röd ballong", "RÖDBALLONG", "  röd   ballong ", "klar röd ballong", "Ok, Röd Ballong"):
        assert code_word.said_in(said, stored), said
    for other in ("röd", "röd ballonger", "status", "klar", "blå ballong", ""):
        assert not code_word.said_in(other, stored), other


def test_only_a_salted_hash_is_kept_and_two_people_with_one_word_get_different_hashes() -> None:
    first, second = code_word.make("solros"), code_word.make("solros")
    assert first.salt != second.salt and first.digest != second.digest
    assert "solros" not in json.dumps(first.to_value())
    assert code_word.CodeWord.from_value(first.to_value()) == first
    assert code_word.CodeWord.from_value({}) is None and code_word.CodeWord.from_value("x") is None


@pytest.mark.parametrize(
    ("word", "code"),
    [("abc", "code_word_length"), ("a b c", "code_word_length"), ("x" * 65, "code_word_length")]
    + [(w, "code_word_reserved") for w in ("Status", "hjälp", "KLAR", "för läng")],
)
def test_too_short_too_long_and_command_words_are_refused(word: str, code: str) -> None:
    with pytest.raises(DomainError) as err:
        code_word.make(word)
    assert err.value.code == code


def test_the_word_raises_a_silent_acute_escalation_on_a_running_watch() -> None:
    session = new_session()
    events = cmd.silent_alarm(session, NOW)
    assert [e.kind for e in events] == [EventKind.HELP_REQUESTED, EventKind.ESCALATED]
    assert events[0].data == {"silent": "true"}
    assert session.state is State.ESCALATED and session.escalation is not None
    assert session.escalation.kind is EscalationKind.ACUTE and session.escalation.silent


def test_during_a_missed_check_in_the_word_makes_the_case_acute_and_silent_and_twice_records_nothing() -> None:
    session = new_session()
    advance(session, session.end_time + POLICY.grace, POLICY)
    assert session.escalation is not None and session.escalation.kind is EscalationKind.MISSED
    assert [e.kind for e in cmd.silent_alarm(session, NOW)] == [EventKind.HELP_REQUESTED]
    assert session.escalation.kind is EscalationKind.ACUTE and session.escalation.silent
    with pytest.raises(DomainError) as err:
        cmd.silent_alarm(session, NOW)
    assert err.value.code == "already_recorded"


def test_a_closed_watch_takes_no_alarm_and_one_is_opened_from_the_latest_registration_instead() -> None:
    session = new_session()
    cmd.confirm(session, NOW)
    with pytest.raises(IllegalTransition):
        cmd.silent_alarm(session, NOW)
    registration = registration_for(session.registration, {}, NOW, "Tyst larm utan pågående bevakning")
    opened, events = cmd.open_silent("s2", session.owner, registration, NOW, "sv-SE")
    assert [e.kind for e in events] == [EventKind.REGISTERED, EventKind.HELP_REQUESTED, EventKind.ESCALATED]
    assert opened.registration.phone == session.registration.phone and opened.end_time == NOW
    assert opened.escalation is not None and opened.escalation.silent


def test_without_any_registration_left_the_saved_form_values_give_the_phone_and_contact() -> None:
    prefill = {"phone": "070-123 45 67", "contact_name": "Karin", "contact_phone": "nonsense", "organisation": "X"}
    registration = registration_for(None, prefill, NOW, "n")
    assert registration.phone == "+46701234567" and registration.contact.name == "Karin"
    assert registration.contact.phone == "" and registration.acute and registration.note == "n"
