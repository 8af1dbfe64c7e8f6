"""Text from people and from Teams, made safe for the surfaces it lands on.

Two steps, one function each:
- `clean_input` on the way in (the Teams layer and the registration form): bidi overrides, zero-width and C0/C1
  control characters are removed, so a name cannot render reversed or hide text.
- `defang` on the way out, for Adaptive Card TextBlock/Fact markdown and Teams message markdown alike: nothing a
  person typed can become a link, an image, an HTML tag or an @mention. It inserts an invisible WORD JOINER where
  markdown or HTML would start such a construct (`](`, `<`, `://`), so the text reads the same but no renderer
  parses it. Emphasis is left alone: `**x**` in a name shows bold, which leads no one to tap anything.

`Markup` marks text the service built itself (catalog templates, phone links, mention tags): never defanged again.
CSV has its own guard (bot/admin/csv_export.py).
"""

from __future__ import annotations

import re

from bot.domain.text import clean_input

WORD_JOINER = "\u2060"
_CONSTRUCTS = re.compile(r"\]\(|<|://")


class Markup(str):
    """Text the service built itself (a template, a link, a mention): safe to render as it is."""

    __slots__ = ()


def _break(match: re.Match[str]) -> str:
    found = match.group(0)
    return found[0] + WORD_JOINER + found[1:] if found != "<" else "<" + WORD_JOINER


def defang(text: str) -> Markup:
    """`text` as literal text in card or message markdown (idempotent; Markup passes unchanged)."""
    if isinstance(text, Markup):
        return text
    cleaned = clean_input(text, multiline=True)
    return Markup(_CONSTRUCTS.sub(_break, cleaned))


def plain_text(markdown: str) -> str:
    """What a terminal should print of a Teams answer: no `**` bold markers, no invisible word joiners."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", markdown, flags=re.DOTALL).replace(WORD_JOINER, "")


def mention_tag(name: str) -> Markup:
    """`<at>name</at>` for a Teams mention, the name itself defanged (the entity must carry the same text)."""
    return Markup(f"<at>{defang(name)}</at>")
