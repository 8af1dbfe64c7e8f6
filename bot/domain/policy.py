"""The escalation policy as data: every wait in the routine, configurable so a demo can run in minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import timedelta

import isodate


@dataclass(frozen=True)
class Policy:
    """Durations and limits from the routine; defaults are VGR's, every one can be overridden."""

    reminder_lead: timedelta = timedelta(minutes=10)
    grace: timedelta = timedelta(minutes=5)
    call_interval: timedelta = timedelta(minutes=5)
    call_attempts: int = 2
    unclaimed_renotify: timedelta = timedelta(minutes=3)
    unclaimed_renotify_max: int = 3
    max_session: timedelta = timedelta(hours=24)
    retention: timedelta = timedelta(days=30)
    delivery_retry: timedelta = timedelta(seconds=30)
    flag_threshold: int = 3
    flag_period: timedelta = timedelta(days=90)

    def with_values(self, **values: object) -> Policy:
        return replace(self, **values)  # type: ignore[arg-type]


DURATION_FIELDS = tuple(f.name for f in fields(Policy) if f.type in ("timedelta", timedelta))
COUNT_FIELDS = tuple(f.name for f in fields(Policy) if f.type in ("int", int))

_SECONDS = re.compile(r"^\d+(\.\d+)?$")


def parse_duration(text: str) -> timedelta:
    """Parse an ISO-8601 duration (`PT5M`, `P30D`) or a plain number of seconds (`300`).

    Raises ValueError with a readable message; zero and negative durations are refused.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty duration")
    if _SECONDS.match(value):
        result = timedelta(seconds=float(value))
    else:
        try:
            parsed = isodate.parse_duration(value.upper())
        except (isodate.ISO8601Error, ValueError) as exc:
            raise ValueError(f"not an ISO-8601 duration or a number of seconds: {text!r}") from exc
        if not isinstance(parsed, timedelta):  # years/months give isodate.Duration
            raise ValueError(f"use days, hours, minutes or seconds, not months or years: {text!r}")
        result = parsed
    if result <= timedelta(0):
        raise ValueError(f"duration must be positive: {text!r}")
    return result


def format_duration(value: timedelta) -> str:
    """The ISO-8601 form of a duration, as shown in settings listings."""
    return str(isodate.duration_isoformat(value))
