"""Chooses the user's language and looks up texts, so that no user-facing string is written in code.

Teams tells the bot each user's locale (e.g. `sv-SE`, `en-US`). Any English locale gets English; every other
locale, or none, gets Swedish, the service's main language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

from bot.i18n import en, sv

Language: TypeAlias = Literal["sv", "en"]

CATALOGS: Mapping[Language, Mapping[str, str]] = {"sv": sv.MESSAGES, "en": en.MESSAGES}


def language_for(locale: str | None) -> Language:
    """`en`, `en-US`, `EN_gb` ... -> "en"; anything else (including None) -> "sv"."""
    return "en" if locale and locale.strip().lower().startswith("en") else "sv"


@dataclass(frozen=True)
class Texts:
    """The texts of one language; `t(key, **values)` fills in a message's `{placeholders}`."""

    language: Language

    @property
    def messages(self) -> Mapping[str, str]:
        return CATALOGS[self.language]

    def t(self, key: str, **values: object) -> str:
        """The message `key` with `values` filled in; KeyError for an unknown key or a missing value."""
        try:
            template = self.messages[key]
        except KeyError:
            raise KeyError(f"no text {key!r} in the {self.language!r} catalog") from None
        return template.format(**values)


def texts_for(locale: str | None) -> Texts:
    """The texts for a Teams locale such as `sv-SE` or `en-US` (None or unknown -> Swedish)."""
    return Texts(language_for(locale))
