"""What a person is told when their turn fails: storage or the network unreachable (or a turn cut off at its
deadline) is an outage, answered with the centre's phone number; anything else is our fault, answered with an
apology (and the number too). Used by the handler wrapper and by the adapter's last-resort error handler."""

from __future__ import annotations

import logging

from azure.core.exceptions import AzureError, HttpResponseError
from botbuilder.core import TurnContext

from bot.i18n import texts_for

log = logging.getLogger(__name__)

TURN_DEADLINE = 4.5  # seconds: a person writing while storage hangs hears from us within 5 s
ADMIN_TURN_DEADLINE = 60.0  # seconds: an admin command that scans the tables (history, export) may take long


def is_outage(exc: BaseException) -> bool:
    """Storage (or the network under it) failing, not a bug: timeouts, connection errors, 5xx from storage."""
    if isinstance(exc, TimeoutError | ConnectionError):
        return True
    if isinstance(exc, HttpResponseError):
        return (exc.status_code or 0) >= 500
    return isinstance(exc, AzureError)


def failure_text_key(exc: BaseException) -> str:
    return "error.outage" if is_outage(exc) else "error.generic"


async def tell_person(ctx: TurnContext, key: str) -> None:
    """Say the catalog text `key` in the person's language; a failure to say even that is only logged."""
    try:
        await ctx.send_activity(texts_for(ctx.activity.locale).t(key))
    except Exception as exc:
        log.warning("could not tell the person either (%s)", type(exc).__name__)
