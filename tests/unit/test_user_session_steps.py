"""The user's side of the routine, step by step, on the plain domain with a fixed clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import session_commands as cmd
from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.events import EventKind
from bot.domain.model import EscalationKind, Outcome, State
from bot.domain.session_commands import register
from bot.domain.timeline import advance, next_wake
from tests.unit.factories import ANNA, NOW, POLICY, new_session, registration


def test_registering_starts_the_watch_and_records_one_event() -> None:
    session, events = register("s1", ANNA, registration(), NOW, POLICY, "sv-SE")
    assert session.state is State.REGISTERED
    assert [e.kind for e in events] == [EventKind.REGISTERED]
    assert next_wake(session, POLICY) == session.end_time - POLICY.reminder_lead


def test_registering_with_sluttid_inside_the_reminder_lead_skips_the_reminder() -> None:
    session = new_session(timedelta(minutes=5))
    assert session.state is State.REMINDED
    assert next_wake(session, POLICY) == session.end_time


def test_registering_in_acute_danger_escalates_at_once() -> None:
    session, events = register("s1", ANNA, registration(acute=True), NOW, POLICY, "sv-SE")
    assert session.state is State.ESCALATED
    assert session.escalation is not None and session.escalation.kind is EscalationKind.ACUTE
    assert [e.kind for e in events] == [EventKind.REGISTERED, EventKind.ESCALATED]


def test_sluttid_in_the_past_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        register("s1", ANNA, registration(timedelta(minutes=-1)), NOW, POLICY, "sv-SE")
    assert err.value.detail == "in_past"


def test_reminder_comes_once_at_the_lead_time() -> None:
    session = new_session()
    assert advance(session, NOW + timedelta(minutes=49), POLICY) == []
    events = advance(session, NOW + timedelta(minutes=50), POLICY)
    assert [e.kind for e in events] == [EventKind.REMINDER_DUE]
    assert advance(session, NOW + timedelta(minutes=51), POLICY) == []
    assert session.state is State.REMINDED


def test_at_sluttid_the_person_is_asked_to_confirm() -> None:
    session = new_session()
    advance(session, NOW + timedelta(minutes=50), POLICY)
    events = advance(session, NOW + timedelta(hours=1), POLICY)
    assert [e.kind for e in events] == [EventKind.CONFIRMATION_DUE]
    assert session.state is State.DUE


def test_confirming_before_sluttid_closes_as_confirmed() -> None:
    session = new_session()
    events = cmd.confirm(session, NOW + timedelta(minutes=30))
    assert session.state is State.CLOSED and session.outcome is Outcome.CONFIRMED
    assert [e.kind for e in events] == [EventKind.CONFIRMED]
    assert next_wake(session, POLICY) is None


def test_confirming_after_sluttid_but_within_grace_is_late() -> None:
    session = new_session()
    advance(session, NOW + timedelta(hours=1), POLICY)
    cmd.confirm(session, NOW + timedelta(hours=1, minutes=2))
    assert session.outcome is Outcome.CONFIRMED_LATE


def test_no_confirmation_by_sluttid_plus_grace_escalates() -> None:
    session = new_session()
    events = advance(session, NOW + timedelta(hours=1, minutes=5), POLICY)
    # a long outage catches up in one pass: no reminder after sluttid, the prompt, then the escalation
    assert [e.kind for e in events] == [EventKind.CONFIRMATION_DUE, EventKind.ESCALATED]
    assert session.state is State.ESCALATED


def test_delay_moves_sluttid_and_restarts_the_watch() -> None:
    session = new_session()
    advance(session, NOW + timedelta(hours=1), POLICY)
    new_end = session.end_time + timedelta(minutes=30)
    events = cmd.extend(session, new_end, NOW + timedelta(hours=1, minutes=1), POLICY)
    assert [e.kind for e in events] == [EventKind.EXTENDED]
    assert events[0].data["late"] == "true"
    assert session.end_time == new_end and session.extensions == [NOW + timedelta(hours=1)]
    assert session.state is State.REGISTERED
    assert next_wake(session, POLICY) == new_end - POLICY.reminder_lead


def test_delay_beyond_the_maximum_session_length_is_refused() -> None:
    session = new_session()
    with pytest.raises(DomainError):
        cmd.extend(session, NOW + timedelta(hours=25), NOW, POLICY)


def test_cancel_closes_and_a_second_cancel_is_illegal() -> None:
    session = new_session()
    cmd.cancel(session, NOW)
    assert session.outcome is Outcome.CANCELLED
    with pytest.raises(IllegalTransition):
        cmd.cancel(session, NOW)


def test_confirming_a_closed_session_is_illegal() -> None:
    session = new_session()
    cmd.confirm(session, NOW)
    with pytest.raises(IllegalTransition):
        cmd.confirm(session, NOW)


def test_asking_for_help_escalates_as_acute() -> None:
    session = new_session()
    events = cmd.request_help(session, NOW + timedelta(minutes=10))
    assert [e.kind for e in events] == [EventKind.HELP_REQUESTED, EventKind.ESCALATED]
    assert session.escalation is not None and session.escalation.kind is EscalationKind.ACUTE


def test_asking_for_help_during_a_missed_escalation_upgrades_it_once() -> None:
    session = new_session()
    advance(session, NOW + timedelta(hours=2), POLICY)
    assert [e.kind for e in cmd.request_help(session, NOW + timedelta(hours=2))] == [EventKind.HELP_REQUESTED]
    assert session.escalation is not None and session.escalation.kind is EscalationKind.ACUTE
    with pytest.raises(DomainError):
        cmd.request_help(session, NOW + timedelta(hours=2))


def test_late_confirmation_during_escalation_keeps_it_open_for_wrap_up() -> None:
    session = new_session()
    advance(session, NOW + timedelta(hours=2), POLICY)
    events = cmd.confirm(session, NOW + timedelta(hours=2, minutes=1))
    assert events[0].data["outcome"] == "during_escalation"
    assert session.state is State.ESCALATED
    with pytest.raises(DomainError):
        cmd.confirm(session, NOW + timedelta(hours=2, minutes=2))


def test_delay_cannot_be_reported_once_the_operators_have_it() -> None:
    session = new_session()
    advance(session, NOW + timedelta(hours=2), POLICY)
    with pytest.raises(IllegalTransition):
        cmd.extend(session, NOW + timedelta(hours=3), NOW + timedelta(hours=2), POLICY)


def test_a_reminder_may_leave_early_only_when_the_scheduler_spreads_a_burst_and_only_within_the_window() -> None:
    session = new_session(timedelta(hours=1))
    reminder_at = session.end_time - POLICY.reminder_lead
    inside = reminder_at - POLICY.reminder_early + timedelta(seconds=1)
    assert advance(session, inside, POLICY) == []  # a lone timer waits for its instant
    assert advance(session, reminder_at - POLICY.reminder_early - timedelta(seconds=1), POLICY, remind_early=True) == []
    assert session.state is State.REGISTERED

    events = advance(session, inside, POLICY, remind_early=True)

    assert [e.kind for e in events] == [EventKind.REMINDER_DUE]
    assert session.state is State.REMINDED and session.reminded_at == inside
    assert next_wake(session, POLICY) == session.end_time  # the sluttid card keeps its own instant
    assert advance(session, inside, POLICY, remind_early=True) == []
