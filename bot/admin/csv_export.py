"""The audit log as a CSV file that opens correctly in Swedish Excel: UTF-8 with a byte-order mark (so å, ä, ö
survive), semicolons (Swedish Excel's list separator, since the comma is the decimal sign) and CRLF line ends.
A cell that would start a formula (=, +, -, @) gets a leading apostrophe, so a name typed as "=HYPERLINK(…)"
stays text.

Every cell is in the reader's language (Swedish, or English with `--lang en` or an English Teams client), and every
time is Stockholm local time with its offset ("2026-11-25 13:00:00+01:00"). The columns, in order:
  Tid / Time                        when it happened
  Händelse / Event                  what happened (the event's label)
  Ärende / Case                     the session's id (what `ärende <id>` takes); empty for a service-wide event
  Person / Person                   whom it concerns: the session's owner, or the subject of a bar or role
  Utförd av (typ) / Done by (kind)  user, operator, administrator or the service
  Utförd av / Done by               that actor's name (or id)
  Detaljer / Details                the event's facts, "name: value; …" (bot/admin/event_details.py)
"""

from __future__ import annotations

import csv
import io

from bot.admin.event_details import details_text, local_stamp
from bot.i18n import Texts
from bot.i18n.labels import label
from bot.services.admin_export import AuditRow

BOM = "\ufeff"
SEPARATOR = ";"
COLUMNS = (
    "admin.csv.time",
    "admin.csv.event",
    "admin.csv.session",
    "admin.csv.person",
    "admin.csv.actor_kind",
    "admin.csv.actor",
    "admin.csv.details",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row_cells(row: AuditRow, texts: Texts) -> list[str]:
    event = row.event
    return [
        local_stamp(event.at),
        label(texts, event.kind),
        event.session_id,
        row.person_name or row.person_key,
        label(texts, event.actor.kind),
        event.actor.name or event.actor.key,
        details_text(event, texts),
    ]


def audit_csv(rows: list[AuditRow], texts: Texts) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([texts.t(column) for column in COLUMNS])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row_cells(row, texts)])
    return (BOM + out.getvalue()).encode("utf-8")
