"""The user's actions: register, extend, confirm, cancel, ask for help. The acting person always comes from the
caller's authenticated context, and a session is only ever looked up inside that person's own partition."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from bot.domain import session_commands
from bot.domain.errors import Conflict, DomainError, ValidationFailed
from bot.domain.events import Event
from bot.domain.model import Person, Session
from bot.domain.policy import Policy
from bot.domain.registration import RegistrationForm, new_end_time, validate_registration
from bot.domain.silent_alarm import registration_for
from bot.services.engine import SessionEngine
from bot.store.bars import BarRepo
from bot.store.errors import StaleWrite
from bot.store.profiles import Profile, ProfileRepo
from bot.store.sessions import StoredSession

PREFILL_FIELDS = ("organisation_kind", "organisation", "phone", "contact_role", "contact_name", "contact_phone")


def new_session_id(now: datetime) -> str:
    return f"{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"


class SessionActions:
    def __init__(self, engine: SessionEngine, profiles: ProfileRepo, bars: BarRepo) -> None:
        self.engine = engine
        self.profiles = profiles
        self.bars = bars

    async def active(self, person: Person) -> StoredSession | None:
        stored, _ = await self.engine.sessions.get_active(person.key)
        return stored

    async def get(self, person: Person, session_id: str) -> StoredSession | None:
        return await self.engine.sessions.get(person.key, session_id)

    async def prefill(self, person: Person) -> RegistrationForm:
        """A form with the person's last phone, organisation and contact already filled in."""
        return prefilled(await self.profile(person))

    async def profile(self, person: Person) -> Profile | None:
        """What the service keeps of the person between sessions (their chat, the form's last values)."""
        return await self.profiles.get(person.key)

    async def remember_contact(self, person: Person, locale: str, conversation: dict[str, Any], now: datetime) -> None:
        """Keep how to reach the person in their personal chat (reminders and cards go there)."""
        await self.profiles.remember_contact(person, locale, conversation, now)

    async def barred(self, person: Person) -> bool:
        """Whether the person is barred from the service (they are told so before the form, not after)."""
        return await self.bars.get(person.key) is not None

    async def register(self, person: Person, form: RegistrationForm, locale: str) -> StoredSession:
        """Validate and open a session. DomainError codes: barred, already_active; ValidationFailed per field."""
        if await self.barred(person):
            raise DomainError("barred")
        engine = self.engine
        now = engine.clock.now()
        policy: Policy = await engine.policies.current()
        registration = validate_registration(form, now, policy)
        existing, pointer = await engine.sessions.get_active(person.key)
        if existing is not None:
            raise DomainError("already_active", existing.session.id)
        session, events = session_commands.register(new_session_id(now), person, registration, now, policy, locale)
        try:
            stored = await engine.create(session, events, pointer)
        except StaleWrite:
            raise DomainError("already_active") from None  # a double submit: the first one won
        await self.profiles.save_prefill(person.key, {k: getattr(form, k) for k in PREFILL_FIELDS})
        return stored

    async def extend(
        self, person: Person, session_id: str, text: str, expected_end: datetime | None = None
    ) -> StoredSession:
        """New sluttid from '+30', '30' or 'HH:MM'. DomainError codes: bad_time, in_past, too_far, …

        `expected_end` is the sluttid the tapped card showed: if the session has moved on since (a double tap, an
        old card), nothing changes and DomainError("already_recorded") is raised, atomically with the write.
        """

        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            if expected_end is not None and session.end_time != expected_end:
                raise DomainError("already_recorded", "sluttid changed since the card was shown")
            try:
                end = new_end_time(text, now, session.end_time, policy)
            except ValueError as exc:
                raise ValidationFailed({"end_time": str(exc)}) from exc
            return session_commands.extend(session, end, now, policy)

        stored, _ = await self.engine.change(person.key, session_id, change)
        return stored

    async def confirm(self, person: Person, session_id: str) -> StoredSession:
        stored, _ = await self.engine.change(
            person.key, session_id, lambda s, now, _p: session_commands.confirm(s, now)
        )
        return stored

    async def cancel(self, person: Person, session_id: str) -> StoredSession:
        stored, _ = await self.engine.change(person.key, session_id, lambda s, now, _p: session_commands.cancel(s, now))
        return stored

    async def silent_alarm(self, person: Person, locale: str, note: str) -> StoredSession:
        """The code word: a silent acute escalation on the running watch, or on one opened for it right now from
        the latest registration that still has its details (`note` tells the operators so). A bar never stops
        an alarm."""
        engine = self.engine
        for _ in range(3):
            existing, pointer = await engine.sessions.get_active(person.key)
            if existing is not None:
                try:
                    stored, _ = await engine.change(
                        person.key, existing.session.id, lambda s, now, _p: session_commands.silent_alarm(s, now)
                    )
                except DomainError as exc:
                    if exc.code != "already_recorded":
                        raise
                    return existing
                return stored
            now = engine.clock.now()
            history = [s.session for s in await engine.sessions.for_user(person.key)]
            kept = [s for s in history if not s.personal_data_erased]
            latest = max(kept, key=lambda s: s.created_at).registration if kept else None
            profile = await self.profiles.get(person.key)
            registration = registration_for(latest, profile.prefill if profile else {}, now, note)
            session_id = new_session_id(now)
            session, events = session_commands.open_silent(session_id, person, registration, now, locale)
            try:
                return await engine.create(session, events, pointer)
            except StaleWrite:
                continue  # a watch was registered at this very moment: raise the alarm on it
        raise Conflict(person.key)

    async def request_help(self, person: Person, session_id: str) -> StoredSession:
        stored, _ = await self.engine.change(
            person.key, session_id, lambda s, now, _p: session_commands.request_help(s, now)
        )
        return stored


def prefilled(profile: Profile | None) -> RegistrationForm:
    """The form as the person's profile (already read) prefills it: last phone, organisation and contact."""
    values: dict[str, object] = dict(profile.prefill) if profile else {}
    return RegistrationForm.from_values(values)
