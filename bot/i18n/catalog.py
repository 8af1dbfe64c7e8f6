"""Chooses the user's language and looks up texts, so that no user-facing string is written in code.

Teams tells the bot each user's locale (e.g. `sv-SE`, `en-US`). Any English locale gets English; every other
locale, or none, gets Swedish, the service's main language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

from babel import Locale

from bot.i18n import en, operators, sv
from bot.i18n.markup import Markup, defang

Language: TypeAlias = Literal["sv", "en"]

# The operators' card and thread are Swedish only (bot/i18n/operators.py says why).
CATALOGS: Mapping[Language, Mapping[str, str]] = {"sv": {**sv.MESSAGES, **operators.MESSAGES}, "en": en.MESSAGES}


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

    def t(self, key: str, **values: object) -> str:  # a Markup at run time
        """The message `key` with `values` filled in; KeyError for an unknown key or a missing value.

        A message with plural forms is stored as `<key>.one`, `<key>.other` (and whichever other CLDR categories
        the language has); the form is chosen by the language's CLDR plural rule (Babel) for `count`.

        Text values are defanged (bot/i18n/markup.py) unless they are Markup the service built, so a name or a
        note can never turn into a link, an image, an HTML tag or a mention wherever the text is shown.
        """
        template = self.messages.get(key)
        if template is None and f"{key}.one" in self.messages:
            count = values.get("count")
            if not isinstance(count, int | float):
                raise KeyError(f"the text {key!r} has plural forms: give it a numeric count")
            form = _LOCALES[self.language].plural_form(count)
            template = self.messages.get(f"{key}.{form}") or self.messages[f"{key}.other"]
        if template is None:
            raise KeyError(f"no text {key!r} in the {self.language!r} catalog")
        safe = {name: defang(value) if isinstance(value, str) else value for name, value in values.items()}
        return Markup(template.format(**safe))


_LOCALES: Mapping[Language, Locale] = {"sv": Locale.parse("sv"), "en": Locale.parse("en")}


def texts_for(locale: str | None) -> Texts:
    """The texts for a Teams locale such as `sv-SE` or `en-US` (None or unknown -> Swedish)."""
    return Texts(language_for(locale))
