"""Commands in a team channel: `koppla kanal` (bind the operators' channel, admins only) and `status` there.

`status` means different things in a personal chat (the user's own check-in) and in a channel (the binding):
`status_dispatcher` wraps the personal handler and sends channel turns here, so both can share one command word.
"""

from __future__ import annotations

import math

from bot.domain.errors import NotAllowed
from bot.domain.model import Actor, ActorKind
from bot.i18n.timefmt import format_duration_minutes, format_when
from bot.teams.channel_binding import reference_from_activity
from bot.teams.router import Handler
from bot.teams.turn import Turn


async def bind_channel(turn: Turn) -> None:
    """`@Trygghet koppla kanal`: escalations go to this channel from now on; waiting ones follow within a minute."""
    where = turn.where
    if where.personal or not where.channel_id:
        await turn.say(turn.t("channel.bind.not_in_channel"))
        return
    admin = Actor(ActorKind.ADMIN, turn.person.key, turn.person.name)
    try:
        await turn.services.channel.bind(
            admin,
            channel_id=where.channel_id,
            team_id=where.team_id,
            tenant_id=where.tenant_id,
            service_url=turn.activity.service_url or "",
            conversation=reference_from_activity(turn.activity, where),
        )
    except NotAllowed:
        await turn.say(turn.t("channel.bind.refused"))  # Access logged the attempt
        return
    _, waiting = await turn.services.escalations.open_counts()
    answer = turn.t("channel.bound")
    if waiting:  # the engine retries a deferred delivery after policy.delivery_retry
        retry = (await turn.services.policies.current()).delivery_retry
        duration = format_duration_minutes(max(1, math.ceil(retry.total_seconds() / 60)), turn.locale)
        answer += " " + turn.t("channel.bound.waiting", count=waiting, duration=duration)
    await turn.say(answer)


async def channel_status(turn: Turn) -> None:
    """`@Trygghet status` in a channel: whether this is the operators' channel, and the open escalations."""
    binding = await turn.services.channel.current()
    if binding is None:
        await turn.say(turn.t("channel.status.unbound"))
        return
    bound_at = binding.bound_time
    when = format_when(bound_at, turn.locale) if bound_at else "?"
    if binding.channel_id != turn.where.channel_id:
        await turn.say(turn.t("channel.status.elsewhere", when=when, by=binding.bound_by_name))
        return
    count, waiting = await turn.services.escalations.open_counts()
    lines = [turn.t("channel.status.here", when=when, by=binding.bound_by_name)]
    lines.append(turn.t("channel.status.open", count=count, waiting=waiting))
    await turn.say("\n\n".join(lines))


def status_dispatcher(personal: Handler) -> Handler:
    """`status` in a personal chat goes to `personal`; in a channel or group chat, to channel_status."""

    async def status(turn: Turn) -> None:
        if turn.where.personal:
            await personal(turn)
        else:
            await channel_status(turn)

    return status
