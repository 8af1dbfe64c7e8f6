"""What every admin action shares: the role check (a refusal is audited), writing the service audit log, and
reading one person's sessions."""

from __future__ import annotations

from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, ActorKind, Session
from bot.services.container import Services


async def as_admin(services: Services, actor: Actor, what: str) -> Actor:
    """The actor as an admin, or NotAllowed (recorded as ACTION_REFUSED) when they are not one."""
    await services.access.require_admin(actor, what)
    return Actor(ActorKind.ADMIN, actor.key, actor.name)


async def audit(
    services: Services,
    kind: EventKind,
    actor: Actor,
    subject_key: str = "",
    data: dict[str, str] | None = None,
    session_id: str = "",
) -> Event:
    """Record a service-level event (no personal text in `data`)."""
    event = Event(kind, services.clock.now(), actor, session_id, data or {})
    await services.repos.audit.append(event, subject_key=subject_key)
    return event


async def sessions_newest_first(services: Services, user_key: str) -> list[Session]:
    """One person's sessions, newest first (an admin's `historik`, the person's own "mina uppgifter")."""
    stored = await services.repos.sessions.for_user(user_key)
    return sorted((s.session for s in stored), key=lambda s: s.created_at, reverse=True)
