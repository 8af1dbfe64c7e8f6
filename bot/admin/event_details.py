"""An audit event's facts in the reader's words: each data name labelled, times in Stockholm time with their
offset, yes/no for flags, and the routine's words for codes (a call's result, an outcome, a party).

The CSV export and `ärende <id>` show the same facts through this one function. A name this list does not know
is shown as stored, so a new fact is never hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from bot.domain.checklist import Party
from bot.domain.events import Event
from bot.domain.model import CallResult, EscalationKind, Outcome
from bot.i18n import Texts
from bot.i18n.labels import inline, member_of
from bot.i18n.timefmt import to_local

# data name -> its label (the names bot/domain and bot/services write into events).
NAMES: Mapping[str, str] = {
    "end_time": "admin.detail.end_time",
    "acute": "admin.detail.acute",
    "silent": "admin.detail.silent",
    "from": "admin.detail.from",
    "to": "admin.detail.to",
    "late": "admin.detail.late",
    "outcome": "admin.detail.outcome",
    "kind": "admin.detail.kind",
    "from_name": "admin.detail.from_name",
    "case_number": "admin.detail.case_number",
    "attempt": "admin.detail.attempt",
    "result": "admin.detail.result",
    "party": "admin.detail.party",
    "step": "admin.detail.step",
    "count": "admin.detail.count",
    "tier": "admin.detail.tier",
    "targets": "admin.detail.targets",
    "claimant": "admin.detail.claimant",
    "action": "admin.detail.action",
    "setting": "admin.detail.setting",
    "name": "admin.detail.name",
    "old": "admin.detail.old",
    "new": "admin.detail.new",
    "reason": "admin.detail.reason",
    "role": "admin.detail.role",
    "profile_deleted": "admin.detail.profile_deleted",
    "kept_running": "admin.detail.kept_running",
    "channel_id": "admin.detail.channel_id",
    "team_id": "admin.detail.team_id",
    "sessions": "admin.detail.sessions",
    "profiles": "admin.detail.profiles",
    "dialogs": "admin.detail.dialogs",
}
KINDS: Mapping[str, str] = {
    EscalationKind.MISSED: "admin.detail.kind.missed",
    EscalationKind.ACUTE: "admin.detail.kind.acute",
}
FLAGS: Mapping[str, str] = {"true": "admin.detail.yes", "false": "admin.detail.no"}
# Facts whose value is a domain code, shown by that enum's label (bot/i18n/labels.py).
CODED: Mapping[str, type[StrEnum]] = {"result": CallResult, "outcome": Outcome, "party": Party}
TIMES = frozenset({"end_time", "from", "to"})


def local_stamp(when: datetime) -> str:
    """ "2026-11-25 13:00:00+01:00": Stockholm time with its offset, so the hour is never in doubt across DST."""
    return to_local(when).isoformat(sep=" ", timespec="seconds")


def _value(name: str, value: str, texts: Texts) -> str:
    if value in FLAGS:
        return texts.t(FLAGS[value])
    if name == "kind" and value in KINDS:
        return texts.t(KINDS[value])
    if name in CODED and (member := member_of(CODED[name], value, None)) is not None:
        return inline(texts, member)
    if name in TIMES and "T" in value:
        try:
            return local_stamp(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value


def details(event: Event, texts: Texts) -> list[tuple[str, str]]:
    """The event's facts as (label, value), by data name; empty values left out."""
    return [
        (texts.t(NAMES[name]) if name in NAMES else name, _value(name, value, texts))
        for name, value in sorted(event.data.items())
        if value
    ]


def details_text(event: Event, texts: Texts) -> str:
    """ "försök: 1; resultat: inget svar" """
    return "; ".join(f"{name}: {value}" for name, value in details(event, texts))
