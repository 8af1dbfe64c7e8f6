"""A typical validated Registration (a nämnd meeting with a known threat), with overrides, so unit tests and
scripts/card_shots.py build sessions from the same shape and only spell out what they care about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.model import Contact, ContactRole, OrganisationKind, Registration, Threat, Whereabouts

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00 Stockholm, as in the tests


def registration(end_in: timedelta = timedelta(hours=1), *, acute: bool = False, **changes: Any) -> Registration:
    """Sluttid `end_in` after NOW; `changes` replace any other field (contact, whereabouts, threat, note...)."""
    base = Registration(
        organisation_kind=OrganisationKind.NAMND,
        organisation="Regionstyrelsen",
        phone="+46701234567",
        contact=Contact(ContactRole.KONTAKTPERSON, "Eva Ek", "+46709876543"),
        whereabouts=Whereabouts(address="Regionens hus, Göteborg"),
        end_time=NOW + end_in,
        threat=Threat(known=True, description="Hot via e-post efter förra mötet"),
        note="",
        acute=acute,
    )
    return replace(base, **changes)
