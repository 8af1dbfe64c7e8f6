"""Escalation steps over time: the "Ring igen" prompt is only due while a second call makes sense, and any
checklist step by an operator claims the case (so nobody is re-notified about a case someone is working on)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.events import EventKind
from bot.domain.model import CallResult, Session, State
from bot.domain.timeline import advance, next_wake
from tests.unit.factories import NOW, OLLE, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)
RETRY_AT = ESCALATED_AT + POLICY.call_interval


def waiting_for_retry() -> Session:
    session = new_session()
    advance(session, ESCALATED_AT, POLICY)
    assert session.state is State.ESCALATED
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    assert next_wake(session, POLICY) == RETRY_AT
    return session


def test_the_prompt_is_due_after_the_call_interval() -> None:
    session = waiting_for_retry()
    assert [e.kind for e in advance(session, RETRY_AT, POLICY)] == [EventKind.CALL_RETRY_DUE]


def test_a_late_confirmation_during_the_wait_cancels_the_prompt() -> None:
    session = waiting_for_retry()
    cmd.confirm(session, ESCALATED_AT + timedelta(minutes=1))
    assert next_wake(session, POLICY) == RETRY_AT + POLICY.claim_stale  # only the idle-claim notice is left
    assert advance(session, RETRY_AT + timedelta(minutes=1), POLICY) == []


def test_a_help_request_during_the_wait_cancels_the_prompt() -> None:
    session = waiting_for_retry()
    cmd.request_help(session, ESCALATED_AT + timedelta(minutes=1))
    assert next_wake(session, POLICY) == RETRY_AT + POLICY.claim_stale  # only the idle-claim notice is left
    assert advance(session, RETRY_AT, POLICY) == []


def test_alerting_the_police_during_the_wait_cancels_the_prompt() -> None:
    session = waiting_for_retry()
    esc.skip_step(session, OLLE, "call", "Känd hotbild", ESCALATED_AT + timedelta(minutes=1), POLICY)
    esc.mark_police_alerted(session, OLLE, "", ESCALATED_AT + timedelta(minutes=1), POLICY)
    assert next_wake(session, POLICY) == RETRY_AT + POLICY.claim_stale  # only the idle-claim notice is left
    assert advance(session, RETRY_AT, POLICY) == []


def test_the_retry_prompt_helper_says_when() -> None:
    session = waiting_for_retry()
    assert session.escalation is not None
    assert esc.retry_prompt_at(session.escalation) == RETRY_AT
    advance(session, RETRY_AT, POLICY)
    assert esc.retry_prompt_at(session.escalation) is None


def test_a_checklist_step_by_an_operator_who_has_not_claimed_claims_it() -> None:
    session = new_session(acute=True)
    events = esc.mark_police_alerted(session, OLLE, "", NOW, POLICY)
    assert [e.kind for e in events] == [EventKind.CLAIMED, EventKind.POLICE_ALERTED]
    assert session.escalation is not None and session.escalation.claimed is not None
    assert session.escalation.claimed.by == OLLE
    assert next_wake(session, POLICY) == NOW + POLICY.claim_stale  # claimed: no re-notification, only the idle check
    assert [e.kind for e in esc.mark_contact_informed(session, OLLE, NOW, POLICY)] == [EventKind.CONTACT_INFORMED]
