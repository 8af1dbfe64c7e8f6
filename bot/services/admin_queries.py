"""The admins' questions: who is out right now, which alarms are open, what happened to a person, and how often."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.model import Actor, Person, Session, State
from bot.domain.period import Period
from bot.domain.stats import Stats, compute_stats
from bot.services.admin_common import as_admin, sessions_newest_first
from bot.services.container import Services
from bot.services.people import People
from bot.store.bars import Bar


@dataclass(frozen=True)
class History:
    """A person's sessions (newest first) and where they stand with the service."""

    person: Person
    sessions: list[Session]
    bar: Bar | None
    role: str | None


@dataclass(frozen=True)
class Case:
    """One session's whole course: every event, in order, with who and when."""

    session: Session
    events: list[Event]


@dataclass(frozen=True)
class StatsReport:
    period: Period
    stats: Stats


MAX_CASE_ID = 64  # a session id is 21 characters; anything much longer is not one


class AdminQueries:
    def __init__(self, services: Services, people: People) -> None:
        self._services = services
        self._people = people

    async def active(self, actor: Actor) -> list[Session]:
        """`aktiva`: every session not closed, the one ending first at the top."""
        await as_admin(self._services, actor, "admin.active")
        sessions = [s.session for s in await self._services.repos.sessions.active()]
        return sorted(sessions, key=lambda s: (s.end_time, s.owner.name))

    async def alarms(self, actor: Actor, period: Period | None = None) -> list[Session]:
        """`larm`: open escalations; `larm <från> [till]`: every escalation raised in the period. Oldest first."""
        await as_admin(self._services, actor, "admin.alarms")
        repos = self._services.repos
        if period is None:
            sessions = [s.session for s in await repos.sessions.active() if s.session.state is State.ESCALATED]
        else:  # a session is created at most max_session before its alarm
            longest = (await self._services.policies.current()).max_session
            found = [s.session async for s in repos.sessions.created_between(period.start - longest, period.end)]
            sessions = [s for s in found if s.escalation is not None and period.contains(s.escalation.raised_at)]
        alarms = [(s.escalation.raised_at, s) for s in sessions if s.escalation is not None]
        return [s for _, s in sorted(alarms, key=lambda pair: (pair[0], pair[1].id))]

    async def case(self, actor: Actor, case_id: str) -> Case:
        """`ärende <id>`: a session's course from its events. DomainError no_case when there is none."""
        await as_admin(self._services, actor, "admin.case")
        sessions = self._services.repos.sessions
        stored = await sessions.find(case_id) if len(case_id) <= MAX_CASE_ID else None
        if stored is None:
            raise DomainError("no_case")
        return Case(stored.session, await sessions.events(stored.session.owner.key, stored.session.id))

    async def history(self, actor: Actor, query: str) -> History:
        """`historik <person>`: PersonNotFound or AmbiguousPerson when the query does not name one person."""
        await as_admin(self._services, actor, "admin.history")
        person = await self._people.one(query)
        sessions = await sessions_newest_first(self._services, person.key)
        if sessions and not person.name:
            person = sessions[0].owner
        return History(
            person=person,
            sessions=sessions,
            bar=await self._services.repos.bars.get(person.key),
            role=await self._services.access.role_of(person.key),
        )

    async def statistics(self, actor: Actor, period: Period) -> StatsReport:
        """`statistik [från] [till]`: over the sessions registered in the period."""
        await as_admin(self._services, actor, "admin.statistics")
        found = self._services.repos.sessions.created_between(period.start, period.end)
        sessions = [s.session async for s in found]
        return StatsReport(period, compute_stats(sessions))
