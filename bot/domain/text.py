"""What the service accepts as text from a person or from Teams: no bidi overrides, zero-width or control
characters (a name must not render reversed or hide text). Applied on the way in, by the Teams layer and the
registration form; bot/i18n/markup.py makes text safe on the way out."""

from __future__ import annotations

import re

_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"  # C0 (but tab, LF, CR) and C1 controls
    "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"  # bidi, zero-width, invisible
)
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def clean_input(text: str, *, multiline: bool = False) -> str:
    """Remove invisible and control characters; a single-line value also loses tabs and line breaks."""
    cleaned = _INVISIBLE.sub("", text)
    return cleaned if multiline else _LINE_BREAKS.sub(" ", cleaned)
