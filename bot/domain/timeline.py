"""What the passage of time does to a session: reminders, the sluttid prompt, escalation, re-notifications."""

from __future__ import annotations

from datetime import datetime

from bot.domain.escalation import raise_escalation, retry_prompt_at
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, EscalationKind, Session, State
from bot.domain.policy import Policy


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
        if esc.closed is not None:
            return None
        candidates: list[datetime] = []
        retry_at = retry_prompt_at(esc)
        if retry_at is not None:
            candidates.append(retry_at)
        if esc.claimed is None and esc.renotify_count < policy.unclaimed_renotify_max:
            candidates.append((esc.last_notified_at or esc.raised_at) + policy.unclaimed_renotify)
        return min(candidates) if candidates else None
    return None


def advance(session: Session, now: datetime, policy: Policy) -> list[Event]:
    """Apply every step that is due at `now`, in the routine's order. Idempotent: a second call yields nothing."""
    system = Actor.system()
    events: list[Event] = []
    for _ in range(10):  # each pass moves at most one step; the bound only guards against a logic error
        wake = next_wake(session, policy)
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
            esc = session.escalation
            retry_at = retry_prompt_at(esc)
            if retry_at is not None and retry_at <= now:
                esc.next_call_prompted = True
                attempt = str(len(esc.call_attempts) + 1)
                events.append(Event(EventKind.CALL_RETRY_DUE, now, system, session.id, {"attempt": attempt}))
            else:
                esc.renotify_count += 1
                esc.last_notified_at = now
                events.append(Event(EventKind.RENOTIFIED, now, system, session.id, {"count": str(esc.renotify_count)}))
    return events
