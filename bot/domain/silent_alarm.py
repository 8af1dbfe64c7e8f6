"""What the operators get when a person writes their code word with no watch running.

The alarm must not be lost for want of a session, so one is opened on the spot from what the service knows:
the latest registration that still holds its details (the phone, the contact, the last place), else the
person's saved form values. The note says where the details come from, so the operators do not take an old
place for the current one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from bot.domain.model import Contact, ContactRole, OrganisationKind, Registration, Threat, Whereabouts
from bot.domain.phone import parse_phone


def _phone(text: str) -> str:
    try:
        return parse_phone(text)
    except ValueError:
        return ""


E = TypeVar("E", OrganisationKind, ContactRole)


def _enum(kind: type[E], value: str, default: E) -> E:
    try:
        return kind(value)
    except ValueError:
        return default


def registration_for(latest: Registration | None, prefill: Mapping[str, str], now: datetime, note: str) -> Registration:
    """A registration ending now, for a silent alarm outside any watch. `note` is the operators' caveat."""
    if latest is not None:
        return replace(latest, end_time=now, acute=True, note=note)
    contact = Contact(
        _enum(ContactRole, prefill.get("contact_role", ""), ContactRole.KONTAKTPERSON),
        prefill.get("contact_name", ""),
        _phone(prefill.get("contact_phone", "")),
    )
    return Registration(
        organisation_kind=_enum(OrganisationKind, prefill.get("organisation_kind", ""), OrganisationKind.VERKSAMHET),
        organisation=prefill.get("organisation", ""),
        phone=_phone(prefill.get("phone", "")),
        contact=contact,
        whereabouts=Whereabouts(),
        end_time=now,
        threat=Threat(known=False),
        note=note,
        acute=True,
    )
