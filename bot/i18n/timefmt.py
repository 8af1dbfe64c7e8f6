"""Shows stored times (always UTC) the way a user in Sweden reads them: in Europe/Stockholm local time,
with Swedish or English day and month names.

Only timezone-aware datetimes are accepted: a naive one could be UTC or local time, and guessing wrong
would show a check-in deadline an hour off, so it raises ValueError instead.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.i18n.catalog import Language, language_for, texts_for

STOCKHOLM = ZoneInfo("Europe/Stockholm")

_BABEL_LOCALE: dict[Language, str] = {"sv": "sv_SE", "en": "en_GB"}

# CLDR patterns: EEEE = weekday, d = day, MMM = abbreviated month ("nov." in Swedish), HH:mm = 24 h clock.
_DATE_PATTERN: dict[Language, str] = {"sv": "EEEE d MMM", "en": "EEEE d MMM"}
_WHEN_PATTERN: dict[Language, str] = {"sv": "EEEE d MMM 'kl.' HH:mm", "en": "EEEE d MMM 'at' HH:mm"}
_TIME_PATTERN = "HH:mm"


def to_local(dt_utc: datetime) -> datetime:
    """The same instant in Stockholm time; ValueError for a naive datetime."""
    if dt_utc.tzinfo is None or dt_utc.utcoffset() is None:
        raise ValueError(f"naive datetime {dt_utc!r}: pass a timezone-aware (UTC) datetime")
    return dt_utc.astimezone(STOCKHOLM)


def _format(dt_utc: datetime, pattern: str, language: Language) -> str:
    return str(format_datetime(to_local(dt_utc), pattern, locale=_BABEL_LOCALE[language]))


def format_when(dt_utc: datetime, locale: str | None) -> str:
    """Day, date and time: "onsdag 25 nov. kl. 14:30" / "Wednesday 25 Nov at 14:30"."""
    language = language_for(locale)
    return _format(dt_utc, _WHEN_PATTERN[language], language)


def format_date(dt_utc: datetime, locale: str | None) -> str:
    """Day and date in Stockholm: "onsdag 25 nov." / "Wednesday 25 Nov"."""
    language = language_for(locale)
    return _format(dt_utc, _DATE_PATTERN[language], language)


def format_time(dt_utc: datetime, locale: str | None) -> str:
    """Clock time in Stockholm, 24 h in both languages: "14:30"."""
    return _format(dt_utc, _TIME_PATTERN, language_for(locale))


def format_duration_minutes(minutes: int, locale: str | None) -> str:
    """ "45 minuter", "1 timme", "2 timmar och 5 minuter" / "45 minutes", "1 hour", "2 hours and 5 minutes"."""
    if minutes < 0:
        raise ValueError(f"a duration cannot be negative: {minutes} minutes")
    texts = texts_for(locale)
    hours, rest = divmod(minutes, 60)

    if hours == 0:
        return texts.t("duration.minutes", count=rest)
    if rest == 0:
        return texts.t("duration.hours", count=hours)
    hours_text, minutes_text = texts.t("duration.hours", count=hours), texts.t("duration.minutes", count=rest)
    return texts.t("duration.hours_and_minutes", hours=hours_text, minutes=minutes_text)
