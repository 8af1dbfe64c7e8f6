"""The operators' checklist from the routine, on the plain domain: claim, call twice, police, inform, close."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.escalation import Phase, phase
from bot.domain.events import EventKind
from bot.domain.model import CallResult, Outcome, Session, State
from bot.domain.timeline import advance, next_wake
from tests.unit.factories import NOW, OLLE, OTTO, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)


def escalated() -> Session:
    session = new_session()
    advance(session, ESCALATED_AT, POLICY)
    assert session.state is State.ESCALATED
    return session


def test_missed_confirmation_waits_for_a_claim_and_renotifies_a_bounded_number_of_times() -> None:
    session = escalated()
    assert next_wake(session, POLICY) == ESCALATED_AT + POLICY.unclaimed_renotify
    kinds = []
    t = ESCALATED_AT
    for _ in range(POLICY.unclaimed_renotify_max + 2):
        t += POLICY.unclaimed_renotify
        kinds += [e.kind for e in advance(session, t, POLICY)]
    assert kinds == [EventKind.RENOTIFIED] * POLICY.unclaimed_renotify_max
    assert next_wake(session, POLICY) is None


def test_first_claim_wins_and_stops_the_renotifications() -> None:
    session = escalated()
    assert [e.kind for e in esc.claim(session, OLLE, ESCALATED_AT)] == [EventKind.CLAIMED]
    with pytest.raises(DomainError) as other:
        esc.claim(session, OTTO, ESCALATED_AT)
    assert other.value.code == "already_claimed"
    with pytest.raises(DomainError) as same:
        esc.claim(session, OLLE, ESCALATED_AT)
    assert same.value.code == "already_recorded"
    assert next_wake(session, POLICY) is None


def test_no_answer_waits_the_call_interval_then_prompts_attempt_two_once() -> None:
    session = escalated()
    esc.claim(session, OLLE, ESCALATED_AT)
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    assert session.escalation is not None
    assert phase(session.escalation, POLICY, ESCALATED_AT) is Phase.WAIT_FOR_RETRY
    retry_at = ESCALATED_AT + POLICY.call_interval
    assert next_wake(session, POLICY) == retry_at
    assert advance(session, retry_at - timedelta(seconds=1), POLICY) == []
    events = advance(session, retry_at, POLICY)
    assert [(e.kind, e.data.get("attempt")) for e in events] == [(EventKind.CALL_RETRY_DUE, "2")]
    assert advance(session, retry_at + timedelta(minutes=10), POLICY) == []
    assert phase(session.escalation, POLICY, retry_at) is Phase.CALL


def test_two_unanswered_calls_lead_to_police_then_contacts_then_wrap_up() -> None:
    session = escalated()
    t = ESCALATED_AT
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, t, POLICY)
    t += POLICY.call_interval
    esc.record_call(session, OLLE, 2, CallResult.NO_ANSWER, t, POLICY)
    assert session.escalation is not None
    assert phase(session.escalation, POLICY, t) is Phase.POLICE
    assert next_wake(session, POLICY) is None
    esc.mark_police_alerted(session, OLLE, " K-123456 ", t)
    assert session.escalation.police_alerted is not None
    assert session.escalation.police_alerted.detail == "K-123456"
    assert phase(session.escalation, POLICY, t) is Phase.INFORM
    esc.mark_contact_informed(session, OLLE, t)
    esc.mark_rtib_informed(session, OLLE, t)
    assert phase(session.escalation, POLICY, t) is Phase.WRAP_UP
    events = esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, "Polisen på plats", t)
    assert [e.kind for e in events] == [EventKind.ESCALATION_CLOSED]
    assert session.state is State.CLOSED and session.outcome is Outcome.POLICE_HANDLING
    assert phase(session.escalation, POLICY, t) is Phase.CLOSED


def test_recording_a_call_without_claiming_claims_for_the_caller() -> None:
    session = escalated()
    events = esc.record_call(session, OTTO, 1, CallResult.ANSWERED_WELL, ESCALATED_AT, POLICY)
    assert [e.kind for e in events] == [EventKind.CLAIMED, EventKind.CALL_RECORDED]
    assert session.escalation is not None and session.escalation.claimed is not None
    assert session.escalation.claimed.by == OTTO
    assert phase(session.escalation, POLICY, ESCALATED_AT) is Phase.WRAP_UP


def test_a_stale_or_double_tap_on_a_call_button_records_nothing() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    with pytest.raises(DomainError) as err:
        esc.record_call(session, OTTO, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    assert err.value.code == "already_recorded"
    assert session.escalation is not None and len(session.escalation.call_attempts) == 1


def test_answered_but_needs_help_goes_straight_to_police() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.ANSWERED_NEEDS_HELP, ESCALATED_AT, POLICY)
    assert session.escalation is not None
    assert phase(session.escalation, POLICY, ESCALATED_AT) is Phase.POLICE


def test_acute_escalation_skips_the_call_attempts() -> None:
    session = new_session()
    cmd.request_help(session, NOW)
    assert session.escalation is not None
    assert phase(session.escalation, POLICY, NOW) is Phase.POLICE


def test_late_confirmation_moves_the_escalation_to_wrap_up() -> None:
    session = escalated()
    esc.claim(session, OLLE, ESCALATED_AT)
    cmd.confirm(session, ESCALATED_AT + timedelta(minutes=1))
    assert session.escalation is not None
    assert phase(session.escalation, POLICY, ESCALATED_AT) is Phase.WRAP_UP


def test_each_step_is_recorded_once() -> None:
    session = escalated()
    esc.mark_police_alerted(session, OLLE, "", ESCALATED_AT)
    with pytest.raises(DomainError):
        esc.mark_police_alerted(session, OTTO, "", ESCALATED_AT)
    esc.mark_contact_informed(session, OLLE, ESCALATED_AT)
    with pytest.raises(DomainError):
        esc.mark_contact_informed(session, OLLE, ESCALATED_AT)


def test_operator_steps_on_a_session_that_is_not_escalated_are_illegal() -> None:
    session = new_session()
    with pytest.raises(IllegalTransition):
        esc.claim(session, OLLE, NOW)
    closed = escalated()
    esc.close_escalation(closed, OLLE, Outcome.REACHED_WELL, "", ESCALATED_AT)
    with pytest.raises(IllegalTransition):
        esc.mark_rtib_informed(closed, OLLE, ESCALATED_AT)


def test_closing_with_a_user_outcome_is_refused() -> None:
    session = escalated()
    with pytest.raises(DomainError) as err:
        esc.close_escalation(session, OLLE, Outcome.CANCELLED, "", ESCALATED_AT)
    assert err.value.code == "bad_outcome"


def test_closing_without_an_outcome_is_refused_and_leaves_the_escalation_open() -> None:
    session = escalated()
    with pytest.raises(DomainError) as err:
        esc.close_escalation(session, OLLE, None, "Anteckning", ESCALATED_AT)
    assert err.value.code == "bad_outcome"
    assert session.state is State.ESCALATED and session.escalation is not None
    assert session.escalation.closed is None and session.outcome is None


def test_closing_a_closed_escalation_without_an_outcome_says_it_is_closed() -> None:
    session = escalated()
    esc.close_escalation(session, OLLE, Outcome.OTHER, "", ESCALATED_AT)
    with pytest.raises(IllegalTransition):
        esc.close_escalation(session, OTTO, None, "", ESCALATED_AT)


@pytest.mark.parametrize("confirmed", [True, False], ids=["confirmed_late", "called_the_centre"])
def test_the_person_got_in_touch_themselves_closes_as_self_reported(confirmed: bool) -> None:
    session = escalated()
    if confirmed:
        cmd.confirm(session, ESCALATED_AT + timedelta(minutes=2))
    events = esc.close_escalation(
        session, OLLE, Outcome.SELF_REPORTED, " Ringde själv ", ESCALATED_AT + timedelta(minutes=3)
    )
    assert [(e.kind, e.data) for e in events] == [(EventKind.ESCALATION_CLOSED, {"outcome": "self_reported"})]
    assert session.state is State.CLOSED and session.outcome is Outcome.SELF_REPORTED
    assert session.escalation is not None and session.escalation.outcome is Outcome.SELF_REPORTED
    assert session.escalation.closed is not None and session.escalation.closed.detail == "Ringde själv"
