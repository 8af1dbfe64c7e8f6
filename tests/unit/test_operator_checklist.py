"""The operators' checklist from the routine, on the plain domain: claim, call twice, police, inform, close; every
step command checked against the one checklist value, a step out of order refused, a skip only with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.checklist import Action, Status, StepId, Why, build
from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.events import EventKind
from bot.domain.model import CallResult, Outcome, Session, State
from bot.domain.timeline import advance, next_wake
from tests.unit.factories import NOW, OLLE, OTTO, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)
RETRY_AT = ESCALATED_AT + POLICY.call_interval


def escalated() -> Session:
    session = new_session()
    advance(session, ESCALATED_AT, POLICY)
    assert session.state is State.ESCALATED
    return session


def statuses(session: Session, at: object = None) -> dict[StepId, Status]:
    assert session.escalation is not None
    checklist = build(session.escalation, POLICY, at or ESCALATED_AT)  # type: ignore[arg-type]
    return {step.id: step.status for step in checklist.steps}


def next_action(session: Session, at: object = None) -> Action | None:
    assert session.escalation is not None
    return build(session.escalation, POLICY, at or ESCALATED_AT).next  # type: ignore[arg-type]


def refused(code: str, command: object, *args: object) -> None:
    with pytest.raises(DomainError) as err:
        command(*args)  # type: ignore[operator]
    assert err.value.code == code


def police_due() -> Session:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.NO_ANSWER, RETRY_AT, POLICY)
    return session


def test_a_new_escalation_has_claim_and_call_current_and_everything_else_waiting() -> None:
    session = escalated()
    assert statuses(session) == {
        StepId.CLAIM: Status.CURRENT,
        StepId.CALL: Status.CURRENT,
        StepId.POLICE: Status.WAITING,
        StepId.CONTACT: Status.WAITING,
        StepId.RTIB: Status.WAITING,
        StepId.CLOSE: Status.WAITING,
    }
    assert next_action(session) is Action.CLAIM


def test_first_claim_wins() -> None:
    session = escalated()
    assert [e.kind for e in esc.claim(session, OLLE, ESCALATED_AT)] == [EventKind.CLAIMED]
    refused("already_claimed", esc.claim, session, OTTO, ESCALATED_AT)
    refused("already_recorded", esc.claim, session, OLLE, ESCALATED_AT)
    assert next_action(session) is Action.CALL


def test_no_answer_waits_the_call_interval_then_prompts_attempt_two_once() -> None:
    session = escalated()
    esc.claim(session, OLLE, ESCALATED_AT)
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    assert session.escalation is not None
    call = build(session.escalation, POLICY, ESCALATED_AT)[StepId.CALL]
    assert (call.status, call.until, call.why) == (Status.WAITING, RETRY_AT, Why.RETRY_AT)
    assert next_action(session) is Action.WAIT
    assert next_wake(session, POLICY) == RETRY_AT
    assert advance(session, RETRY_AT - timedelta(seconds=1), POLICY) == []
    events = advance(session, RETRY_AT, POLICY)
    assert [(e.kind, e.data.get("attempt")) for e in events] == [(EventKind.CALL_RETRY_DUE, "2")]
    assert [e.kind for e in advance(session, RETRY_AT + timedelta(minutes=1), POLICY)] == []
    assert statuses(session, RETRY_AT)[StepId.CALL] is Status.CURRENT


def test_a_second_no_answer_before_the_interval_is_refused_but_an_answer_is_taken() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    early = ESCALATED_AT + timedelta(minutes=1)
    refused("call_wait", esc.record_call, session, OLLE, 2, CallResult.NO_ANSWER, early, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.ANSWERED_WELL, early, POLICY)  # the person rang back
    assert next_action(session, early) is Action.CLOSE


def test_two_unanswered_calls_lead_to_police_then_contacts_then_close() -> None:
    session = police_due()
    assert next_action(session, RETRY_AT) is Action.POLICE
    esc.mark_police_alerted(session, OLLE, " K-123456 ", RETRY_AT, POLICY)
    assert session.escalation is not None and session.escalation.police_alerted is not None
    assert session.escalation.police_alerted.detail == "K-123456"
    assert next_action(session, RETRY_AT) is Action.CONTACT
    refused("close_not_due", esc.close_escalation, session, OLLE, Outcome.POLICE_HANDLING, "", RETRY_AT, POLICY)
    esc.mark_contact_informed(session, OLLE, RETRY_AT, POLICY)
    assert next_action(session, RETRY_AT) is Action.RTIB
    esc.mark_rtib_informed(session, OLLE, RETRY_AT, POLICY)
    assert next_action(session, RETRY_AT) is Action.CLOSE
    events = esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, "Polisen på plats", RETRY_AT, POLICY)
    assert [e.kind for e in events] == [EventKind.ESCALATION_CLOSED]
    assert session.state is State.CLOSED and session.outcome is Outcome.POLICE_HANDLING
    assert next_action(session, RETRY_AT) is None
    assert statuses(session, RETRY_AT)[StepId.CLOSE] is Status.DONE


def test_steps_out_of_order_are_refused_and_change_nothing() -> None:
    session = escalated()
    refused("police_not_due", esc.mark_police_alerted, session, OLLE, "", ESCALATED_AT, POLICY)
    refused("contact_not_due", esc.mark_contact_informed, session, OLLE, ESCALATED_AT, POLICY)
    refused("rtib_not_due", esc.mark_rtib_informed, session, OLLE, ESCALATED_AT, POLICY)
    refused("close_not_due", esc.close_escalation, session, OLLE, Outcome.OTHER, "", ESCALATED_AT, POLICY)
    assert session.escalation is not None
    assert session.escalation.claimed is None and session.escalation.police_alerted is None
    police = police_due()
    esc.mark_police_alerted(police, OLLE, "", RETRY_AT, POLICY)
    refused("close_not_due", esc.close_escalation, police, OLLE, Outcome.POLICE_HANDLING, "", RETRY_AT, POLICY)


def test_a_further_call_attempt_is_allowed_while_the_police_step_is_due() -> None:
    session = police_due()
    esc.record_call(session, OLLE, 3, CallResult.ANSWERED_WELL, RETRY_AT, POLICY)
    assert statuses(session, RETRY_AT)[StepId.POLICE] is Status.NOT_NEEDED
    assert next_action(session, RETRY_AT) is Action.CLOSE


def test_a_step_is_skipped_only_with_a_reason_and_only_when_it_is_due() -> None:
    session = escalated()
    refused("reason_required", esc.skip_step, session, OLLE, "call", "  ", ESCALATED_AT, POLICY)
    refused("already_recorded", esc.skip_step, session, OLLE, "police", "Känd hotbild", ESCALATED_AT, POLICY)
    events = esc.skip_step(session, OLLE, "call", " Känd   hotbild: larma direkt ", ESCALATED_AT, POLICY)
    assert [(e.kind, e.data) for e in events] == [
        (EventKind.CLAIMED, {}),
        (EventKind.STEP_SKIPPED, {"step": "call"}),
    ]
    assert session.escalation is not None
    skip = session.escalation.skipped["call"]
    assert (skip.by, skip.detail) == (OLLE, "Känd hotbild: larma direkt")
    assert statuses(session)[StepId.CALL] is Status.SKIPPED
    assert next_action(session) is Action.POLICE
    esc.mark_police_alerted(session, OLLE, "", ESCALATED_AT, POLICY)


def test_a_skipped_police_step_still_informs_the_contact_and_rtib() -> None:
    session = police_due()
    esc.skip_step(session, OLLE, "police", "Polisen redan på plats enligt kontaktpersonen", RETRY_AT, POLICY)
    assert next_action(session, RETRY_AT) is Action.CONTACT
    esc.skip_step(session, OLLE, "contact", "Kontaktpersonen ringde oss", RETRY_AT, POLICY)
    esc.mark_rtib_informed(session, OLLE, RETRY_AT, POLICY)
    assert next_action(session, RETRY_AT) is Action.CLOSE


def test_recording_a_call_without_claiming_claims_for_the_caller() -> None:
    session = escalated()
    events = esc.record_call(session, OTTO, 1, CallResult.ANSWERED_WELL, ESCALATED_AT, POLICY)
    assert [e.kind for e in events] == [EventKind.CLAIMED, EventKind.CALL_RECORDED]
    assert session.escalation is not None and session.escalation.claimed is not None
    assert session.escalation.claimed.by == OTTO
    assert next_action(session) is Action.CLOSE
    assert statuses(session)[StepId.POLICE] is Status.NOT_NEEDED


def test_a_stale_or_double_tap_on_a_call_button_records_nothing() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    refused("already_recorded", esc.record_call, session, OTTO, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    assert session.escalation is not None and len(session.escalation.call_attempts) == 1


def test_answered_but_needs_help_goes_straight_to_police() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.ANSWERED_NEEDS_HELP, ESCALATED_AT, POLICY)
    assert next_action(session) is Action.POLICE


def test_acute_escalation_skips_the_call_attempts() -> None:
    session = new_session()
    cmd.request_help(session, NOW)
    assert session.escalation is not None
    call = build(session.escalation, POLICY, NOW)[StepId.CALL]
    assert (call.status, call.why) == (Status.NOT_NEEDED, Why.ACUTE)
    assert next_action(session, NOW) is Action.POLICE


def test_acute_then_all_well_leaves_the_police_to_the_operators_judgement() -> None:
    session = new_session()
    cmd.request_help(session, NOW)
    cmd.confirm(session, NOW + timedelta(minutes=1))
    assert session.escalation is not None
    police = build(session.escalation, POLICY, NOW)[StepId.POLICE]
    assert (police.status, police.why) == (Status.WAITING, Why.JUDGE)
    assert next_action(session, NOW) is Action.JUDGE
    esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "", NOW + timedelta(minutes=2), POLICY)


def test_late_confirmation_moves_the_escalation_to_close() -> None:
    session = escalated()
    esc.claim(session, OLLE, ESCALATED_AT)
    cmd.confirm(session, ESCALATED_AT + timedelta(minutes=1))
    assert next_action(session) is Action.CLOSE
    assert statuses(session)[StepId.CALL] is Status.NOT_NEEDED


def test_each_step_is_recorded_once() -> None:
    session = police_due()
    esc.mark_police_alerted(session, OLLE, "", RETRY_AT, POLICY)
    refused("already_recorded", esc.mark_police_alerted, session, OTTO, "", RETRY_AT, POLICY)
    esc.mark_contact_informed(session, OLLE, RETRY_AT, POLICY)
    refused("already_recorded", esc.mark_contact_informed, session, OLLE, RETRY_AT, POLICY)


def test_operator_steps_on_a_session_that_is_not_escalated_are_illegal() -> None:
    session = new_session()
    with pytest.raises(IllegalTransition):
        esc.claim(session, OLLE, NOW)
    closed = escalated()
    esc.record_call(closed, OLLE, 1, CallResult.ANSWERED_WELL, ESCALATED_AT, POLICY)
    esc.close_escalation(closed, OLLE, Outcome.REACHED_WELL, "", ESCALATED_AT, POLICY)
    with pytest.raises(IllegalTransition):
        esc.mark_rtib_informed(closed, OLLE, ESCALATED_AT, POLICY)
    with pytest.raises(IllegalTransition):
        esc.skip_step(closed, OLLE, "rtib", "x", ESCALATED_AT, POLICY)


def test_closing_with_a_user_outcome_is_refused() -> None:
    session = escalated()
    refused("bad_outcome", esc.close_escalation, session, OLLE, Outcome.CANCELLED, "", ESCALATED_AT, POLICY)


def test_closing_without_an_outcome_is_refused_and_leaves_the_escalation_open() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.ANSWERED_WELL, ESCALATED_AT, POLICY)
    refused("bad_outcome", esc.close_escalation, session, OLLE, None, "Anteckning", ESCALATED_AT, POLICY)
    assert session.state is State.ESCALATED and session.escalation is not None
    assert session.escalation.closed is None and session.outcome is None


@pytest.mark.parametrize("confirmed", [True, False], ids=["confirmed_late", "called_the_centre"])
def test_the_person_got_in_touch_themselves_closes_as_self_reported(confirmed: bool) -> None:
    session = escalated()
    if confirmed:
        cmd.confirm(session, ESCALATED_AT + timedelta(minutes=2))
    else:  # the person rang the centre: the operator spoke to them, and records it as an answer
        esc.record_call(session, OLLE, 1, CallResult.ANSWERED_WELL, ESCALATED_AT + timedelta(minutes=2), POLICY)
    events = esc.close_escalation(
        session, OLLE, Outcome.SELF_REPORTED, " Ringde själv ", ESCALATED_AT + timedelta(minutes=3), POLICY
    )
    assert [(e.kind, e.data) for e in events] == [(EventKind.ESCALATION_CLOSED, {"outcome": "self_reported"})]
    assert session.state is State.CLOSED and session.outcome is Outcome.SELF_REPORTED
    assert session.escalation is not None and session.escalation.outcome is Outcome.SELF_REPORTED
    assert session.escalation.closed is not None and session.escalation.closed.detail == "Ringde själv"


def test_calls_made_then_all_well_then_help_stay_done() -> None:
    """Found by the state machine (test_escalation_properties): a call step done once the person said all was
    well went back to "not needed" when they then asked for help."""
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    cmd.confirm(session, ESCALATED_AT + timedelta(minutes=1))
    assert statuses(session, ESCALATED_AT + timedelta(minutes=1))[StepId.CALL] is Status.DONE
    cmd.request_help(session, ESCALATED_AT + timedelta(minutes=2))
    assert statuses(session, ESCALATED_AT + timedelta(minutes=2))[StepId.CALL] is Status.DONE
