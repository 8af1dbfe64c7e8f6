"""The operators' checklist from the routine, as one value: every step command is checked against it, the
scheduler reads its waits, and the operator card only draws it.

The routine ("Instruktion för mottagare på trygghetscentral") in order: claim the case, call the person (twice,
a few minutes apart; further attempts are allowed), alert the police on 112, and once the police are alerted
inform the contact person and RTiB via the VGR switchboard; then close with an outcome. Each step is done (who,
when), current, waiting (until when, or for what), skipped (who, why) or not needed (why). After the person is
known to be safe, whoever heard of the alarm is told so before the case can be closed ("owed").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.domain.model import CallResult, Escalation, EscalationKind, StepDone
from bot.domain.policy import Policy


class StepId(StrEnum):
    CLAIM = "claim"
    CALL = "call"  # the call attempts: 1..policy.call_attempts, then further attempts while the police step waits
    POLICE = "police"
    CONTACT = "contact"
    RTIB = "rtib"
    CLOSE = "close"


class Party(StrEnum):
    """Who hears of an alarm, and so must also hear that the person is safe when that turns out afterwards."""

    POLICE = "police"
    CONTACT = "contact"
    RTIB = "rtib"


PARTY_STEP = {Party.POLICE: StepId.POLICE, Party.CONTACT: StepId.CONTACT, Party.RTIB: StepId.RTIB}


class Status(StrEnum):
    DONE = "done"
    CURRENT = "current"
    WAITING = "waiting"
    SKIPPED = "skipped"
    NOT_NEEDED = "not_needed"


class Why(StrEnum):
    """Why a step waits or is not needed (the card words each one)."""

    RETRY_AT = "retry_at"  # no answer: call again at `until`
    AFTER_CALLS = "after_calls"  # police: if nobody answers the call attempts
    AFTER_POLICE = "after_police"  # contact, RTiB: once the police are alerted
    EARLIER_STEPS = "earlier_steps"  # close: the steps above come first
    JUDGE = "judge"  # acute, then all well from the person: the operator judges whether police are needed
    ACUTE = "acute"  # calls: acute danger goes straight to the police
    ALL_WELL = "all_well"  # the person is safe: no police, no one to inform
    CLOSED = "closed"  # the case closed before the step was reached


class Action(StrEnum):
    """The one thing the operator should do now."""

    CLAIM = "claim"
    CALL = "call"
    WAIT = "wait"
    POLICE = "police"
    JUDGE = "judge"
    CONTACT = "contact"
    RTIB = "rtib"
    TELL_POLICE = "tell_police"
    TELL_CONTACT = "tell_contact"
    TELL_RTIB = "tell_rtib"
    CLOSE = "close"


TELL = {Party.POLICE: Action.TELL_POLICE, Party.CONTACT: Action.TELL_CONTACT, Party.RTIB: Action.TELL_RTIB}
INFORM = {Party.CONTACT: Action.CONTACT, Party.RTIB: Action.RTIB}
# The steps an operator may skip (with a reason), by the action that is due; claim, judge and close are not.
SKIPPABLE: dict[Action, str] = {
    Action.CLAIM: StepId.CALL.value,  # "take the case and call": acting on it claims it
    Action.CALL: StepId.CALL.value,
    Action.WAIT: StepId.CALL.value,
    Action.POLICE: StepId.POLICE.value,
    Action.CONTACT: StepId.CONTACT.value,
    Action.RTIB: StepId.RTIB.value,
    Action.TELL_POLICE: Action.TELL_POLICE.value,
    Action.TELL_CONTACT: Action.TELL_CONTACT.value,
    Action.TELL_RTIB: Action.TELL_RTIB.value,
}
_ALARMED = {Party.POLICE: "police_alerted", Party.CONTACT: "contact_informed", Party.RTIB: "rtib_informed"}
_TOLD_SAFE = {Party.POLICE: "police_told_safe", Party.CONTACT: "contact_told_safe", Party.RTIB: "rtib_told_safe"}


@dataclass(frozen=True)
class Step:
    id: StepId
    status: Status
    done: StepDone | None = None  # DONE: who and when; SKIPPED: who, when and why (in `detail`)
    until: datetime | None = None  # WAITING for a time
    why: Why | None = None  # WAITING or NOT_NEEDED: why
    told_safe: StepDone | None = None  # police, contact, RTiB: told afterwards that the person is safe
    owes_safe: bool = False  # ... and still to be told


@dataclass(frozen=True)
class Checklist:
    steps: tuple[Step, ...]
    next: Action | None  # None once closed
    owed: tuple[Action, ...]  # the person is safe: who must still hear it (or be informed) before closing
    attempt: int  # the call attempt to record next
    safe_at: datetime | None  # when the person was known to be safe (confirmed, or reached and well)

    def __getitem__(self, step: StepId) -> Step:
        return next(s for s in self.steps if s.id is step)

    @property
    def skippable(self) -> str | None:
        """The step key that "Hoppa över" skips now (the next step's), or None when the next step is not one."""
        if self.next is Action.CLAIM and self[StepId.CALL].status is not Status.CURRENT:
            return None
        return SKIPPABLE.get(self.next) if self.next is not None else None


def told_of_alarm(escalation: Escalation, party: Party) -> StepDone | None:
    """When `party` was alerted (police) or informed (contact, RTiB), if they were."""
    step: StepDone | None = getattr(escalation, _ALARMED[party])
    return step


def told_safe(escalation: Escalation, party: Party) -> StepDone | None:
    step: StepDone | None = getattr(escalation, _TOLD_SAFE[party])
    return step


def told_safe_attribute(party: Party) -> str:
    return _TOLD_SAFE[party]


def safe_at(escalation: Escalation) -> datetime | None:
    """When the person was known to be safe: their own confirmation, or an operator reaching them well."""
    reached = escalation.reached
    if reached is not None and reached.result is CallResult.ANSWERED_WELL:
        confirmed = escalation.user_confirmed_at
        return min(reached.at, confirmed) if confirmed else reached.at
    return escalation.user_confirmed_at


def build(escalation: Escalation, policy: Policy, now: datetime) -> Checklist:
    """The checklist for `escalation` at `now`."""
    esc = escalation
    safe = safe_at(esc)
    owed = _owed(esc, safe)
    steps = (
        _claim(esc),
        call := _call(esc, policy, now, safe),
        police := _police(esc, call, safe),
        _inform(esc, Party.CONTACT, police, safe, owed),
        _inform(esc, Party.RTIB, police, safe, owed),
    )
    blocking = [s for s in steps[1:] if s.status is Status.CURRENT or (s.id is StepId.CALL and s.until)]
    if esc.closed is not None:
        close = Step(StepId.CLOSE, Status.DONE, esc.closed)
    elif blocking or owed:
        close = Step(StepId.CLOSE, Status.WAITING, why=Why.EARLIER_STEPS)
    else:
        close = Step(StepId.CLOSE, Status.CURRENT)
    checklist = Checklist((*steps, close), None, owed, len(esc.call_attempts) + 1, safe)
    return replace(checklist, next=_next(esc, checklist))


def _skip(esc: Escalation, key: str) -> StepDone | None:
    return esc.skipped.get(key)


def _claim(esc: Escalation) -> Step:
    if esc.claimed is not None:
        return Step(StepId.CLAIM, Status.DONE, esc.claimed)
    if esc.closed is not None:
        return Step(StepId.CLAIM, Status.NOT_NEEDED, why=Why.CLOSED)
    return Step(StepId.CLAIM, Status.CURRENT)


def _call(esc: Escalation, policy: Policy, now: datetime, safe: datetime | None) -> Step:
    last = esc.call_attempts[-1] if esc.call_attempts else None
    done = Step(StepId.CALL, Status.DONE, StepDone(last.by, last.at)) if last else None
    if (skip := _skip(esc, StepId.CALL)) is not None:
        return Step(StepId.CALL, Status.SKIPPED, skip)
    if esc.reached is not None:
        assert done is not None
        return done
    if esc.kind is EscalationKind.ACUTE:  # acute danger goes straight to the police, whatever was tried before
        if done is not None and safe is not None:  # calls made, then all well, then help: the calls stay done
            return done
        return Step(StepId.CALL, Status.NOT_NEEDED, done.done if done else None, why=Why.ACUTE)
    if esc.no_answer_count >= policy.call_attempts:
        assert done is not None
        return done
    if esc.closed is not None or safe is not None:
        return done or Step(StepId.CALL, Status.NOT_NEEDED, why=Why.CLOSED if esc.closed else Why.ALL_WELL)
    if esc.next_call_at is not None and now < esc.next_call_at:
        return Step(StepId.CALL, Status.WAITING, until=esc.next_call_at, why=Why.RETRY_AT)
    return Step(StepId.CALL, Status.CURRENT)


def _police(esc: Escalation, call: Step, safe: datetime | None) -> Step:
    if (alerted := esc.police_alerted) is not None:
        return _alarmed(esc, StepId.POLICE, Party.POLICE, alerted, safe)
    if (skip := _skip(esc, StepId.POLICE)) is not None:
        return Step(StepId.POLICE, Status.SKIPPED, skip)
    acute = esc.kind is EscalationKind.ACUTE
    if esc.closed is not None:
        return Step(StepId.POLICE, Status.NOT_NEEDED, why=Why.CLOSED)
    if safe is not None:
        if acute:  # after a help request, "all well" is the operator's to judge: the step stays at hand
            return Step(StepId.POLICE, Status.WAITING, why=Why.JUDGE)
        return Step(StepId.POLICE, Status.NOT_NEEDED, why=Why.ALL_WELL)
    reached = esc.reached
    needs_help = reached is not None and reached.result is CallResult.ANSWERED_NEEDS_HELP
    calls_over = call.status in (Status.DONE, Status.SKIPPED, Status.NOT_NEEDED)
    if acute or needs_help or calls_over:
        return Step(StepId.POLICE, Status.CURRENT)
    return Step(StepId.POLICE, Status.WAITING, why=Why.AFTER_CALLS)


def _inform(esc: Escalation, party: Party, police: Step, safe: datetime | None, owed: tuple[Action, ...]) -> Step:
    step_id = PARTY_STEP[party]
    if (informed := told_of_alarm(esc, party)) is not None:
        return _alarmed(esc, step_id, party, informed, safe)
    if (skip := _skip(esc, step_id)) is not None:
        return Step(step_id, Status.SKIPPED, skip)
    if esc.closed is not None:
        return Step(step_id, Status.NOT_NEEDED, why=Why.CLOSED)
    # Once the police are alerted the routine applies, even when the person has since said all is well. A skipped
    # police step leaves the alarm standing, so the contact and RTiB are still informed (or skipped in turn).
    if esc.police_alerted is not None or (police.status is Status.SKIPPED and safe is None):
        return Step(step_id, Status.CURRENT)
    if safe is not None:
        return Step(step_id, Status.NOT_NEEDED, why=Why.ALL_WELL)
    return Step(step_id, Status.WAITING, why=Why.AFTER_POLICE)


def _alarmed(esc: Escalation, step_id: StepId, party: Party, alarm: StepDone, safe: datetime | None) -> Step:
    told = told_safe(esc, party)
    owes = told is None and safe is not None and alarm.at < safe and esc.closed is None
    owes = owes and _skip(esc, TELL[party].value) is None
    return Step(step_id, Status.DONE, alarm, told_safe=told, owes_safe=owes)  # owed news is in `owed`, not a redo


def _owed(esc: Escalation, safe: datetime | None) -> tuple[Action, ...]:
    """The person is safe but the police were alerted: who still has to hear it, in the routine's order.

    Those alarmed or informed before the person was safe are told again; a contact or RTiB not informed yet is
    still informed (the police were alerted, so the routine applies). Told after the person was safe means told
    that the person is safe (the card says so), so only strictly earlier steps count as needing a second call.
    """
    if safe is None or esc.closed is not None or esc.police_alerted is None:
        return ()
    left: list[Action] = []
    for party in Party:
        alarm = told_of_alarm(esc, party)
        if alarm is not None:
            skipped = _skip(esc, TELL[party].value) is not None
            if alarm.at < safe and told_safe(esc, party) is None and not skipped:
                left.append(TELL[party])
        elif party in INFORM and _skip(esc, PARTY_STEP[party]) is None:
            left.append(INFORM[party])
    return tuple(left)


def _next(esc: Escalation, checklist: Checklist) -> Action | None:
    if esc.closed is not None:
        return None
    police = checklist[StepId.POLICE]
    if esc.kind is EscalationKind.ACUTE and police.status in (Status.CURRENT, Status.WAITING):
        return Action.JUDGE if checklist.safe_at is not None else Action.POLICE
    if checklist.safe_at is not None:
        return checklist.owed[0] if checklist.owed else Action.CLOSE
    call = checklist[StepId.CALL]
    if call.status is Status.CURRENT:
        return Action.CALL if esc.claimed is not None else Action.CLAIM
    if call.status is Status.WAITING:
        return Action.WAIT
    if police.status is Status.CURRENT:
        return Action.POLICE
    for step_id, action in ((StepId.CONTACT, Action.CONTACT), (StepId.RTIB, Action.RTIB)):
        if checklist[step_id].status is Status.CURRENT:
            return action
    return Action.CLOSE
