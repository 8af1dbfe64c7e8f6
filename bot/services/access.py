"""Who may do what: admins (from the environment or granted), operators (granted, or acting in the bound channel),
and the säkerhetschef (avdelningschef säkerhet och beredskap), who alone decides bars, as the routine says."""

from __future__ import annotations

import logging

from bot.domain.clock import Clock
from bot.domain.errors import NotAllowed
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor
from bot.store.audit import AuditRepo
from bot.store.roles import RoleRepo

log = logging.getLogger(__name__)

OPERATOR = "operator"
ADMIN = "admin"
SECURITY_HEAD = "security_head"  # avdelningschef säkerhet och beredskap: an admin who may also bar and lift bars
ADMIN_ROLES = frozenset({ADMIN, SECURITY_HEAD})
ACTING_ROLES = frozenset({OPERATOR, ADMIN, SECURITY_HEAD})  # may act on an alarm outside the operators' channel


class Access:
    def __init__(self, roles: RoleRepo, audit: AuditRepo, first_admins: frozenset[str], clock: Clock) -> None:
        self._roles = roles
        self._audit = audit
        self._first_admins = first_admins
        self._clock = clock

    async def role_of(self, user_key: str) -> str | None:
        """The person's role. A first admin (from the environment) may also be granted the säkerhetschef role."""
        grant = await self._roles.get(user_key)
        if grant is not None and grant.role == SECURITY_HEAD:
            return SECURITY_HEAD
        if user_key in self._first_admins:
            return ADMIN
        return grant.role if grant else None

    async def is_admin(self, user_key: str) -> bool:
        return await self.role_of(user_key) in ADMIN_ROLES

    async def is_operator(self, user_key: str, *, in_operator_channel: bool = False) -> bool:
        """Members of the bound operator channel's team are operators there; granted roles work anywhere."""
        return in_operator_channel or await self.role_of(user_key) in ACTING_ROLES

    async def require_admin(self, actor: Actor, what: str) -> None:
        if not await self.is_admin(actor.key):
            await self.refused(actor, what)
            raise NotAllowed(what)

    async def require_security_head(self, actor: Actor, what: str) -> None:
        """Bars are the säkerhetschef's decision alone; any other admin is refused (and the attempt audited)."""
        if await self.role_of(actor.key) != SECURITY_HEAD:
            await self.refused(actor, what)
            raise NotAllowed(what)

    async def require_operator(self, actor: Actor, what: str, *, in_operator_channel: bool = False) -> None:
        if not await self.is_operator(actor.key, in_operator_channel=in_operator_channel):
            await self.refused(actor, what)
            raise NotAllowed(what)

    async def refused(self, actor: Actor, what: str, session_id: str = "") -> None:
        """Log a refused attempt in the audit log (who and what, nothing personal)."""
        log.info("refused %s for actor kind=%s", what, actor.kind.value)
        event = Event(EventKind.ACTION_REFUSED, self._clock.now(), actor, session_id, {"action": what})
        await self._audit.append(event, subject_key=actor.key)
