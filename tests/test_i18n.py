"""Checks the text catalogs stay in step (same keys, same placeholders) and that times are shown in
Stockholm local time with the right Swedish and English wording, across daylight-saving changes.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.i18n import CATALOGS, Texts, en, language_for, operators, sv, texts_for
from bot.i18n.timefmt import format_date, format_duration_minutes, format_time, format_when

SAFETY_CENTRE_PHONE = "010-435 40 20"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# ------------------------------------------------------------------------------------------------ catalogs


def test_catalogs_have_the_same_keys_but_the_operators_swedish_ones() -> None:
    assert set(CATALOGS["sv"]) == set(en.MESSAGES) | set(operators.MESSAGES)
    assert set(CATALOGS["en"]) == set(sv.MESSAGES)


@pytest.mark.parametrize("key", sorted(sv.MESSAGES))
def test_catalogs_have_the_same_placeholders(key: str) -> None:
    assert placeholders(CATALOGS["sv"][key]) == placeholders(CATALOGS["en"][key])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_text_renders(language: str) -> None:
    texts = texts_for(language)
    for key, template in CATALOGS[texts.language].items():
        text = texts.t(key, **{name: "X" for name in placeholders(template)})
        assert text.strip() and "{" not in text and "}" not in text, key


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("en", "en"),
        ("en-US", "en"),
        ("en-GB", "en"),
        ("EN_gb", "en"),
        ("sv-SE", "sv"),
        ("sv", "sv"),
        ("fi-FI", "sv"),
        ("", "sv"),
        (None, "sv"),
    ],
)
def test_english_locales_get_english_and_all_others_swedish(locale: str | None, language: str) -> None:
    assert language_for(locale) == language
    assert texts_for(locale).language == language


def test_seeded_texts() -> None:
    assert texts_for("sv-SE").t("welcome.title") == "Välkommen till Trygghet"
    assert texts_for("en-US").t("welcome.title") == "Welcome to Trygghet"
    assert (
        texts_for(None).t("fallback.phone") == f"Om Teams inte fungerar: ring trygghetscentralen {SAFETY_CENTRE_PHONE}"
    )
    for key in (
        "welcome.description.1",
        "welcome.description.2",
        "welcome.description.3",
        "error.generic",
        "help.title",
    ):
        assert texts_for("sv").t(key) != texts_for("en").t(key)


def test_both_languages_give_the_same_phone_number() -> None:
    assert SAFETY_CENTRE_PHONE in texts_for("sv").t("fallback.phone")
    assert SAFETY_CENTRE_PHONE in texts_for("en").t("fallback.phone")


def test_placeholders_are_filled_in() -> None:
    assert Texts("sv").t("duration.minutes.other", count=5) == "5 minuter"
    assert Texts("en").t("duration.minutes.other", count=5) == "5 minutes"


def test_unknown_key_and_missing_value_raise_key_error() -> None:
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        texts_for("sv").t("no.such.key")
    with pytest.raises(KeyError):
        texts_for("sv").t("duration.minutes.other")


# ---------------------------------------------------------------------------------------------- date/time

WEDNESDAY_AFTERNOON = datetime(2026, 11, 25, 13, 30, tzinfo=UTC)  # 14:30 in Stockholm (CET, UTC+1)


def test_format_when() -> None:
    assert format_when(WEDNESDAY_AFTERNOON, "sv-SE") == "onsdag 25 nov. kl. 14:30"
    assert format_when(WEDNESDAY_AFTERNOON, None) == "onsdag 25 nov. kl. 14:30"
    assert format_when(WEDNESDAY_AFTERNOON, "en-US") == "Wednesday 25 Nov at 14:30"


def test_format_date_and_time() -> None:
    assert format_date(WEDNESDAY_AFTERNOON, "sv") == "onsdag 25 nov."
    assert format_date(WEDNESDAY_AFTERNOON, "en") == "Wednesday 25 Nov"
    assert format_time(WEDNESDAY_AFTERNOON, "sv") == "14:30"
    assert format_time(WEDNESDAY_AFTERNOON, "en") == "14:30"


def test_short_swedish_month_names_have_no_dot() -> None:
    """CLDR (babel 2.9.1) abbreviates with a dot only when letters are dropped: "nov." but "maj", "juni"."""
    assert format_date(datetime(2026, 5, 4, 10, tzinfo=UTC), "sv") == "måndag 4 maj"
    assert format_date(datetime(2026, 6, 2, 10, tzinfo=UTC), "sv") == "tisdag 2 juni"
    assert format_date(datetime(2026, 9, 2, 10, tzinfo=UTC), "sv") == "onsdag 2 sep."


def test_summer_and_winter_time() -> None:
    """The same UTC hour is 14:00 in summer (CEST, UTC+2) and 13:00 in winter (CET, UTC+1)."""
    assert format_time(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "sv") == "14:00"
    assert format_time(datetime(2026, 1, 15, 12, 0, tzinfo=UTC), "sv") == "13:00"


def test_the_night_clocks_go_forward() -> None:
    """On 29 March 2026 Stockholm jumps from 02:00 CET to 03:00 CEST (01:00 UTC)."""
    just_before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert format_time(just_before, "sv") == "01:59"
    assert format_time(just_before + timedelta(minutes=1), "sv") == "03:00"


def test_local_date_can_differ_from_the_utc_date() -> None:
    late_evening_utc = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert format_when(late_evening_utc, "sv") == "torsdag 26 nov. kl. 00:30"


def test_any_aware_datetime_is_converted() -> None:
    same_instant = WEDNESDAY_AFTERNOON.astimezone(timezone(timedelta(hours=-5)))
    assert format_when(same_instant, "sv") == "onsdag 25 nov. kl. 14:30"


@pytest.mark.parametrize("formatter", [format_when, format_date, format_time])
def test_naive_datetime_is_rejected(formatter: Callable[[datetime, str | None], str]) -> None:
    with pytest.raises(ValueError, match="naive"):
        formatter(datetime(2026, 11, 25, 13, 30), "sv")


@pytest.mark.parametrize(
    ("minutes", "swedish", "english"),
    [
        (0, "0 minuter", "0 minutes"),
        (1, "1 minut", "1 minute"),
        (45, "45 minuter", "45 minutes"),
        (60, "1 timme", "1 hour"),
        (90, "1 timme och 30 minuter", "1 hour and 30 minutes"),
        (121, "2 timmar och 1 minut", "2 hours and 1 minute"),
        (180, "3 timmar", "3 hours"),
    ],
)
def test_format_duration_minutes(minutes: int, swedish: str, english: str) -> None:
    assert format_duration_minutes(minutes, "sv-SE") == swedish
    assert format_duration_minutes(minutes, "en-GB") == english


def test_negative_duration_is_rejected() -> None:
    with pytest.raises(ValueError):
        format_duration_minutes(-5, "sv")
