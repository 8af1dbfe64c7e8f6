"""Plural forms come from the language's CLDR rule (Babel), not from `count == 1` in code: "1 bevakning",
"2 bevakningar", "1 time"; and the admin answers that count things use them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.admin import format_admin
from bot.i18n import texts_for
from bot.services.retention import PurgeResult

SV, EN = texts_for("sv-SE"), texts_for("en-US")


@pytest.mark.parametrize(
    ("texts", "key", "count", "expected"),
    [
        (SV, "count.sessions", 1, "1 bevakning"),
        (SV, "count.sessions", 0, "0 bevakningar"),
        (SV, "count.sessions", 21, "21 bevakningar"),
        (SV, "count.times", 1, "1 gång"),
        (SV, "count.last_days", 1, "det senaste dygnet"),
        (SV, "count.last_days", 90, "de senaste 90 dagarna"),
        (EN, "count.times", 1, "1 time"),
        (EN, "count.times", 3, "3 times"),
        (EN, "count.people", 1, "1 person"),
        (EN, "count.people", 2, "2 people"),
        (SV, "duration.minutes", 1, "1 minut"),
        (EN, "duration.hours", 2, "2 hours"),
    ],
)
def test_the_plural_form_follows_the_languages_rule(texts: object, key: str, count: int, expected: str) -> None:
    assert texts.t(key, count=count) == expected  # type: ignore[attr-defined]


def test_a_message_with_plural_forms_needs_a_count() -> None:
    with pytest.raises(KeyError, match="count"):
        SV.t("count.sessions")


def test_every_plural_message_has_its_forms_in_both_languages() -> None:
    def plural_keys(messages: object) -> set[str]:
        return {k.rsplit(".", 1)[0] for k in messages if k.endswith(".one")}  # type: ignore[attr-defined]

    assert plural_keys(SV.messages) == plural_keys(EN.messages)
    for texts in (SV, EN):
        for key in plural_keys(texts.messages):
            assert {f"{key}.one", f"{key}.other"} <= texts.messages.keys(), key


def test_the_purge_answer_counts_one_session_and_one_person_in_the_singular() -> None:
    result = PurgeResult(sessions=1, profiles=1, cutoff=datetime(2026, 11, 1, tzinfo=UTC), dry_run=False)
    assert "1 bevakning " in format_admin.purge(result, SV) and "1 person " in format_admin.purge(result, SV)
    assert "1 bevakningar" not in format_admin.purge(result, SV)
    assert "1 check-in " in format_admin.purge(result, EN) and "1 person " in format_admin.purge(result, EN)
