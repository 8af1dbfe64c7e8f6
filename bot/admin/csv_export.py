"""The audit log as a CSV file that opens correctly in Swedish Excel: UTF-8 with a byte-order mark (so å, ä, ö
survive), semicolons (Swedish Excel's list separator, since the comma is the decimal sign), CRLF line ends and
Stockholm local times "YYYY-MM-DD HH:MM". A cell that would start a formula (=, +, -, @) gets a leading
apostrophe, so a name typed as "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import csv
import io

from bot.admin.format_sessions import stamp
from bot.i18n import Texts
from bot.services.admin_export import AuditRow

BOM = "\ufeff"
SEPARATOR = ";"
COLUMNS = ("time", "event", "session", "person", "actor_kind", "actor", "details")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row_cells(row: AuditRow, texts: Texts) -> list[str]:
    event = row.event
    return [
        stamp(event.at),
        texts.t(f"admin.event.{event.kind.value}"),
        event.session_id,
        row.person_name or row.person_key,
        texts.t(f"admin.actor.{event.actor.kind.value}"),
        event.actor.name or event.actor.key,
        "; ".join(f"{k}={v}" for k, v in sorted(event.data.items())),
    ]


def audit_csv(rows: list[AuditRow], texts: Texts) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([texts.t(f"admin.csv.{c}") for c in COLUMNS])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row_cells(row, texts)])
    return (BOM + out.getvalue()).encode("utf-8")
