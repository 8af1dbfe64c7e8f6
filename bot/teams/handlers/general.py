"""Welcome and help: what the service is, and the way to reach the trygghetscentral if Teams fails."""

from __future__ import annotations

from bot.teams.turn import Turn


async def welcome(turn: Turn) -> None:
    await turn.say(f"{turn.t('welcome.title')}\n\n{turn.t('fallback.phone')}")


async def help_(turn: Turn) -> None:
    await turn.say(f"{turn.t('help.title')}\n\n{turn.t('fallback.phone')}")
