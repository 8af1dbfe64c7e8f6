"""Welcome and help: what the service is, and the way to reach the trygghetscentral if Teams fails."""

from __future__ import annotations

from bot.teams.turn import Turn


async def welcome(turn: Turn) -> None:
    """Installed in a team or group chat: no user welcome there (it may be the operators' channel)."""
    await turn.say(turn.t("welcome.channel"))


async def help_(turn: Turn) -> None:
    await turn.say(f"{turn.t('help.title')}\n\n{turn.t('fallback.phone')}")


async def outside_personal(turn: Turn, key: str = "user.personal_only") -> bool:
    """True, after saying `key`, when the turn is not in a personal chat (where the command belongs)."""
    if turn.where.personal:
        return False
    await turn.say(turn.t(key))
    return True
