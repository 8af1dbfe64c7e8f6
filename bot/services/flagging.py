"""Flags people whose alarms repeatedly turned out to be needless, so an admin can decide whether to bar them.

The decision stays with a person: reaching Policy.flag_threshold needless escalations within Policy.flag_period
puts the person forward (a FLAGGED audit event and a card to the admins); nothing is barred automatically.
A flag is raised once per crossing: the escalations behind one flag never count towards the next, so after a
flag (or an admin's "Ignorera") it takes `flag_threshold` new needless escalations to flag the person again.
The latest flag per person lives in the key-value table (namespace "flag").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.events import Event, EventKind
from bot.domain.flags import Flag, fine_after_all_at, needless_alarms, needless_escalations
from bot.domain.model import Actor, Session
from bot.services.access import ADMIN_ROLES
from bot.services.admin_common import as_admin, audit
from bot.services.container import Repos, Services
from bot.services.policy_source import PolicySource
from bot.store.errors import StaleWrite

NAMESPACE = "flag"
DECIDED = ("ignored", "lifted")  # decisions that close a flag until new needless alarms arrive


class FlagRaiser:
    """The part that runs when an escalation closes (from the notifier, outside any admin's turn)."""

    def __init__(self, repos: Repos, policies: PolicySource, clock: Clock, first_admins: frozenset[str]) -> None:
        self._repos = repos
        self._policies = policies
        self._clock = clock
        self._first_admins = first_admins

    async def after_close(self, session: Session) -> Flag | None:
        """The flag if this closed escalation crosses the threshold, else None.

        It runs as its own part of the engine's outbox, retried until the admins have the card. Called again for
        the same session (a retry after the cards failed), it returns the same flag without raising it twice, so
        the cards go out again: a flag may be repeated, never lost.
        """
        closed_at = fine_after_all_at(session)
        if closed_at is None:
            return None
        kv, owner = self._repos.kv, session.owner
        record, etag = await kv.get(NAMESPACE, owner.key)
        policy = await self._policies.current()
        if record and record.get("session") == session.id:
            since = datetime.fromisoformat(record.get("since") or (closed_at - policy.flag_period).isoformat())
            counted = await self._counted(owner.key, since, closed_at)
            return Flag(owner, len(counted), closed_at, alarms=needless_alarms(counted))
        since = closed_at - policy.flag_period
        if record and record.get("at"):
            since = max(since, datetime.fromisoformat(record["at"]))
        counted = await self._counted(owner.key, since, closed_at)
        if len(counted) < policy.flag_threshold:
            return None
        value = {
            "session": session.id,
            "at": closed_at.isoformat(),
            "since": since.isoformat(),
            "count": len(counted),
            "decision": "",
        }
        try:
            await kv.put(NAMESPACE, owner.key, value, etag, create_only=etag is None)
        except StaleWrite:
            return None  # another instance raised it at the same moment, and sends the cards
        data = {"count": str(len(counted)), "step": "raised"}
        event = Event(EventKind.FLAGGED, self._clock.now(), Actor.system(), session.id, data)
        await self._repos.audit.append(event, subject_key=owner.key)
        return Flag(owner, len(counted), closed_at, alarms=needless_alarms(counted))

    async def _counted(self, owner_key: str, since: datetime, until: datetime) -> list[Session]:
        stored = await self._repos.sessions.for_user(owner_key)
        return needless_escalations((s.session for s in stored), since, until)

    async def admin_keys(self) -> list[str]:
        """Everyone who should see flag cards: the first admins and every granted admin."""
        granted = [g.user_key for g in await self._repos.roles.all() if g.role in ADMIN_ROLES]
        return sorted(self._first_admins | set(granted))


class Flagging:
    """The admins' side: `flaggade`, and *Ignorera* on a flag card."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def flagged(self, actor: Actor) -> list[Flag]:
        """`flaggade`: everyone at or over the threshold within the period now, most needless alarms first."""
        await as_admin(self._services, actor, "admin.flagged")
        services = self._services
        policy = await services.policies.current()
        now = services.clock.now()
        since = now - policy.flag_period
        by_owner: dict[str, list[Session]] = {}
        async for stored in services.repos.sessions.closed_after(since):
            by_owner.setdefault(stored.session.owner.key, []).append(stored.session)
        flags = []
        for sessions in by_owner.values():
            counted = needless_escalations(sessions, since, now)
            if len(counted) >= policy.flag_threshold:
                flags.append(await self._flag(counted))
        return sorted(flags, key=lambda f: (-f.count, f.person.name.casefold()))

    async def _flag(self, counted: list[Session]) -> Flag:
        owner = counted[-1].owner
        latest = fine_after_all_at(counted[-1]) or counted[-1].end_time
        if await self._services.repos.bars.get(owner.key) is not None:
            return Flag(owner, len(counted), latest, "barred")
        record, _ = await self._services.repos.kv.get(NAMESPACE, owner.key)
        decision = str(record.get("decision", "")) if record else ""
        decided = decision in DECIDED and str(record.get("at", "")) >= latest.isoformat()  # no new case since
        return Flag(owner, len(counted), latest, decision if decided else "")

    async def ignore(self, actor: Actor, person_key: str) -> None:
        """*Ignorera* on a flag card: the admin decided not to bar; recorded, and the flag is closed."""
        admin = await as_admin(self._services, actor, "admin.ignore_flag")
        kv = self._services.repos.kv
        record, etag = await kv.get(NAMESPACE, person_key)
        if not record:
            raise DomainError("no_flag")
        if record.get("decision") == "ignored":
            raise DomainError("already_recorded")
        try:
            at = _later(record, self._services.clock.now())
            value = {**record, "decision": "ignored", "by": admin.name, "at": at}
            await kv.put(NAMESPACE, person_key, value, etag)
        except StaleWrite:
            raise DomainError("already_recorded") from None
        await audit(self._services, EventKind.FLAGGED, admin, person_key, {"step": "ignored"})


async def record_lifted(repos: Repos, person_key: str, by: str, now: datetime) -> None:
    """A lifted bar closes the person's flag as well (a bar made without a flag gets one, closed): it comes back
    only with needless alarms after `now`."""
    for _ in range(3):
        record, etag = await repos.kv.get(NAMESPACE, person_key)
        value = {**(record or {}), "decision": "lifted", "by": by, "at": _later(record, now)}
        try:
            await repos.kv.put(NAMESPACE, person_key, value, etag, create_only=etag is None)
            return
        except StaleWrite:
            continue


def _later(record: dict[str, Any] | None, now: datetime) -> str:
    """A decision covers every case up to when it was made: the record's `at` moves up to `now`."""
    at = str((record or {}).get("at", ""))
    return max(at, now.isoformat())
