"""A late confirmation after the police were alerted: everyone who heard of the alarm is told that the person is
safe ("Polisen meddelad", and the contact and RTiB if they were informed before), each recorded once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.checklist import TELL, Action, Party, build
from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.events import EventKind
from bot.domain.model import CallResult, Outcome, Session
from bot.domain.retention import fact_data
from bot.domain.timeline import advance
from tests.unit.factories import NOW, OLLE, OTTO, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)
ALERTED_AT = ESCALATED_AT + POLICY.call_interval


def still_to_tell_safe(session: Session) -> list[Party]:
    assert session.escalation is not None
    owed = build(session.escalation, POLICY, ALERTED_AT).owed
    return [party for party in Party if TELL[party] in owed]


def police_alerted() -> Session:
    session = new_session()
    advance(session, ESCALATED_AT, POLICY)
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.NO_ANSWER, ALERTED_AT, POLICY)
    esc.mark_police_alerted(session, OLLE, "K-1", ALERTED_AT, POLICY)
    return session


def test_a_confirmation_after_the_police_alert_leaves_the_police_to_be_told() -> None:
    session = police_alerted()
    assert session.escalation is not None
    assert still_to_tell_safe(session) == []  # nobody is safe yet: nothing to tell

    cmd.confirm(session, ALERTED_AT + timedelta(minutes=3))

    assert still_to_tell_safe(session) == [Party.POLICE]
    assert build(session.escalation, POLICY, ALERTED_AT).next is Action.TELL_POLICE
    events = esc.mark_told_safe(session, OTTO, Party.POLICE, ALERTED_AT + timedelta(minutes=5), POLICY)
    assert [(e.kind, e.actor, e.data) for e in events] == [(EventKind.TOLD_SAFE, OTTO, {"party": "police"})]
    assert session.escalation.police_told_safe is not None
    assert session.escalation.police_told_safe.by == OTTO
    assert still_to_tell_safe(session) == []


def test_the_contact_and_rtib_informed_before_the_confirmation_are_told_again() -> None:
    session = police_alerted()
    esc.mark_contact_informed(session, OLLE, ALERTED_AT, POLICY)
    esc.mark_rtib_informed(session, OLLE, ALERTED_AT, POLICY)
    cmd.confirm(session, ALERTED_AT + timedelta(seconds=1))
    assert session.escalation is not None

    assert still_to_tell_safe(session) == [Party.POLICE, Party.CONTACT, Party.RTIB]
    esc.mark_told_safe(session, OLLE, Party.RTIB, ALERTED_AT, POLICY)
    assert still_to_tell_safe(session) == [Party.POLICE, Party.CONTACT]


def test_a_contact_informed_after_the_confirmation_needs_no_second_call() -> None:
    session = police_alerted()
    cmd.confirm(session, ALERTED_AT + timedelta(minutes=1))
    esc.mark_contact_informed(
        session, OLLE, ALERTED_AT + timedelta(minutes=1), POLICY
    )  # the card said: say they are safe
    assert session.escalation is not None
    assert still_to_tell_safe(session) == [Party.POLICE]
    with pytest.raises(DomainError) as err:
        esc.mark_told_safe(session, OLLE, Party.CONTACT, ALERTED_AT + timedelta(minutes=3), POLICY)
    assert err.value.code == "bad_choice"


def test_telling_is_recorded_once_and_only_when_someone_heard_of_an_alarm() -> None:
    session = police_alerted()
    with pytest.raises(DomainError) as not_yet:  # the person has not confirmed: the alarm stands
        esc.mark_told_safe(session, OLLE, Party.POLICE, ALERTED_AT, POLICY)
    assert not_yet.value.code == "bad_choice"
    cmd.confirm(session, ALERTED_AT + timedelta(minutes=1))
    esc.mark_told_safe(session, OLLE, Party.POLICE, ALERTED_AT + timedelta(minutes=2), POLICY)
    with pytest.raises(DomainError) as twice:
        esc.mark_told_safe(session, OTTO, Party.POLICE, ALERTED_AT + timedelta(minutes=2), POLICY)
    assert twice.value.code == "already_recorded"
    with pytest.raises(DomainError) as never_informed:
        esc.mark_told_safe(session, OLLE, Party.RTIB, ALERTED_AT + timedelta(minutes=2), POLICY)
    assert never_informed.value.code == "bad_choice"


def test_a_confirmed_case_is_not_closed_while_someone_is_owed_the_news() -> None:
    session = police_alerted()
    cmd.confirm(session, ALERTED_AT + timedelta(minutes=1))
    with pytest.raises(DomainError) as owed:
        esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "", ALERTED_AT, POLICY)
    assert owed.value.code == "close_not_due"
    later = ALERTED_AT + timedelta(minutes=2)
    esc.mark_told_safe(session, OLLE, Party.POLICE, later, POLICY)
    esc.skip_step(session, OLLE, "contact", "Kontaktpersonen nås inte", later, POLICY)
    esc.mark_rtib_informed(session, OLLE, later, POLICY)  # told at once that the person is safe
    esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "Polisen meddelad per telefon", later, POLICY)
    assert session.escalation is not None
    assert still_to_tell_safe(session) == []
    with pytest.raises(IllegalTransition):
        esc.mark_told_safe(session, OLLE, Party.POLICE, ALERTED_AT, POLICY)


def test_the_party_survives_the_erasure_of_personal_data() -> None:
    assert fact_data({"party": "police", "case_number": "K-1"}) == {"party": "police"}
