"""Cards for the user's personal chat (placeholder versions; the user-flow work replaces them)."""

from __future__ import annotations

from typing import Any

from bot.domain.model import Session
from bot.domain.policy import Policy
from bot.i18n import Texts
from bot.i18n.timefmt import format_time


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
        "actions": actions,
    }


def _submit(title: str, verb: str, session: Session) -> dict[str, Any]:
    return {"type": "Action.Submit", "title": title, "data": {"verb": verb, "session": session.id}}


def reminder_card(session: Session, texts: Texts, policy: Policy) -> dict[str, Any]:
    end = format_time(session.end_time, texts.language)
    return _card(
        [{"type": "TextBlock", "text": f"Påminnelse: sluttid kl. {end}", "wrap": True}],
        [_submit("Allt gick bra", "session.confirm", session)],
    )


def due_card(session: Session, texts: Texts, policy: Policy) -> dict[str, Any]:
    end = format_time(session.end_time, texts.language)
    return _card(
        [{"type": "TextBlock", "text": f"Sluttid kl. {end}: hur gick det?", "wrap": True}],
        [_submit("Allt gick bra", "session.confirm", session), _submit("Jag behöver hjälp", "session.help", session)],
    )
