"""How Trygghet calls the Bot Connector: one place for timeouts, retries, pacing and the outbound health.

Teams throttles (about 7 messages a second per conversation, 50 requests a second per app and tenant) and, like
any service, sometimes refuses, fails or hangs. Microsoft's guidance is to retry 429, 412, 502, 503 and 504 with
exponential backoff and jitter, honouring `Retry-After`; botbuilder does none of it. So every proactive call:
- gets a timeout (`per_call`), so a hung conversation costs its own card a few seconds and no one else's;
- is retried on those statuses and on connection errors, with full-jitter backoff or the `Retry-After` Teams
  asked for, within `attempts` and a time `budget` that stays well inside the engine's delivery lease;
- waits its turn under a per-conversation and a per-app pace.
A call that still fails raises SendFailed (with Teams' `Retry-After`, when it gave one): the engine keeps the
event in the outbox and tries again later. `OutboundHealth` remembers failures for `/healthz`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot import telemetry

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRIED_STATUSES = frozenset({412, 429, 502, 503, 504})


class SendFailed(Exception):
    """Teams refused or failed a proactive call (after the retries). Raised outside the adapter's turn-error
    handler, so no apology is posted into a chat the person never wrote in and no traceback is logged."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    base: float = 0.5  # seconds; the n-th retry waits up to base * 2**n (full jitter)
    cap: float = 4.0
    budget: float = 8.0  # seconds for all attempts of one call, inside the engine's 10 s lease
    per_call: float = 4.0  # timeout of one attempt


def retry_after_of(exc: BaseException) -> float | None:
    """Teams' `Retry-After` (seconds) on a refused call, if it sent one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After") if hasattr(headers, "get") else None
    try:
        return max(float(value), 0.0) if value is not None else None
    except (TypeError, ValueError):
        return None


def status_of(exc: BaseException) -> int | None:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def retryable(exc: BaseException) -> bool:
    status = status_of(exc)
    if status is not None:
        return status in RETRIED_STATUSES
    return isinstance(exc, TimeoutError | ConnectionError | OSError) or "connection" in type(exc).__name__.lower()


class Pacer:
    """At most `per_second` calls a second into one conversation, and `app_per_second` in all (0: no limit).

    Each call reserves the next free slot, so during a burst the slots are taken well ahead by the cards already
    in flight. An urgent call (the operators' side of an alarm) goes at its conversation's own pace without
    waiting behind them, and pushes the app's next free slot back by one gap: what is reserved after it makes up
    for the extra call, so the app goes over its rate by at most one call per urgent call.
    """

    def __init__(self, per_second: float = 7.0, app_per_second: float = 50.0) -> None:
        self._gap = 1.0 / per_second if per_second else 0.0
        self._app_gap = 1.0 / app_per_second if app_per_second else 0.0
        self._next: dict[str, float] = {}
        self._app_next = 0.0

    async def wait(self, conversation: str, urgent: bool = False) -> None:
        now = time.monotonic()
        start = max(now, self._next.get(conversation, 0.0), now if urgent else self._app_next)
        self._next[conversation] = start + self._gap
        self._app_next = max(self._app_next, now) + self._app_gap
        if len(self._next) > 10_000:
            self._next = {k: v for k, v in self._next.items() if v > now}
        if start > now:
            await asyncio.sleep(start - now)


class OutboundHealth:
    """Failures since the last success, for `/healthz` (a Teams outage means no alarm reaches anyone), and how
    often calls went through again after failing, so the sweeper retries what waits as soon as Teams is back."""

    def __init__(self) -> None:
        self.failed_since: float | None = None
        self.failures = 0
        self.recoveries = 0
        self.on_recovered: Callable[[], None] | None = None  # the scheduler's waker: sweep now

    @property
    def failing(self) -> bool:
        return self.failures > 0

    def ok(self) -> None:
        if self.failures:
            self.recoveries += 1
            if self.on_recovered is not None:
                self.on_recovered()
        self.failed_since, self.failures = None, 0

    def failed(self) -> None:
        self.failures += 1
        if self.failed_since is None:
            self.failed_since = time.monotonic()

    def problem(self) -> str | None:
        if not self.failures or self.failed_since is None:
            return None
        seconds = int(time.monotonic() - self.failed_since)
        return f"outbound: {self.failures} call(s) to Teams failed in the last {seconds} s"


def _status_label(exc: BaseException) -> str:
    """An HTTP status, or the exception's type for a timeout or a connection error (never its message)."""
    status = status_of(exc)
    return str(status) if status is not None else type(exc).__name__


async def call(
    attempt: Callable[[], Awaitable[T]], policy: RetryPolicy, health: OutboundHealth, what: str = "call"
) -> T:
    """Run `attempt` under the policy; SendFailed when it keeps failing."""
    started = time.monotonic()
    last: BaseException | None = None
    for n in range(policy.attempts):
        remaining = policy.budget - (time.monotonic() - started)
        if remaining <= 0:
            break
        try:
            result = await asyncio.wait_for(attempt(), timeout=min(policy.per_call, remaining))
        except Exception as exc:
            last = exc
            if not retryable(exc) or n == policy.attempts - 1:
                break
            telemetry.outbound_retries.add(1, {"status": _status_label(exc)})
            wait = retry_after_of(exc)
            wait = random.uniform(0, min(policy.cap, policy.base * 2**n)) if wait is None else wait
            if time.monotonic() - started + wait >= policy.budget:
                break
            await asyncio.sleep(wait)
            continue
        health.ok()
        return result
    health.failed()
    assert last is not None
    telemetry.outbound_errors.add(1, {"status": _status_label(last)})
    status, after = status_of(last), retry_after_of(last)
    log.error("%s to Teams failed (%s%s)", what, type(last).__name__, f" {status}" if status else "")
    raise SendFailed(f"{type(last).__name__} {status or ''}".strip(), status, after) from last
