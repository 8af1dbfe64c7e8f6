"""GDPR retention: what of a closed session is personal and erased after the retention period, and what stays.

What goes: the threat text, the whereabouts (address, from, to), the person's and the contact's phone numbers,
the contact's name, the registration note, the operator's closing note and the police case number.
What stays, because statistics and the audit trail need it: who the session belonged to, the organisation,
the times, the state and outcome, the escalation steps (who did what, when) and the travel mode.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.model import Session, State, StepDone

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
    """Replace the registration's personal fields (and the operators' free text) with empty values, in place."""
    reg = session.registration
    session.registration = replace(
        reg,
        phone="",
        contact=replace(reg.contact, name="", phone=""),
        whereabouts=replace(reg.whereabouts, address="", trip_from="", trip_to=""),
        threat=replace(reg.threat, description=""),
        note="",
    )
    esc = session.escalation
    if esc is not None:
        esc.closed = _without_detail(esc.closed)
        esc.police_alerted = _without_detail(esc.police_alerted)
        esc.contact_informed = _without_detail(esc.contact_informed)
        esc.rtib_informed = _without_detail(esc.rtib_informed)
    session.personal_data_erased = True


def fact_data(data: dict[str, str]) -> dict[str, str]:
    """An event's data with only the factual keys kept."""
    return {k: v for k, v in data.items() if k in FACT_KEYS}


def _without_detail(step: StepDone | None) -> StepDone | None:
    return replace(step, detail="") if step is not None else None
