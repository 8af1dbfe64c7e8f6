"""The registration form's words, by field and by refusal code, with every catalog key written out.

The form (bot/cards/registration_form.py) and the refusal notes look their texts up here, so no key is built from
a field name and tests/unit/test_catalog_keys.py can see each one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldTexts:
    label: str  # above the input
    name: str  # the short name in "Kontrollera: Telefon, Sluttid."
    placeholder: str | None = None
    errors: Mapping[str, str] = field(default_factory=dict)  # code -> a sentence for this field alone


FIELDS: Mapping[str, FieldTexts] = {
    "organisation_kind": FieldTexts("register.label.organisation_kind", "register.field.organisation_kind"),
    "organisation": FieldTexts("register.label.organisation", "register.field.organisation"),
    "phone": FieldTexts("register.label.phone", "register.field.phone", "register.placeholder.phone"),
    "contact_role": FieldTexts("register.label.contact_role", "register.field.contact_role"),
    "contact_name": FieldTexts("register.label.contact_name", "register.field.contact_name"),
    "contact_phone": FieldTexts(
        "register.label.contact_phone", "register.field.contact_phone", "register.placeholder.contact_phone"
    ),
    "place_kind": FieldTexts("register.label.place_kind", "register.field.place_kind"),
    "address": FieldTexts(
        "register.label.address",
        "register.field.address",
        "register.placeholder.address",
        {"required": "register.error.address.required"},
    ),
    "trip_from": FieldTexts(
        "register.label.trip_from", "register.field.trip_from", errors={"required": "register.error.trip_from.required"}
    ),
    "trip_to": FieldTexts(
        "register.label.trip_to", "register.field.trip_to", errors={"required": "register.error.trip_to.required"}
    ),
    "mode": FieldTexts(
        "register.label.mode", "register.field.mode", errors={"required": "register.error.mode.required"}
    ),
    "end_date": FieldTexts("register.label.end_date", "register.field.end_date"),
    "end_time": FieldTexts(
        "register.label.end_time", "register.field.end_time", errors={"required": "register.error.end_time.required"}
    ),
    "threat_known": FieldTexts("register.label.threat_known", "register.field.threat_known"),
    "threat_description": FieldTexts(
        "register.label.threat_description",
        "register.field.threat_description",
        errors={"required": "register.error.threat_description.required"},
    ),
    "note": FieldTexts("register.label.note", "register.field.note"),
}

# A refusal code (bot/domain/registration.py) -> its sentence, for any field without a sentence of its own.
ERRORS: Mapping[str, str] = {
    "required": "register.error.required",
    "too_long": "register.error.too_long",
    "bad_phone": "register.error.bad_phone",
    "bad_choice": "register.error.bad_choice",
    "bad_time": "register.error.bad_time",
    "in_past": "register.error.in_past",
    "too_far": "register.error.too_far",
}
OTHER_ERROR = "register.error.other"

# The choices that are not domain enums: their value -> the label's key.
PLACE_KINDS: Mapping[str, str] = {"meeting": "register.place_kind.meeting", "trip": "register.place_kind.trip"}
THREAT_KNOWN: Mapping[str, str] = {"yes": "register.threat_known.yes", "no": "register.threat_known.no"}
