"""What the service layer needs from the outside world, as protocols the Teams layer (or a test fake) implements."""

from __future__ import annotations

from typing import Any, Protocol

from bot.domain.events import Event
from bot.domain.model import Person, Session


class DeliveryDeferred(Exception):
    """Delivery cannot happen yet (e.g. no operator channel bound); the event is kept and retried later."""


class Notifier(Protocol):
    """Turns a recorded domain event into messages (cards to the user, the operators' channel, the admins).

    An event may need several deliveries (`parts`, e.g. the user's reply and the operators' card). Each is its
    own item in the engine's outbox: one that fails is retried alone, so the others are not repeated.
    """

    def parts(self, event: Event) -> tuple[str, ...]:
        """The names of the deliveries `event` needs, in order; () when it needs no message."""
        ...

    async def deliver(self, session: Session, event: Event, part: str) -> dict[str, str]:
        """Carry out one part. Returns delivery references to remember on the session (e.g. where a card was
        posted), or {}. Raises DeliveryDeferred or any exception when it could not deliver: that part stays
        pending and is retried."""
        ...

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        """A short message `text_key` (in the person's language) in their personal chat; False when there is no
        way to reach them from here (no chat with the bot, or no Teams at all, as in the admin CLI)."""
        ...


class TeamDirectory(Protocol):
    """Who is in the operators' team: Teams knows, the store does not (the admin CLI has no directory)."""

    async def team_members(self, binding: dict[str, Any]) -> list[Person]:
        """The members of the team of the bound channel (`binding`: the stored ChannelBinding's value)."""
        ...
