"""The operators' channel: the one Teams channel where escalations are posted and worked through.

Why a service of its own: every instance and every restart must agree on where alarms go, and an escalation
raised before any channel is bound must wait rather than vanish. The binding is stored in the key-value table
(namespace "service", key "operator_channel"); delivery reads it each time and defers while it is missing.

Two ways to bind:
- an admin writes `@Trygghet koppla kanal` in the channel (the Teams layer passes the channel's ids here);
- `TRYGGHET_OPERATOR_CHANNEL` at start-up, in the form

      <teamId>|<channelId>|<serviceUrl>[|<tenantId>]

  e.g. `19:AbC…@thread.tacv2|19:dEf…@thread.tacv2|https://smba.trafficmanager.net/emea/|72f988bf-…`.
  The team id is the Bot Framework team id (the thread id of the team's General channel, as Teams sends it in
  `channelData.team.id`), not the AAD group id; the service URL is the one Teams sends with every activity.
  Without a tenant id, the single allowed tenant (TRYGGHET_ALLOWED_TENANTS) is used when there is exactly one.
  The setting wins at every start-up: a channel bound by command is replaced by it after a restart.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from bot.domain.clock import Clock
from bot.domain.events import Event, EventKind
from bot.domain.model import Actor
from bot.services.access import Access
from bot.store.audit import AuditRepo
from bot.store.kv import KeyValueRepo

NAMESPACE = "service"
KEY = "operator_channel"
FROM_SETTING = "environment"  # bound_by when TRYGGHET_OPERATOR_CHANNEL did the binding
NOT_BOUND = "operator channel: not bound"
_ID = re.compile(r"^[A-Za-z0-9:._@=-]+$")


@dataclass(frozen=True)
class ChannelBinding:
    """Where escalations go. `conversation` is a serialised ConversationReference of the channel itself."""

    channel_id: str
    team_id: str
    tenant_id: str
    service_url: str
    conversation: dict[str, Any] = field(default_factory=dict)
    bound_by: str = ""  # user key of the admin, or FROM_SETTING
    bound_by_name: str = ""
    bound_at: str = ""  # ISO time (UTC)

    def covers(self, team_id: str, channel_id: str) -> bool:
        """True for an activity from the bound channel, or from another channel of the bound team."""
        return bool(channel_id and channel_id == self.channel_id) or bool(self.team_id and team_id == self.team_id)

    @property
    def bound_time(self) -> datetime | None:
        return datetime.fromisoformat(self.bound_at) if self.bound_at else None

    def to_value(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_value(cls, value: Any) -> ChannelBinding | None:
        if not isinstance(value, dict) or not value.get("channel_id") or not value.get("service_url"):
            return None
        names = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in value.items() if k in names})


@dataclass(frozen=True)
class ChannelSetting:
    """TRYGGHET_OPERATOR_CHANNEL, parsed."""

    team_id: str
    channel_id: str
    service_url: str
    tenant_id: str = ""


def parse_channel_setting(text: str, allowed_tenants: frozenset[str] = frozenset()) -> ChannelSetting:
    """`<teamId>|<channelId>|<serviceUrl>[|<tenantId>]` → ChannelSetting; ValueError with a readable reason."""
    parts = [p.strip() for p in text.strip().split("|")]
    if len(parts) not in (3, 4) or not all(parts):
        raise ValueError("use <teamId>|<channelId>|<serviceUrl>[|<tenantId>]")
    team_id, channel_id, service_url = parts[:3]
    tenant_id = parts[3] if len(parts) == 4 else ""
    for name, value in (("team id", team_id), ("channel id", channel_id), ("tenant id", tenant_id)):
        if value and not _ID.match(value):
            raise ValueError(f"not a {name}: {value!r}")
    if not service_url.startswith(("https://", "http://")):
        raise ValueError(f"not a service URL: {service_url!r}")
    if not tenant_id and len(allowed_tenants) == 1:
        (tenant_id,) = allowed_tenants
    return ChannelSetting(
        team_id, channel_id, service_url if service_url.endswith("/") else service_url + "/", tenant_id
    )


async def load_binding(kv: KeyValueRepo) -> ChannelBinding | None:
    """The stored binding, or None while no channel is bound."""
    value, _ = await kv.get(NAMESPACE, KEY)
    return ChannelBinding.from_value(value)


class OperatorChannel:
    """Reads and writes the binding; only admins bind, and every binding is an audit event (CHANNEL_BOUND)."""

    def __init__(self, kv: KeyValueRepo, audit: AuditRepo, access: Access, clock: Clock) -> None:
        self._kv = kv
        self._audit = audit
        self._access = access
        self._clock = clock

    async def current(self) -> ChannelBinding | None:
        return await load_binding(self._kv)

    async def problem(self) -> str | None:
        """For /healthz: a reason when escalations cannot be delivered because no channel is bound."""
        return None if await self.current() is not None else NOT_BOUND

    async def bind(
        self,
        admin: Actor,
        *,
        channel_id: str,
        team_id: str,
        tenant_id: str,
        service_url: str,
        conversation: dict[str, Any],
    ) -> ChannelBinding:
        """`koppla kanal`: NotAllowed (and an audit entry) unless `admin` is an admin."""
        await self._access.require_admin(admin, "bind_channel")
        binding = ChannelBinding(
            channel_id, team_id, tenant_id, service_url, conversation, admin.key, admin.name, self._now()
        )
        await self._store(binding, admin)
        return binding

    async def bind_from_setting(self, setting: ChannelSetting, conversation: dict[str, Any]) -> ChannelBinding:
        """Start-up binding from TRYGGHET_OPERATOR_CHANNEL; a restart with the same value records nothing."""
        existing = await self.current()
        if (
            existing is not None
            and existing.bound_by == FROM_SETTING
            and (existing.team_id, existing.channel_id, existing.service_url, existing.tenant_id)
            == (setting.team_id, setting.channel_id, setting.service_url, setting.tenant_id)
        ):
            return existing
        binding = ChannelBinding(
            setting.channel_id,
            setting.team_id,
            setting.tenant_id,
            setting.service_url,
            conversation,
            FROM_SETTING,
            "TRYGGHET_OPERATOR_CHANNEL",
            self._now(),
        )
        await self._store(binding, Actor.system())
        return binding

    async def _store(self, binding: ChannelBinding, actor: Actor) -> None:
        await self._kv.put(NAMESPACE, KEY, binding.to_value())
        data = {"channel_id": binding.channel_id, "team_id": binding.team_id}
        await self._audit.append(Event(EventKind.CHANNEL_BOUND, self._clock.now(), actor, data=data), actor.key)

    def _now(self) -> str:
        return self._clock.now().isoformat()
