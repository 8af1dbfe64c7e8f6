"""The Teams side of the operator channel binding: the channel's conversation reference (a botbuilder shape),
the start-up binding from TRYGGHET_OPERATOR_CHANNEL, and the /healthz check that says "operator channel: not
bound" until a channel is bound.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, ConversationReference

from bot.config import ConfigError
from bot.services.container import Services
from bot.services.operator_channel import ChannelBinding, parse_channel_setting
from bot.teams.identity import Where

HealthCheck = Callable[[object], Awaitable[str | None]]


def channel_reference(
    channel_id: str, tenant_id: str, service_url: str, bot: ChannelAccount | None = None
) -> dict[str, Any]:
    """A serialised ConversationReference of the channel itself (not of a thread in it)."""
    reference = ConversationReference(
        channel_id="msteams",
        service_url=service_url,
        bot=bot,
        conversation=ConversationAccount(
            id=channel_id, is_group=True, conversation_type="channel", tenant_id=tenant_id or None
        ),
    )
    serialised: dict[str, Any] = reference.serialize()
    return serialised


def reference_from_activity(activity: Activity, where: Where) -> dict[str, Any]:
    """The channel's reference, from a message posted in it (a thread's `;messageid=` suffix dropped)."""
    incoming = TurnContext.get_conversation_reference(activity)
    return channel_reference(where.channel_id, where.tenant_id, incoming.service_url or "", incoming.bot)


def in_operator_channel(binding: ChannelBinding | None, where: Where) -> bool:
    """An activity from the bound channel (or its team) makes the sender an operator there."""
    return binding is not None and not where.personal and binding.covers(where.team_id, where.channel_id)


async def acting_in_operator_channel(services: Services, where: Where) -> bool:
    if where.personal:
        return False  # never the operators' channel: no need to read the binding
    return in_operator_channel(await services.channel.current(), where)


async def bind_from_config(services: Services) -> ChannelBinding | None:
    """Bind the channel named by TRYGGHET_OPERATOR_CHANNEL (format: see bot.services.operator_channel)."""
    text = services.config.operator_channel
    if not text:
        return None
    try:
        setting = parse_channel_setting(text, services.config.allowed_tenants)
    except ValueError as exc:
        raise ConfigError("TRYGGHET_OPERATOR_CHANNEL", str(exc)) from None
    conversation = channel_reference(setting.channel_id, setting.tenant_id, setting.service_url)
    return await services.channel.bind_from_setting(setting, conversation)


def health_check(services: Services) -> HealthCheck:
    """For app.HEALTH_CHECKS: a problem while no operator channel is bound (escalations would wait)."""

    async def check(_app: object) -> str | None:
        return await services.channel.problem()

    return check
