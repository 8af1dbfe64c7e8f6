"""What the Teams notifier reads to address a delivery: a person's chat, the operators to @mention, the bound
channel, the standby list, the admins who get a flag card, and the case as it stands.

The notifier is built before the services (the engine needs it), so it cannot reach them; this one object, built
by the composition root, is its only door to the store, as the services are the handlers' door.
"""

from __future__ import annotations

from bot.domain.clock import Clock
from bot.domain.flags import Flag
from bot.domain.model import Actor, ActorKind, Session
from bot.services.access import OPERATOR
from bot.services.container import Repos
from bot.services.escalation_actions import Case, case_of
from bot.services.flagging import FlagRaiser
from bot.services.operator_channel import ChannelBinding, load_binding
from bot.services.policy_source import PolicySource
from bot.services.standby import StandbyMember, standby_members
from bot.store.profiles import Profile


class Recipients:
    def __init__(self, repos: Repos, policies: PolicySource, clock: Clock, first_admins: frozenset[str]) -> None:
        self._repos = repos
        self._first_admins = first_admins
        self._flags = FlagRaiser(repos, policies, clock, first_admins)

    async def profile(self, key: str) -> Profile | None:
        """The person's profile: their personal chat with the bot and their Teams language."""
        return await self._repos.profiles.get(key)

    async def case(self, session: Session) -> Case | None:
        """The session with its events as they stand in the store (None if it has no escalation)."""
        return await case_of(self._repos.sessions, session.owner.key, session.id)

    async def operators(self, limit: int) -> list[Actor]:
        """The people who hold the operator role (at most `limit`), to @mention."""
        grants = [g for g in await self._repos.roles.all() if g.role == OPERATOR]
        return [Actor(ActorKind.OPERATOR, g.user_key, g.name or g.user_key) for g in grants][:limit]

    async def channel(self) -> ChannelBinding | None:
        """The operators' bound channel, or None while none is bound."""
        return await load_binding(self._repos.kv)

    async def standby(self) -> list[StandbyMember]:
        members, _ = await standby_members(self._repos, self._first_admins)
        return members

    async def flag_after_close(self, session: Session) -> Flag | None:
        """The flag if this closed escalation crosses the threshold (bot/services/flagging.py), else None."""
        return await self._flags.after_close(session)

    async def admin_keys(self) -> list[str]:
        """Everyone who should see flag cards: the first admins and every granted admin."""
        return await self._flags.admin_keys()
