"""Partition and row keys: sortable time keys and safe user keys, in one place so every table agrees."""

from __future__ import annotations

from datetime import UTC, datetime

_FORBIDDEN = {"/": "%2F", "\\": "%5C", "#": "%23", "?": "%3F", "|": "%7C", "%": "%25"}


def safe_key(value: str) -> str:
    """Escape the characters Azure Tables refuses in keys (and our `|` separator); control characters dropped."""
    out = []
    for ch in value:
        if ch in _FORBIDDEN:
            out.append(_FORBIDDEN[ch])
        elif ord(ch) >= 32 and not 0x7F <= ord(ch) <= 0x9F:
            out.append(ch)
    return "".join(out)


def time_key(when: datetime) -> str:
    """A UTC time as a fixed-width string that sorts like the time itself."""
    if when.tzinfo is None:
        raise ValueError("naive datetime")
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def odata_str(value: str) -> str:
    """Quote a string literal for an OData filter."""
    return "'" + value.replace("'", "''") + "'"
