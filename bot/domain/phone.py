"""Swedish phone numbers in any common form, parsed with `phonenumbers` and kept as E.164; shown in national form,
and on cards kept on one line (a number wrapped after "070-" is misread or mistyped when someone calls it).
"""

from __future__ import annotations

import re

import phonenumbers

NON_BREAKING_HYPHEN = "\u2011"
NO_BREAK_SPACE = "\u00a0"
# A number written into a sentence: digits with spaces or hyphens between them, at least six digits in all.
NUMBER_IN_TEXT = re.compile(r"(?<![\w+])\+?\d(?:[ -]?\d){5,}(?!\w)")


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


def unbreakable(shown: str) -> str:
    """A shown number that a card never wraps mid-number ("010-435 40 20" with a non-breaking hyphen and spaces).

    For display text only: tel: links and stored values stay E.164.
    """
    return shown.replace("-", NON_BREAKING_HYPHEN).replace(" ", NO_BREAK_SPACE)


def display_phone_unbroken(e164: str) -> str:
    """display_phone, kept on one line wherever a card wraps."""
    return unbreakable(display_phone(e164))


def numbers_kept_together(text: str) -> str:
    """Every phone number inside a sentence (e.g. the safety centre's in a catalog text) made unbreakable."""
    return NUMBER_IN_TEXT.sub(lambda match: unbreakable(match.group()), text)
