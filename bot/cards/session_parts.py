"""Pieces every card about one session shares: what was registered (a FactSet), times as a person in Sweden reads
them, and the buttons that act on that session. Every button carries the session id it was drawn for, so a
tap on an old card acts on its own session only.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from adaptivecards.containers import ActionSet, Fact, FactSet
from adaptivecards.elements import TextBlock

from bot.cards import verbs
from bot.cards.elements import ActionShowCard, ActionStyle, ActionSubmit, InputTime, card
from bot.domain.model import Registration, Session, Whereabouts
from bot.domain.phone import NUMBER_IN_TEXT, display_phone_unbroken, parse_phone, unbreakable
from bot.domain.policy import Policy
from bot.i18n import Texts
from bot.i18n.labels import inline, label
from bot.i18n.markup import Markup, defang
from bot.i18n.timefmt import format_duration_minutes, format_time, format_when, to_local

DELAY_MINUTES = (15, 30, 60)


# ------------------------------------------------------------------------------------------------ text


def at_text(when: datetime, now: datetime, texts: Texts) -> str:
    """ "kl. 14:30" / "at 14:30" on the same Stockholm day as `now`, else "torsdag 26 nov. kl. 09:00"."""
    return _day_or_time(when, now, texts, "user.at_time")


def by_text(when: datetime, now: datetime, texts: Texts) -> str:
    """Like at_text, for a deadline: "kl. 14:30" / "14:30" (as in "check in by 14:30")."""
    return _day_or_time(when, now, texts, "user.by_time")


def _day_or_time(when: datetime, now: datetime, texts: Texts, key: str) -> str:
    if to_local(when).date() == to_local(now).date():
        return texts.t(key, time=format_time(when, texts.language))
    return format_when(when, texts.language)


def duration_text(duration: timedelta, texts: Texts) -> str:
    """A policy duration in words, whole minutes ("15 minuter", "24 timmar")."""
    return format_duration_minutes(int(duration.total_seconds() // 60), texts.language)


def max_session_text(texts: Texts, policy: Policy) -> str:
    """How far ahead a sluttid may be, in words ("24 timmar")."""
    return duration_text(policy.max_session, texts)


def line(text: str, **style: Any) -> Any:
    """A wrapping TextBlock; `style` takes adaptivecards' keyword names (color, weight, isSubtle, size)."""
    return TextBlock(text=defang(text), wrap=True, **style)


def dialable(text: str) -> Markup:
    """A catalog sentence with its phone numbers (112, the safety centre's) as tel: links a phone dials with
    one tap; the number stays the link's visible text, readable and kept on one line where it does not dial."""

    def link(match: re.Match[str]) -> str:
        shown = match.group()
        try:
            target = "112" if shown == "112" else parse_phone(shown)
        except ValueError:
            return unbreakable(shown)
        return f"[{unbreakable(shown)}](tel:{target})"

    return Markup(_DIALABLE.sub(link, text))


_DIALABLE = re.compile(rf"\b112\b|{NUMBER_IN_TEXT.pattern}")  # the emergency number, and any phone number


def fallback_line(texts: Texts) -> Any:
    """ "If Teams is not working: call …", the safety centre's number a tap away and kept on one line."""
    return line(dialable(texts.t("fallback.phone")), isSubtle=True, size="small")


def place_text(where: Whereabouts, texts: Texts) -> str:
    if not where.is_trip:
        return defang(where.address)
    route = texts.t("receipt.trip", trip_from=where.trip_from, trip_to=where.trip_to)
    if where.mode is None:
        return route
    return Markup(f"{route} ({inline(texts, where.mode)})")


def place_fact(where: Whereabouts, texts: Texts) -> Fact:
    """ "Plats: …" for a meeting, "Resa: … – …" for a trip."""
    return Fact(
        title=texts.t("receipt.fact.trip" if where.is_trip else "receipt.fact.place"), value=place_text(where, texts)
    )


def registration_facts(session: Session, texts: Texts, now: datetime) -> Any:
    """What the person registered, as the trygghetscentral would read it back to them."""
    reg: Registration = session.registration
    where = reg.whereabouts
    contact = reg.contact
    contact_text = texts.t(
        "receipt.contact_value",
        role=label(texts, contact.role),
        name=contact.name,
        phone=display_phone_unbroken(contact.phone),
    )
    facts = [
        Fact(title=texts.t("receipt.fact.end"), value=by_text(session.end_time, now, texts)),
        place_fact(where, texts),
        Fact(title=texts.t("receipt.fact.phone"), value=display_phone_unbroken(reg.phone)),
        Fact(
            title=label(texts, reg.organisation_kind),
            value=defang(reg.organisation),
        ),
        Fact(title=texts.t("receipt.fact.contact"), value=contact_text),
        Fact(
            title=texts.t("receipt.fact.threat" if reg.threat.known else "receipt.fact.unsafe"),
            value=defang(reg.threat.description),
        ),
    ]
    if reg.note:
        facts.append(Fact(title=texts.t("receipt.fact.note"), value=defang(reg.note)))
    return FactSet(facts=facts)


# --------------------------------------------------------------------------------------------- buttons


def session_data(verb: str, session: Session, **extra: str) -> dict[str, str]:
    return {"verb": verb, "session": session.id, **extra}


def _tap(title: str, verb: str, session: Session, style: ActionStyle | None = None, **extra: str) -> ActionSubmit:
    """A one-tap session button: sends its own data only, never the card's inputs."""
    return ActionSubmit(title=title, style=style, data=session_data(verb, session, **extra), associated_inputs="none")


def confirm_action(session: Session, texts: Texts, style: ActionStyle = "positive") -> ActionSubmit:
    """ "Allt gick bra"; filled (positive) where it is the expected answer, plain where a slip would end the watch."""
    return _tap(texts.t("user.button.confirm"), verbs.SESSION_CONFIRM, session, style)


def help_action(session: Session, texts: Texts) -> ActionSubmit:
    return _tap(texts.t("user.button.help"), verbs.SESSION_HELP, session, "destructive")


def cancel_action(session: Session, texts: Texts) -> ActionShowCard:
    """ "Avbryt" unfolds a question first: ending a safety watch by a slip of the finger would be dangerous."""
    question = card(
        [line(texts.t("user.cancel.question"))],
        [_tap(texts.t("user.button.cancel_confirm"), verbs.SESSION_CANCEL, session, "destructive")],
    )
    return ActionShowCard(title=texts.t("user.button.cancel"), card=question)


def delay_buttons(session: Session, texts: Texts) -> list[ActionSubmit]:
    """One tap each: +15, +30, +60 minutes (from sluttid, or from now once sluttid has passed)."""
    end = session.end_time.isoformat()
    return [
        _tap(
            texts.t("user.button.minutes", minutes=minutes),
            verbs.SESSION_EXTEND,
            session,
            end=end,
            minutes=str(minutes),
        )
        for minutes in DELAY_MINUTES
    ]


def _time_input(texts: Texts, *, required: bool) -> InputTime:
    """The "other time" field: required where it is the only choice, optional beside the one-tap delays."""
    return InputTime(
        id=verbs.EXTEND_TIME_INPUT,
        label=texts.t("extend.time_label"),
        is_required=required,
        error_message=texts.t("extend.time_missing") if required else None,
    )


def _save_time(session: Session, texts: Texts) -> ActionSubmit:
    return ActionSubmit(
        title=texts.t("user.button.save_time"),
        data=session_data(verbs.SESSION_EXTEND, session, end=session.end_time.isoformat()),
    )


def extend_chooser(session: Session, texts: Texts) -> dict[str, Any]:
    """+15/+30/+60 (one tap each) and a time field with its own button."""
    return card(
        [
            line(texts.t("extend.choose")),
            ActionSet(actions=delay_buttons(session, texts)),
            _time_input(texts, required=False),
        ],
        [_save_time(session, texts)],
    )


def extend_action(session: Session, texts: Texts) -> ActionShowCard:
    """ "Förläng": unfolds the chooser in place, without a round trip to the bot."""
    return ActionShowCard(title=texts.t("user.button.extend"), card=extend_chooser(session, texts))


def delay_row(session: Session, texts: Texts) -> list[Any]:
    """The due card's "Jag är försenad": the three one-tap delays on one row and "Annan tid …" (unfolds a time
    field) on a row of its own, so all four fit a phone-sized pane (360 px) without being cut off."""
    other_time = card([_time_input(texts, required=True)], [_save_time(session, texts)])
    other = ActionShowCard(title=texts.t("user.button.other_time"), card=other_time)
    return [
        line(texts.t("due.delayed"), weight="bolder"),
        ActionSet(actions=delay_buttons(session, texts)),
        ActionSet(actions=[other], spacing="small"),
    ]
