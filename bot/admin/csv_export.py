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

from bot.admin.event_details import details_text, local_stamp
from bot.admin.tables import Table
from bot.i18n import Texts
from bot.i18n.labels import label
from bot.services.admin_export import AuditRow

COLUMNS = {
    "time": "admin.csv.time",
    "event": "admin.csv.event",
    "case": "admin.csv.session",
    "person": "admin.csv.person",
    "actor_kind": "admin.csv.actor_kind",
    "actor": "admin.csv.actor",
    "details": "admin.csv.details",
}


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
    """The file: a Table written as bot/admin/tables.py writes every CSV file (BOM, `;`, CRLF, safe cells)."""
    return Table.of(COLUMNS, (tuple(row_cells(r, texts)) for r in rows), texts).as_file("csv")
