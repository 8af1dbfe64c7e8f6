"""Maps an incoming message to one handler: a text command by its first word, a card button by its verb."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.text import clean_input
from bot.teams.turn import Turn

Handler = Callable[[Turn], Awaitable[None]]
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


def clean_text(text: str | None) -> str:
    """Drop @mentions and surrounding whitespace ('<at>Trygghet</at> koppla kanal' → 'koppla kanal')."""
    return " ".join(clean_input(_MENTION.sub(" ", text or "")).split())


@dataclass(frozen=True)
class Router:
    """`commands` maps lower-case command words (and two-word phrases) to handlers; `verbs` maps card verbs."""

    commands: Mapping[str, Handler]
    verbs: Mapping[str, Handler]
    fallback: Handler
    silent_alarm: Handler | None = None  # a personal message that says the person's code word
    unbounded: frozenset[Handler] = frozenset()  # handlers that may take long (admin scans): the longer admin deadline

    def for_text(self, text: str) -> tuple[Handler, str]:
        words = clean_text(text).split(" ")
        lowered = [w.lower() for w in words]
        for size in (3, 2, 1):  # longest phrase first: "roller ge" before "roller"
            phrase = " ".join(lowered[:size])
            if len(lowered) >= size and phrase in self.commands:
                return self.commands[phrase], " ".join(words[size:])
        return self.fallback, clean_text(text)

    def for_value(self, value: Mapping[str, Any]) -> Handler | None:
        verb = value.get("verb")
        return self.verbs.get(verb) if isinstance(verb, str) else None
