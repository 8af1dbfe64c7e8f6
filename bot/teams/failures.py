"""What a person is told when their turn fails: storage or the network unreachable (or a turn cut off at its
deadline) is an outage, answered with the centre's phone number; anything else is our fault, answered with an
apology (and the number too). Used by the handler wrapper and by the adapter's last-resort error handler."""

from __future__ import annotations

from azure.core.exceptions import AzureError, HttpResponseError

TURN_DEADLINE = 4.5  # seconds: a person writing while storage hangs hears from us within 5 s


def is_outage(exc: BaseException) -> bool:
    """Storage (or the network under it) failing, not a bug: timeouts, connection errors, 5xx from storage."""
    if isinstance(exc, TimeoutError | ConnectionError):
        return True
    if isinstance(exc, HttpResponseError):
        return (exc.status_code or 0) >= 500
    return isinstance(exc, AzureError)


def failure_text_key(exc: BaseException) -> str:
    return "error.outage" if is_outage(exc) else "error.generic"
