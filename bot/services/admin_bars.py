"""Bars: the head of security and preparedness (the säkerhetschef role) may decide that a person no longer uses
the service, as the routine says; no other admin can bar or lift a bar.

A bar stops new registrations only (SessionActions.register refuses with `barred`); a session already running
stays guarded to its end. The reason is required, kept on the bar row and in the audit log (it is the decision's
ground, for answering for it afterwards), and the person is told in their own chat what it means and whom to ask.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import Actor, Person
from bot.services.access import SECURITY_HEAD
from bot.services.admin_common import as_admin, audit
from bot.services.container import Services
from bot.services.flagging import record_lifted
from bot.store.bars import Bar

MAX_REASON = 500
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BarDecision:
    bar: Bar
    person_told: bool  # False: the person has no chat with the bot, or this door (the CLI) cannot reach Teams


class AdminBars:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def require_security_head(self, actor: Actor, what: str = "admin.bar") -> Actor:
        """The actor as an admin holding the säkerhetschef role; DomainError("security_head_only") otherwise."""
        admin = await as_admin(self._services, actor, what)
        if await self._services.access.role_of(actor.key) != SECURITY_HEAD:
            await self._services.access.refused(actor, what)
            raise DomainError("security_head_only")
        return admin

    async def _tell(self, person_key: str, text_key: str) -> bool:
        try:
            return await self._services.engine.notifier.tell_person(person_key, text_key)
        except Exception as exc:  # the decision stands; the admin is told the person was not reached
            log.warning("the barred person could not be told (%s)", type(exc).__name__)
            return False

    async def bar(self, actor: Actor, person: Person, reason: str) -> BarDecision:
        """`spärra <person> <skäl>`. DomainError codes: security_head_only, reason_required, already_barred."""
        admin = await self.require_security_head(actor, "admin.bar")
        reason = " ".join(reason.split())[:MAX_REASON]
        if not reason:
            raise DomainError("reason_required")
        bars = self._services.repos.bars
        if await bars.get(person.key) is not None:
            raise DomainError("already_barred")
        bar = Bar(person.key, person.name, reason, admin.name or admin.key, self._services.clock.now())
        await bars.put(bar)
        await audit(self._services, EventKind.BARRED, admin, subject_key=person.key, data={"reason": reason})
        return BarDecision(bar, await self._tell(person.key, "bar.notice"))

    async def unbar(self, actor: Actor, person: Person) -> BarDecision:
        """`häv <person>`. DomainError codes: security_head_only, not_barred."""
        admin = await self.require_security_head(actor, "admin.unbar")
        bars = self._services.repos.bars
        bar = await bars.get(person.key)
        if bar is None or not await bars.remove(person.key):
            raise DomainError("not_barred")
        await audit(self._services, EventKind.UNBARRED, admin, subject_key=person.key)
        await record_lifted(self._services.repos, person.key, admin.name, self._services.clock.now())
        return BarDecision(bar, await self._tell(person.key, "bar.lifted"))

    async def barred(self, actor: Actor) -> list[Bar]:
        """`spärrade`: newest bar first."""
        await as_admin(self._services, actor, "admin.barred")
        return sorted(await self._services.repos.bars.all(), key=lambda b: b.barred_at, reverse=True)
