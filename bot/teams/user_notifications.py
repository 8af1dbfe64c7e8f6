"""Proactive messages to the user: the reminder before sluttid, the prompt at sluttid, and, when no confirmation
came, word that the operators have been alerted and will call the number the person gave."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.cards import user_cards
from bot.domain.events import Event, EventKind
from bot.domain.model import ActorKind, Session
from bot.domain.policy import Policy
from bot.i18n import Texts, texts_for
from bot.i18n.timefmt import format_time
from bot.services.ports import DeliveryDeferred
from bot.teams.notifier import Deliver, NotifyContext

log = logging.getLogger(__name__)
TimedCard = Callable[[Session, Texts, Policy], user_cards.Card]


async def _send_to_owner(
    ctx: NotifyContext, session: Session, card: dict[str, object], key: str, summary: str = ""
) -> dict[str, str]:
    profile = await ctx.recipients.profile(session.owner.key)
    if profile is None or not profile.conversation:
        raise DeliveryDeferred("no conversation reference for the user")
    posted = await ctx.messenger.send_card(profile.conversation, card, summary)
    return {key: posted.activity_id}


async def _send_timed_card(
    ctx: NotifyContext, session: Session, build: TimedCard, heading: str, key: str
) -> dict[str, str]:
    """A card about the sluttid, summarised by the catalog's `heading` with that time."""
    texts = texts_for(session.locale)
    card = build(session, texts, await ctx.policies.current())
    summary = texts.t(heading, time=format_time(session.end_time, texts.language))
    return await _send_to_owner(ctx, session, card, key, summary)


async def reminder_due(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    return await _send_timed_card(ctx, session, user_cards.reminder_card, "reminder.heading", "reminder_card")


async def confirmation_due(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    return await _send_timed_card(ctx, session, user_cards.due_card, "due.heading", "due_card")


async def escalated(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """No confirmation at sluttid + grace: tell the person plainly that the operators will call them.

    Only for the timer's escalation: a person who asked for help was answered in their own turn, and a silent
    alarm (the code word) must show nothing. This is the "user" part of ESCALATED in the engine's outbox, so a
    failure here is retried on its own and never repeats the operators' card.
    """
    if event.actor.kind is not ActorKind.SYSTEM:
        return {}
    policy = await ctx.policies.current()
    texts = texts_for(session.locale)
    card = user_cards.escalation_notice_card(session, texts, policy, ctx.clock.now())
    return await _send_to_owner(ctx, session, card, "escalation_notice", texts.t("status.heading.missed"))


ROUTES: dict[EventKind, Deliver] = {
    EventKind.REMINDER_DUE: reminder_due,
    EventKind.CONFIRMATION_DUE: confirmation_due,
    EventKind.ESCALATED: escalated,
}
