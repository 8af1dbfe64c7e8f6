"""When an escalation closes, a person whose alarms keep turning out needless is put before the admins: a card
with *Spärra* and *Ignorera* in each admin's personal chat (bot/services/flagging.py decides when).

This is its own part of the engine's outbox ("admins"), apart from the operators' card update: a failure here
is raised, and only this part is retried until the flag is checked and the cards are out. An admin without a
chat with the bot is skipped (logged without names); the flag stays visible to every admin via `admin flaggade`.
"""

from __future__ import annotations

import logging

from bot.cards import admin_cards
from bot.domain.events import Event, EventKind
from bot.domain.model import Session
from bot.i18n import texts_for
from bot.teams.notifier import Deliver, NotifyContext

log = logging.getLogger(__name__)


async def flag_after_close(ctx: NotifyContext, session: Session, event: Event) -> dict[str, str]:
    flag = await ctx.recipients.flag_after_close(session)
    if flag is None:
        return {}
    period = (await ctx.policies.current()).flag_period
    sent = 0
    for key in await ctx.recipients.admin_keys():
        profile = await ctx.recipients.profile(key)
        if profile is None or not profile.conversation:
            continue
        texts = texts_for(profile.locale)
        card = admin_cards.flag_card(flag, period, texts)
        summary = texts.t("admin.flag.summary", name=flag.person.name or flag.person.key)
        await ctx.messenger.send_card(profile.conversation, card, summary)
        sent += 1
    if not sent:
        log.warning("a person was flagged after session %s but no admin has a chat with the bot", session.id)
    return {}


ROUTES: dict[EventKind, Deliver] = {
    EventKind.ESCALATION_CLOSED: flag_after_close,
}
