"""The list commands' answers as tables, for `trygghet-admin --format json|csv`: the same rows the text shows,
one field a column, so a script or a spreadsheet can take them without reading sentences.

A column has a stable id (the JSON key, the same in both languages) and a label in the reader's language (the CSV
header). Times are Stockholm time with their offset, as in the audit export. Only `aktiva`, `larm`, `historik`,
`spärrade` and `flaggade` list things; the other commands answer in sentences only. In Teams, `admin aktiva
--format csv` sends the same rows as a file (bot/admin/commands.py:run_words, the export's file flow); the CLI
prints them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.admin.event_details import local_stamp
from bot.admin.format_admin import FLAG_DECISIONS
from bot.admin.format_sessions import escalation, state, where, who
from bot.admin.words import UsageError
from bot.domain.flags import Flag
from bot.domain.model import Session
from bot.i18n import Texts
from bot.store.bars import Bar

FORMATS = ("text", "json", "csv")
FORMAT_WORD = "--format"
BOM = "\ufeff"  # so Excel reads å, ä, ö right
SEPARATOR = ";"  # Swedish Excel's list separator (the comma is the decimal sign)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A cell that would start a formula gets a leading apostrophe, so "=HYPERLINK(…)" typed as a name stays text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Table:
    ids: tuple[str, ...]
    labels: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, columns: Mapping[str, str], rows: Iterable[tuple[str, ...]], texts: Texts) -> Table:
        """`columns`: each column's id and the catalog key of its label."""
        return cls(tuple(columns), tuple(texts.t(key) for key in columns.values()), tuple(rows))

    def as_json(self) -> str:
        return json.dumps([dict(zip(self.ids, row, strict=True)) for row in self.rows], ensure_ascii=False, indent=2)

    def as_csv(self, line_end: str = "\n") -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=SEPARATOR, lineterminator=line_end)
        writer.writerow(self.labels)
        writer.writerows([safe_cell(cell) for cell in row] for row in self.rows)
        return out.getvalue()

    def as_file(self, form: str) -> bytes:
        """A file: JSON, or CSV for Swedish Excel (BOM, CRLF), as the audit export and Teams' list files are."""
        return (self.as_json() + "\n" if form == "json" else BOM + self.as_csv("\r\n")).encode("utf-8")


def take_format(words: list[str]) -> tuple[list[str], str]:
    """The words without `--format <json|csv>`, and that format ("text" without it)."""
    if FORMAT_WORD not in words:
        return words, "text"
    at = words.index(FORMAT_WORD)
    form = words[at + 1].lower() if at + 1 < len(words) else ""
    if form not in FORMATS:
        raise UsageError("bad_format", text=form or FORMAT_WORD)
    return words[:at] + words[at + 2 :], form


SESSION_COLUMNS = {
    "case": "admin.column.case",
    "person": "admin.column.person",
    "organisation": "admin.column.organisation",
    "where": "admin.column.where",
    "created": "admin.column.created",
    "end": "admin.column.end",
    "state": "admin.column.state",
    "alarm": "admin.column.alarm",
}
BAR_COLUMNS = {
    "person": "admin.column.person",
    "barred_at": "admin.column.barred_at",
    "barred_by": "admin.column.barred_by",
    "reason": "admin.column.reason",
}
FLAG_COLUMNS = {
    "person": "admin.column.person",
    "needless_alarms": "admin.column.needless",
    "latest": "admin.column.latest",
    "decision": "admin.column.decision",
}


def sessions(found: list[Session], texts: Texts) -> Table:
    """`aktiva`, `larm`, `historik`: one row a session."""
    rows = (
        (
            s.id,
            who(s.owner),
            s.registration.organisation,
            where(s, texts),
            local_stamp(s.created_at),
            local_stamp(s.end_time),
            state(s, texts),
            escalation(s.escalation, texts) if s.escalation else "",
        )
        for s in found
    )
    return Table.of(SESSION_COLUMNS, rows, texts)


def bars(found: list[Bar], texts: Texts) -> Table:
    """`spärrade`: one row a bar."""
    rows = ((b.name or b.user_key, local_stamp(b.barred_at), b.barred_by, b.reason) for b in found)
    return Table.of(BAR_COLUMNS, rows, texts)


def flags(found: list[Flag], texts: Texts) -> Table:
    """`flaggade`: one row a flagged person."""
    rows = ((who(f.person), str(f.count), local_stamp(f.latest), texts.t(FLAG_DECISIONS[f.decision])) for f in found)
    return Table.of(FLAG_COLUMNS, rows, texts)
