"""Sessions as text lines, for the admins' lists (aktiva, larm, historik) and for a person's own data.

Both doors (Teams and the CLI) print exactly these strings, so an answer reads the same wherever it was asked.
Times are Stockholm local time; names and places appear only here, never in logs.
"""

from __future__ import annotations

from datetime import datetime

from bot.admin.event_details import details_text
from bot.domain.events import Event
from bot.domain.model import Escalation, EscalationKind, Person, Session, State
from bot.domain.phone import display_phone
from bot.i18n import Texts
from bot.i18n.labels import inline, label
from bot.i18n.markup import defang
from bot.i18n.timefmt import to_local

MAX_LINES = 60  # a Teams message stays readable (and under its size limit); the CLI gets the same


def stamp(when: datetime) -> str:
    """ "2026-11-25 13:00" in Stockholm time: sorts, reads the same in both languages, pastes into Excel."""
    return to_local(when).strftime("%Y-%m-%d %H:%M")


def hhmm(when: datetime) -> str:
    return to_local(when).strftime("%H:%M")


def who(person: Person) -> str:
    return person.name or person.key


def bullet_list(lines: list[str], texts: Texts) -> list[str]:
    """`- line` for each, cut at MAX_LINES with a note of how many were left out."""
    shown = [f"- {defang(line)}" for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(texts.t("admin.more", count=len(lines) - MAX_LINES))
    return shown


KIND_LINES = {EscalationKind.MISSED: "admin.kind.missed", EscalationKind.ACUTE: "admin.kind.acute"}


def where(session: Session, texts: Texts) -> str:
    if session.personal_data_erased:
        return texts.t("admin.erased")
    place = session.registration.whereabouts
    if not place.is_trip:
        return place.address
    trip = texts.t("admin.where.trip", origin=place.trip_from, destination=place.trip_to)
    return f"{trip} ({inline(texts, place.mode)})" if place.mode else trip


def state(session: Session, texts: Texts) -> str:
    if session.state is State.CLOSED and session.outcome is not None:
        return inline(texts, session.outcome)
    return label(texts, session.state)


def escalation(esc: Escalation, texts: Texts) -> str:
    """ "larm (ingen återkoppling) 14:05, hanteras av Olle Operatör 14:07, 2 samtal, polis larmad 14:20" """
    parts = [texts.t(KIND_LINES[esc.kind], time=hhmm(esc.raised_at))]
    if esc.claimed is not None:
        parts.append(texts.t("admin.esc.claimed", name=esc.claimed.by.name or esc.claimed.by.key))
    elif esc.closed is None:
        parts.append(texts.t("admin.esc.unclaimed"))
    if esc.call_attempts:
        parts.append(texts.t("admin.esc.calls", count=len(esc.call_attempts)))
    if esc.user_confirmed_at is not None:
        parts.append(texts.t("admin.esc.confirmed", time=hhmm(esc.user_confirmed_at)))
    if esc.police_alerted is not None:
        parts.append(texts.t("admin.esc.police", time=hhmm(esc.police_alerted.at)))
    if esc.closed is not None and esc.outcome is not None:
        outcome = inline(texts, esc.outcome)
        parts.append(texts.t("admin.esc.closed", time=hhmm(esc.closed.at), outcome=outcome))
    return ", ".join(parts)


def progress(session: Session, texts: Texts) -> str:
    """Where the session stands: the alarm's course when there was one, else its state or outcome."""
    return escalation(session.escalation, texts) if session.escalation else state(session, texts)


def active_line(session: Session, texts: Texts) -> str:
    return texts.t(
        "admin.active.line",
        name=who(session.owner),
        organisation=session.registration.organisation,
        where=where(session, texts),
        end=stamp(session.end_time),
        state=progress(session, texts),
    )


def history_line(session: Session, texts: Texts) -> str:
    return texts.t(
        "admin.history.line",
        created=stamp(session.created_at),
        end=stamp(session.end_time),
        state=progress(session, texts),
        organisation=session.registration.organisation,
        where=where(session, texts),
    )


def with_case(line: str, session: Session, texts: Texts) -> str:
    """An admin's line about a session, ending with its case id (what `ärende <id>` takes)."""
    return f"{line} – {texts.t('admin.case.ref', case=session.id)}"


def case(session: Session, events: list[Event], texts: Texts) -> str:
    """One case's course: who it is, then every event with its time, who acted and its facts."""
    title = texts.t(
        "admin.case.title",
        case=session.id,
        name=who(session.owner),
        organisation=session.registration.organisation,
        end=stamp(session.end_time),
        state=state(session, texts),
    )
    return "\n".join([title, *bullet_list([event_line(e, texts) for e in events], texts)])


def event_line(event: Event, texts: Texts) -> str:
    """ "2026-11-25 13:35 larm – systemet" and, when the event has them, its facts ("försök 1, ingen svarade")."""
    line = texts.t(
        "admin.case.event",
        time=stamp(event.at),
        event=label(texts, event.kind),
        actor=event.actor.name or label(texts, event.actor.kind),
    )
    facts = details_text(event, texts)
    return f"{line} ({facts})" if facts else line


def active(sessions: list[Session], texts: Texts) -> str:
    if not sessions:
        return texts.t("admin.active.none")
    lines = [texts.t("admin.active.title", count=len(sessions))]
    return "\n".join(lines + bullet_list([active_line(s, texts) for s in sessions], texts))


def alarms(sessions: list[Session], texts: Texts, period: str = "") -> str:
    """Open alarms, or (with `period`, as shown in the title) every alarm raised in it, with its date."""
    if not sessions:
        return texts.t("admin.alarms.period_none", period=period) if period else texts.t("admin.alarms.none")
    lines = []
    for s in sessions:
        assert s.escalation is not None
        name = f"{who(s.owner)} ({s.registration.organisation})"
        line = with_case(texts.t("admin.alarms.line", name=name, escalation=escalation(s.escalation, texts)), s, texts)
        lines.append(f"{to_local(s.escalation.raised_at):%Y-%m-%d} {line}" if period else line)
    title = (
        texts.t("admin.alarms.period_title", period=period, count=len(sessions))
        if period
        else texts.t("admin.alarms.title", count=len(sessions))
    )
    return "\n".join([title, *bullet_list(lines, texts)])


def session_details(session: Session, texts: Texts) -> list[str]:
    """Everything registered for one session (a person's own view of their data)."""
    if session.personal_data_erased:
        return [texts.t("admin.erased")]
    reg = session.registration
    contact = reg.contact
    threat_key = "privacy.threat.known" if reg.threat.known else "privacy.threat.unknown"
    lines = [
        texts.t(
            "privacy.session.organisation",
            organisation=reg.organisation,
            kind=inline(texts, reg.organisation_kind),
        ),
        texts.t("privacy.session.phone", phone=display_phone(reg.phone)),
        texts.t(
            "privacy.session.contact",
            role=inline(texts, contact.role),
            name=contact.name,
            phone=display_phone(contact.phone),
        ),
        texts.t("privacy.session.where", where=where(session, texts)),
        texts.t(threat_key, text=reg.threat.description),
    ]
    if reg.note:
        lines.append(texts.t("privacy.session.note", note=reg.note))
    esc = session.escalation
    if esc is not None and esc.closed is not None and esc.closed.detail:
        lines.append(texts.t("privacy.session.operator_note", note=esc.closed.detail))
    return lines
