"""The buttons on the user's session cards: Allt gick bra, Förläng / Jag är försenad, Avbryt, Jag behöver hjälp.

A button acts on the session whose id the card carries, looked up inside the acting person's own partition
(someone else's id is simply not found). After the action the tapped card is redrawn in place to show the
session as it is now, and a short sentence confirms what happened. The `*_session` functions are shared with
the typed commands (user_commands.py), which act on the active session and have no card to redraw.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.cards import verbs
from bot.cards.session_parts import at_text, by_text, max_session_text
from bot.cards.user_cards import status_card
from bot.domain.errors import DomainError, IllegalTransition, ValidationFailed
from bot.domain.model import Session, State
from bot.domain.phone import display_phone
from bot.store.sessions import StoredSession
from bot.teams.turn import Turn

# Why an extension's new end time was refused -> what the person is told.
EXTEND_ERRORS = {
    "required": "extend.error.required",
    "bad_time": "extend.error.bad_time",
    "in_past": "extend.error.in_past",
    "too_far": "extend.error.too_far",
}

log = logging.getLogger(__name__)


async def redraw(turn: Turn, session: Session) -> None:
    """Replace the tapped card with the session's current state (a typed command has no card to redraw)."""
    if not turn.tapped_card_id:
        return
    policy = await turn.services.policies.current()
    card = status_card(session, turn.texts, policy, turn.services.clock.now())
    try:
        await turn.update_card(turn.tapped_card_id, card)
    except Exception as exc:  # the action is recorded; a card that cannot be redrawn must not hide the answer
        log.warning("could not redraw the tapped card (%s)", type(exc).__name__)


async def already_closed(turn: Turn, session: Session, key: str = "user.already_closed") -> None:
    await redraw(turn, session)
    await turn.say(turn.t(key))


async def _act(
    turn: Turn, session: Session, action: Callable[[], Awaitable[StoredSession]], already: str = ""
) -> Session | None:
    """Run a session action; None when the session turned out to be closed, or (with `already`, the sentence
    for it) the action had been recorded before; the person was told either way."""
    if session.state is State.CLOSED:
        await already_closed(turn, session)
        return None
    try:
        return (await action()).session
    except IllegalTransition:
        fresh = await turn.services.sessions.get(turn.person, session.id)
        if fresh is not None and fresh.session.state is State.CLOSED:
            await already_closed(turn, fresh.session)
            return None
        raise
    except DomainError as exc:
        if not already or exc.code != "already_recorded":
            raise
        await redraw(turn, session)
        await turn.say(turn.t(already))
        return None


# ------------------------------------------------------------------------ the actions (cards and commands)


async def confirm_session(turn: Turn, session: Session) -> None:
    """ "Allt gick bra": closes the session, or during an escalation tells the operators all is well."""
    confirm = turn.services.sessions.confirm
    saved = await _act(turn, session, lambda: confirm(turn.person, session.id), "error.already_recorded")
    if saved is None:
        return
    await redraw(turn, saved)
    await turn.say(turn.t("confirm.during_escalation" if saved.state is State.ESCALATED else "confirm.done"))


def _shown_end(shown_end: object) -> datetime | None:
    """The sluttid the tapped card showed, if it carried one."""
    if not isinstance(shown_end, str) or not shown_end:
        return None
    try:
        return datetime.fromisoformat(shown_end)
    except ValueError:
        return None


async def extend_session(turn: Turn, session: Session, text: str, shown_end: object = None) -> None:
    """New sluttid from "+30", "30" or "15:30"; refused kindly when the operators already have the session."""
    now = turn.services.clock.now()
    shown = _shown_end(shown_end)
    if session.state is State.ESCALATED:
        await redraw(turn, session)
        await turn.say(turn.t("extend.escalated"))
        return
    # The card showed another sluttid than the session has now: a double tap, or an old card.
    if session.state is not State.CLOSED and shown is not None and shown != session.end_time:
        await redraw(turn, session)
        await turn.say(turn.t("extend.already_changed", end=by_text(session.end_time, now, turn.texts)))
        return
    policy = await turn.services.policies.current()
    try:
        saved = await _act(
            turn,
            session,
            lambda: turn.services.sessions.extend(turn.person, session.id, text, expected_end=shown),
        )
    except ValidationFailed as exc:
        key = EXTEND_ERRORS.get(exc.fields.get("end_time", ""), "extend.error.bad_time")
        await turn.say(turn.t(key, limit=max_session_text(turn.texts, policy)))
        return
    if saved is None:
        return
    await redraw(turn, saved)
    end = by_text(saved.end_time, now, turn.texts)
    if saved.state is State.REGISTERED:
        reminder = at_text(saved.end_time - policy.reminder_lead, now, turn.texts)
        await turn.say(turn.t("extend.done_with_reminder", end=end, reminder=reminder))
    else:
        await turn.say(turn.t("extend.done", end=end))


async def cancel_session(turn: Turn, session: Session) -> None:
    if session.state is State.ESCALATED:
        await redraw(turn, session)
        await turn.say(turn.t("cancel.escalated"))
        return
    saved = await _act(turn, session, lambda: turn.services.sessions.cancel(turn.person, session.id))
    if saved is None:
        return
    await redraw(turn, saved)
    await turn.say(turn.t("cancel.done"))


async def help_session(turn: Turn, session: Session) -> None:
    """ "Jag behöver hjälp": an acute escalation at once. On a closed session: 112 and the phone fallback."""
    if session.state is State.CLOSED:
        await already_closed(turn, session, "help_request.closed")
        return
    request_help = turn.services.sessions.request_help
    saved = await _act(turn, session, lambda: request_help(turn.person, session.id), "help_request.already")
    if saved is None:
        return
    await redraw(turn, saved)
    await turn.say(turn.t("help_request.done", phone=display_phone(saved.registration.phone)))


# ------------------------------------------------------------------------------------------- the buttons


async def _card_session(turn: Turn) -> Session:
    """The session the tapped card was drawn for, if it is the acting person's; not_found otherwise."""
    session_id = turn.value.get("session")
    stored = None
    if isinstance(session_id, str) and session_id:
        stored = await turn.services.sessions.get(turn.person, session_id)
    if stored is None:
        raise DomainError("not_found")
    return stored.session


def extension_text(value: dict[str, Any]) -> str:
    """What an extension button sent: "+30" from a one-tap button, or the time typed in the time field."""
    minutes = value.get("minutes")
    if isinstance(minutes, str | int) and str(minutes).strip():
        return f"+{str(minutes).strip()}"
    typed = value.get(verbs.EXTEND_TIME_INPUT)
    return typed.strip() if isinstance(typed, str) else ""


async def confirm(turn: Turn) -> None:
    await confirm_session(turn, await _card_session(turn))


async def extend(turn: Turn) -> None:
    await extend_session(turn, await _card_session(turn), extension_text(turn.value), turn.value.get("end"))


async def cancel(turn: Turn) -> None:
    await cancel_session(turn, await _card_session(turn))


async def ask_help(turn: Turn) -> None:
    await help_session(turn, await _card_session(turn))
