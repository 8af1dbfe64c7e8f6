"""The policy in force: the environment's defaults with the admins' stored overrides on top."""

from __future__ import annotations

import logging
from dataclasses import fields
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.policy import COUNT_FIELDS, DURATION_FIELDS, Policy, parse_duration
from bot.store.settings import SettingsRepo

log = logging.getLogger(__name__)
CACHE_FOR = timedelta(seconds=15)


def apply_overrides(base: Policy, overrides: dict[str, str]) -> Policy:
    """Apply stored text values; raises ValueError naming the setting for a bad one."""
    values: dict[str, object] = {}
    for name, text in overrides.items():
        if name in DURATION_FIELDS:
            values[name] = parse_duration(text)
        elif name in COUNT_FIELDS:
            number = int(text)
            if number < 1:
                raise ValueError(f"{name} must be at least 1")
            values[name] = number
    return base.with_values(**values)


POLICY_SETTINGS = tuple(f.name for f in fields(Policy))


class PolicySource:
    def __init__(self, defaults: Policy, settings: SettingsRepo, clock: Clock) -> None:
        self._defaults = defaults
        self._settings = settings
        self._clock = clock
        self._cached: tuple[datetime, Policy] | None = None

    @property
    def defaults(self) -> Policy:
        return self._defaults

    def invalidate(self) -> None:
        self._cached = None

    async def current(self) -> Policy:
        now = self._clock.now()
        if self._cached and now - self._cached[0] < CACHE_FOR and now >= self._cached[0]:
            return self._cached[1]
        stored = await self._settings.all()
        try:
            policy = apply_overrides(self._defaults, {k: v for k, v in stored.items() if k in POLICY_SETTINGS})
        except ValueError:
            log.exception("stored settings invalid; using defaults")
            policy = self._defaults
        self._cached = (now, policy)
        return policy
