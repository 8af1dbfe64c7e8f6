"""Registration forms as Teams posts them (raw strings, one per input id): one builder with overrides, the
complete forms the tests start from, and a form the rules refuse with the refusals it gets. Each suite keeps its
own defaults where its assertions read them (names, phone numbers, sluttid); the building is done once here.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.registration import RegistrationForm

# A meeting at Sahlgrenska on the fake clock's day (2026-11-25): the integration tests' and the benchmark's form.
SAHLGRENSKA: Mapping[str, str] = {
    "organisation_kind": "verksamhet",
    "organisation": "Sahlgrenska",
    "phone": "0701234567",
    "contact_role": "verksamhetschef",
    "contact_name": "Eva Ek",
    "contact_phone": "0104354020",
    "place_kind": "meeting",
    "address": "Blå stråket 5",
    "end_date": "2026-11-25",
    "end_time": "14:00",
    "threat_known": "yes",
    "threat_description": "Hot i sociala medier",
}

# A meeting in Borås without a date or sluttid: the e2e journeys (admin, escalation) add their own.
REGIONHALSAN: Mapping[str, str] = {
    "organisation_kind": "verksamhet",
    "organisation": "Regionhälsan",
    "phone": "070-123 45 67",
    "contact_role": "verksamhetschef",
    "contact_name": "Bo Berg",
    "contact_phone": "070-765 43 21",
    "place_kind": "meeting",
    "address": "Storgatan 1, Borås",
    "threat_known": "no",
    "threat_description": "Orolig efter ett hotfullt samtal",
}


def registration_form(defaults: Mapping[str, str], /, **overrides: str) -> RegistrationForm:
    """The form with `defaults`, each of `overrides` typed over them."""
    return RegistrationForm.from_values({**defaults, **overrides})


# A trip form with a wrong phone number, no destination or mode, a sluttid that has passed (at 13:00 Stockholm)
# and a known threat left undescribed; REFUSALS is what validate_registration answers to it.
REFUSED: Mapping[str, str] = {
    "organisation": "Kulturnämnden",
    "phone": "07O-123",
    "contact_name": "Karin Berg",
    "contact_phone": "0709876543",
    "place_kind": "trip",
    "trip_from": "Göteborg",
    "end_date": "2026-11-25",
    "end_time": "12:00",
    "threat_known": "yes",
    "note": "Träffar föreningen",
    "acute": "true",
}
REFUSALS: dict[str, str] = {
    "phone": "bad_phone",
    "trip_to": "required",
    "mode": "required",
    "end_time": "in_past",
    "threat_description": "required",
}


def refused_form(**overrides: str) -> RegistrationForm:
    """REFUSED with `overrides`; keep the refused fields as they are, or REFUSALS no longer describes it."""
    return RegistrationForm(**{**REFUSED, **overrides})
