"""Every card the bot sends, in every state, built by the real builders in bot/cards from realistic sessions:
the personal chat (welcome, the form blank and refused, receipt, reminder, at sluttid, the alarm and the help
receipt, closed), the operators' escalation card at each step of the routine, and the admins' cards. The
gallery (`make cards`) and the suite's card check (tests/test_card_gallery.py) both use this one list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.cards import admin_cards, user_cards
from bot.cards.operator_cards import escalation_card, history_lines
from bot.cards.registration_form import registration_form_card
from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.events import Event
from bot.domain.flags import Flag
from bot.domain.model import (
    Actor,
    ActorKind,
    CallResult,
    Contact,
    ContactRole,
    Outcome,
    Person,
    Registration,
    Session,
    State,
    Threat,
    Whereabouts,
)
from bot.domain.policy import Policy
from bot.domain.registration import RegistrationForm
from bot.domain.timeline import advance
from bot.i18n import Texts
from tests.support.forms import REFUSALS
from tests.support.forms import refused_form as shared_refused_form
from tests.support.registrations import NOW
from tests.support.registrations import registration as typical_registration

# ------------------------------------------------------------------------------------------ the people

POLICY = Policy()
ANNA = Person(key="aad-anna", teams_id="29:anna", name="Anna Andersson", aad_object_id="aad-anna")
OLLE = Actor(ActorKind.OPERATOR, "aad-olle", "Olle Nilsson")
MARIA = Actor(ActorKind.OPERATOR, "aad-maria", "Maria Johansson-Lindberg")


def registration(end_in: timedelta = timedelta(hours=1), *, acute: bool = False) -> Registration:
    """What a politician going to an evening meeting typically leaves with the service."""
    return typical_registration(
        end_in,
        acute=acute,
        contact=Contact(ContactRole.SAKERHETSANSVARIG, "Karin Berg", "+46709876543"),
        whereabouts=Whereabouts(address="Folkets hus, Järntorget 12, Göteborg"),
        threat=Threat(
            known=True,
            description="Hotfulla mejl efter förra mötet om vårdcentralen; avsändaren har tidigare stått utanför "
            "entrén och väntat på mig",
        ),
        note="Mötet kan dra ut på tiden. Jag parkerar i garaget under huset och går ut via Olof Palmes plats.",
    )


Step = tuple[Session, list[Event], datetime]  # the session, its audit events so far, and "now"
ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)  # sluttid 14:00 Stockholm, escalation 14:05


def registered(*, acute: bool = False) -> Step:
    session, events = cmd.register("20261125120000-a1b2c3", ANNA, registration(acute=acute), NOW, POLICY, "sv-SE")
    return session, events, NOW


def escalated() -> Step:
    session, events, _ = registered()
    return session, events + advance(session, ESCALATED_AT, POLICY), ESCALATED_AT


def claimed() -> Step:
    session, events, t = escalated()
    return session, events + esc.claim(session, OLLE, t + timedelta(minutes=1)), t + timedelta(minutes=1)


def waiting_for_retry() -> Step:
    session, events, t = claimed()
    events += esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, t, POLICY)
    return session, events, t + timedelta(minutes=2)


def second_call() -> Step:
    session, events, t = waiting_for_retry()
    t = ESCALATED_AT + timedelta(minutes=1) + POLICY.call_interval
    return session, events + advance(session, t, POLICY), t


def police() -> Step:
    session, events, t = second_call()
    events += esc.record_call(session, MARIA, 2, CallResult.NO_ANSWER, t, POLICY)
    return session, events, t + timedelta(minutes=1)


def inform() -> Step:
    session, events, t = police()
    events += esc.mark_police_alerted(session, OLLE, "K-2026-4711-33", t + timedelta(minutes=3), POLICY)
    return session, events, t + timedelta(minutes=3)


def informed() -> Step:
    session, events, t = inform()
    t += timedelta(minutes=4)
    events += esc.mark_contact_informed(session, OLLE, t, POLICY) + esc.mark_rtib_informed(session, MARIA, t, POLICY)
    return session, events, t


def late_confirmation() -> Step:
    session, events, t = inform()
    t += timedelta(minutes=6)
    return session, events + cmd.confirm(session, t), t


def closed() -> Step:
    session, events, t = informed()
    t += timedelta(minutes=20)
    note = "Polisen har kontakt med Anna, hon var kvar i möteslokalen med telefonen avstängd. Inget mer behövs."
    return session, events + esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, note, t, POLICY), t


def acute_help() -> Step:
    session, events, t = registered()
    t += timedelta(minutes=40)
    return session, events + cmd.request_help(session, t), t


def acute_at_registration() -> Step:
    return registered(acute=True)


# ------------------------------------------------------------------------------------------- the cards


@dataclass(frozen=True)
class Shot:
    """One card to look at: its name, the card, and which buttons to press first (a ShowCard, a toggle)."""

    name: str
    card: dict[str, Any]
    clicks: tuple[str, ...] = ()


def refused_form() -> RegistrationForm:
    """The tests' refused form, filled in the way a politician on the way home would."""
    return shared_refused_form(
        organisation_kind="nämnd",
        organisation="Regionstyrelsen",
        contact_role="säkerhetsansvarig",
        trip_from="Folkets hus, Göteborg",
        note="Tar spårvagn 11 hem",
    )


ESCALATION_STEPS: dict[str, Callable[[], Step]] = {
    "1-new": escalated,
    "2-claimed": claimed,
    "3-waiting-for-retry": waiting_for_retry,
    "4-attempt-2": second_call,
    "5-police": police,
    "6-inform": inform,
    "7-informed": informed,
    "8-late-confirmation": late_confirmation,
    "9-closed": closed,
    "akut-help": acute_help,
    "akut-registration": acute_at_registration,
}


def escalation_shots(texts: Texts) -> list[Shot]:
    """The operators' card at each step of the routine, with the wrap-up form and the history unfolded."""
    shots: list[Shot] = []
    for name, build in ESCALATION_STEPS.items():
        session, events, now = build()
        shots.append(Shot(f"esc-{name}", escalation_card(session, events, POLICY, now, texts)))
    session, events, now = informed()
    wrap_up = escalation_card(session, events, POLICY, now, texts)
    shots.append(Shot("esc-7-informed-close-form", wrap_up, (texts.t("esc.step.close.button"),)))
    session, events, now = closed()
    history = texts.t("esc.history.show", count=len(history_lines(events, now, texts)))
    shots.append(Shot("esc-9-closed-history", escalation_card(session, events, POLICY, now, texts), (history,)))
    return shots


def build_shots(texts: Texts) -> list[Shot]:
    """Every card a person, an operator or an admin meets, in the language of `texts` (the operators' card: Swedish)."""
    fresh = registered()[0]
    reminded, due = replace(fresh, state=State.REMINDED), replace(fresh, state=State.DUE)
    session, _, _ = escalated()
    helped, _, helped_at = acute_help()
    confirmed, _, confirmed_at = late_confirmation()
    ended = replace(fresh, state=State.CLOSED, closed_at=NOW + timedelta(hours=1), outcome=Outcome.CONFIRMED)
    extend = texts.t("user.button.extend")
    flag = Flag(ANNA, 3, NOW)
    blank = RegistrationForm(phone="070-123 45 67")
    return [
        Shot("user-welcome", user_cards.welcome_card(texts)),
        Shot("user-help", user_cards.help_card(texts)),
        Shot("user-form-blank", registration_form_card(blank, texts, POLICY, NOW)),
        Shot("user-form-refused", registration_form_card(refused_form(), texts, POLICY, NOW, REFUSALS, attempts=2)),
        Shot("user-receipt", user_cards.receipt_card(fresh, texts, POLICY, NOW)),
        Shot("user-receipt-extend-open", user_cards.receipt_card(fresh, texts, POLICY, NOW), clicks=(extend,)),
        Shot("user-already-active", user_cards.already_active_card(fresh, texts, POLICY, NOW)),
        Shot("user-reminder", user_cards.reminder_card(reminded, texts, POLICY)),
        Shot("user-at-sluttid", user_cards.due_card(due, texts, POLICY)),
        Shot("user-extend", user_cards.extend_card(due, texts, NOW + timedelta(hours=1))),
        Shot("user-escalation-notice", user_cards.escalation_notice_card(session, texts, POLICY, ESCALATED_AT)),
        Shot("user-help-receipt", user_cards.status_card(helped, texts, POLICY, helped_at)),
        Shot("user-acute-receipt", user_cards.receipt_card(acute_at_registration()[0], texts, POLICY, NOW)),
        Shot("user-late-confirmation", user_cards.status_card(confirmed, texts, POLICY, confirmed_at)),
        Shot("user-closed", user_cards.closed_card(ended, texts)),
        Shot("user-code-word", user_cards.code_word_card(texts, has_word=False)),
        Shot("admin-flag", admin_cards.flag_card(flag, POLICY.flag_period, texts)),
        Shot("admin-flag-decided", admin_cards.decided_card(ANNA.name, "barred", OLLE.name, texts)),
        *(escalation_shots(texts) if texts.language == "sv" else []),  # the operators' card is Swedish only
    ]
