"""A per-sender limit on turns, so one sender cannot flood the bot: a token bucket per person.

Each sender may take `turns` turns within `window`, refilled smoothly. Past that, the sender gets one polite
notice and nothing else of theirs is processed until the bucket refills; other people are unaffected. A tap on
*Jag behöver hjälp* always goes through (it still counts): a person in danger must never be throttled.
The buckets live in memory, per instance: a limit against floods, not a quota, so it needs no storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.domain.clock import Clock

MAX_SENDERS = 10_000  # buckets kept before idle (full) ones are dropped


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # the first refused turn: tell the sender once
    DROP = "drop"  # refused again: nothing at all


@dataclass
class _Bucket:
    tokens: float
    at: datetime
    told: bool = False


class SenderLimit:
    def __init__(self, turns: int, window: timedelta, clock: Clock) -> None:
        self._capacity = float(turns)
        self._per_second = turns / max(window.total_seconds(), 0.001)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def take(self, sender: str, *, exempt: bool = False) -> Verdict:
        """Count one turn for `sender`; `exempt` turns are counted but always allowed."""
        now = self._clock.now()
        bucket = self._buckets.get(sender)
        if bucket is None:
            if len(self._buckets) >= MAX_SENDERS:
                self._forget_idle(now)
            bucket = self._buckets[sender] = _Bucket(self._capacity, now)
        elapsed = max((now - bucket.at).total_seconds(), 0.0)
        bucket.tokens = min(self._capacity, bucket.tokens + elapsed * self._per_second)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.told = False
            return Verdict.ALLOW
        if exempt:
            return Verdict.ALLOW
        if bucket.told:
            return Verdict.DROP
        bucket.told = True
        return Verdict.NOTIFY

    def _forget_idle(self, now: datetime) -> None:
        for sender, bucket in list(self._buckets.items()):
            refilled = bucket.tokens + (now - bucket.at).total_seconds() * self._per_second
            if refilled >= self._capacity:
                del self._buckets[sender]
