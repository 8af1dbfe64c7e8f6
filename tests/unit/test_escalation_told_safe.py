"""A late confirmation after the police were alerted: everyone who heard of the alarm is told that the person is
safe ("Polisen meddelad", and the contact and RTiB if they were informed before), each recorded once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.escalation import Party, Phase, phase, still_to_tell_safe
from bot.domain.events import EventKind
from bot.domain.model import CallResult, Outcome, Session
from bot.domain.retention import fact_data
from bot.domain.timeline import advance
from tests.unit.factories import NOW, OLLE, OTTO, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)
ALERTED_AT = ESCALATED_AT + POLICY.call_interval


def police_alerted() -> Session:
    session = new_session()
    advance(session, ESCALATED_AT, POLICY)
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.NO_ANSWER, ALERTED_AT, POLICY)
    esc.mark_police_alerted(session, OLLE, "K-1", ALERTED_AT)
    return session


def test_a_confirmation_after_the_police_alert_leaves_the_police_to_be_told() -> None:
    session = police_alerted()
    assert session.escalation is not None
    assert still_to_tell_safe(session.escalation) == []  # nobody is safe yet: nothing to tell

    cmd.confirm(session, ALERTED_AT + timedelta(minutes=3))

    assert still_to_tell_safe(session.escalation) == [Party.POLICE]
    assert phase(session.escalation, POLICY, ALERTED_AT) is Phase.WRAP_UP
    events = esc.mark_told_safe(session, OTTO, Party.POLICE, ALERTED_AT + timedelta(minutes=5))
    assert [(e.kind, e.actor, e.data) for e in events] == [(EventKind.TOLD_SAFE, OTTO, {"party": "police"})]
    assert session.escalation.police_told_safe is not None
    assert session.escalation.police_told_safe.by == OTTO
    assert still_to_tell_safe(session.escalation) == []


def test_the_contact_and_rtib_informed_before_the_confirmation_are_told_again() -> None:
    session = police_alerted()
    esc.mark_contact_informed(session, OLLE, ALERTED_AT)
    esc.mark_rtib_informed(session, OLLE, ALERTED_AT)
    cmd.confirm(session, ALERTED_AT + timedelta(seconds=1))
    assert session.escalation is not None

    assert still_to_tell_safe(session.escalation) == [Party.POLICE, Party.CONTACT, Party.RTIB]
    esc.mark_told_safe(session, OLLE, Party.RTIB, ALERTED_AT)
    assert still_to_tell_safe(session.escalation) == [Party.POLICE, Party.CONTACT]


def test_a_contact_informed_after_the_confirmation_needs_no_second_call() -> None:
    session = police_alerted()
    cmd.confirm(session, ALERTED_AT + timedelta(minutes=1))
    esc.mark_contact_informed(session, OLLE, ALERTED_AT + timedelta(minutes=1))  # the card said: say they are safe
    assert session.escalation is not None
    assert still_to_tell_safe(session.escalation) == [Party.POLICE]
    with pytest.raises(DomainError) as err:
        esc.mark_told_safe(session, OLLE, Party.CONTACT, ALERTED_AT + timedelta(minutes=3))
    assert err.value.code == "bad_choice"


def test_telling_is_recorded_once_and_only_when_someone_heard_of_an_alarm() -> None:
    session = police_alerted()
    with pytest.raises(DomainError) as not_yet:  # the person has not confirmed: the alarm stands
        esc.mark_told_safe(session, OLLE, Party.POLICE, ALERTED_AT)
    assert not_yet.value.code == "bad_choice"
    cmd.confirm(session, ALERTED_AT + timedelta(minutes=1))
    esc.mark_told_safe(session, OLLE, Party.POLICE, ALERTED_AT + timedelta(minutes=2))
    with pytest.raises(DomainError) as twice:
        esc.mark_told_safe(session, OTTO, Party.POLICE, ALERTED_AT + timedelta(minutes=2))
    assert twice.value.code == "already_recorded"
    with pytest.raises(DomainError) as never_informed:
        esc.mark_told_safe(session, OLLE, Party.RTIB, ALERTED_AT + timedelta(minutes=2))
    assert never_informed.value.code == "bad_choice"


def test_closing_does_not_wait_for_the_calls_and_a_closed_case_takes_none() -> None:
    session = police_alerted()
    cmd.confirm(session, ALERTED_AT + timedelta(minutes=1))
    esc.close_escalation(session, OLLE, Outcome.REACHED_WELL, "Polisen meddelad per telefon", ALERTED_AT)
    assert session.escalation is not None
    assert still_to_tell_safe(session.escalation) == []
    with pytest.raises(IllegalTransition):
        esc.mark_told_safe(session, OLLE, Party.POLICE, ALERTED_AT)


def test_the_party_survives_the_erasure_of_personal_data() -> None:
    assert fact_data({"party": "police", "case_number": "K-1"}) == {"party": "police"}
