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
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from botbuilder.core import MessageFactory
from botbuilder.schema import Activity, ChannelAccount, Mention

from bot.cards import operator_cards
from bot.domain.checklist import Status, StepId
from bot.domain.clock import Clock
from bot.domain.escalation import checklist_of, idle_since
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, ActorKind, Session
from bot.domain.phone import display_phone
from bot.domain.policy import Target
from bot.i18n import Texts, texts_for
from bot.i18n.markup import Markup, defang, mention_tag
from bot.i18n.timefmt import format_time
from bot.services.escalation_actions import Case
from bot.services.operator_channel import ChannelBinding
from bot.services.policy_source import PolicySource
from bot.services.ports import DeliveryDeferred
from bot.teams.notifier import Deliver, NotifyContext
from bot.teams.turn import card_activity

# Keys this module keeps in session.delivery
THREAD_CONVERSATION = "esc_conversation"
CARD_ACTIVITY = "esc_activity"  # the card is the thread's first message
THREAD_REFERENCE = "esc_reference"  # JSON of the thread's ConversationReference
POSTED_AT = "esc_posted_at"
CARD_DIGEST = "esc_card"  # digest of the card last sent, to skip updates that change nothing
MAX_MENTIONS = 10

log = logging.getLogger(__name__)


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


async def render_escalation(case: Case | None, policies: PolicySource, clock: Clock) -> Rendered | None:
    """The escalation card of a case as read from the store (None if there is no escalation)."""
    if case is None:
        return None
    session, events = case
    policy = await policies.current()
    card = operator_cards.escalation_card(session, events, policy, clock.now(), channel_texts())
    return Rendered(session, events, card)


async def _render(ctx: NotifyContext, session: Session) -> Rendered:
    case = await ctx.recipients.case(session)
    rendered = await render_escalation(case, ctx.policies, ctx.clock)
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


class MentionedConversation(ChannelAccount):
    """A mentioned channel or team: Teams reads `mentioned.type` ("channel" or "team"), which ChannelAccount lacks."""

    _attribute_map: ClassVar[dict[str, Any]] = {**ChannelAccount._attribute_map, "type": {"key": "type", "type": "str"}}

    def __init__(self, *, type: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.type = type


def mention_text(key: str, people: list[Actor], channel: ChannelBinding | None = None, /, **values: object) -> Activity:
    """The channel text `key` whose `{mention}`/`{mentions}` placeholder @mentions `people`, and whose
    `{channel}` placeholder @mentions the operators' channel itself (everyone who follows it is notified).

    Teams accepts the AAD object id (Trygghet's user key) as the mentioned id, and the channel's id with
    type "channel" for a channel mention.
    """
    texts = channel_texts()
    tags = [mention_tag(p.name) for p in people]
    channel_tag = mention_tag(texts.t("esc.channel_name")) if channel else Markup("")
    mention, mentions = Markup(" ".join(tags)), Markup(", ".join(tags))
    message = texts.t(key, mention=mention, mentions=mentions, channel=channel_tag, **values)
    activity = MessageFactory.text(message.strip())
    activity.entities = [
        Mention(mentioned=ChannelAccount(id=p.key, name=defang(p.name)), text=tag, type="mention")
        for p, tag in zip(people, tags, strict=True)
    ]
    if channel is not None:
        mentioned = MentionedConversation(id=channel.channel_id, name=texts.t("esc.channel_name"), type="channel")
        activity.entities.insert(0, Mention(mentioned=mentioned, text=channel_tag, type="mention"))
    return activity


async def _operators(ctx: NotifyContext) -> list[Actor]:
    """The people who hold the operator role, to @mention (at most MAX_MENTIONS)."""
    return await ctx.recipients.operators(MAX_MENTIONS)


def _claimer(session: Session) -> list[Actor]:
    esc = session.escalation
    return [esc.claimed.by] if esc is not None and esc.claimed is not None else []


def _time(when: datetime) -> str:
    return format_time(when, operator_cards.CHANNEL_LOCALE)


SILENT = ("esc.reply.silent", "esc.reply.silent_to")
HELP = ("esc.reply.help", "esc.reply.help_to")


async def _refresh_and_tell_claimer(
    ctx: NotifyContext, session: Session, event: Event, keys: tuple[str, str]
) -> dict[str, str]:
    """Update the card, then reply in the thread: `keys` is (the plain text, the one @mentioning the claimer)."""
    refs, rendered = await _refresh(ctx, session)
    current = rendered.session if rendered else session
    people = _claimer(current)
    text = mention_text(keys[1] if people else keys[0], people, name=current.owner.name, time=_time(event.at))
    await _reply(ctx, session, text)
    return refs


# ---- delivery functions, one per event kind


async def escalated(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """A new thread in the operators' channel with the escalation card (deferred while no channel is bound)."""
    if _thread(session) is not None:  # posted already (a repeated delivery): bring the card up to date instead
        refs, _ = await _refresh(ctx, session)
        return refs
    binding = await ctx.recipients.channel()
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
    if current.escalation is None or current.escalation.closed is not None:
        return refs
    checklist = checklist_of(current, await ctx.policies.current(), ctx.clock.now())
    if checklist[StepId.CALL].status is not Status.CURRENT:
        return refs  # the next call is moot by now (confirmed, reached, recorded already, ...)
    values = {
        "attempt": checklist.attempt,
        "name": current.owner.name,
        "phone": display_phone(current.registration.phone),
    }
    await _reply(ctx, session, mention_text("esc.reply.retry", _claimer(current), **values))
    return refs


async def renotified(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """Nobody has claimed the escalation: a notice by the policy's tier (bot/domain/policy.py).

    Tier 1 replies in the thread, @mentioning the operators who hold the role. Tier 2 also @mentions the channel
    and sends the card to everyone on the standby list, in their personal chat, and goes on until someone claims.
    A standby member who cannot be reached is logged as an alert; the thread's notice failing is retried.
    """
    if _thread(session) is None:
        return {}  # nowhere to reply (the reply would be dropped): spare the reads
    rendered = await _render(ctx, session)
    esc = rendered.session.escalation
    if esc is None or esc.closed is not None or esc.claimed is not None:
        return {}
    posted_at = session.delivery.get(POSTED_AT)
    if posted_at and event.at < datetime.fromisoformat(posted_at):
        return {}  # raised while no channel was bound: the card itself was the news
    targets = set(event.data.get("targets", Target.THREAD.value).split(","))
    operators = await _operators(ctx)
    values = {"name": rendered.session.owner.name, "minutes": _minutes_since(ctx, esc.raised_at)}
    values["time"] = _time(esc.raised_at)
    if Target.CHANNEL in targets:
        binding = await ctx.recipients.channel()
        key = "esc.reply.tier2_to" if operators else "esc.reply.tier2"
        await _reply(ctx, session, mention_text(key, operators, binding, **values))
    else:
        key = "esc.reply.renotify_to" if operators else "esc.reply.renotify"
        await _reply(ctx, session, mention_text(key, operators, **values))
    if Target.STANDBY in targets:
        await _to_standby(ctx, rendered)
    return {}


def _minutes_since(ctx: NotifyContext, when: datetime) -> int:
    return max(0, int((ctx.clock.now() - when).total_seconds() // 60))


async def _to_standby(ctx: NotifyContext, rendered: Rendered) -> None:
    """The card, as it stands, to everyone on the standby list who has a personal chat with the bot."""
    members = await ctx.recipients.standby()
    summary = channel_texts().t("esc.summary.standby", name=rendered.session.owner.name)
    reached = 0
    for member in members:
        profile = await ctx.recipients.profile(member.key)
        if profile is None or not profile.conversation:
            log.warning("ALERT standby member cannot be reached: no personal chat with the bot")
            continue
        try:
            await ctx.messenger.send_card(profile.conversation, rendered.card, summary)
            reached += 1
        except Exception as exc:  # one unreachable person must not hold back the others; logged as an alert
            log.warning("ALERT standby notice for session %s failed (%s)", rendered.session.id, type(exc).__name__)
    if not reached:
        log.warning("ALERT nobody on the standby list was reached for session %s", rendered.session.id)


async def claim_stale(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """The claimant has done nothing for policy.claim_stale: the card offers *Ta över* and the thread is told."""
    refs, rendered = await _refresh(ctx, session)
    current = rendered.session if rendered else session
    esc = current.escalation
    if esc is None or esc.closed is not None or esc.claimed is None:
        return refs
    claimer = esc.claimed.by
    others = [o for o in await _operators(ctx) if o.key != claimer.key]
    values = {"name": current.owner.name, "claimant": claimer.name, "time": _time(idle_since(esc))}
    await _reply(ctx, session, mention_text("esc.reply.stale", [claimer, *others][:MAX_MENTIONS], **values))
    return refs


async def taken_over(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """ "Ta över": the card shows the new claimant and the thread says who took it from whom."""
    refs, rendered = await _refresh(ctx, session)
    current = rendered.session if rendered else session
    previous = Actor(ActorKind.OPERATOR, event.data.get("from", ""), event.data.get("from_name", ""))
    values = {"name": current.owner.name, "operator": event.actor.name, "time": _time(event.at)}
    await _reply(ctx, session, mention_text("esc.reply.taken_over", [previous] if previous.key else [], **values))
    return refs


async def confirmed(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """A late "Allt gick bra" during the escalation: the card moves to wrap-up and the thread is told."""
    if event.data.get("outcome") != "during_escalation":
        return {}
    return await _refresh_and_tell_claimer(ctx, session, event, ("esc.reply.confirmed", "esc.reply.confirmed_to"))


async def help_requested(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    """ "Jag behöver hjälp" during an escalation: the card turns AKUT and the thread is told at once.

    Before an escalation there is no card yet: the ESCALATED event that follows posts the AKUT card.
    """
    if _thread(session) is None:
        return {}
    silent = event.data.get("silent") == "true"  # the code word: the thread must say not to call the phone
    return await _refresh_and_tell_claimer(ctx, session, event, SILENT if silent else HELP)


ROUTES: dict[EventKind, Deliver] = {
    EventKind.ESCALATED: escalated,
    EventKind.CLAIMED: card_changed,
    EventKind.CLAIM_STALE: claim_stale,
    EventKind.CLAIM_TAKEN_OVER: taken_over,
    EventKind.STEP_SKIPPED: card_changed,
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
