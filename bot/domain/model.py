"""What a check-in session is, in the routine's own terms: who, where, until when, and what has happened since."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

# On a field: personal data, blanked when the retention period is over (bot/domain/retention.py reads this mark).
PERSONAL: dict[str, Any] = {"personal": True}


class State(StrEnum):
    REGISTERED = "registered"  # waiting for the reminder
    REMINDED = "reminded"  # reminder sent, waiting for sluttid
    DUE = "due"  # sluttid passed, waiting for the confirmation
    ESCALATED = "escalated"  # the operators have it
    CLOSED = "closed"


ACTIVE_STATES = frozenset({State.REGISTERED, State.REMINDED, State.DUE, State.ESCALATED})


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    CONFIRMED_LATE = "confirmed_late"
    CANCELLED = "cancelled"
    REACHED_WELL = "reached_well"  # operator reached the person, all well
    SELF_REPORTED = "self_reported"  # the person got in touch themselves (late confirmation, or called), all well
    POLICE_HANDLING = "police_handling"
    OTHER = "other"


OPERATOR_OUTCOMES = frozenset({Outcome.REACHED_WELL, Outcome.SELF_REPORTED, Outcome.POLICE_HANDLING, Outcome.OTHER})


class OrganisationKind(StrEnum):
    VERKSAMHET = "verksamhet"
    NAMND = "nämnd"
    STYRELSE = "styrelse"


class ContactRole(StrEnum):
    VERKSAMHETSCHEF = "verksamhetschef"
    SAKERHETSANSVARIG = "säkerhetsansvarig"  # partiets säkerhetsansvarige
    KONTAKTPERSON = "kontaktperson"  # utsedd kontaktperson


class TravelMode(StrEnum):
    BIL = "bil"
    SPARVAGN = "spårvagn"
    BUSS = "buss"
    TAG = "tåg"
    TILL_FOTS = "till fots"
    ANNAT = "annat"


class ActorKind(StrEnum):
    USER = "user"
    OPERATOR = "operator"
    ADMIN = "admin"
    SYSTEM = "system"


class EscalationKind(StrEnum):
    MISSED = "missed"  # no confirmation at sluttid + grace
    ACUTE = "acute"  # the person asked for help or said they are in acute danger


class CallResult(StrEnum):
    ANSWERED_WELL = "answered_well"
    ANSWERED_NEEDS_HELP = "answered_needs_help"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class Actor:
    """Who did something: a user, an operator, an admin or the service itself."""

    kind: ActorKind
    key: str
    name: str = ""

    @staticmethod
    def system() -> Actor:
        return Actor(ActorKind.SYSTEM, "system", "Trygghet")


@dataclass(frozen=True)
class Person:
    """The registrant as Teams knows them; `key` is the stable storage key (AAD object id when there is one)."""

    key: str
    teams_id: str
    name: str
    aad_object_id: str = ""
    upn: str = ""


@dataclass(frozen=True)
class Contact:
    """Verksamhetschef, partiets säkerhetsansvarige or utsedd kontaktperson, informed if police is alerted."""

    role: ContactRole
    name: str = field(metadata=PERSONAL)
    phone: str = field(metadata=PERSONAL)  # E.164


@dataclass(frozen=True)
class Whereabouts:
    """A meeting at an address, or a trip from A to B by some mode."""

    address: str = field(default="", metadata=PERSONAL)
    trip_from: str = field(default="", metadata=PERSONAL)
    trip_to: str = field(default="", metadata=PERSONAL)
    mode: TravelMode | None = None

    @property
    def is_trip(self) -> bool:
        return bool(self.trip_from or self.trip_to)


@dataclass(frozen=True)
class Threat:
    """Known threat with a description, or no known threat and why the person feels unsafe."""

    known: bool
    description: str = field(default="", metadata=PERSONAL)


@dataclass(frozen=True)
class Registration:
    """Everything the person tells the service when registering (validated before it gets here)."""

    organisation_kind: OrganisationKind
    organisation: str
    phone: str = field(metadata=PERSONAL)  # E.164
    contact: Contact
    whereabouts: Whereabouts
    end_time: datetime  # UTC
    threat: Threat
    note: str = field(default="", metadata=PERSONAL)
    acute: bool = False


@dataclass
class CallAttempt:
    number: int
    by: Actor
    at: datetime
    result: CallResult


@dataclass
class StepDone:
    """A checklist step an operator ticked: who and when, with an optional detail (e.g. a police case number)."""

    by: Actor
    at: datetime
    detail: str = field(default="", metadata=PERSONAL)  # free text: a police case number, a reason


@dataclass
class Escalation:
    """The operators' side of a session: the routine's checklist, advanced step by step."""

    kind: EscalationKind
    raised_at: datetime
    claimed: StepDone | None = None
    call_attempts: list[CallAttempt] = field(default_factory=list)
    next_call_at: datetime | None = None  # after "no answer": when to prompt the next attempt
    next_call_prompted: bool = False
    police_alerted: StepDone | None = None
    contact_informed: StepDone | None = None
    rtib_informed: StepDone | None = None
    # After a late confirmation: those alarmed or informed before it, told that the person is safe.
    police_told_safe: StepDone | None = None
    contact_told_safe: StepDone | None = None
    rtib_told_safe: StepDone | None = None
    user_confirmed_at: datetime | None = None
    renotify_count: int = 0
    last_notified_at: datetime | None = None
    # Steps the operator skipped, by step key (bot.domain.checklist.SKIPPABLE): who, when, and why (`detail`).
    skipped: dict[str, StepDone] = field(default_factory=dict)
    last_action_at: datetime | None = None  # the latest operator step: a claim idle past policy.claim_stale is stale
    stale_notified_at: datetime | None = None  # when the thread was last told that the claimant has gone quiet
    silent: bool = False  # raised by the person's code word: the card says not to call their phone first
    closed: StepDone | None = None
    outcome: Outcome | None = None

    @property
    def no_answer_count(self) -> int:
        return sum(1 for a in self.call_attempts if a.result is CallResult.NO_ANSWER)

    @property
    def reached(self) -> CallAttempt | None:
        return next((a for a in self.call_attempts if a.result is not CallResult.NO_ANSWER), None)


@dataclass
class Session:
    """One check-in: registered → reminded → due → (escalated →) closed."""

    id: str
    owner: Person
    registration: Registration
    created_at: datetime
    end_time: datetime  # current sluttid (UTC), moves on extension
    state: State = State.REGISTERED
    outcome: Outcome | None = None
    extensions: list[datetime] = field(default_factory=list)  # previous sluttider, oldest first
    reminded_at: datetime | None = None
    due_at: datetime | None = None
    confirmed_at: datetime | None = None
    closed_at: datetime | None = None
    escalation: Escalation | None = None
    locale: str = "sv-SE"
    personal_data_erased: bool = False
    # Opaque references owned by the delivery layer (e.g. where a card was posted); the domain never reads them.
    delivery: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES
