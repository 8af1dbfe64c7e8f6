"""Hostile strings, and a check that none of them became something live where it was shown."""

from __future__ import annotations

import re

# Each tries to become a link, an image, HTML, a mention, or to hide or reverse text.
CORPUS = (
    "[Ring mig](https://evil.example)",
    "![](https://evil.example/x.png)",
    "<a href='https://evil.example'>Polisen</a>",
    "<at>Olle Operatör</at>",
    "https://evil.example/login",
    "[tel](tel:+46700000000)",
    "Anna\u202eeppA",
    "Dold\u200btext\u2060här\ufeff",
    "Kontroll\x00\x07\x1b[31m",
)
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^)]*)\)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff]")


def live_parts(text: str, mentions: tuple[str, ...] = ()) -> list[str]:
    """What in `text` a markdown or HTML renderer would make live, other than the service's own phone links
    (a digits-only label dialling that number) and the mentions the message carries."""
    found = []
    for label, target in _LINK.findall(text):
        digits = re.sub(r"\D", "", label)
        ours = target == "tel:112" and digits == "112"  # the emergency number, dialable on the user's cards
        ours = ours or (target.startswith("tel:+") and bool(digits) and target[5:].endswith(digits[1:]))
        if not ours:
            found.append(f"link [{label}]({target})")
    without_mentions = text
    for tag in mentions:
        without_mentions = without_mentions.replace(tag, "")
    found += [f"tag <{slash}{name}" for slash, name in _TAG.findall(without_mentions)]
    found += [f"autolink {m}" for m in re.findall(r"https?://\S+", text)]
    found += [f"invisible {c!r}" for c in _INVISIBLE.findall(text)]
    return found
