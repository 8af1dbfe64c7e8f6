"""Domain errors: the one family of exceptions the Teams layer, scheduler and CLI translate into kind answers."""

from __future__ import annotations


class DomainError(Exception):
    """A command that the routine does not allow. `code` is a stable key the UI maps to a text."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class IllegalTransition(DomainError):
    """The session is not in a state where this command applies (e.g. confirming a closed session)."""

    def __init__(self, command: str, state: str) -> None:
        super().__init__("illegal_transition", f"{command} not allowed in state {state}")
        self.command = command
        self.state = state


class ValidationFailed(DomainError):
    """Registration input that breaks a rule; `fields` maps field name → error code."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("validation_failed", ", ".join(f"{k}={v}" for k, v in fields.items()))
        self.fields = fields


class NotAllowed(DomainError):
    """The acting person lacks the role or ownership for this command."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("not_allowed", detail)


class Conflict(DomainError):
    """Someone else changed the same thing first (an ETag race that could not be retried)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("conflict", detail)
