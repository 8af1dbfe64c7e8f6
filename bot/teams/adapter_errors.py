"""The adapter's last line of defence: log the failure (no personal data) and answer the user kindly."""

from __future__ import annotations

import logging

from botbuilder.core import BotAdapter, TurnContext

from bot.i18n import texts_for

log = logging.getLogger(__name__)


def install_error_handler(adapter: BotAdapter) -> None:
    async def on_error(context: TurnContext, error: Exception) -> None:
        log.error("unhandled error in turn (%s)", type(error).__name__, exc_info=error)
        try:
            await context.send_activity(texts_for(context.activity.locale).t("error.generic"))
        except Exception:
            log.warning("could not send the apology either")

    adapter.on_turn_error = on_error
