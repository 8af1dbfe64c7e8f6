"""The top of the escalation card: the header, what changed (banners) and the facts an operator needs at once.

Everything here is read from the session as registered; the routine's "Instruktion för mottagare" lists the
facts: who (name, organisation, phone), the contact, where, sluttid, the threat, and when it was registered.
"""

from __future__ import annotations

from datetime import datetime

from bot.cards.operator_blocks import Block, clock, container, facts, tel_link, text
from bot.domain.events import Event, EventKind
from bot.domain.model import CallResult, Contact, Escalation, EscalationKind, Registration, Session
from bot.domain.phone import display_phone
from bot.i18n import Texts


def organisation(registration: Registration, texts: Texts) -> str:
    kind = texts.t(f"esc.org.{registration.organisation_kind.name.lower()}")
    return texts.t("esc.org", organisation=registration.organisation, kind=kind)


def contact_line(contact: Contact, texts: Texts, *, link: bool = False) -> str:
    phone = display_phone(contact.phone)
    role = texts.t(f"esc.role.{contact.role.name.lower()}")
    return texts.t("esc.contact", role=role, name=contact.name, phone=tel_link(phone, contact.phone) if link else phone)


def where_line(registration: Registration, texts: Texts) -> str:
    place = registration.whereabouts
    if not place.is_trip:
        return place.address
    if place.mode is None:
        return texts.t("esc.where.trip", origin=place.trip_from, destination=place.trip_to)
    mode = texts.t(f"esc.mode.{place.mode.name.lower()}")
    return texts.t("esc.where.trip_mode", origin=place.trip_from, destination=place.trip_to, mode=mode)


def end_time_line(session: Session, texts: Texts, now: datetime) -> str:
    end = clock(session.end_time, texts, now)
    if not session.extensions:
        return end
    previous = ", ".join(clock(t, texts, now) for t in session.extensions)
    return texts.t("esc.end.extended", end=end, previous=previous)


def threat_line(registration: Registration, texts: Texts) -> str:
    key = "esc.threat.known" if registration.threat.known else "esc.threat.unknown"
    return texts.t(key, text=registration.threat.description)


def help_requested_at(escalation: Escalation, events: list[Event]) -> datetime:
    asked = next((e.at for e in events if e.kind is EventKind.HELP_REQUESTED), None)
    return asked or escalation.raised_at


def is_acute(escalation: Escalation) -> bool:
    return escalation.kind is EscalationKind.ACUTE


def all_well(escalation: Escalation) -> bool:
    """Confirmed by the person, or reached by phone and well."""
    reached = escalation.reached
    return escalation.user_confirmed_at is not None or (
        reached is not None and reached.result is CallResult.ANSWERED_WELL
    )


def header(session: Session, escalation: Escalation, events: list[Event], now: datetime, texts: Texts) -> Block:
    """ "Ingen återkoppling – {namn}" (or AKUT, or Avslutat), how late, and who handles it."""
    name = session.owner.name
    items: list[Block] = []
    if escalation.closed is not None:
        items.append(text(texts.t("esc.header.closed", name=name), size="large", weight="bolder"))
        outcome = texts.t(f"esc.outcome.{escalation.outcome.value}") if escalation.outcome else ""
        closed = texts.t(
            "esc.closed.line",
            outcome=outcome,
            time=clock(escalation.closed.at, texts, now),
            name=escalation.closed.by.name,
        )
        items.append(text(closed, spacing="none"))
        return container(items, style="good")
    if is_acute(escalation):
        items.append(text(texts.t("esc.header.acute", name=name), size="large", weight="bolder", color="attention"))
        if escalation.police_alerted is None and not all_well(escalation):
            items.append(text(texts.t("esc.acute.lead"), size="extraLarge", weight="bolder", color="attention"))
        elif escalation.police_alerted is not None:
            done = clock(escalation.police_alerted.at, texts, now)
            items.append(text(texts.t("esc.acute.police_done", time=done), weight="bolder"))
        if session.registration.acute:
            reason = texts.t("esc.acute.registration", name=name, time=clock(session.created_at, texts, now))
        else:
            reason = texts.t("esc.acute.help", name=name, time=clock(help_requested_at(escalation, events), texts, now))
        items.append(text(reason, spacing="small"))
    else:
        items.append(text(texts.t("esc.header.missed", name=name), size="large", weight="bolder"))
        minutes = max(0, int((now - session.end_time).total_seconds() // 60))
        overdue = texts.t("esc.overdue", minutes=minutes, end=clock(session.end_time, texts, now))
        items.append(text(overdue, weight="bolder", color="attention", spacing="none"))
    if escalation.claimed is None:
        items.append(text(texts.t("esc.unclaimed"), subtle=True, spacing="small"))
    else:
        by = texts.t("esc.claimed_by", name=escalation.claimed.by.name, time=clock(escalation.claimed.at, texts, now))
        items.append(text(by, weight="bolder", spacing="small"))
    return container(items, style="attention")


def banners(session: Session, escalation: Escalation, now: datetime, texts: Texts) -> list[Block]:
    """What changed the checklist: a late confirmation, the person reached, or "answered but needs help"."""
    if escalation.closed is not None:
        return []
    if escalation.user_confirmed_at is not None:
        lines = [text(texts.t("esc.confirmed", time=clock(escalation.user_confirmed_at, texts, now)), weight="bolder")]
        contact = contact_line(session.registration.contact, texts)
        for done, key in (
            (escalation.police_alerted, "esc.confirmed.tell_police"),
            (escalation.contact_informed, "esc.confirmed.tell_contact"),
            (escalation.rtib_informed, "esc.confirmed.tell_rtib"),
        ):
            if done is not None:
                lines.append(text(texts.t(key, contact=contact), color="attention", weight="bolder"))
        lines.append(text(texts.t("esc.confirmed.close"), spacing="small"))
        return [container(lines, style="good")]
    reached = escalation.reached
    if reached is not None and reached.result is CallResult.ANSWERED_WELL:
        return [
            container([text(texts.t("esc.reached", time=clock(reached.at, texts, now)), weight="bolder")], style="good")
        ]
    if reached is not None and reached.result is CallResult.ANSWERED_NEEDS_HELP and escalation.police_alerted is None:
        return [container([text(texts.t("esc.needs_help"), weight="bolder", color="attention")], style="attention")]
    return []


def fact_set(session: Session, texts: Texts, now: datetime) -> Block:
    """The facts without scrolling: name, organisation, phone (tel: link), contact, where, sluttid, threat."""
    registration = session.registration
    if session.personal_data_erased:  # retention: only who, the organisation and the times remain
        return facts(
            [
                (texts.t("esc.fact.name"), session.owner.name),
                (texts.t("esc.fact.organisation"), organisation(registration, texts)),
                (texts.t("esc.fact.end_time"), end_time_line(session, texts, now)),
                (texts.t("esc.fact.registered"), clock(session.created_at, texts, now)),
                (texts.t("esc.fact.erased"), texts.t("esc.fact.erased_text")),
            ]
        )
    return facts(
        [
            (texts.t("esc.fact.name"), session.owner.name),
            (texts.t("esc.fact.organisation"), organisation(registration, texts)),
            (texts.t("esc.fact.phone"), tel_link(display_phone(registration.phone), registration.phone)),
            (texts.t("esc.fact.contact"), contact_line(registration.contact, texts, link=True)),
            (texts.t("esc.fact.where"), where_line(registration, texts)),
            (texts.t("esc.fact.end_time"), end_time_line(session, texts, now)),
            (texts.t("esc.fact.threat"), threat_line(registration, texts)),
            (texts.t("esc.fact.note"), registration.note),
            (texts.t("esc.fact.registered"), clock(session.created_at, texts, now)),
        ]
    )


def police_summary(session: Session, escalation: Escalation, events: list[Event], now: datetime, texts: Texts) -> str:
    """What to read out to the police on 112: the information the person left with the service."""
    registration, name = session.registration, session.owner.name
    who = {
        "name": name,
        "organisation": organisation(registration, texts),
        "phone": display_phone(registration.phone),
    }
    reached = escalation.reached
    sentences = [texts.t("esc.police.intro")]
    if is_acute(escalation):
        asked = session.created_at if registration.acute else help_requested_at(escalation, events)
        sentences.append(texts.t("esc.police.acute", time=clock(asked, texts, now), **who))
    elif reached is not None and reached.result is CallResult.ANSWERED_NEEDS_HELP:
        sentences.append(texts.t("esc.police.needs_help", time=clock(reached.at, texts, now), **who))
    else:
        sentences.append(texts.t("esc.police.missed", end=clock(session.end_time, texts, now), **who))
    place = registration.whereabouts
    if not place.is_trip:
        sentences.append(texts.t("esc.police.address", address=place.address))
    elif place.mode is None:
        sentences.append(texts.t("esc.police.trip", origin=place.trip_from, destination=place.trip_to))
    else:
        mode = texts.t(f"esc.mode.{place.mode.name.lower()}")
        sentences.append(texts.t("esc.police.trip_mode", origin=place.trip_from, destination=place.trip_to, mode=mode))
    sentences.append(threat_line(registration, texts))
    if registration.note:
        sentences.append(texts.t("esc.police.note", note=registration.note))
    if escalation.no_answer_count:
        sentences.append(texts.t("esc.police.calls", count=escalation.no_answer_count))
    return " ".join(_sentence(s) for s in sentences)


def _sentence(text: str) -> str:
    """The person's own words end without a full stop as often as not; read aloud, each part is a sentence."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."
