"""The operators' checklist from the routine: claim, call twice, alert police, inform contact and RTiB, close.

After a late confirmation, everyone who heard of the alarm (police, contact, RTiB) is told the person is safe.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.events import Event, EventKind
from bot.domain.model import (
    OPERATOR_OUTCOMES,
    Actor,
    CallAttempt,
    CallResult,
    Escalation,
    EscalationKind,
    Outcome,
    Session,
    State,
    StepDone,
)
from bot.domain.policy import Policy


class Phase(StrEnum):
    """Where the checklist stands; the operator card is drawn from this."""

    CALL = "call"  # make call attempt n
    WAIT_FOR_RETRY = "wait_for_retry"  # "no answer": wait the call interval before the next attempt
    POLICE = "police"  # alert the police on 112
    INFORM = "inform"  # police alerted: inform the contact and RTiB
    WRAP_UP = "wrap_up"  # person reached or confirmed, or everything done: close with an outcome
    CLOSED = "closed"


class Party(StrEnum):
    """Who hears of an alarm, and so must also hear that the person is safe when they confirm afterwards."""

    POLICE = "police"
    CONTACT = "contact"
    RTIB = "rtib"


# Per party: the step that told them of the alarm, and the step that told them the person is safe.
_ALARMED = {Party.POLICE: "police_alerted", Party.CONTACT: "contact_informed", Party.RTIB: "rtib_informed"}
_TOLD_SAFE = {Party.POLICE: "police_told_safe", Party.CONTACT: "contact_told_safe", Party.RTIB: "rtib_told_safe"}


def raise_escalation(session: Session, kind: EscalationKind, now: datetime, actor: Actor) -> list[Event]:
    """Hand the session to the operators (missed confirmation, or acute)."""
    session.state = State.ESCALATED
    session.escalation = Escalation(kind=kind, raised_at=now, last_notified_at=now)
    return [Event(EventKind.ESCALATED, now, actor, session.id, {"kind": kind.value})]


def phase(escalation: Escalation, policy: Policy, now: datetime) -> Phase:
    if escalation.closed is not None:
        return Phase.CLOSED
    reached = escalation.reached
    if escalation.user_confirmed_at is not None or (reached and reached.result is CallResult.ANSWERED_WELL):
        return Phase.WRAP_UP
    needs_police = (
        escalation.kind is EscalationKind.ACUTE
        or escalation.no_answer_count >= policy.call_attempts
        or (reached is not None and reached.result is CallResult.ANSWERED_NEEDS_HELP)
    )
    if escalation.police_alerted is None and needs_police:
        return Phase.POLICE
    if escalation.police_alerted is not None:
        if escalation.contact_informed is None or escalation.rtib_informed is None:
            return Phase.INFORM
        return Phase.WRAP_UP
    if escalation.next_call_at is not None and now < escalation.next_call_at:
        return Phase.WAIT_FOR_RETRY
    return Phase.CALL


def retry_prompt_at(escalation: Escalation) -> datetime | None:
    """When to prompt the next call attempt ("Ring igen"), or None when no prompt is pending.

    A prompt is moot once the person confirmed, asked for help (acute), was reached, or the police were alerted.
    """
    if escalation.next_call_at is None or escalation.next_call_prompted or escalation.closed is not None:
        return None
    if (
        escalation.user_confirmed_at is not None
        or escalation.kind is EscalationKind.ACUTE
        or escalation.police_alerted is not None
        or escalation.reached is not None
    ):
        return None
    return escalation.next_call_at


def _claim_by_acting(session: Session, escalation: Escalation, operator: Actor, now: datetime) -> list[Event]:
    """Acting on an unclaimed case claims it: the night operator should not need two taps (and an acute case
    starts at the police step)."""
    if escalation.claimed is not None:
        return []
    escalation.claimed = StepDone(operator, now)
    return [Event(EventKind.CLAIMED, now, operator, session.id)]


def _open(session: Session, command: str) -> Escalation:
    if session.state is not State.ESCALATED or session.escalation is None:
        raise IllegalTransition(command, session.state)
    if session.escalation.closed is not None:
        raise IllegalTransition(command, "escalation_closed")
    return session.escalation


def claim(session: Session, operator: Actor, now: datetime) -> list[Event]:
    """ "Jag tar ärendet". The first operator wins; a second tap by anyone records nothing."""
    escalation = _open(session, "claim")
    if escalation.claimed is not None:
        code = "already_recorded" if escalation.claimed.by.key == operator.key else "already_claimed"
        raise DomainError(code, escalation.claimed.by.name)
    escalation.claimed = StepDone(operator, now)
    return [Event(EventKind.CLAIMED, now, operator, session.id)]


def record_call(
    session: Session, operator: Actor, attempt: int, result: CallResult, now: datetime, policy: Policy
) -> list[Event]:
    """One call attempt and its result. `attempt` comes from the card, so a stale or double tap is refused."""
    escalation = _open(session, "call")
    expected = len(escalation.call_attempts) + 1
    if attempt != expected:
        raise DomainError("already_recorded", f"attempt {attempt}, expected {expected}")
    if escalation.reached is not None:
        raise DomainError("already_recorded", "person already reached")
    events = _claim_by_acting(session, escalation, operator, now)
    escalation.call_attempts.append(CallAttempt(attempt, operator, now, result))
    escalation.next_call_at = None
    escalation.next_call_prompted = False
    if result is CallResult.NO_ANSWER and escalation.no_answer_count < policy.call_attempts:
        escalation.next_call_at = now + policy.call_interval
    events.append(
        Event(EventKind.CALL_RECORDED, now, operator, session.id, {"attempt": str(attempt), "result": result})
    )
    return events


def _step(
    session: Session, command: str, attr: str, kind: EventKind, operator: Actor, now: datetime, detail: str = ""
) -> list[Event]:
    escalation = _open(session, command)
    if getattr(escalation, attr) is not None:
        raise DomainError("already_recorded", command)
    events = _claim_by_acting(session, escalation, operator, now)
    setattr(escalation, attr, StepDone(operator, now, detail))
    data = {"case_number": detail} if detail else {}
    return [*events, Event(kind, now, operator, session.id, data)]


def mark_police_alerted(session: Session, operator: Actor, case_number: str, now: datetime) -> list[Event]:
    return _step(session, "police", "police_alerted", EventKind.POLICE_ALERTED, operator, now, case_number.strip()[:60])


def mark_contact_informed(session: Session, operator: Actor, now: datetime) -> list[Event]:
    return _step(session, "contact", "contact_informed", EventKind.CONTACT_INFORMED, operator, now)


def mark_rtib_informed(session: Session, operator: Actor, now: datetime) -> list[Event]:
    return _step(session, "rtib", "rtib_informed", EventKind.RTIB_INFORMED, operator, now)


def told_of_alarm(escalation: Escalation, party: Party) -> StepDone | None:
    """When `party` was alerted (police) or informed (contact, RTiB), if they were."""
    step: StepDone | None = getattr(escalation, _ALARMED[party])
    return step


def told_safe(escalation: Escalation, party: Party) -> StepDone | None:
    step: StepDone | None = getattr(escalation, _TOLD_SAFE[party])
    return step


def still_to_tell_safe(escalation: Escalation) -> list[Party]:
    """After a late confirmation: who heard of the alarm before it and has not yet been told the person is safe.

    Told after the confirmation means told that the person is safe (the card says so), so only strictly earlier
    steps count. Closing does not wait for these (the operator may have called without recording it); the card
    asks for them.
    """
    confirmed = escalation.user_confirmed_at
    if confirmed is None or escalation.closed is not None:
        return []
    return [
        party
        for party in Party
        if (alarm := told_of_alarm(escalation, party)) is not None
        and alarm.at < confirmed
        and told_safe(escalation, party) is None
    ]


def mark_told_safe(session: Session, operator: Actor, party: Party, now: datetime) -> list[Event]:
    """ "Polisen meddelad" (or the contact, or RTiB): told that the person confirmed and is safe."""
    escalation = _open(session, "told_safe")
    if told_safe(escalation, party) is not None:
        raise DomainError("already_recorded", f"told_safe {party.value}")
    if party not in still_to_tell_safe(escalation):
        raise DomainError("bad_choice", f"told_safe {party.value}: nobody to tell")
    setattr(escalation, _TOLD_SAFE[party], StepDone(operator, now))
    return [Event(EventKind.TOLD_SAFE, now, operator, session.id, {"party": party.value})]


def close_escalation(
    session: Session, operator: Actor, outcome: Outcome | None, note: str, now: datetime
) -> list[Event]:
    """ "Avsluta" with the operator's outcome; the session closes with it.

    The outcome is the operator's explicit choice: a close without one (None) is refused, so a stray tap on
    "Avsluta" cannot close the case.
    """
    escalation = _open(session, "close")
    if outcome is None or outcome not in OPERATOR_OUTCOMES:
        raise DomainError("bad_outcome", outcome or "missing")
    escalation.closed = StepDone(operator, now, note.strip()[:1000])
    escalation.outcome = outcome
    session.outcome = outcome
    session.state = State.CLOSED
    session.closed_at = now
    return [Event(EventKind.ESCALATION_CLOSED, now, operator, session.id, {"outcome": outcome.value})]
