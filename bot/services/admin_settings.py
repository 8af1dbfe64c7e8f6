"""Settings: the policy's durations and limits, changed at run time by admins, validated and audited.

A stored value overrides the environment's default (bot/services/policy_source.py applies it). Limits keep a
typing slip from doing harm: a retention of one minute would erase sessions the operators just closed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta

from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import Actor
from bot.domain.policy import COUNT_FIELDS, DURATION_FIELDS, Policy, format_duration, parse_duration
from bot.services.admin_common import as_admin, audit
from bot.services.container import Services

SETTINGS = tuple(f.name for f in fields(Policy))
DAY = timedelta(days=1)
DURATION_LIMITS: dict[str, tuple[timedelta, timedelta]] = {
    "retention": (DAY, 3650 * DAY),
    "flag_period": (DAY, 3650 * DAY),
    "max_session": (timedelta(minutes=1), 7 * DAY),
}
DEFAULT_DURATION_LIMITS = (timedelta(seconds=1), DAY)
COUNT_LIMITS = (1, 100)


class SettingRefused(DomainError):
    """A value an admin typed that cannot be used; `values` fill the explaining text."""

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code, ", ".join(f"{k}={v}" for k, v in values.items()))
        self.values = values


@dataclass(frozen=True)
class Setting:
    name: str
    value: str  # as shown and as typed: ISO-8601 for durations, a number for counts
    default: str
    overridden: bool


@dataclass(frozen=True)
class SettingChange:
    name: str
    old: str
    new: str


def show(policy: Policy, name: str) -> str:
    value = getattr(policy, name)
    return format_duration(value) if isinstance(value, timedelta) else str(value)


def normalise(name: str, text: str) -> str:
    """The canonical text of a valid value; SettingRefused naming the problem otherwise."""
    if name in DURATION_FIELDS:
        try:
            value = parse_duration(text)
        except ValueError:
            raise SettingRefused("setting_not_duration", name=name) from None
        low, high = DURATION_LIMITS.get(name, DEFAULT_DURATION_LIMITS)
        if not low <= value <= high:
            raise SettingRefused(
                "setting_out_of_range", name=name, low=format_duration(low), high=format_duration(high)
            )
        return format_duration(value)
    if name in COUNT_FIELDS:
        if not text.strip().isdigit():
            raise SettingRefused("setting_not_number", name=name)
        number = int(text.strip())
        low_n, high_n = COUNT_LIMITS
        if not low_n <= number <= high_n:
            raise SettingRefused("setting_out_of_range", name=name, low=str(low_n), high=str(high_n))
        return str(number)
    raise SettingRefused("setting_unknown", name=name)


class AdminSettings:
    def __init__(self, services: Services) -> None:
        self._services = services

    async def list(self, actor: Actor) -> list[Setting]:
        """`inställningar`."""
        await as_admin(self._services, actor, "admin.settings")
        policies = self._services.policies
        stored = await self._services.repos.settings.all()
        policies.invalidate()  # another instance or the CLI may have changed a value moments ago
        current = await policies.current()
        return [Setting(name, show(current, name), show(policies.defaults, name), name in stored) for name in SETTINGS]

    async def set(self, actor: Actor, name: str, text: str) -> SettingChange:
        """`inställningar sätt <namn> <värde>`: validated, stored, audited with the old and new values."""
        admin = await as_admin(self._services, actor, "admin.set_setting")
        name = name.strip().lower()
        new = normalise(name, text)
        repos, policies = self._services.repos, self._services.policies
        policies.invalidate()  # the old value as stored now, not as cached
        old = show(await policies.current(), name)
        await repos.settings.set(name, new)
        policies.invalidate()
        data = {"name": name, "old": old, "new": new}
        await audit(self._services, EventKind.SETTING_CHANGED, admin, data=data)
        return SettingChange(name, old, new)
