"""Roles: who is an operator or an admin. The first admins come from TRYGGHET_ADMINS and cannot be revoked here."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import Actor, Person
from bot.services.access import ADMIN, OPERATOR, SECURITY_HEAD
from bot.services.admin_common import as_admin, audit
from bot.services.container import Services
from bot.store.roles import RoleGrant

ROLES = (OPERATOR, ADMIN, SECURITY_HEAD)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoleHolder:
    key: str
    name: str
    role: str
    from_environment: bool
    granted_by: str = ""


@dataclass(frozen=True)
class TeamOperators:
    """Who acts as an operator by being in the bound channel's team (Teams' member list, not a grant)."""

    bound: bool  # a channel is bound (else nobody is an operator by membership)
    members: list[Person] | None  # None: not known here
    why_unknown: str = ""  # "no_teams" (the admin CLI) | "unavailable" (Teams did not answer)


@dataclass(frozen=True)
class RoleList:
    holders: list[RoleHolder]
    team: TeamOperators


class AdminRoles:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def list(self, actor: Actor) -> RoleList:
        """`roller`: the first admins, then every grant (admins before operators, then by name), and the members
        of the bound channel's team, who act as operators there without a grant."""
        await as_admin(self._services, actor, "admin.roles")
        repos = self._services.repos
        holders: dict[str, RoleHolder] = {}
        for key in self._services.config.admins:
            profile = await repos.profiles.get(key)
            holders[key] = RoleHolder(key, profile.person.name if profile else "", ADMIN, True)
        for grant in await repos.roles.all():
            if grant.user_key not in holders:
                holders[grant.user_key] = RoleHolder(grant.user_key, grant.name, grant.role, False, grant.granted_by)
        ordered = sorted(holders.values(), key=lambda h: (h.role != ADMIN, h.name.casefold(), h.key))
        return RoleList(ordered, await self._team())

    async def _team(self) -> TeamOperators:
        binding = await self._services.channel.current()
        if binding is None:
            return TeamOperators(bound=False, members=[])
        directory = self._services.directory
        if directory is None:
            return TeamOperators(bound=True, members=None, why_unknown="no_teams")
        try:
            members = await directory.team_members(binding.to_value())
        except Exception as exc:  # Teams down or slow: the grants are still shown
            log.warning("the operators' team's members could not be listed (%s)", type(exc).__name__)
            return TeamOperators(bound=True, members=None, why_unknown="unavailable")
        return TeamOperators(bound=True, members=sorted(members, key=lambda m: (m.name.casefold(), m.key)))

    async def grant(self, actor: Actor, person: Person, role: str) -> RoleGrant:
        """`roller ge <person> operatör|admin|säkerhetschef`. DomainError codes: bad_role, admin_from_environment.

        A first admin (from the environment) may be made säkerhetschef, which adds the right to bar."""
        admin = await as_admin(self._services, actor, "admin.grant")
        if role not in ROLES:
            raise DomainError("bad_role", role)
        if person.key in self._services.config.admins and role != SECURITY_HEAD:
            raise DomainError("admin_from_environment")
        now = self._services.clock.now()
        granted_by = admin.name or admin.key
        await self._services.repos.roles.grant(person.key, role, person.name, granted_by, now)
        await audit(self._services, EventKind.ROLE_GRANTED, admin, subject_key=person.key, data={"role": role})
        return RoleGrant(person.key, role, person.name, granted_by, now)

    async def revoke(self, actor: Actor, person: Person) -> str:
        """`roller ta <person>`: the role that was taken. DomainError codes: admin_from_environment, no_role."""
        admin = await as_admin(self._services, actor, "admin.revoke")
        if person.key in self._services.config.admins:
            raise DomainError("admin_from_environment")
        roles = self._services.repos.roles
        grant = await roles.get(person.key)
        if grant is None or not await roles.revoke(person.key):
            raise DomainError("no_role")
        await audit(self._services, EventKind.ROLE_REVOKED, admin, subject_key=person.key, data={"role": grant.role})
        return grant.role
