"""A person's own data rights (GDPR): see everything stored about them ("mina uppgifter") and have their
profile forgotten ("glöm mig"). Nobody else's data is ever shown: the person comes from the activity.

"glöm mig" never touches a session that is running or an open escalation (the watch must go on and reach
the person); it clears the prefill data then, keeps only what is needed to reach them, and says so.
Closed sessions stay until the retention purge erases their personal fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.domain.events import EventKind
from bot.domain.model import Person, Session
from bot.domain.session_commands import user_actor
from bot.services.admin_common import audit, sessions_newest_first
from bot.services.container import Services
from bot.store.bars import Bar
from bot.store.profiles import Profile


@dataclass(frozen=True)
class MyData:
    person: Person
    profile: Profile | None
    sessions: list[Session]  # newest first
    role: str | None
    bar: Bar | None
    retention: timedelta


@dataclass(frozen=True)
class Forgotten:
    profile_deleted: bool  # the whole profile row is gone
    prefill_deleted: bool  # there was prefill data and it is gone
    running: Session | None  # a session that was left alone (running, or with an open escalation)
    retention: timedelta


class Privacy:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def my_data(self, person: Person) -> MyData:
        repos = self._services.repos
        return MyData(
            person=person,
            profile=await repos.profiles.get(person.key),
            sessions=await sessions_newest_first(self._services, person.key),
            role=await self._services.access.role_of(person.key),
            bar=await repos.bars.get(person.key),
            retention=(await self._services.policies.current()).retention,
        )

    async def forget(self, person: Person) -> Forgotten:
        repos = self._services.repos
        retention = (await self._services.policies.current()).retention
        profile = await repos.profiles.get(person.key)
        had_prefill = bool(profile and profile.prefill)
        running, _ = await repos.sessions.get_active(person.key)
        if running is not None:
            if had_prefill:
                await repos.profiles.save_prefill(person.key, {})
            deleted = False
        else:
            deleted = await repos.profiles.forget(person.key)
        data = {"profile_deleted": str(deleted).lower(), "kept_running": str(running is not None).lower()}
        await audit(self._services, EventKind.PROFILE_FORGOTTEN, user_actor(person), subject_key=person.key, data=data)
        return Forgotten(deleted, had_prefill, running.session if running else None, retention)
