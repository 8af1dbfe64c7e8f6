"""The routing table: every text command word and card verb the bot understands, and the handler for each."""

from __future__ import annotations

from bot.teams.handlers import general
from bot.teams.router import Handler, Router

COMMANDS: dict[str, Handler] = {
    "hjälp": general.help_,
    "help": general.help_,
}

VERBS: dict[str, Handler] = {}

WELCOME: Handler = general.welcome


def build_router() -> Router:
    return Router(commands=COMMANDS, verbs=VERBS, fallback=general.help_)
