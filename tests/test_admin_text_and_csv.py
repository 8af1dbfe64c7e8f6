"""How admin commands are read (words, dates, periods, setting values) and how the audit CSV is written for
Swedish Excel: BOM, semicolons, CRLF, local times, formula-looking cells defused."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from bot.admin.csv_export import audit_csv
from bot.admin.format_admin import SETTING_TEXTS
from bot.admin.format_sessions import KIND_LINES
from bot.admin.tables import safe_cell
from bot.admin.words import UsageError, period_of, split_words
from bot.cards.user_cards import CLOSED_LINES
from bot.domain.events import Event, EventKind
from bot.domain.model import (
    Actor,
    ActorKind,
    EscalationKind,
    Outcome,
)
from bot.domain.period import Period
from bot.i18n import CATALOGS, texts_for
from bot.i18n.labels import LABEL_SETS
from bot.services.admin_export import AuditRow
from bot.services.admin_settings import SETTINGS, SettingRefused, normalise

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("historik Anna Andersson", ["historik", "Anna", "Andersson"]),
        ('spärra "Anna Andersson" upprepade larm', ["spärra", "Anna Andersson", "upprepade", "larm"]),
        ("spärra “Anna Andersson” skäl", ["spärra", "Anna Andersson", "skäl"]),  # Teams' curly quotes
        ('spärra "Anna skäl', ["spärra", '"Anna', "skäl"]),  # unbalanced: plain words
        ("  ", []),
    ],
)
def test_words_split_like_a_shell(text: str, words: list[str]) -> None:
    assert split_words(text) == words


def test_periods() -> None:
    assert period_of([], TODAY, required=False) == Period(date(2026, 10, 27), TODAY)
    assert period_of(["2026-03-12"], TODAY, required=False) == Period(date(2026, 3, 12), TODAY)
    assert period_of(["2026-03-12", "2026-03-12"], TODAY, required=True) == Period(date(2026, 3, 12), date(2026, 3, 12))
    assert period_of(["idag"], TODAY, required=False) == Period(TODAY, TODAY)


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["2026-03-12"], "period_required"),
        (["12/3", "2026-03-13"], "bad_date"),
        (["2026-03-13", "2026-03-12"], "period_backwards"),
        (["2026-03-01", "2026-03-02", "2026-03-03"], "period_required"),
    ],
)
def test_period_mistakes_are_named(words: list[str], code: str) -> None:
    with pytest.raises(UsageError) as caught:
        period_of(words, TODAY, required=True)
    assert caught.value.code == code


def test_statistics_take_at_most_two_dates() -> None:
    with pytest.raises(UsageError) as caught:
        period_of(["2026-03-01", "2026-03-02", "2026-03-03"], TODAY, required=False)
    assert caught.value.code == "too_many_words"


def test_a_bad_date_names_what_was_typed() -> None:
    with pytest.raises(UsageError) as caught:
        period_of(["12/3"], TODAY, required=False)
    assert caught.value.values == {"text": "12/3"}


@pytest.mark.parametrize(
    ("name", "text", "stored"),
    [
        ("grace", "PT10M", "PT10M"),
        ("grace", "600", "PT10M"),
        ("retention", "p60d", "P60D"),
        ("call_attempts", " 3 ", "3"),
    ],
)
def test_valid_setting_values_are_stored_in_canonical_form(name: str, text: str, stored: str) -> None:
    assert normalise(name, text) == stored


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("colour", "blue", "setting_unknown"),
        ("grace", "fem minuter", "setting_not_duration"),
        ("grace", "-PT5M", "setting_not_duration"),
        ("grace", "P2D", "setting_out_of_range"),
        ("retention", "PT1M", "setting_out_of_range"),  # would erase what the operators just closed
        ("max_session", "P8D", "setting_out_of_range"),
        ("flag_threshold", "0", "setting_out_of_range"),
        ("flag_threshold", "tre", "setting_not_number"),
        ("call_attempts", "1.5", "setting_not_number"),
    ],
)
def test_bad_setting_values_are_refused_with_a_reason(name: str, text: str, code: str) -> None:
    with pytest.raises(SettingRefused) as caught:
        normalise(name, text)
    assert caught.value.code == code


def row(kind: EventKind, at: datetime, name: str, data: dict[str, str] | None = None) -> AuditRow:
    actor = Actor(ActorKind.USER, "aad-1", name)
    return AuditRow(Event(kind, at, actor, "s-1", data or {}, id="e|s-1|000001"), "aad-1", name)


def test_csv_for_swedish_excel() -> None:
    rows = [
        row(EventKind.REGISTERED, datetime(2026, 3, 12, 7, 5, tzinfo=UTC), "Åsa Öberg", {"acute": "false"}),
        row(EventKind.CONFIRMED, datetime(2026, 7, 1, 12, 0, tzinfo=UTC), '=HYPERLINK("x")', {"a": "1;2"}),
    ]
    data = audit_csv(rows, texts_for("sv"))

    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")
    parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert parsed[0] == ["Tid", "Händelse", "Ärende", "Person", "Utförd av (typ)", "Utförd av", "Detaljer"]
    assert parsed[1] == [
        "2026-03-12 08:05:00+01:00",
        "registrerad",
        "s-1",
        "Åsa Öberg",
        "användare",
        "Åsa Öberg",
        "akut: nej",
    ]
    assert parsed[2][0] == "2026-07-01 14:00:00+02:00"  # summer time, and its offset
    assert parsed[2][3] == '\'=HYPERLINK("x")' and parsed[2][6] == "a: 1;2"  # an unknown fact as stored


def test_the_csv_says_every_fact_in_swedish_with_local_times() -> None:
    data = {"end_time": "2026-03-12T13:00:00+00:00", "kind": "missed", "result": "no_answer", "silent": "true"}
    rows = [row(EventKind.ESCALATED, datetime(2026, 3, 12, 13, 5, tzinfo=UTC), "A", data)]
    text = audit_csv(rows, texts_for("sv"))
    details = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline=""), delimiter=";"))[1][6]
    assert details == "sluttid: 2026-03-12 14:00:00+01:00; typ: ingen återkoppling; resultat: inget svar; tyst larm: ja"
    english = audit_csv(
        [row(EventKind.ESCALATED, datetime(2026, 3, 12, 13, 5, tzinfo=UTC), "A", data)], texts_for("en")
    )
    assert "end time: 2026-03-12 14:00:00+01:00; kind: no check-in; result: no answer; silent alarm: yes" in (
        english.decode("utf-8-sig")
    )


@pytest.mark.parametrize("value", ["=1+1", "+46701234567", "-2", "@SUM(A1)"])
def test_cells_that_excel_would_run_as_formulas_are_defused(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Anna") == "Anna"


def test_times_are_stockholm_time_with_the_offset() -> None:
    data = audit_csv([row(EventKind.REGISTERED, datetime(2026, 1, 1, 23, 59, 59, tzinfo=UTC), "A")], texts_for("en"))
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Time;Event;") and lines[1].startswith("2026-01-02 00:59:59+01:00;registered;")


def test_every_event_outcome_state_and_setting_has_a_label_in_both_languages() -> None:
    """Each enum's label set covers every member (a new member without a label fails here), and so do the
    admin's tables of escalation kinds and settings; the catalog test checks each key exists."""
    for kind, labels in LABEL_SETS.items():
        assert set(labels) == set(kind), kind.__name__
    assert set(KIND_LINES) == set(EscalationKind)
    assert set(SETTING_TEXTS) == set(SETTINGS)
    assert set(CLOSED_LINES) == set(Outcome)
    for language in ("sv", "en"):
        for key in [*KIND_LINES.values(), *SETTING_TEXTS.values(), *CLOSED_LINES.values()]:
            assert key in CATALOGS[language]
        for labels in LABEL_SETS.values():
            assert all(key in CATALOGS[language] for key in labels.values())
