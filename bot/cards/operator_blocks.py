"""Small display blocks (TextBlock, heading, Container, FactSet, ActionSet), and the time and phone number
formats the operator cards share.

`bot.cards.elements` types the inputs and actions; these plain-dict builders cover the display elements the
escalation card uses, so the card modules read as layout rather than as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.cards.elements import serialize
from bot.domain.phone import display_phone_unbroken
from bot.i18n import Texts
from bot.i18n.markup import Markup, defang
from bot.i18n.timefmt import format_date, format_time, to_local

Block = dict[str, Any]


def _with(block: Block, **optional: Any) -> Block:
    """`block` with each optional property that is given (not None), under its Adaptive Card name."""
    block.update((key, item) for key, item in optional.items() if item is not None)
    return block


def text(
    value: str,
    *,
    size: str | None = None,
    weight: str | None = None,
    color: str | None = None,
    subtle: bool | None = None,
    spacing: str | None = None,
) -> Block:
    block: Block = {"type": "TextBlock", "text": defang(value), "wrap": True}
    return _with(block, size=size, weight=weight, color=color, isSubtle=subtle, spacing=spacing)


def heading(value: str, *, spacing: str | None = "medium") -> Block:
    """A section heading: the 1.5 heading style, and large and bold for hosts that do not know the style (Teams
    draws "medium" the size of body text)."""
    block: Block = {"type": "TextBlock", "text": defang(value), "wrap": True, "style": "heading", "size": "large"}
    block["weight"] = "bolder"
    if spacing is not None:
        block["spacing"] = spacing
    return block


def container(
    items: Sequence[Any],
    *,
    style: str | None = None,
    id: str | None = None,
    visible: bool | None = None,
    spacing: str | None = None,
    separator: bool | None = None,
) -> Block:
    block: Block = {"type": "Container", "items": serialize(list(items))}
    return _with(block, style=style, id=id, isVisible=visible, spacing=spacing, separator=separator)


def facts(pairs: Sequence[tuple[str, str]]) -> Block:
    shown = [{"title": defang(title), "value": defang(value)} for title, value in pairs if value]
    return {"type": "FactSet", "facts": shown}


def action_set(actions: Sequence[Any], *, spacing: str | None = None, separator: bool | None = None) -> Block:
    block: Block = {"type": "ActionSet", "actions": serialize(list(actions))}
    return _with(block, spacing=spacing, separator=separator)


def tel_link(display: str, e164: str) -> str:
    """Markdown link that dials from Teams clients that allow it; the number stays readable either way."""
    return Markup(f"[{display}](tel:{e164})") if e164 else display


def dial(e164: str) -> str:
    """A number shown unbroken (never wrapped after "070-") that dials when tapped; the link keeps E.164."""
    return tel_link(display_phone_unbroken(e164), e164)


def clock(when: datetime, texts: Texts, now: datetime | None = None) -> str:
    """ "14:30" on the same Stockholm day as `now`, else "23:55 (onsdag 25 nov.)" (reads well after "kl.")."""
    time = format_time(when, texts.language)
    if now is not None and to_local(when).date() != to_local(now).date():
        return f"{time} ({format_date(when, texts.language)})"
    return time


def data(verb: str, owner: str, session: str, **extra: Any) -> Mapping[str, Any]:
    """Submit data of an escalation button. Untrusted on the way back: the handler checks the operator role."""
    return {"verb": verb, "owner": owner, "session": session, **extra}
