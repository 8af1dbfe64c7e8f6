"""The Teams side of the Notifier port: each recorded domain event kind maps to one delivery function."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from botbuilder.core import MessageFactory

from bot.domain.clock import Clock
from bot.domain.events import Event, EventKind
from bot.domain.model import Session
from bot.i18n import texts_for
from bot.services.policy_source import PolicySource
from bot.services.recipients import Recipients
from bot.teams.messenger import Messenger


@dataclass
class NotifyContext:
    messenger: Messenger
    recipients: Recipients  # its only door to the store
    clock: Clock
    policies: PolicySource


Deliver = Callable[[NotifyContext, Session, Event], Awaitable[dict[str, str]]]
Routes = Mapping[EventKind, Mapping[str, Deliver]]  # event kind -> named parts (audiences), in delivery order


class TeamsNotifier:
    """Implements bot.services.ports.Notifier. Kinds with no entry need no message (the reply was the turn's)."""

    def __init__(self, context: NotifyContext, routes: Routes) -> None:
        self.context = context
        self._routes = routes

    def parts(self, event: Event) -> tuple[str, ...]:
        return tuple(self._routes.get(event.kind, {}))

    async def deliver(self, session: Session, event: Event, part: str) -> dict[str, str]:
        route = self._routes.get(event.kind, {}).get(part)
        if route is None:  # a part recorded by an older release that no longer exists: nothing to send
            return {}
        return await route(self.context, session, event)

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        profile = await self.context.recipients.profile(person_key)
        if profile is None or not profile.conversation:
            return False
        text = texts_for(profile.locale).t(text_key)
        await self.context.messenger.send(profile.conversation, MessageFactory.text(text))
        return True
