"""The retention purge (GDPR): personal fields of sessions closed longer ago than the retention period are erased.

Runs daily from the scheduler and on demand (`rensa`, `rensa --torrkörning`). For each such session it strips
personal text from the session's event rows first, then erases the session row's personal fields (see
bot/domain/retention.py for the list), so a run cut short is finished by the next one.

Prefill data (phone, organisation, contact from last time) is personal too: it is cleared for people who have
neither written to the bot nor had a session open within the retention period. Their profile row stays (name,
ids, how to reach them), because it is refreshed by every message and needed to reach them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.domain.errors import DomainError
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, Session
from bot.domain.policy import Policy
from bot.domain.retention import erase_personal_data, fact_data, is_due_for_erasure
from bot.services.admin_common import as_admin, audit
from bot.services.container import Services
from bot.store.event_codec import event_properties
from bot.store.kv import DIALOG_STATE_NAMESPACE
from bot.store.sessions import StoredSession

log = logging.getLogger(__name__)
DIALOG_STATE_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime  # sessions closed at or before this were due
    sessions: int
    profiles: int
    dry_run: bool
    dialogs: int = 0  # abandoned registration forms (dialog state) deleted


class Retention:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def purge(self, actor: Actor, *, dry_run: bool = False) -> PurgeResult:
        """`rensa [--torrkörning]`: an admin runs the purge now (or only counts what it would erase)."""
        admin = await as_admin(self._services, actor, "admin.purge")
        return await self._purge(admin, dry_run)

    async def run_daily(self) -> PurgeResult:
        """The scheduler's daily job."""
        result = await self._purge(Actor.system(), dry_run=False)
        log.info("retention purge: %d sessions, %d profiles erased", result.sessions, result.profiles)
        return result

    async def _purge(self, actor: Actor, dry_run: bool) -> PurgeResult:
        now = self._services.clock.now()
        retention = (await self._services.policies.current()).retention
        cutoff = now - retention
        sessions = self._services.repos.sessions.closed_unerased_by(cutoff)
        due = [s async for s in sessions if is_due_for_erasure(s.session, now, retention)]
        stale_profiles = await self._stale_prefills(cutoff)
        if not dry_run:
            for stored in due:
                await self._erase(stored, actor)
            for key in stale_profiles:
                await self._services.repos.profiles.save_prefill(key, {})
            # A registration form abandoned half-filled holds personal text in the dialog state: a day is plenty.
            dialogs = await self._services.repos.kv.delete_older_than(
                DIALOG_STATE_NAMESPACE, now - DIALOG_STATE_MAX_AGE
            )
            data = {"sessions": str(len(due)), "profiles": str(len(stale_profiles)), "dialogs": str(dialogs)}
            await audit(self._services, EventKind.PURGE_RUN, actor, data=data)
            return PurgeResult(cutoff, len(due), len(stale_profiles), dry_run, dialogs)
        return PurgeResult(cutoff, len(due), len(stale_profiles), dry_run)

    async def _stale_prefills(self, cutoff: datetime) -> list[str]:
        """Keys of people with prefill data who have neither written to the bot nor had a session since the cutoff."""
        repos = self._services.repos
        found = []
        for profile in await repos.profiles.all():
            if not profile.prefill or (profile.updated_at is not None and profile.updated_at > cutoff):
                continue
            sessions = await repos.sessions.for_user(profile.person.key)
            if all(s.session.closed_at is not None and s.session.closed_at <= cutoff for s in sessions):
                found.append(profile.person.key)
        return found

    async def _erase(self, stored: StoredSession, actor: Actor) -> None:
        repo = self._services.repos.sessions
        owner, session_id = stored.session.owner.key, stored.session.id
        rewrites = []
        for event in await repo.events(owner, session_id):
            facts = fact_data(event.data)
            if facts != event.data:
                rewrites.append((event.id, event_properties(replace(event, data=facts))))
        await repo.replace_events(owner, rewrites)

        def erase(session: Session, now: datetime, _policy: Policy) -> list[Event]:
            if session.personal_data_erased:
                raise DomainError("already_recorded", "erased")
            erase_personal_data(session)
            return [Event(EventKind.PERSONAL_DATA_ERASED, now, actor, session.id)]

        # Through the engine, so the erasure is a session event in the audit log and the notifier redraws the
        # operators' card (which showed the same personal data) without it.
        try:
            await self._services.engine.change(owner, session_id, erase)
        except DomainError as exc:
            if exc.code not in ("already_recorded", "not_found"):
                raise
