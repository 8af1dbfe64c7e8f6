"""Proactive messages to the user: the reminder before sluttid and the prompt at sluttid."""

from __future__ import annotations

from bot.cards import user_cards
from bot.domain.events import Event, EventKind
from bot.domain.model import Session
from bot.i18n import texts_for
from bot.services.ports import DeliveryDeferred
from bot.teams.notifier import Deliver, NotifyContext


async def _send_to_owner(ctx: NotifyContext, session: Session, card: dict[str, object], key: str) -> dict[str, str]:
    profile = await ctx.repos.profiles.get(session.owner.key)
    if profile is None or not profile.conversation:
        raise DeliveryDeferred("no conversation reference for the user")
    posted = await ctx.messenger.send_card(profile.conversation, card)
    return {key: posted.activity_id}


async def reminder_due(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    policy = await ctx.policies.current()
    card = user_cards.reminder_card(session, texts_for(session.locale), policy)
    return await _send_to_owner(ctx, session, card, "reminder_card")


async def confirmation_due(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    policy = await ctx.policies.current()
    card = user_cards.due_card(session, texts_for(session.locale), policy)
    return await _send_to_owner(ctx, session, card, "due_card")


ROUTES: dict[EventKind, Deliver] = {
    EventKind.REMINDER_DUE: reminder_due,
    EventKind.CONFIRMATION_DUE: confirmation_due,
}
