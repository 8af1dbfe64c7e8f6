"""Delivery of escalation events to the operators' channel: a new thread with the escalation card, then the
same card updated in place after every step, and replies in the thread that notify people (retry prompts,
unclaimed re-notifications, a late confirmation, a help request).

Safe to run again (the engine retries a failed delivery): the thread is posted once per session (its ids are
kept in session.delivery), an update is skipped when the card has not changed, and a repeated reply is only a
repeated message. With no channel bound, ESCALATED raises DeliveryDeferred: the engine keeps the event and
retries after policy.delivery_retry, so the escalation is posted as soon as a channel is bound.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.schema import Activity, ChannelAccount, Mention

from bot.cards import operator_cards
from bot.domain.clock import Clock
from bot.domain.escalation import Phase, phase
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, ActorKind, Session
from bot.domain.phone import display_phone
from bot.i18n import Texts, texts_for
from bot.i18n.timefmt import format_time
from bot.services.access import OPERATOR
from bot.services.operator_channel import load_binding
from bot.services.policy_source import PolicySource
from bot.services.ports import DeliveryDeferred
from bot.store.sessions import SessionRepo
from bot.teams.notifier import Deliver, NotifyContext
from bot.teams.turn import card_activity

# Keys this module keeps in session.delivery
THREAD_CONVERSATION = "esc_conversation"
CARD_ACTIVITY = "esc_activity"  # the card is the thread's first message
THREAD_REFERENCE = "esc_reference"  # JSON of the thread's ConversationReference
POSTED_AT = "esc_posted_at"
CARD_DIGEST = "esc_card"  # digest of the card last sent, to skip updates that change nothing
MAX_MENTIONS = 10


@dataclass(frozen=True)
class Rendered:
    session: Session  # as freshly read from the store
    events: list[Event]
    card: dict[str, Any]

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.card, sort_keys=True).encode()).hexdigest()[:16]


def channel_texts() -> Texts:
    return texts_for(operator_cards.CHANNEL_LOCALE)


async def render_escalation(
    sessions: SessionRepo, policies: PolicySource, clock: Clock, user_key: str, session_id: str
) -> Rendered | None:
    """The escalation card as the session stands now in the store (None if there is no escalation)."""
    stored = await sessions.get(user_key, session_id)
    if stored is None or stored.session.escalation is None:
        return None
    events = await sessions.events(user_key, session_id)
    policy = await policies.current()
    card = operator_cards.escalation_card(stored.session, events, policy, clock.now(), channel_texts())
    return Rendered(stored.session, events, card)


async def _render(ctx: NotifyContext, session: Session) -> Rendered:
    rendered = await render_escalation(ctx.repos.sessions, ctx.policies, ctx.clock, session.owner.key, session.id)
    if rendered is None:  # cannot happen for an escalated session; render what we were given
        policy = await ctx.policies.current()
        card = operator_cards.escalation_card(session, [], policy, ctx.clock.now(), channel_texts())
        return Rendered(session, [], card)
    return rendered


def _thread(session: Session) -> tuple[dict[str, Any], str] | None:
    reference, activity_id = session.delivery.get(THREAD_REFERENCE), session.delivery.get(CARD_ACTIVITY)
    if not reference or not activity_id:
        return None
    return json.loads(reference), activity_id


async def _refresh(ctx: NotifyContext, session: Session) -> tuple[dict[str, str], Rendered | None]:
    """Update the card in place if it changed; returns the refs to keep and what was rendered."""
    thread = _thread(session)
    if thread is None:
        return {}, None
    rendered = await _render(ctx, session)
    if session.delivery.get(CARD_DIGEST) == rendered.digest:
        return {}, rendered
    reference, activity_id = thread
    await ctx.messenger.update_card(reference, activity_id, rendered.card)
    return {CARD_DIGEST: rendered.digest}, rendered


async def _reply(ctx: NotifyContext, session: Session, activity: Activity) -> None:
    thread = _thread(session)
    if thread is not None:
        await ctx.messenger.send(thread[0], activity)


def mention_text(key: str, people: list[Actor], **values: object) -> Activity:
    """The channel text `key` whose `{mention}`/`{mentions}` placeholder @mentions `people`.

    Teams accepts the AAD object id (Trygghet's user key) as the mentioned id. Bots cannot mention a channel
    or a team, so "the operators" are the people named.
    """
    tags = [f"<at>{p.name}</at>" for p in people]
    message = channel_texts().t(key, mention=" ".join(tags), mentions=", ".join(tags), **values)
    activity = MessageFactory.text(message.strip())
    activity.entities = [
        Mention(mentioned=ChannelAccount(id=p.key, name=p.name), text=tag, type="mention")
        for p, tag in zip(people, tags, strict=True)
    ]
    return activity


def _claimer(session: Session) -> list[Actor]:
    esc = session.escalation
    return [esc.claimed.by] if esc is not None and esc.claimed is not None else []


def _time(when: datetime) -> str:
    return format_time(when, operator_cards.CHANNEL_LOCALE)


async def _refresh_and_tell_claimer(ctx: NotifyContext, session: Session, event: Event, key: str) -> dict[str, str]:
    """Update the card, then reply `key` in the thread (`<key>_to`, @mentioning the claimer, once claimed)."""
    refs, rendered = await _refresh(ctx, session)
    current = rendered.session if rendered else session
    people = _claimer(current)
    text = mention_text(f"{key}_to" if people else key, people, name=current.owner.name, time=_time(event.at))
    await _reply(ctx, session, text)
    return refs


# ---- delivery functions, one per event kind


async def escalated(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """A new thread in the operators' channel with the escalation card (deferred while no channel is bound)."""
    if _thread(session) is not None:  # posted already (a repeated delivery): bring the card up to date instead
        refs, _ = await _refresh(ctx, session)
        return refs
    binding = await load_binding(ctx.repos.kv)
    if binding is None:
        raise DeliveryDeferred("no operator channel bound")
    rendered = await _render(ctx, session)
    activity = card_activity(rendered.card, operator_cards.summary(rendered.session, channel_texts()))
    posted = await ctx.messenger.new_thread(binding.to_value(), activity)
    reference = dict(posted.reference)
    if not reference.get("bot") and binding.conversation.get("bot"):
        reference["bot"] = binding.conversation["bot"]
    return {
        THREAD_CONVERSATION: posted.conversation_id,
        CARD_ACTIVITY: posted.activity_id,
        THREAD_REFERENCE: json.dumps(reference),
        POSTED_AT: ctx.clock.now().isoformat(),
        CARD_DIGEST: rendered.digest,
    }


async def card_changed(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """A checklist step was recorded: update the card in place for everyone."""
    refs, _ = await _refresh(ctx, session)
    return refs


async def call_retry_due(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """The call interval has passed: show attempt n on the card and @mention the claiming operator."""
    refs, rendered = await _refresh(ctx, session)
    current = rendered.session if rendered else session
    esc = current.escalation
    if esc is None or phase(esc, await ctx.policies.current(), ctx.clock.now()) is not Phase.CALL:
        return refs  # the next call is moot by now (confirmed, reached, recorded already, ...)
    values = {
        "attempt": len(esc.call_attempts) + 1,
        "name": current.owner.name,
        "phone": display_phone(current.registration.phone),
    }
    await _reply(ctx, session, mention_text("esc.reply.retry", _claimer(current), **values))
    return refs


async def renotified(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """Nobody has claimed the escalation: reply in the thread, @mentioning the operators who hold the role."""
    if _thread(session) is None:
        return {}  # nowhere to reply (the reply would be dropped): spare the reads
    rendered = await _render(ctx, session)
    esc = rendered.session.escalation
    if esc is None or esc.closed is not None or esc.claimed is not None:
        return {}
    posted_at = session.delivery.get(POSTED_AT)
    if posted_at and event.at < datetime.fromisoformat(posted_at):
        return {}  # raised while no channel was bound: the card itself was the news
    grants = [g for g in await ctx.repos.roles.all() if g.role == OPERATOR]
    operators = [Actor(ActorKind.OPERATOR, g.user_key, g.name or g.user_key) for g in grants][:MAX_MENTIONS]
    minutes = max(0, int((ctx.clock.now() - esc.raised_at).total_seconds() // 60))
    key = "esc.reply.renotify_to" if operators else "esc.reply.renotify"
    await _reply(ctx, session, mention_text(key, operators, name=rendered.session.owner.name, minutes=minutes))
    return {}


async def confirmed(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """A late "Allt gick bra" during the escalation: the card moves to wrap-up and the thread is told."""
    if event.data.get("outcome") != "during_escalation":
        return {}
    return await _refresh_and_tell_claimer(ctx, session, event, "esc.reply.confirmed")


async def help_requested(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """ "Jag behöver hjälp" during an escalation: the card turns AKUT and the thread is told at once.

    Before an escalation there is no card yet: the ESCALATED event that follows posts the AKUT card.
    """
    if _thread(session) is None:
        return {}
    return await _refresh_and_tell_claimer(ctx, session, event, "esc.reply.help")


ROUTES: dict[EventKind, Deliver] = {
    EventKind.ESCALATED: escalated,
    EventKind.CLAIMED: card_changed,
    EventKind.CALL_RECORDED: card_changed,
    EventKind.CALL_RETRY_DUE: call_retry_due,
    EventKind.RENOTIFIED: renotified,
    EventKind.POLICE_ALERTED: card_changed,
    EventKind.CONTACT_INFORMED: card_changed,
    EventKind.RTIB_INFORMED: card_changed,
    EventKind.TOLD_SAFE: card_changed,
    EventKind.ESCALATION_CLOSED: card_changed,
    EventKind.PERSONAL_DATA_ERASED: card_changed,  # retention: the card no longer shows what was erased
    EventKind.CONFIRMED: confirmed,
    EventKind.HELP_REQUESTED: help_requested,
}
