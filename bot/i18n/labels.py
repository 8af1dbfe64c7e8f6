"""One label per domain value, written out: every enum member the service shows names its catalog key here.

A key is never built from a member's value (`f"mode.{value}"`), so a tool can tell an unused key from a used one
and a test can fail on a missing one (tests/unit/test_catalog_keys.py). Each enum has one label set, shown
wherever that value is: the form's choices, the receipt, the operators' card and the admin lists alike. A label
is stored as it reads on its own ("Bil", "Verksamhetschef"); `inline` gives the form used inside a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from bot.domain.checklist import Party
from bot.domain.events import EventKind
from bot.domain.model import ActorKind, CallResult, ContactRole, OrganisationKind, Outcome, State, TravelMode
from bot.i18n.catalog import Texts
from bot.i18n.markup import Markup

E = TypeVar("E", bound=StrEnum)
D = TypeVar("D")

ORGANISATION_KIND = {
    OrganisationKind.VERKSAMHET: "label.org_kind.verksamhet",
    OrganisationKind.NAMND: "label.org_kind.namnd",
    OrganisationKind.STYRELSE: "label.org_kind.styrelse",
}
CONTACT_ROLE = {
    ContactRole.VERKSAMHETSCHEF: "label.contact_role.verksamhetschef",
    ContactRole.SAKERHETSANSVARIG: "label.contact_role.sakerhetsansvarig",
    ContactRole.KONTAKTPERSON: "label.contact_role.kontaktperson",
}
TRAVEL_MODE = {
    TravelMode.BIL: "label.mode.bil",
    TravelMode.SPARVAGN: "label.mode.sparvagn",
    TravelMode.BUSS: "label.mode.buss",
    TravelMode.TAG: "label.mode.tag",
    TravelMode.TILL_FOTS: "label.mode.till_fots",
    TravelMode.ANNAT: "label.mode.annat",
}
STATE = {
    State.REGISTERED: "label.state.registered",
    State.REMINDED: "label.state.reminded",
    State.DUE: "label.state.due",
    State.ESCALATED: "label.state.escalated",
    State.CLOSED: "label.state.closed",
}
OUTCOME = {
    Outcome.CONFIRMED: "label.outcome.confirmed",
    Outcome.CONFIRMED_LATE: "label.outcome.confirmed_late",
    Outcome.CANCELLED: "label.outcome.cancelled",
    Outcome.REACHED_WELL: "label.outcome.reached_well",
    Outcome.SELF_REPORTED: "label.outcome.self_reported",
    Outcome.POLICE_HANDLING: "label.outcome.police_handling",
    Outcome.OTHER: "label.outcome.other",
}
ACTOR_KIND = {
    ActorKind.USER: "label.actor.user",
    ActorKind.OPERATOR: "label.actor.operator",
    ActorKind.ADMIN: "label.actor.admin",
    ActorKind.SYSTEM: "label.actor.system",
}
CALL_RESULT = {
    CallResult.ANSWERED_WELL: "label.call.answered_well",
    CallResult.ANSWERED_NEEDS_HELP: "label.call.answered_needs_help",
    CallResult.NO_ANSWER: "label.call.no_answer",
}
PARTY = {
    Party.POLICE: "label.party.police",
    Party.CONTACT: "label.party.contact",
    Party.RTIB: "label.party.rtib",
}
EVENT_KIND = {
    EventKind.REGISTERED: "label.event.registered",
    EventKind.REMINDER_DUE: "label.event.reminder_due",
    EventKind.CONFIRMATION_DUE: "label.event.confirmation_due",
    EventKind.EXTENDED: "label.event.extended",
    EventKind.CONFIRMED: "label.event.confirmed",
    EventKind.CANCELLED: "label.event.cancelled",
    EventKind.HELP_REQUESTED: "label.event.help_requested",
    EventKind.ESCALATED: "label.event.escalated",
    EventKind.RENOTIFIED: "label.event.renotified",
    EventKind.CLAIMED: "label.event.claimed",
    EventKind.CLAIM_STALE: "label.event.claim_stale",
    EventKind.CLAIM_TAKEN_OVER: "label.event.claim_taken_over",
    EventKind.STEP_SKIPPED: "label.event.step_skipped",
    EventKind.CALL_RECORDED: "label.event.call_recorded",
    EventKind.CALL_RETRY_DUE: "label.event.call_retry_due",
    EventKind.POLICE_ALERTED: "label.event.police_alerted",
    EventKind.CONTACT_INFORMED: "label.event.contact_informed",
    EventKind.RTIB_INFORMED: "label.event.rtib_informed",
    EventKind.TOLD_SAFE: "label.event.told_safe",
    EventKind.ESCALATION_CLOSED: "label.event.escalation_closed",
    EventKind.PERSONAL_DATA_ERASED: "label.event.personal_data_erased",
    EventKind.ACTION_REFUSED: "label.event.action_refused",
    EventKind.BARRED: "label.event.barred",
    EventKind.UNBARRED: "label.event.unbarred",
    EventKind.ROLE_GRANTED: "label.event.role_granted",
    EventKind.ROLE_REVOKED: "label.event.role_revoked",
    EventKind.SETTING_CHANGED: "label.event.setting_changed",
    EventKind.CHANNEL_BOUND: "label.event.channel_bound",
    EventKind.PROFILE_FORGOTTEN: "label.event.profile_forgotten",
    EventKind.CODE_WORD_CHANGED: "label.event.code_word_changed",
    EventKind.PURGE_RUN: "label.event.purge_run",
    EventKind.FLAGGED: "label.event.flagged",
    EventKind.ADMIN_COMMAND: "label.event.admin_command",
}

# Members of different enums can share a value ("police", "confirmed"), so the sets are looked up by enum type.
LABEL_SETS: Mapping[type[StrEnum], Mapping[Any, str]] = {
    OrganisationKind: ORGANISATION_KIND,
    ContactRole: CONTACT_ROLE,
    TravelMode: TRAVEL_MODE,
    State: STATE,
    Outcome: OUTCOME,
    ActorKind: ACTOR_KIND,
    CallResult: CALL_RESULT,
    Party: PARTY,
    EventKind: EVENT_KIND,
}


def label(texts: Texts, member: StrEnum) -> str:
    """The label of one domain value, as it reads on its own (a choice, a fact's title)."""
    return texts.t(LABEL_SETS[type(member)][member])


def inline(texts: Texts, member: StrEnum) -> str:
    """The label inside a sentence: "Bil" → "bil", "Verksamhetschef" → "verksamhetschef" (acronyms kept)."""
    text = label(texts, member)
    if len(text) > 1 and text[1].isupper():  # "RTiB / TiB"
        return text
    return Markup(text[:1].lower() + text[1:])


def member_of(kind: type[E], value: str, default: D) -> E | D:
    """The member of `kind` that an event's data names, or `default` for a value it does not know."""
    try:
        return kind(value)
    except ValueError:
        return default
