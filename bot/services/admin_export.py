"""The audit log of a period as rows: every session event and every service-level event, oldest first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, ActorKind
from bot.domain.period import Period
from bot.services.admin_common import as_admin
from bot.services.container import Services


@dataclass(frozen=True)
class AuditRow:
    event: Event
    person_key: str  # whom it concerns: the session's owner, or the subject of a bar, role or refusal
    person_name: str


@dataclass(frozen=True)
class AuditExport:
    period: Period
    rows: list[AuditRow]

    def counts(self) -> list[tuple[EventKind, int]]:
        """How many of each kind, most frequent first."""
        counted = Counter(r.event.kind for r in self.rows)
        return sorted(counted.items(), key=lambda item: (-item[1], item[0].value))

    @property
    def sessions(self) -> int:
        return len({r.event.session_id for r in self.rows if r.event.session_id})


class AdminExport:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def audit_log(self, actor: Actor, period: Period) -> AuditExport:
        """`export <från> <till>`."""
        await as_admin(self._services, actor, "admin.export")
        repos = self._services.repos
        names = {p.person.key: p.person.name for p in await repos.profiles.all()}
        found: list[tuple[Event, str]] = [
            pair async for pair in repos.sessions.all_events_with_owner(period.start, period.end)
        ]
        found += [pair async for pair in repos.audit.between(period.start, period.end)]
        for event, owner in found:  # a user's own events name them even when their profile is gone
            if event.actor.kind is ActorKind.USER and event.actor.key == owner and event.actor.name:
                names.setdefault(owner, event.actor.name)
        rows = [AuditRow(event, owner, names.get(owner, "")) for event, owner in found]
        rows.sort(key=lambda r: (r.event.at, r.event.session_id, r.event.id))
        return AuditExport(period, rows)
