"""Repeated needless alarms: the routine lets the head of security and preparedness bar a person who "vid upprepade
tillfällen inte är kontaktbar trots att allt gått bra", because it "medför onödiga larm till polisen". This module
says which escalations count as such, so that a person can be put before that decision.

Counted: a *missed* escalation (no confirmation at sluttid) where the person did not answer, so the routine ran
(at least one unanswered call, or the police were alerted), and it then turned out that all was well: the person
confirmed late, or the case closed with the operator reaching them well or with the person getting in touch
themselves. Not counted: the person reached at the first call (they were reachable), an acute escalation (they
asked for help), or a case that was real (police handling, other) without a confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.model import EscalationKind, Outcome, Person, Session

# Operator outcomes that say all was well after all.
WELL_OUTCOMES = frozenset({Outcome.REACHED_WELL, Outcome.SELF_REPORTED})


def fine_after_all_at(session: Session) -> datetime | None:
    """When a missed escalation closed that turned out to be needless, or None if the session is not one."""
    esc = session.escalation
    if esc is None or esc.kind is not EscalationKind.MISSED or esc.closed is None:
        return None
    routine_ran = esc.no_answer_count > 0 or esc.police_alerted is not None
    all_well = esc.outcome in WELL_OUTCOMES or esc.user_confirmed_at is not None
    return esc.closed.at if routine_ran and all_well else None


def needless_escalations(sessions: Iterable[Session], start: datetime, end: datetime) -> list[Session]:
    """The sessions whose needless escalation closed in start < t <= end, oldest first."""
    found = [(at, s) for s in sessions if (at := fine_after_all_at(s)) is not None and start < at <= end]
    return [s for _, s in sorted(found, key=lambda pair: pair[0])]


@dataclass(frozen=True)
class NeedlessAlarm:
    """One escalation behind a flag, as the säkerhetschef sees it: the sluttid that passed, how it turned out,
    and whether the police were alerted for nothing (what the routine's bar is about)."""

    end_time: datetime
    # "confirmed_late" (the person checked in after the alarm) | "self_reported" (got in touch another way, e.g.
    # called the centre) | "reached_well"
    outcome: str
    police: bool = False


def _how_it_ended(session: Session) -> str:
    esc = session.escalation
    if esc is not None and esc.user_confirmed_at:
        return "confirmed_late"
    if esc is not None and esc.outcome is Outcome.SELF_REPORTED:
        return "self_reported"
    return "reached_well"


def needless_alarms(counted: list[Session]) -> tuple[NeedlessAlarm, ...]:
    """What the admins need to judge a flag: when each counted alarm was, and how it ended."""
    return tuple(
        NeedlessAlarm(s.end_time, _how_it_ended(s), police=bool(s.escalation and s.escalation.police_alerted))
        for s in counted
    )


@dataclass(frozen=True)
class Flag:
    """A person put forward: how many needless escalations, the latest of them, and any decision on it."""

    person: Person
    count: int
    latest: datetime
    decision: str = ""  # "" (open) | "ignored" | "barred" | "lifted" (barred, then the bar was lifted)
    alarms: tuple[NeedlessAlarm, ...] = ()  # the counted escalations, oldest first
