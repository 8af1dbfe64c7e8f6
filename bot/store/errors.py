"""Store-level outcomes the layers above react to without importing the Azure SDK."""

from __future__ import annotations


class StaleWrite(Exception):
    """A conditional write lost: someone changed (or created) the row first. Reload and decide again."""


class NotFound(Exception):
    """The row is not there."""
