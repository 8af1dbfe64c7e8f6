"""The user's commands on a session: register, extend, confirm, cancel and ask for help. Each yields events."""

from __future__ import annotations

from datetime import datetime

from bot.domain.errors import DomainError, IllegalTransition
from bot.domain.escalation import raise_escalation
from bot.domain.events import Event, EventKind
from bot.domain.model import (
    Actor,
    ActorKind,
    EscalationKind,
    Outcome,
    Person,
    Registration,
    Session,
    State,
)
from bot.domain.policy import Policy
from bot.domain.registration import validate_end_time

USER_OPEN_STATES = frozenset({State.REGISTERED, State.REMINDED, State.DUE})


def user_actor(person: Person) -> Actor:
    return Actor(ActorKind.USER, person.key, person.name)


def _opened(
    session_id: str, owner: Person, registration: Registration, now: datetime, locale: str, **data: str
) -> tuple[Session, Event]:
    """A new session and its REGISTERED event (`data` adds to the event's end time and acute flag)."""
    session = Session(
        id=session_id,
        owner=owner,
        registration=registration,
        created_at=now,
        end_time=registration.end_time,
        locale=locale,
    )
    facts = {"end_time": registration.end_time.isoformat(), "acute": str(registration.acute).lower(), **data}
    return session, Event(EventKind.REGISTERED, now, user_actor(owner), session_id, facts)


def register(
    session_id: str, owner: Person, registration: Registration, now: datetime, policy: Policy, locale: str
) -> tuple[Session, list[Event]]:
    """Open a new session. A sluttid closer than the reminder lead skips the reminder; acute danger escalates now."""
    problem = validate_end_time(registration.end_time, now, policy)
    if problem:
        raise DomainError("bad_end_time", problem)
    session, registered = _opened(session_id, owner, registration, now, locale)
    events = [registered]
    if registration.end_time - policy.reminder_lead <= now:
        session.state = State.REMINDED
    if registration.acute:
        events += raise_escalation(session, EscalationKind.ACUTE, now, user_actor(owner))
    return session, events


def extend(session: Session, new_end: datetime, now: datetime, policy: Policy) -> list[Event]:
    """Move sluttid ("Jag är försenad" / "Förläng"). Allowed until the operators have been alerted."""
    if session.state not in USER_OPEN_STATES:
        raise IllegalTransition("extend", session.state)
    problem = validate_end_time(new_end, now, policy)
    if problem:
        raise DomainError("bad_end_time", problem)
    previous = session.end_time
    session.extensions.append(previous)
    session.end_time = new_end
    session.due_at = None
    session.reminded_at = None
    session.state = State.REMINDED if new_end - policy.reminder_lead <= now else State.REGISTERED
    return [
        Event(
            EventKind.EXTENDED,
            now,
            user_actor(session.owner),
            session.id,
            {"from": previous.isoformat(), "to": new_end.isoformat(), "late": str(now > previous).lower()},
        )
    ]


def confirm(session: Session, now: datetime) -> list[Event]:
    """ "Allt gick bra". During an escalation it does not close anything: the operators wrap up."""
    actor = user_actor(session.owner)
    if session.state in USER_OPEN_STATES:
        session.confirmed_at = now
        session.closed_at = now
        session.outcome = Outcome.CONFIRMED if now <= session.end_time else Outcome.CONFIRMED_LATE
        session.state = State.CLOSED
        return [Event(EventKind.CONFIRMED, now, actor, session.id, {"outcome": session.outcome.value})]
    if session.state is State.ESCALATED and session.escalation is not None:
        if session.escalation.user_confirmed_at is not None:
            raise DomainError("already_recorded", "confirmed during escalation")
        session.confirmed_at = now
        session.escalation.user_confirmed_at = now
        return [Event(EventKind.CONFIRMED, now, actor, session.id, {"outcome": "during_escalation"})]
    raise IllegalTransition("confirm", session.state)


def cancel(session: Session, now: datetime) -> list[Event]:
    """The person no longer needs the watch (before sluttid or while it is waiting for the confirmation)."""
    if session.state not in USER_OPEN_STATES:
        raise IllegalTransition("cancel", session.state)
    session.state = State.CLOSED
    session.outcome = Outcome.CANCELLED
    session.closed_at = now
    return [Event(EventKind.CANCELLED, now, user_actor(session.owner), session.id)]


def request_help(session: Session, now: datetime) -> list[Event]:
    """ "Jag behöver hjälp": an acute escalation at once, or an upgrade of a running one."""
    actor = user_actor(session.owner)
    if session.state is State.CLOSED:
        raise IllegalTransition("help", session.state)
    events = [Event(EventKind.HELP_REQUESTED, now, actor, session.id)]
    if session.escalation is not None and session.escalation.closed is None:
        if session.escalation.kind is EscalationKind.ACUTE:
            raise DomainError("already_recorded", "help already requested")
        session.escalation.kind = EscalationKind.ACUTE
        return events
    return events + raise_escalation(session, EscalationKind.ACUTE, now, actor)


def silent_alarm(session: Session, now: datetime) -> list[Event]:
    """The person's code word: an acute escalation marked silent, or a running one made acute and silent.

    The event says only that help was asked for silently; nothing of the word is kept.
    """
    actor = user_actor(session.owner)
    if session.state is State.CLOSED:
        raise IllegalTransition("help", session.state)
    events = [Event(EventKind.HELP_REQUESTED, now, actor, session.id, {"silent": "true"})]
    running = session.escalation
    if running is not None and running.closed is None:
        if running.kind is EscalationKind.ACUTE and running.silent:
            raise DomainError("already_recorded", "silent alarm already raised")
        running.kind, running.silent = EscalationKind.ACUTE, True
        return events
    return events + raise_escalation(session, EscalationKind.ACUTE, now, actor, silent=True)


def open_silent(
    session_id: str, owner: Person, registration: Registration, now: datetime, locale: str
) -> tuple[Session, list[Event]]:
    """A session opened by the code word with no watch running: at sluttid already, and escalated silently."""
    session, registered = _opened(session_id, owner, registration, now, locale, silent="true")
    session.state = State.DUE
    return session, [registered, *silent_alarm(session, now)]
