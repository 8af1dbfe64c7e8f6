"""Statistics over sessions: how the service is used, how often people confirm on time, and how alarms end."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.domain.model import Outcome, Session, State

OPEN = "open"  # an escalation that has not closed yet
ZERO = timedelta(0)


@dataclass(frozen=True)
class OrganisationStats:
    organisation: str
    sessions: int
    escalations: int
    police_alerts: int


@dataclass(frozen=True)
class Lateness:
    """Every confirmation that came after sluttid, within the grace period or after the alarm."""

    count: int = 0
    median: timedelta | None = None
    p90: timedelta | None = None
    after_alarm: int = 0  # of them, after the operators were alarmed


def lateness(sessions: Iterable[Session]) -> Lateness:
    late = [(d, s.escalation is not None) for s in sessions if (d := confirmation_delay(s)) is not None and d > ZERO]
    if not late:
        return Lateness()
    seconds = sorted(d.total_seconds() for d, _ in late)
    p90 = seconds[0] if len(seconds) == 1 else statistics.quantiles(seconds, n=10, method="inclusive")[-1]
    return Lateness(
        count=len(late),
        median=timedelta(seconds=statistics.median(seconds)),
        p90=timedelta(seconds=p90),
        after_alarm=sum(1 for _, alarmed in late if alarmed),
    )


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
    late: Lateness = field(default_factory=Lateness)
    organisations: list[OrganisationStats] = field(default_factory=list)  # most sessions first


def confirmation_delay(session: Session) -> timedelta | None:
    """How long after sluttid the person confirmed (zero when before it); None when they never confirmed."""
    confirmed = session.confirmed_at or (session.escalation.user_confirmed_at if session.escalation else None)
    if confirmed is None:
        return None
    return max(confirmed - session.end_time, ZERO)


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
        late=lateness(items),
        organisations=organisations,
    )
