"""What the passage of time does to a session: reminders, the sluttid prompt, escalation, the call retry
prompt, notices while nobody claims (for as long as it takes), and a claim whose claimant has gone quiet."""

from __future__ import annotations

from datetime import datetime

from bot.domain.escalation import raise_escalation, retry_prompt_at, stale_at
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, Escalation, EscalationKind, Session, State
from bot.domain.policy import Policy


def unclaimed_notice_at(escalation: Escalation, policy: Policy) -> datetime | None:
    """When the next notice about an unclaimed alarm is due. Never None while the alarm is open and unclaimed."""
    if escalation.claimed is not None or escalation.closed is not None:
        return None
    return (escalation.last_notified_at or escalation.raised_at) + policy.unclaimed_renotify


def next_wake(session: Session, policy: Policy) -> datetime | None:
    """The next moment at which `advance` will have something to do, or None when nothing is pending."""
    if session.state is State.REGISTERED:
        return session.end_time - policy.reminder_lead
    if session.state is State.REMINDED:
        return session.end_time
    if session.state is State.DUE:
        return session.end_time + policy.grace
    if session.state is State.ESCALATED and session.escalation is not None:
        esc = session.escalation
        candidates = [
            t for t in (retry_prompt_at(esc), unclaimed_notice_at(esc, policy), stale_at(esc, policy)) if t is not None
        ]
        return min(candidates) if candidates else None
    return None


def advance(session: Session, now: datetime, policy: Policy, remind_early: bool = False) -> list[Event]:
    """Apply every step that is due at `now`, in the routine's order. Idempotent: a second call yields nothing.

    `remind_early`: the scheduler spreads a burst, so a reminder due within `policy.reminder_early` is due now.
    """
    system = Actor.system()
    events: list[Event] = []
    for _ in range(10):  # each pass moves at most one step; the bound only guards against a logic error
        wake = next_wake(session, policy)
        if remind_early and wake is not None and session.state is State.REGISTERED:
            wake -= policy.reminder_early
        if wake is None or wake > now:
            break
        if session.state is State.REGISTERED:
            session.state = State.REMINDED
            if now < session.end_time:  # a reminder after sluttid is noise: the sluttid prompt follows at once
                session.reminded_at = now
                events.append(Event(EventKind.REMINDER_DUE, now, system, session.id))
        elif session.state is State.REMINDED:
            session.state = State.DUE
            session.due_at = now
            events.append(Event(EventKind.CONFIRMATION_DUE, now, system, session.id))
        elif session.state is State.DUE:
            events += raise_escalation(session, EscalationKind.MISSED, now, system)
        elif session.state is State.ESCALATED and session.escalation is not None:
            events += _escalation_step(session, session.escalation, now, policy)
    return events


def _escalation_step(session: Session, esc: Escalation, now: datetime, policy: Policy) -> list[Event]:
    system = Actor.system()
    retry_at = retry_prompt_at(esc)
    if retry_at is not None and retry_at <= now:
        esc.next_call_prompted = True
        attempt = str(len(esc.call_attempts) + 1)
        return [Event(EventKind.CALL_RETRY_DUE, now, system, session.id, {"attempt": attempt})]
    notice_at = unclaimed_notice_at(esc, policy)
    if notice_at is not None and notice_at <= now:
        esc.renotify_count += 1
        esc.last_notified_at = now
        tier = policy.notice_tier(esc.renotify_count)
        data = {"count": str(esc.renotify_count), "tier": str(tier.number), "targets": ",".join(tier.targets)}
        return [Event(EventKind.RENOTIFIED, now, system, session.id, data)]
    esc.stale_notified_at = now
    claimant = esc.claimed.by.key if esc.claimed else ""
    return [Event(EventKind.CLAIM_STALE, now, system, session.id, {"claimant": claimant})]
