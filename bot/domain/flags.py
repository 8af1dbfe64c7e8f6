"""Repeated false alarms: the routine lets the head of security bar a person who "repeatedly cannot be reached
although all went well". This module says which escalations count as such, so a person can be put forward.

Counted: a *missed* escalation (no confirmation at sluttid) that closed with the operator reaching the person
well or with the person getting in touch themselves (`self_reported`), or during which the person confirmed
after all. An acute escalation (the person asked for help) never counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.domain.model import EscalationKind, Outcome, Session

# Operator outcomes that say all was well after all: the alarm was needless.
NEEDLESS_OUTCOMES = frozenset({Outcome.REACHED_WELL, Outcome.SELF_REPORTED})


def fine_after_all_at(session: Session) -> datetime | None:
    """When a missed escalation closed that turned out to be needless, or None if the session is not one."""
    esc = session.escalation
    if esc is None or esc.kind is not EscalationKind.MISSED or esc.closed is None:
        return None
    if esc.outcome in NEEDLESS_OUTCOMES or esc.user_confirmed_at is not None:
        return esc.closed.at
    return None


def needless_escalations(sessions: Iterable[Session], start: datetime, end: datetime) -> list[Session]:
    """The sessions whose needless escalation closed in start < t <= end, oldest first."""
    found = [(at, s) for s in sessions if (at := fine_after_all_at(s)) is not None and start < at <= end]
    return [s for _, s in sorted(found, key=lambda pair: pair[0])]
