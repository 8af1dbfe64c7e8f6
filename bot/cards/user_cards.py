"""The cards of the user's personal chat: welcome, help, the receipt and status of a session, the reminder before
sluttid, the prompt at sluttid, the extension chooser and the closed state. The registration form is in
registration_form.py. Every card is a plain Adaptive Card 1.5 dict built with bot.cards.elements.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from adaptivecards.containers import Fact, FactSet

from bot.cards import verbs
from bot.cards.elements import ActionStyle, ActionSubmit, CardPart, Heading, InputText, action_rows, card
from bot.cards.session_parts import (
    at_text,
    by_text,
    cancel_action,
    confirm_action,
    delay_row,
    dialable,
    duration_text,
    extend_action,
    extend_chooser,
    fallback_line,
    help_action,
    line,
    place_fact,
    registration_facts,
)
from bot.domain import code_word
from bot.domain.model import EscalationKind, Outcome, Session, State
from bot.domain.phone import display_phone_unbroken
from bot.domain.policy import Policy
from bot.i18n import Texts
from bot.i18n.timefmt import format_time

Card = dict[str, Any]

# The commands the help card lists, in order: (the command's name, what it does).
HELP_COMMANDS: tuple[tuple[str, str], ...] = (
    ("help.command.new", "help.command.new.what"),
    ("help.command.status", "help.command.status.what"),
    ("help.command.done", "help.command.done.what"),
    ("help.command.extend", "help.command.extend.what"),
    ("help.command.cancel", "help.command.cancel.what"),
    ("help.command.codeword", "help.command.codeword.what"),
    ("help.command.help", "help.command.help.what"),
)
# How the session ended, told to the person on the card drawn over the last one.
CLOSED_LINES: Mapping[Outcome, str] = {
    Outcome.CONFIRMED: "closed.outcome.confirmed",
    Outcome.CONFIRMED_LATE: "closed.outcome.confirmed_late",
    Outcome.CANCELLED: "closed.outcome.cancelled",
    Outcome.REACHED_WELL: "closed.outcome.reached_well",
    Outcome.SELF_REPORTED: "closed.outcome.self_reported",
    Outcome.POLICE_HANDLING: "closed.outcome.police_handling",
    Outcome.OTHER: "closed.outcome.other",
}


def _new_action(texts: Texts, style: ActionStyle | None = None) -> ActionSubmit:
    return ActionSubmit(title=texts.t("user.button.new"), data={"verb": verbs.REGISTER_START}, style=style)


def welcome_card(texts: Texts) -> Card:
    """First contact: the routine in three lines, the fallback phone number, and where to start."""
    return card(
        [
            Heading(text=texts.t("welcome.title")),
            line(texts.t("welcome.description.1")),
            line(texts.t("welcome.description.2")),
            line(texts.t("welcome.description.3")),
            line(dialable(texts.t("user.acute_112")), weight="bolder"),
            fallback_line(texts),
        ],
        [
            _new_action(texts, "positive"),
            ActionSubmit(title=texts.t("user.button.help_info"), data={"verb": verbs.HELP}),
        ],
        lang=texts.language,
    )


def help_card(texts: Texts) -> Card:
    """The commands (Swedish words, or English ones for an English client) and what to do when delayed."""
    facts = [Fact(title=texts.t(name), value=texts.t(what)) for name, what in HELP_COMMANDS]
    return card(
        [
            Heading(text=texts.t("help.title")),
            line(texts.t("help.intro")),
            FactSet(facts=facts),
            line(texts.t("help.delayed")),
            line(dialable(texts.t("user.acute_112")), weight="bolder"),
        ],
        [
            _new_action(texts, "positive"),
            ActionSubmit(title=texts.t("user.button.status"), data={"verb": verbs.STATUS}),
        ],
        lang=texts.language,
    )


# ------------------------------------------------------------------------------------------- a session


def schedule_line(session: Session, texts: Texts, policy: Policy, now: datetime) -> str:
    """ "Vi påminner dig kl. 14:20 – bekräfta senast kl. 14:30." (without the reminder once it is past)."""
    end = by_text(session.end_time, now, texts)
    reminder = session.end_time - policy.reminder_lead
    if session.state is State.REGISTERED and reminder > now:
        return texts.t("receipt.schedule", reminder=at_text(reminder, now, texts), end=end)
    return texts.t("receipt.schedule_no_reminder", end=end)


def _top(heading: str, intro: str) -> list[CardPart]:
    """The heading, and the intro line under it when there is one."""
    return [Heading(text=heading), line(intro)] if intro else [Heading(text=heading)]


def _open_card(session: Session, texts: Texts, policy: Policy, now: datetime, heading: str, intro: str) -> Card:
    """Registered or reminded: the schedule, what was registered, and confirm / extend / cancel.

    "Allt gick bra" is the filled main button only once the reminder has asked for it: on the receipt (and any
    card drawn before the reminder) one tap on it would end the watch before the meeting has even started.
    """
    body = [
        *_top(heading, intro),
        line(schedule_line(session, texts, policy, now), weight="bolder"),
        line(texts.t("receipt.delay_hint")),
        registration_facts(session, texts, now),
        fallback_line(texts),
    ]
    confirm = confirm_action(session, texts, "positive" if session.state is State.REMINDED else "default")
    actions = [confirm, extend_action(session, texts), cancel_action(session, texts)]
    # Three buttons do not sit side by side on a phone: rows of at most two, in the card's body.
    return card([*body, *action_rows(actions, spacing="medium")], lang=texts.language)


def _due_body(session: Session, texts: Texts, policy: Policy) -> list[CardPart]:
    grace = duration_text(policy.grace, texts)
    phone = display_phone_unbroken(session.registration.phone)
    return [
        line(texts.t("due.body", grace=grace, phone=phone)),
        *delay_row(session, texts),
    ]


def _escalated_card(session: Session, texts: Texts, now: datetime, heading: str, intro: str) -> Card:
    """The alarm is raised. After "Jag behöver hjälp" (an acute alarm) the card leads with 112, as a number a
    phone dials with one tap; "Allt gick bra" is never the filled button here, so a slip cannot look like the
    expected answer."""
    escalation = session.escalation
    acute = escalation is not None and escalation.kind is EscalationKind.ACUTE
    body = [Heading(text=heading)]
    if acute:
        body.append(line(dialable(texts.t("user.acute_112")), color="attention", weight="bolder", size="large"))
    body += [line(intro)] if intro else []
    actions: list[CardPart] = []
    if escalation is not None and escalation.user_confirmed_at is not None:
        body.append(line(texts.t("status.escalated.confirmed"), weight="bolder"))
    else:
        phone = display_phone_unbroken(session.registration.phone)
        body.append(line(texts.t("status.escalated.body", phone=phone), weight="bolder"))
        actions.append(confirm_action(session, texts, "default"))
    if not acute and escalation is not None and escalation.user_confirmed_at is None:
        actions.append(help_action(session, texts))
    body += [registration_facts(session, texts, now), fallback_line(texts)]
    return card(body, actions, lang=texts.language)


def status_card(
    session: Session, texts: Texts, policy: Policy, now: datetime, heading: str = "", intro: str = ""
) -> Card:
    """The session as it stands now, with the buttons that apply in its state (none once it is closed)."""
    if session.state is State.CLOSED:
        return closed_card(session, texts)
    if session.state is State.ESCALATED:
        return _escalated_card(session, texts, now, heading or texts.t("status.heading.escalated"), intro)
    if session.state is State.DUE:
        due_heading = heading or texts.t("due.heading", time=format_time(session.end_time, texts.language))
        body = [*_top(due_heading, intro), *_due_body(session, texts, policy), registration_facts(session, texts, now)]
        return card(body, [confirm_action(session, texts), help_action(session, texts)], lang=texts.language)
    return _open_card(session, texts, policy, now, heading or texts.t("status.heading.active"), intro)


def receipt_card(session: Session, texts: Texts, policy: Policy, now: datetime) -> Card:
    """Right after registering: what was registered, when we remind, and confirm / extend / cancel."""
    if session.state is State.ESCALATED:  # "Jag är i akut fara nu" was ticked
        return status_card(session, texts, policy, now, texts.t("receipt.heading_acute"))
    return status_card(session, texts, policy, now, texts.t("receipt.heading"))


def already_active_card(session: Session, texts: Texts, policy: Policy, now: datetime) -> Card:
    """ "ny" while a session runs: show it and offer to extend or end it (the operators end an escalated one)."""
    intro = texts.t("status.offer_escalated" if session.state is State.ESCALATED else "status.offer")
    return status_card(session, texts, policy, now, texts.t("status.heading.already_active"), intro)


def reminder_card(session: Session, texts: Texts, policy: Policy) -> Card:
    """Sent at sluttid minus the reminder lead: "Allt gick bra" or "Förläng"."""
    end = format_time(session.end_time, texts.language)
    return card(
        [
            Heading(text=texts.t("reminder.heading", time=end)),
            line(texts.t("reminder.body", time=end)),
            fallback_line(texts),
        ],
        [confirm_action(session, texts), extend_action(session, texts)],
        lang=texts.language,
    )


def due_card(session: Session, texts: Texts, policy: Policy) -> Card:
    """Sent at sluttid: "Allt gick bra", "Jag är försenad" (one tap: +15/+30/+60, or a time), "Jag behöver hjälp"."""
    end = format_time(session.end_time, texts.language)
    return card(
        [Heading(text=texts.t("due.heading", time=end)), *_due_body(session, texts, policy), fallback_line(texts)],
        [confirm_action(session, texts), help_action(session, texts)],
        lang=texts.language,
    )


def escalation_notice_card(session: Session, texts: Texts, policy: Policy, now: datetime) -> Card:
    """No confirmation arrived: the operators have been alerted and will call the number the person gave."""
    return status_card(session, texts, policy, now, texts.t("status.heading.missed"), texts.t("status.missed_intro"))


def extend_card(session: Session, texts: Texts, now: datetime) -> Card:
    """ "förläng" without a time: the chooser as a card of its own."""
    chooser = extend_chooser(session, texts)
    current = texts.t("extend.current", end=by_text(session.end_time, now, texts))
    return card(
        [Heading(text=texts.t("extend.heading")), line(current), *chooser["body"]],
        chooser["actions"],
        lang=texts.language,
    )


def closed_card(session: Session, texts: Texts) -> Card:
    """The final state, drawn over a tapped card once the session is over (no session buttons left)."""
    closed_at = session.closed_at or session.end_time
    outcome = session.outcome or Outcome.OTHER
    body: list[CardPart] = [
        Heading(text=texts.t("closed.heading")),
        line(texts.t(CLOSED_LINES[outcome], time=format_time(closed_at, texts.language))),
        FactSet(
            facts=[
                Fact(title=texts.t("receipt.fact.end"), value=format_time(session.end_time, texts.language)),
                place_fact(session.registration.whereabouts, texts),
            ]
        ),
    ]
    return card(body, [_new_action(texts)], lang=texts.language)


def code_word_card(texts: Texts, has_word: bool) -> Card:
    """`trygghetsord`: what the word does, a password field (the word is never shown back), and *Ta bort*."""
    field = InputText(
        id=verbs.CODE_WORD_INPUT,
        label=texts.t("codeword.label"),
        style="password",
        max_length=code_word.MAX_LENGTH,
        is_required=True,
        error_message=texts.t("error.code_word_length"),
    )
    actions = [ActionSubmit(title=texts.t("codeword.save"), data={"verb": verbs.CODE_WORD_SET}, style="positive")]
    if has_word:
        remove = ActionSubmit(
            title=texts.t("codeword.remove"), data={"verb": verbs.CODE_WORD_REMOVE}, associated_inputs="none"
        )
        actions.append(remove)
    body: list[CardPart] = [
        Heading(text=texts.t("codeword.heading")),
        line(texts.t("codeword.what")),
        line(texts.t("codeword.current.set" if has_word else "codeword.current.none"), weight="bolder"),
        field,
    ]
    return card(body, actions, lang=texts.language)


def code_word_saved_card(texts: Texts, key: str) -> Card:
    """Drawn over the tapped card, so the field (and what was typed in it) is gone from the chat."""
    return card([Heading(text=texts.t("codeword.heading")), line(texts.t(key))], [], lang=texts.language)
