"""Domain events: every state change yields one, the audit log stores them and the notifier turns them into cards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.domain.model import Actor


class EventKind(StrEnum):
    # the user's side
    REGISTERED = "registered"
    REMINDER_DUE = "reminder_due"
    CONFIRMATION_DUE = "confirmation_due"
    EXTENDED = "extended"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    HELP_REQUESTED = "help_requested"
    # the operators' side
    ESCALATED = "escalated"
    RENOTIFIED = "renotified"
    CLAIMED = "claimed"
    CLAIM_STALE = "claim_stale"  # the claimant has done nothing for policy.claim_stale: announced, anyone may take over
    CLAIM_TAKEN_OVER = "claim_taken_over"  # data: the previous claimant's key and name
    STEP_SKIPPED = "step_skipped"  # data: the step key; the reason is kept on the escalation, not in the event
    CALL_RECORDED = "call_recorded"
    CALL_RETRY_DUE = "call_retry_due"
    POLICE_ALERTED = "police_alerted"
    CONTACT_INFORMED = "contact_informed"
    RTIB_INFORMED = "rtib_informed"
    TOLD_SAFE = "told_safe"  # after a late confirmation: police, contact or RTiB told the person is safe
    ESCALATION_CLOSED = "escalation_closed"
    # administration and privacy
    PERSONAL_DATA_ERASED = "personal_data_erased"
    ACTION_REFUSED = "action_refused"
    BARRED = "barred"
    UNBARRED = "unbarred"
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    SETTING_CHANGED = "setting_changed"
    CHANNEL_BOUND = "channel_bound"
    PROFILE_FORGOTTEN = "profile_forgotten"
    CODE_WORD_CHANGED = "code_word_changed"  # data: step "set" | "removed"; never the word
    PURGE_RUN = "purge_run"
    FLAGGED = "flagged"
    ADMIN_COMMAND = "admin_command"  # an admin ran a command (who, which; never its arguments)


@dataclass(frozen=True)
class Event:
    """Something that happened to a session (or to the service): who, what, when. `data` holds no personal text."""

    kind: EventKind
    at: datetime
    actor: Actor
    session_id: str = ""
    data: dict[str, str] = field(default_factory=dict)
    id: str = ""  # assigned by the store when recorded
