"""Reading an admin command's words the same way in both doors: quotes, dates and periods."""

from __future__ import annotations

import shlex
from datetime import date

from bot.domain.errors import DomainError
from bot.domain.period import Period

DEFAULT_STATS_DAYS = 30
TODAY_WORDS = frozenset({"idag", "today"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


class UsageError(DomainError):
    """The command was typed wrong; the text key `admin.error.<code>` explains, with `values` filled in."""

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code, ", ".join(f"{k}={v}" for k, v in values.items()))
        self.values = values


def split_words(text: str) -> list[str]:
    """Words as a shell would split them ('"Anna Andersson" upprepade larm'); Teams' curly quotes count too."""
    straight = text.translate(_QUOTES)
    try:
        return shlex.split(straight)
    except ValueError:  # an unbalanced quote: fall back to plain words
        return straight.split()


def parse_day(word: str, today: date) -> date:
    if word.strip().lower() in TODAY_WORDS:
        return today
    try:
        return date.fromisoformat(word.strip())
    except ValueError:
        raise UsageError("bad_date", text=word) from None


def period_of(words: list[str], today: date, *, required: bool) -> Period:
    """`[från] [till]` (required: both). Without `till`: up to today; without both: the last 30 days."""
    if required and len(words) != 2:
        raise UsageError("period_required")
    if len(words) > 2:
        raise UsageError("too_many_words")
    if not words:
        return Period.last_days(today, DEFAULT_STATS_DAYS)
    first = parse_day(words[0], today)
    last = parse_day(words[1], today) if len(words) > 1 else max(today, first)
    if last < first:
        raise UsageError("period_backwards", first=first.isoformat(), last=last.isoformat())
    return Period(first, last)
