"""Swedish phone numbers in any common form, parsed with `phonenumbers` and kept as E.164."""

from __future__ import annotations

import phonenumbers


def parse_phone(text: str) -> str:
    """Return the E.164 form of a phone number ('010-4354020' → '+46104354020'); ValueError if not a number."""
    value = text.strip()
    if not value:
        raise ValueError("empty")
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("unparseable") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """How a stored number is shown: national form for Swedish numbers, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "SE")
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)
