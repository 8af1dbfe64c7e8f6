"""What a person types in the personal chat: ny/new, status, klar/ok/done, förläng/extend [minutes | HH:MM],
avbryt/cancel, hjälp/help, and the welcome on first contact. Anything the router does not know gets the help
card. Typed commands act on the person's active session; the card buttons (session_buttons.py) on their own.
"""

from __future__ import annotations

import re

from bot.cards import user_cards
from bot.domain.model import Session
from bot.teams.dialog_host import dialog_context
from bot.teams.handlers import general
from bot.teams.handlers.session_buttons import cancel_session, confirm_session, extend_session
from bot.teams.turn import Turn, card_activity

_UNIT = re.compile(r"\s*(minuter|minutes|minute|minut|mins|min|m)\.?$", re.IGNORECASE)
_AT = re.compile(r"^(kl\.?|at)\s*", re.IGNORECASE)


def extend_argument(text: str) -> str:
    """ "30 min" → "30", "+15 minuter" → "+15", "kl. 15.30" → "15.30", "at 15:30" → "15:30"."""
    value = _AT.sub("", text.strip())
    return _UNIT.sub("", value).strip()


async def _active(turn: Turn) -> Session | None:
    stored = await turn.services.sessions.active(turn.person)
    if stored is None:
        await turn.say(turn.t("user.no_active"))
        return None
    return stored.session


async def welcome(turn: Turn) -> None:
    """First contact (the app installed): the routine in three lines and where to start."""
    if not turn.where.personal:
        await general.welcome(turn)
        return
    await turn.send_card(user_cards.welcome_card(turn.texts), summary=turn.t("welcome.title"))


async def help_(turn: Turn) -> None:
    """The help card, with the phone fallback as the message text so it shows even where cards do not."""
    if not turn.where.personal:
        await general.help_(turn)
        return
    activity = card_activity(user_cards.help_card(turn.texts), turn.t("help.title"))
    activity.text = turn.t("fallback.phone")
    await turn.ctx.send_activity(activity)


async def status(turn: Turn) -> None:
    if await general.outside_personal(turn):
        return
    session = await _active(turn)
    if session is None:
        return
    policy = await turn.services.policies.current()
    await turn.send_card(user_cards.status_card(session, turn.texts, policy, turn.services.clock.now()))


async def done(turn: Turn) -> None:
    """klar / ok / done: "Allt gick bra" for the active session."""
    if await general.outside_personal(turn):
        return
    session = await _active(turn)
    if session is not None:
        await confirm_session(turn, session)


async def extend(turn: Turn) -> None:
    """förläng 30 / förläng 15:30; without a time, the chooser card."""
    if await general.outside_personal(turn):
        return
    session = await _active(turn)
    if session is None:
        return
    argument = extend_argument(turn.args)
    if argument:
        await extend_session(turn, session, argument)
        return
    now = turn.services.clock.now()
    await turn.send_card(user_cards.extend_card(session, turn.texts, now))


async def cancel(turn: Turn) -> None:
    """avbryt / cancel: a registration in progress first; otherwise the active session."""
    if await general.outside_personal(turn):
        return
    dialogs = await dialog_context(turn)
    if dialogs.active_dialog is not None:
        await dialogs.cancel_all_dialogs()
        await turn.say(turn.t("register.cancelled"))
        return
    session = await _active(turn)
    if session is not None:
        await cancel_session(turn, session)
