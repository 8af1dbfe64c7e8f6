"""GDPR retention: what of a closed session is personal and erased after the retention period, and what stays.

What goes is every field marked PERSONAL on the model (bot/domain/model.py): the threat text, the whereabouts
(address, from, to), the person's and the contact's phone numbers, the contact's name, the registration note, and
the operators' free text on every checklist step (the closing note, the police case number, a skip's reason).
What stays, because statistics and the audit trail need it: who the session belonged to, the organisation,
the times, the state and outcome, the escalation steps (who did what, when) and the travel mode.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from bot.domain.model import Session, State

T = TypeVar("T")

# Keys of Event.data that are facts, not personal text; anything else is dropped from the events of an erased
# session (the police case number, and whatever a later event kind might carry).
FACT_KEYS = frozenset(
    {"end_time", "acute", "from", "to", "late", "outcome", "kind", "attempt", "result", "count", "party"}
)


def is_due_for_erasure(session: Session, now: datetime, retention: timedelta) -> bool:
    """Closed longer ago than the retention period and not erased yet."""
    return (
        session.state is State.CLOSED
        and not session.personal_data_erased
        and session.closed_at is not None
        and session.closed_at <= now - retention
    )


def erase_personal_data(session: Session) -> None:
    """Blank the registration's and the escalation's personal fields (marked PERSONAL), in place."""
    session.registration = erased(session.registration)
    session.escalation = erased(session.escalation)
    session.personal_data_erased = True


def erased(value: T) -> T:
    """`value` with every PERSONAL field blanked, through nested dataclasses, lists and dicts."""
    found: Any = value
    if is_dataclass(found) and not isinstance(found, type):
        changes = {f.name: "" if f.metadata.get("personal") else erased(getattr(found, f.name)) for f in fields(found)}
        return cast(T, replace(found, **changes))
    if isinstance(found, list):
        return cast(T, [erased(item) for item in found])
    if isinstance(found, dict):
        return cast(T, {key: erased(item) for key, item in found.items()})
    return value


def fact_data(data: dict[str, str]) -> dict[str, str]:
    """An event's data with only the factual keys kept."""
    return {k: v for k, v in data.items() if k in FACT_KEYS}
