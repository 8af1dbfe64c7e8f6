"""The standby list: who is called when nobody in the operators' channel claims an alarm (tier 2 of the policy).

The routine names *tjänsteman i beredskap* and *säkerhetsansvarig* as the people who must know of an alarm. Until
an admin sets the list (`beredskap sätt …`), it is the admins: the first admins and every granted admin. Only
people who may act on an alarm (an operator, admin or säkerhetschef role) can be put on it, so that the card they
get in their personal chat works for them. The list lives in the key-value table (namespace "service").
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import Actor, Person
from bot.services.access import ACTING_ROLES, ADMIN_ROLES
from bot.services.admin_common import as_admin, audit
from bot.services.container import Repos, Services

NAMESPACE = "service"
KEY = "standby"
MAX_MEMBERS = 20


@dataclass(frozen=True)
class StandbyMember:
    key: str
    name: str


async def standby_members(repos: Repos, first_admins: frozenset[str]) -> tuple[list[StandbyMember], bool]:
    """The standby list, and whether it is the admins by default (no list set)."""
    record, _ = await repos.kv.get(NAMESPACE, KEY)
    if record and record.get("members"):
        return [StandbyMember(m["key"], m.get("name", "")) for m in record["members"]], False
    names = {g.user_key: g.name for g in await repos.roles.all() if g.role in ADMIN_ROLES}
    for key in first_admins:
        if key not in names:
            profile = await repos.profiles.get(key)
            names[key] = profile.person.name if profile else ""
    return [StandbyMember(k, names[k]) for k in sorted(names)], True


class Standby:
    """The admins' side: `beredskap`, `beredskap sätt <person>[, <person> …]`, `beredskap rensa`."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def members(self, actor: Actor) -> tuple[list[StandbyMember], bool]:
        await as_admin(self._services, actor, "admin.standby")
        return await standby_members(self._services.repos, self._services.config.admins)

    async def set(self, actor: Actor, people: list[Person]) -> list[StandbyMember]:
        """Replace the list. DomainError codes: standby_empty, standby_too_many, standby_no_role (detail: name)."""
        admin = await as_admin(self._services, actor, "admin.standby_set")
        if not people:
            raise DomainError("standby_empty")
        if len(people) > MAX_MEMBERS:
            raise DomainError("standby_too_many")
        for person in people:
            if await self._services.access.role_of(person.key) not in ACTING_ROLES:
                raise DomainError("standby_no_role", person.name or person.key)
        members = [StandbyMember(p.key, p.name) for p in dict((p.key, p) for p in people).values()]
        await self._write({"members": [{"key": m.key, "name": m.name} for m in members]})
        data = {"setting": "standby", "count": str(len(members))}
        await audit(self._services, EventKind.SETTING_CHANGED, admin, data=data)
        return members

    async def clear(self, actor: Actor) -> None:
        """Back to the default (the admins)."""
        admin = await as_admin(self._services, actor, "admin.standby_clear")
        await self._write({"members": []})
        await audit(self._services, EventKind.SETTING_CHANGED, admin, data={"setting": "standby", "count": "0"})

    async def _write(self, value: dict[str, object]) -> None:
        await self._services.repos.kv.put(NAMESPACE, KEY, value)  # an admin's setting: the last one written wins
