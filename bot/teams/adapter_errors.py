"""The adapter's last line of defence: log the failure (no personal data) and answer the person kindly, with the
centre's phone number. Only a person's own message is answered: a proactive send that fails never gets here
(bot/teams/messenger.py keeps it out), so nobody is sent an apology for something they never asked."""

from __future__ import annotations

import logging

from botbuilder.core import BotAdapter, TurnContext

from bot.teams.failures import failure_text_key, is_outage, tell_person

log = logging.getLogger(__name__)


def install_error_handler(adapter: BotAdapter) -> None:
    async def on_error(context: TurnContext, error: Exception) -> None:
        if is_outage(error):
            log.error("turn failed: storage or network unavailable (%s)", type(error).__name__)
        else:
            log.error("unhandled error in turn (%s)", type(error).__name__, exc_info=error)
        if context.activity.type in ("message", "invoke"):
            await tell_person(context, failure_text_key(error))

    adapter.on_turn_error = on_error
