"""The routine's numbers: every wait and count, the tiers that make sure an unclaimed alarm is always heard, and
the routine's phone numbers. The steps and their order are code (bot/domain/timeline.py, escalation.py); only
their timing is here. Every duration is configurable so a demo can run in minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from enum import StrEnum

import isodate

# The routine's VGR-växeln (E.164), where the regional officer on duty (RTiB / TiB) is reached: 010-441 00 00.
VGR_SWITCHBOARD = "+46104410000"


class Target(StrEnum):
    """Where a notice about an unclaimed alarm goes."""

    THREAD = "thread"  # a reply in the case's thread, @mentioning the operators who hold the role
    CHANNEL = "channel"  # an @mention of the operators' channel itself
    STANDBY = "standby"  # a personal message with the card to everyone on the standby list (tjänsteman i beredskap)


@dataclass(frozen=True)
class NoticeTier:
    """Notices `first`..`last` (counted from 1) go to `targets`; `last` None means until someone claims."""

    number: int
    first: int
    last: int | None
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Policy:
    """Durations and limits from the routine; defaults are VGR's, every one can be overridden."""

    reminder_lead: timedelta = timedelta(minutes=10)
    reminder_early: timedelta = timedelta(minutes=2)  # in a burst, a reminder may leave up to this much early
    grace: timedelta = timedelta(minutes=5)
    call_interval: timedelta = timedelta(minutes=5)
    call_attempts: int = 2
    unclaimed_renotify: timedelta = timedelta(minutes=3)
    standby_after: int = 3  # unanswered notices in the thread before the channel and the standby list are called
    claim_stale: timedelta = timedelta(minutes=10)  # a claimant idle this long is announced; others may take over
    max_session: timedelta = timedelta(hours=24)
    retention: timedelta = timedelta(days=30)
    delivery_retry: timedelta = timedelta(seconds=30)
    flag_threshold: int = 3
    flag_period: timedelta = timedelta(days=90)

    def with_values(self, **values: object) -> Policy:
        return replace(self, **values)  # type: ignore[arg-type]

    @property
    def unclaimed_tiers(self) -> tuple[NoticeTier, ...]:
        """Every `unclaimed_renotify` while nobody claims: first the thread, then the channel and the standby
        list as well, for as long as it takes. The last tier never ends, so an unclaimed alarm is never silent."""
        return (
            NoticeTier(1, 1, self.standby_after, (Target.THREAD,)),
            NoticeTier(2, self.standby_after + 1, None, (Target.THREAD, Target.CHANNEL, Target.STANDBY)),
        )

    def notice_tier(self, notice: int) -> NoticeTier:
        """The tier of the `notice`-th notice (1 = the first renotification)."""
        return next(t for t in self.unclaimed_tiers if t.first <= notice and (t.last is None or notice <= t.last))


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
        try:
            result = timedelta(seconds=float(value))
        except OverflowError:
            raise ValueError(f"far too long a duration: {text!r}") from None
    else:
        try:
            parsed = isodate.parse_duration(value.upper())
        except (isodate.ISO8601Error, ValueError, OverflowError) as exc:
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
