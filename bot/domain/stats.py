"""Statistics over sessions: how the service is used, how often people confirm on time, and how alarms end."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.domain.model import Outcome, Session, State

OPEN = "open"  # an escalation that has not closed yet


@dataclass(frozen=True)
class OrganisationStats:
    organisation: str
    sessions: int
    escalations: int
    police_alerts: int


@dataclass(frozen=True)
class Stats:
    sessions: int = 0
    active: int = 0
    confirmed_on_time: int = 0
    confirmed_late: int = 0
    cancelled: int = 0
    escalations: int = 0
    escalations_by_outcome: dict[str, int] = field(default_factory=dict)  # Outcome value or OPEN -> count
    police_alerts: int = 0
    median_confirmation_delay: timedelta | None = None  # after sluttid; a confirmation before it counts as 0
    organisations: list[OrganisationStats] = field(default_factory=list)  # most sessions first


def confirmation_delay(session: Session) -> timedelta | None:
    """How long after sluttid the person confirmed (zero when before it); None when they never confirmed."""
    if session.confirmed_at is None:
        return None
    return max(session.confirmed_at - session.end_time, timedelta(0))


def compute_stats(sessions: Iterable[Session]) -> Stats:
    """Counts over the given sessions (the caller picks the period)."""
    items = list(sessions)
    outcomes = Counter(s.outcome for s in items if s.outcome is not None)
    by_outcome: Counter[str] = Counter()
    police = 0
    per_org: dict[str, list[int]] = {}
    for s in items:
        org = per_org.setdefault(s.registration.organisation, [0, 0, 0])
        org[0] += 1
        esc = s.escalation
        if esc is None:
            continue
        by_outcome[esc.outcome.value if esc.outcome else OPEN] += 1
        org[1] += 1
        if esc.police_alerted is not None:
            police += 1
            org[2] += 1
    delays = [d for s in items if (d := confirmation_delay(s)) is not None]
    median = timedelta(seconds=statistics.median(d.total_seconds() for d in delays)) if delays else None
    organisations = [OrganisationStats(name, *counts) for name, counts in per_org.items()]
    organisations.sort(key=lambda o: (-o.sessions, o.organisation.casefold()))
    return Stats(
        sessions=len(items),
        active=sum(1 for s in items if s.state is not State.CLOSED),
        confirmed_on_time=outcomes[Outcome.CONFIRMED],
        confirmed_late=outcomes[Outcome.CONFIRMED_LATE],
        cancelled=outcomes[Outcome.CANCELLED],
        escalations=sum(by_outcome.values()),
        escalations_by_outcome=dict(by_outcome),
        police_alerts=police,
        median_confirmation_delay=median,
        organisations=organisations,
    )
