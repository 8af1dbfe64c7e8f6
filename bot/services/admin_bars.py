"""Bars: the head of security and preparedness may decide that a person no longer uses the service.

A bar stops new registrations only (SessionActions.register refuses with `barred`); a session already running
stays guarded to its end. The reason is kept on the bar row only, never in the audit log.
"""

from __future__ import annotations

from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import Actor, Person
from bot.services.admin_common import as_admin, audit
from bot.services.container import Services
from bot.store.bars import Bar

MAX_REASON = 500


class AdminBars:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def bar(self, actor: Actor, person: Person, reason: str) -> Bar:
        """`spärra <person> <skäl>`. DomainError codes: reason_required, already_barred."""
        admin = await as_admin(self._services, actor, "admin.bar")
        reason = " ".join(reason.split())[:MAX_REASON]
        if not reason:
            raise DomainError("reason_required")
        bars = self._services.repos.bars
        if await bars.get(person.key) is not None:
            raise DomainError("already_barred")
        bar = Bar(person.key, person.name, reason, admin.name or admin.key, self._services.clock.now())
        await bars.put(bar)
        await audit(self._services, EventKind.BARRED, admin, subject_key=person.key)
        return bar

    async def unbar(self, actor: Actor, person: Person) -> Bar:
        """`häv <person>`. DomainError code not_barred."""
        admin = await as_admin(self._services, actor, "admin.unbar")
        bars = self._services.repos.bars
        bar = await bars.get(person.key)
        if bar is None or not await bars.remove(person.key):
            raise DomainError("not_barred")
        await audit(self._services, EventKind.UNBARRED, admin, subject_key=person.key)
        return bar

    async def barred(self, actor: Actor) -> list[Bar]:
        """`spärrade`: newest bar first."""
        await as_admin(self._services, actor, "admin.barred")
        return sorted(await self._services.repos.bars.all(), key=lambda b: b.barred_at, reverse=True)
