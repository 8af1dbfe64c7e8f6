"""Turns what a person typed into a valid Registration, or names every field that needs another look."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.domain.errors import ValidationFailed
from bot.domain.model import (
    Contact,
    ContactRole,
    OrganisationKind,
    Registration,
    Threat,
    TravelMode,
    Whereabouts,
)
from bot.domain.phone import parse_phone
from bot.domain.policy import Policy
from bot.domain.text import clean_input

STOCKHOLM = ZoneInfo("Europe/Stockholm")
E = TypeVar("E", bound=StrEnum)
MAX_TEXT = 500
MAX_LONG_TEXT = 2000  # the threat description and the note
LONG_FIELDS = frozenset({"threat_description", "note"})


@dataclass
class RegistrationForm:
    """The raw strings of the registration form, kept as typed so a refused form can be shown again unchanged."""

    organisation_kind: str = "verksamhet"
    organisation: str = ""
    phone: str = ""
    contact_role: str = "verksamhetschef"
    contact_name: str = ""
    contact_phone: str = ""
    place_kind: str = "meeting"  # meeting | trip
    address: str = ""
    trip_from: str = ""
    trip_to: str = ""
    mode: str = ""
    end_date: str = ""  # YYYY-MM-DD, Europe/Stockholm
    end_time: str = ""  # HH:MM, Europe/Stockholm
    threat_known: str = ""  # yes | no; never prefilled: a safety answer is an explicit choice
    threat_description: str = ""  # the threat, or why the person feels unsafe
    note: str = ""
    acute: str = "false"

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> RegistrationForm:
        """Build from card submit data, ignoring unknown keys and coercing everything to stripped text."""
        known = {f.name for f in fields(cls)}
        kwargs = {k: _text(v, k in LONG_FIELDS) for k, v in values.items() if k in known}
        return cls(**kwargs)

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _text(value: object, multiline: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean_input(str(value), multiline=multiline).strip()


THREAT_ANSWERS = {"yes", "no", "ja", "nej", "true", "false"}


def _truthy(value: str) -> bool:
    return value.lower() in {"true", "yes", "ja", "1", "on"}


def local_end_time(end_date: str, end_time: str) -> datetime:
    """Europe/Stockholm date and time as typed → aware UTC datetime; ValueError if unreadable."""
    day = date.fromisoformat(end_date)
    clock = time.fromisoformat(end_time[:5]) if len(end_time) >= 5 else time.fromisoformat(end_time)
    return datetime.combine(day, clock, tzinfo=STOCKHOLM).astimezone(ZoneInfo("UTC"))


def validate_end_time(end: datetime, now: datetime, policy: Policy) -> str | None:
    """The error code for an unacceptable sluttid, or None."""
    if end <= now:
        return "in_past"
    if end - now > policy.max_session:
        return "too_far"
    return None


def validate_registration(form: RegistrationForm, now: datetime, policy: Policy) -> Registration:
    """Check every rule at once so the person sees all problems in one answer."""
    errors: dict[str, str] = {}

    def required(name: str) -> str:
        value = getattr(form, name)
        if not value:
            errors[name] = "required"
        elif len(value) > MAX_TEXT:
            errors[name] = "too_long"
        return str(value)

    def phone(name: str) -> str:
        value = getattr(form, name)
        if not value:
            errors[name] = "required"
            return ""
        try:
            return parse_phone(value)
        except ValueError:
            errors[name] = "bad_phone"
            return ""

    def choice(name: str, enum: type[E]) -> E | None:
        try:
            return enum(getattr(form, name))
        except ValueError:
            errors[name] = "bad_choice"
            return None

    organisation_kind = choice("organisation_kind", OrganisationKind)
    organisation = required("organisation")
    own_phone = phone("phone")
    contact_role = choice("contact_role", ContactRole)
    contact_name = required("contact_name")
    contact_phone = phone("contact_phone")

    if form.place_kind == "trip":
        trip_from, trip_to = required("trip_from"), required("trip_to")
        mode = choice("mode", TravelMode) if form.mode else None
        if not form.mode:
            errors["mode"] = "required"
        whereabouts = Whereabouts(trip_from=trip_from, trip_to=trip_to, mode=mode)
    elif form.place_kind == "meeting":
        whereabouts = Whereabouts(address=required("address"))
    else:
        errors["place_kind"] = "bad_choice"
        whereabouts = Whereabouts()

    end = now
    try:
        end = local_end_time(form.end_date or now.astimezone(STOCKHOLM).date().isoformat(), form.end_time)
    except ValueError:
        errors["end_time"] = "required" if not form.end_time else "bad_time"
    else:
        problem = validate_end_time(end, now, policy)
        if problem:
            errors["end_time"] = problem

    threat_known = _truthy(form.threat_known)
    if form.threat_known.lower() not in THREAT_ANSWERS:
        errors["threat_known"] = "required" if not form.threat_known else "bad_choice"
    if not form.threat_description:
        errors["threat_description"] = "required"
    elif len(form.threat_description) > MAX_LONG_TEXT:
        errors["threat_description"] = "too_long"
    if len(form.note) > MAX_LONG_TEXT:
        errors["note"] = "too_long"

    if errors:
        raise ValidationFailed(errors)
    assert organisation_kind is not None and contact_role is not None
    return Registration(
        organisation_kind=organisation_kind,
        organisation=organisation,
        phone=own_phone,
        contact=Contact(role=contact_role, name=contact_name, phone=contact_phone),
        whereabouts=whereabouts,
        end_time=end,
        threat=Threat(known=threat_known, description=form.threat_description),
        note=form.note,
        acute=_truthy(form.acute),
    )


def new_end_time(text: str, now: datetime, current_end: datetime, policy: Policy) -> datetime:
    """Parse an extension: '+30', '30' (minutes from the current sluttid or now, whichever is later) or 'HH:MM'.

    A time of day that has already passed today means tomorrow. ValueError carries an error code.
    """
    value = text.strip().lstrip("+").strip()
    if not value:
        raise ValueError("required")
    base = max(now, current_end)
    if value.isdigit():
        minutes = int(value) if len(value) <= 9 else 10**9  # huge numbers are simply too far, never an overflow
        if minutes <= 0:
            raise ValueError("bad_time")
        if timedelta(minutes=minutes) > policy.max_session:
            raise ValueError("too_far")
        end = base + timedelta(minutes=minutes)
    else:
        try:
            clock = time.fromisoformat(value.replace(".", ":")[:5])
        except ValueError as exc:
            raise ValueError("bad_time") from exc
        local_now = now.astimezone(STOCKHOLM)
        end_local = datetime.combine(local_now.date(), clock, tzinfo=STOCKHOLM)
        if end_local <= local_now:
            end_local += timedelta(days=1)
        end = end_local.astimezone(ZoneInfo("UTC"))
    problem = validate_end_time(end, now, policy)
    if problem:
        raise ValueError(problem)
    return end
