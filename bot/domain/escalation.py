"""The operators' step commands on an escalation. Each is checked against the checklist (bot/domain/checklist.py)
and refused with a reason when it comes out of the routine's order; a step can be skipped only with a reason.

After a late confirmation, everyone who heard of the alarm (police, contact, RTiB) is told the person is safe
before the case can be closed.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain import checklist as cl
from bot.domain.checklist import Checklist, Party, Status, StepId, Why
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

MAX_REASON = 300
MAX_CASE_NUMBER = 60
MAX_CLOSE_NOTE = 1000

__all__ = ["Party", "checklist_of", "raise_escalation"]


def raise_escalation(
    session: Session, kind: EscalationKind, now: datetime, actor: Actor, *, silent: bool = False
) -> list[Event]:
    """Hand the session to the operators (missed confirmation, or acute; `silent` for the person's code word)."""
    session.state = State.ESCALATED
    session.escalation = Escalation(kind=kind, raised_at=now, last_notified_at=now, silent=silent)
    data = {"kind": kind.value, **({"silent": "true"} if silent else {})}
    return [Event(EventKind.ESCALATED, now, actor, session.id, data)]


def checklist_of(session: Session, policy: Policy, now: datetime) -> Checklist:
    escalation = session.escalation
    if escalation is None:
        raise IllegalTransition("checklist", session.state)
    return cl.build(escalation, policy, now)


def retry_prompt_at(escalation: Escalation) -> datetime | None:
    """When to prompt the next call attempt ("Ring igen"), or None when no prompt is pending.

    A prompt is moot once the person confirmed, asked for help (acute), was reached, the calls were skipped, or
    the police were alerted.
    """
    if escalation.next_call_at is None or escalation.next_call_prompted or escalation.closed is not None:
        return None
    if (
        escalation.user_confirmed_at is not None
        or escalation.kind is EscalationKind.ACUTE
        or escalation.police_alerted is not None
        or escalation.reached is not None
        or StepId.CALL.value in escalation.skipped
    ):
        return None
    return escalation.next_call_at


def stale_at(escalation: Escalation, policy: Policy) -> datetime | None:
    """When the claimant will have been idle for `policy.claim_stale` (announced then, and again each period)."""
    if escalation.claimed is None or escalation.closed is not None:
        return None
    since = max(
        t
        for t in (
            escalation.claimed.at,
            escalation.last_action_at,
            escalation.stale_notified_at,
            escalation.next_call_at,
        )
        if t is not None
    )
    return since + policy.claim_stale


def idle_since(escalation: Escalation) -> datetime:
    """When the claimant (or anyone) last did a step on the case."""
    claimed = escalation.claimed.at if escalation.claimed else escalation.raised_at
    return max(claimed, escalation.last_action_at or claimed)


def is_stale(escalation: Escalation) -> bool:
    """The thread was told the claimant has gone quiet, and nobody has acted since: anyone may take over."""
    return escalation.stale_notified_at is not None and escalation.closed is None


def _open(session: Session, command: str) -> Escalation:
    if session.state is not State.ESCALATED or session.escalation is None:
        raise IllegalTransition(command, session.state)
    if session.escalation.closed is not None:
        raise IllegalTransition(command, "escalation_closed")
    return session.escalation


def _active(escalation: Escalation, now: datetime) -> None:
    """An operator did a step: the claim is not idle (any "gone quiet" notice is answered)."""
    escalation.last_action_at = now
    escalation.stale_notified_at = None


def _acting(session: Session, escalation: Escalation, operator: Actor, now: datetime) -> list[Event]:
    """Every operator step counts as activity on the claim; acting on an unclaimed case claims it (the night
    operator should not need two taps, and an acute case starts at the police step)."""
    _active(escalation, now)
    if escalation.claimed is not None:
        return []
    escalation.claimed = StepDone(operator, now)
    return [Event(EventKind.CLAIMED, now, operator, session.id)]


def claim(session: Session, operator: Actor, now: datetime) -> list[Event]:
    """ "Jag tar ärendet". The first operator wins; a second tap by anyone records nothing."""
    escalation = _open(session, "claim")
    if escalation.claimed is not None:
        code = "already_recorded" if escalation.claimed.by.key == operator.key else "already_claimed"
        raise DomainError(code, escalation.claimed.by.name)
    return _acting(session, escalation, operator, now)


def take_over(session: Session, operator: Actor, now: datetime) -> list[Event]:
    """ "Ta över": a claim whose claimant has gone quiet (announced in the thread) passes to `operator`."""
    escalation = _open(session, "take_over")
    previous = escalation.claimed
    if previous is None:
        return claim(session, operator, now)
    if previous.by.key == operator.key:
        raise DomainError("already_recorded", "take over by the claimant")
    if not is_stale(escalation):
        raise DomainError("not_stale", previous.by.name)
    escalation.claimed = StepDone(operator, now)
    _active(escalation, now)
    data = {"from": previous.by.key, "from_name": previous.by.name}
    return [Event(EventKind.CLAIM_TAKEN_OVER, now, operator, session.id, data)]


def _refuse(checklist: Checklist, step: StepId) -> DomainError:
    """The reason a step command is out of order, for the operator to read."""
    state = checklist[step]
    if state.status is Status.DONE:
        return DomainError("already_recorded", step.value)
    if state.status in (Status.SKIPPED, Status.NOT_NEEDED):
        return DomainError("step_not_needed", step.value)
    return DomainError(f"{step.value}_not_due", checklist.next.value if checklist.next else "")


def record_call(
    session: Session, operator: Actor, attempt: int, result: CallResult, now: datetime, policy: Policy
) -> list[Event]:
    """One call attempt and its result. `attempt` comes from the card, so a stale or double tap is refused.

    Allowed while the call step is current; an answer also while waiting for the next attempt (the person may
    ring back); on an acute case; and, as the routine's "ytterligare försök", while the police step is due.
    """
    escalation = _open(session, "call")
    expected = len(escalation.call_attempts) + 1
    if attempt != expected:
        raise DomainError("already_recorded", f"attempt {attempt}, expected {expected}")
    if escalation.reached is not None:
        raise DomainError("already_recorded", "person already reached")
    checklist = cl.build(escalation, policy, now)
    call = checklist[StepId.CALL]
    allowed = (
        call.status is Status.CURRENT
        or (call.status is Status.WAITING and result is not CallResult.NO_ANSWER)
        or (escalation.kind is EscalationKind.ACUTE and call.status is not Status.SKIPPED)
        or (call.status is Status.DONE and checklist[StepId.POLICE].status is Status.CURRENT)
    )
    if not allowed:
        if call.status is Status.WAITING:
            raise DomainError("call_wait", call.until.isoformat() if call.until else "")
        raise _refuse(checklist, StepId.CALL)
    events = _acting(session, escalation, operator, now)
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
    session: Session, step: StepId, kind: EventKind, operator: Actor, now: datetime, policy: Policy, detail: str = ""
) -> list[Event]:
    """Police, contact or RTiB: recorded when the checklist has the step current (or the police step up to the
    operator's judgement, on an acute case the person has since said is fine)."""
    escalation = _open(session, step.value)
    checklist = cl.build(escalation, policy, now)
    if getattr(escalation, _STEP_ATTRIBUTE[step]) is not None:
        raise DomainError("already_recorded", step.value)
    state = checklist[step]
    if state.status is not Status.CURRENT and state.why is not Why.JUDGE:
        raise _refuse(checklist, step)
    events = _acting(session, escalation, operator, now)
    setattr(escalation, _STEP_ATTRIBUTE[step], StepDone(operator, now, detail))
    data = {"case_number": detail} if detail else {}
    return [*events, Event(kind, now, operator, session.id, data)]


_STEP_ATTRIBUTE = {StepId.POLICE: "police_alerted", StepId.CONTACT: "contact_informed", StepId.RTIB: "rtib_informed"}


def mark_police_alerted(
    session: Session, operator: Actor, case_number: str, now: datetime, policy: Policy
) -> list[Event]:
    detail = case_number.strip()[:MAX_CASE_NUMBER]
    return _step(session, StepId.POLICE, EventKind.POLICE_ALERTED, operator, now, policy, detail)


def mark_contact_informed(session: Session, operator: Actor, now: datetime, policy: Policy) -> list[Event]:
    return _step(session, StepId.CONTACT, EventKind.CONTACT_INFORMED, operator, now, policy)


def mark_rtib_informed(session: Session, operator: Actor, now: datetime, policy: Policy) -> list[Event]:
    return _step(session, StepId.RTIB, EventKind.RTIB_INFORMED, operator, now, policy)


def mark_told_safe(session: Session, operator: Actor, party: Party, now: datetime, policy: Policy) -> list[Event]:
    """ "Polisen meddelad" (or the contact, or RTiB): told that the person is safe."""
    escalation = _open(session, "told_safe")
    if cl.told_safe(escalation, party) is not None:
        raise DomainError("already_recorded", f"told_safe {party.value}")
    if cl.TELL[party] not in cl.build(escalation, policy, now).owed:
        raise DomainError("bad_choice", f"told_safe {party.value}: nobody to tell")
    _active(escalation, now)
    setattr(escalation, cl.told_safe_attribute(party), StepDone(operator, now))
    return [Event(EventKind.TOLD_SAFE, now, operator, session.id, {"party": party.value})]


def skip_step(session: Session, operator: Actor, step: str, reason: str, now: datetime, policy: Policy) -> list[Event]:
    """ "Hoppa över" the step that is due now, with a reason (kept on the case, shown on the card, audited).

    `step` is the key the card offered (checklist.skippable when it was drawn): a stale card is refused.
    """
    escalation = _open(session, "skip")
    why = " ".join(reason.split())[:MAX_REASON]
    if not why:
        raise DomainError("reason_required", step)
    checklist = cl.build(escalation, policy, now)
    if checklist.skippable is None or checklist.skippable != step:
        raise DomainError("already_recorded", f"skip {step}: now {checklist.skippable}")
    events = _acting(session, escalation, operator, now)
    escalation.skipped[step] = StepDone(operator, now, why)
    return [*events, Event(EventKind.STEP_SKIPPED, now, operator, session.id, {"step": step})]


def close_escalation(
    session: Session, operator: Actor, outcome: Outcome | None, note: str, now: datetime, policy: Policy
) -> list[Event]:
    """ "Avsluta" with the operator's outcome; the session closes with it.

    The outcome is the operator's explicit choice: a close without one (None) is refused, so a stray tap on
    "Avsluta" cannot close the case. So is a close while a step is still due or someone is still owed the news
    that the person is safe: those are done or skipped with a reason first.
    """
    escalation = _open(session, "close")
    if outcome is None or outcome not in OPERATOR_OUTCOMES:
        raise DomainError("bad_outcome", outcome or "missing")
    checklist = cl.build(escalation, policy, now)
    if checklist[StepId.CLOSE].status is not Status.CURRENT:
        raise DomainError("close_not_due", checklist.next.value if checklist.next else "")
    _active(escalation, now)
    escalation.closed = StepDone(operator, now, note.strip()[:MAX_CLOSE_NOTE])
    escalation.outcome = outcome
    session.outcome = outcome
    session.state = State.CLOSED
    session.closed_at = now
    return [Event(EventKind.ESCALATION_CLOSED, now, operator, session.id, {"outcome": outcome.value})]
