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
NOTICE_NAMESPACE = "escalation-notice"  # kv rows marking notices already sent (ids only)
TimedCard = Callable[[Session, Texts, Policy], user_cards.Card]


async def _send_to_owner(
    ctx: NotifyContext, session: Session, card: dict[str, object], key: str, summary: str = ""
) -> dict[str, str]:
    profile = await ctx.repos.profiles.get(session.owner.key)
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

    Only for the timer's escalation (a person who asked for help was answered in their own turn). A courtesy
    next to the operators' card for the same event, so it is sent at most once per escalation (a kv marker:
    the operators' delivery may be retried) and a failure here is logged, never raised: it must not make the
    engine repeat the operators' delivery.
    """
    if event.actor.kind is not ActorKind.SYSTEM:
        return {}
    marker = f"{session.id}|{event.id or event.at.isoformat()}"
    try:
        sent, _ = await ctx.repos.kv.get(NOTICE_NAMESPACE, marker)
        if sent:
            return {}
        policy = await ctx.policies.current()
        texts = texts_for(session.locale)
        card = user_cards.escalation_notice_card(session, texts, policy, ctx.clock.now())
        refs = await _send_to_owner(ctx, session, card, "escalation_notice", texts.t("status.heading.missed"))
        await ctx.repos.kv.put(NOTICE_NAMESPACE, marker, {"sent": True})
    except Exception as exc:
        log.warning("escalation notice to the user not sent (%s)", type(exc).__name__)
        return {}
    return refs


ROUTES: dict[EventKind, Deliver] = {
    EventKind.REMINDER_DUE: reminder_due,
    EventKind.CONFIRMATION_DUE: confirmation_due,
    EventKind.ESCALATED: escalated,
}
