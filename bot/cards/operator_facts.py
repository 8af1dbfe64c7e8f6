"""The top of the escalation card: the header, what changed (banners) and the facts an operator needs at once.

Everything here is read from the session as registered; the routine's "Instruktion för mottagare" lists the
facts: who (name, organisation, phone), the contact, where, sluttid, the threat, and when it was registered.
The header says the state in one colour: red while the alarm stands (AKUT, or no check-in), green once the
person is known to be safe (confirmed or reached) or the case is closed.
"""

from __future__ import annotations

from datetime import datetime

from bot.cards.operator_blocks import Block, clock, container, dial, facts, text
from bot.cards.operator_view import View
from bot.domain.checklist import Action, Status, StepId
from bot.domain.events import Event, EventKind
from bot.domain.model import CallResult, Contact, Escalation, Registration, Session
from bot.domain.phone import display_phone_unbroken
from bot.i18n import Texts
from bot.i18n.labels import inline, label


def organisation(registration: Registration, texts: Texts) -> str:
    kind = inline(texts, registration.organisation_kind)
    return texts.t("esc.org", organisation=registration.organisation, kind=kind)


def contact_line(contact: Contact, texts: Texts, *, link: bool = False) -> str:
    role = label(texts, contact.role)
    number = dial(contact.phone) if link else display_phone_unbroken(contact.phone)
    return texts.t("esc.contact", role=role, name=contact.name, phone=number)


def where_line(registration: Registration, texts: Texts) -> str:
    place = registration.whereabouts
    if not place.is_trip:
        return place.address
    if place.mode is None:
        return texts.t("esc.where.trip", origin=place.trip_from, destination=place.trip_to)
    mode = inline(texts, place.mode)
    return texts.t("esc.where.trip_mode", origin=place.trip_from, destination=place.trip_to, mode=mode)


def end_time_line(session: Session, texts: Texts, now: datetime) -> str:
    end = clock(session.end_time, texts, now)
    if not session.extensions:
        return end
    previous = ", ".join(clock(t, texts, now) for t in session.extensions)
    return texts.t("esc.end.extended", end=end, previous=previous)


def threat_fact(registration: Registration, texts: Texts) -> tuple[str, str]:
    """ "Känd hotbild: …", or "Hotbild: Ingen känd – känner sig otrygg: …" (the label never repeats the value)."""
    threat = registration.threat
    if threat.known:
        return texts.t("esc.fact.threat_known"), threat.description
    return texts.t("esc.fact.threat"), texts.t("esc.threat.unknown", text=threat.description)


def help_requested_at(escalation: Escalation, events: list[Event]) -> datetime:
    asked = next((e.at for e in events if e.kind is EventKind.HELP_REQUESTED), None)
    return asked or escalation.raised_at


def _police_line(escalation: Escalation, texts: Texts, now: datetime) -> Block | None:
    """ "Polis larmad kl. 14:15 (ärendenr K-…)", once the police are alerted."""
    alerted = escalation.police_alerted
    if alerted is None:
        return None
    time = clock(alerted.at, texts, now)
    if alerted.detail:
        return text(texts.t("esc.header.police_case", time=time, case=alerted.detail), weight="bolder")
    return text(texts.t("esc.header.police", time=time), weight="bolder")


def _title(value: str, color: str | None = None) -> Block:
    return text(value, size="large", weight="bolder", color=color)


def header(view: View) -> Block:
    """ "Ingen återkoppling – {namn}" (or AKUT, Allt väl, Avslutat), what happened, and who handles it."""
    session, escalation, texts, now = view.session, view.escalation, view.texts, view.now
    name = session.owner.name
    items: list[Block] = []
    if escalation.closed is not None:
        items.append(_title(texts.t("esc.header.closed", name=name)))
        outcome = label(texts, escalation.outcome) if escalation.outcome else ""
        closed = texts.t(
            "esc.closed.line",
            outcome=outcome,
            time=clock(escalation.closed.at, texts, now),
            name=escalation.closed.by.name,
        )
        items.append(text(closed, spacing="none"))
        return container(items, style="good")
    police = _police_line(escalation, texts, now)
    style = "attention"
    if view.acute:
        items.append(_title(texts.t("esc.header.acute", name=name), color="attention"))
        if escalation.police_alerted is None and not view.all_well:
            items.append(text(texts.t("esc.acute.lead"), size="extraLarge", weight="bolder", color="attention"))
        items += [police] if police else []
        if session.registration.acute:
            reason = texts.t("esc.acute.registration", name=name, time=clock(session.created_at, texts, now))
        else:
            asked = help_requested_at(escalation, view.events)
            reason = texts.t("esc.acute.help", name=name, time=clock(asked, texts, now))
        items.append(text(reason, spacing="small"))
    elif view.all_well:
        style = "good"
        items.append(_title(texts.t("esc.header.well", name=name), color="good"))
        if escalation.user_confirmed_at is not None:
            safe = texts.t("esc.confirmed", time=clock(escalation.user_confirmed_at, texts, now))
        else:
            reached_at = escalation.reached.at if escalation.reached else now
            safe = texts.t("esc.reached", time=clock(reached_at, texts, now))
        items.append(text(safe, weight="bolder", spacing="none"))
        end = clock(session.end_time, texts, now)
        items.append(text(texts.t("esc.header.was_missed", end=end), spacing="none"))
        items += [police] if police else []
    else:
        items.append(_title(texts.t("esc.header.missed", name=name)))
        # Clock times, not "N min after": a card that is not redrawn would go stale within minutes.
        end, alarm = clock(session.end_time, texts, now), clock(escalation.raised_at, texts, now)
        overdue = texts.t("esc.overdue", end=end, alarm=alarm)
        items.append(text(overdue, weight="bolder", color="attention", spacing="none"))
        items += [police] if police else []
        call = view.checklist[StepId.CALL]
        if call.status is Status.WAITING and call.until is not None:
            wait = texts.t("esc.step.call.wait", time=clock(call.until, texts, now))
            items.append(text(wait, weight="bolder", color="attention"))
    if escalation.claimed is None:
        unclaimed = texts.t("esc.unclaimed_since", time=clock(escalation.raised_at, texts, now))
        items.append(text(unclaimed, weight="bolder", color="attention", spacing="small"))
    else:
        by = texts.t("esc.claimed_by", name=escalation.claimed.by.name, time=clock(escalation.claimed.at, texts, now))
        items.append(text(by, weight="bolder", spacing="small"))
    return container(items, style=style)


_LEFT_KEYS = {
    Action.TELL_POLICE: "esc.safe.tell_police",
    Action.CONTACT: "esc.safe.contact",
    Action.TELL_CONTACT: "esc.safe.tell_contact",
    Action.RTIB: "esc.safe.rtib",
    Action.TELL_RTIB: "esc.safe.tell_rtib",
}


def _listing(items: list[str], texts: Texts) -> str:
    """ "a", "a och b", "a, b och c"."""
    if len(items) < 2:
        return "".join(items)
    return texts.t("esc.list.and", first=", ".join(items[:-1]), last=items[-1])


def banners(view: View) -> list[Block]:
    """What changed the checklist: the person safe after an alert (who still has to hear it), "answered but
    needs help", or an acute case where the person then said all is well (the operator judges)."""
    escalation, texts, now = view.escalation, view.texts, view.now
    if escalation.closed is not None:
        return []
    blocks: list[Block] = []
    if escalation.silent:  # the person's code word: whoever may be with them must not learn of the alarm
        silent = [text(texts.t("esc.silent.lead"), weight="bolder", color="attention")]
        blocks.append(container([*silent, text(texts.t("esc.silent.do"), spacing="small")], style="attention"))
    if escalation.user_confirmed_at is not None and view.acute:  # the AKUT header stays: say it here
        confirmed = texts.t("esc.confirmed", time=clock(escalation.user_confirmed_at, texts, now))
        blocks.append(container([text(confirmed, weight="bolder")], style="good"))
    left = view.checklist.owed
    if left and escalation.police_alerted is not None:
        lead = texts.t("esc.safe.lead", time=clock(escalation.police_alerted.at, texts, now))
        who = _listing([texts.t(_LEFT_KEYS[n]) for n in left], texts)
        items = [text(lead, weight="bolder"), text(texts.t("esc.safe.left", parties=who), spacing="small")]
        blocks.append(container(items, style="warning"))
    reached = escalation.reached
    needs_help = reached is not None and reached.result is CallResult.ANSWERED_NEEDS_HELP
    if needs_help and escalation.police_alerted is None and not view.all_well:
        alarm = text(texts.t("esc.needs_help"), weight="bolder", color="attention")
        blocks.append(container([alarm], style="attention"))
    return blocks


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
            (texts.t("esc.fact.phone"), dial(registration.phone)),
            (texts.t("esc.fact.contact"), contact_line(registration.contact, texts, link=True)),
            (texts.t("esc.fact.where"), where_line(registration, texts)),
            (texts.t("esc.fact.end_time"), end_time_line(session, texts, now)),
            threat_fact(registration, texts),
            (texts.t("esc.fact.note"), registration.note),
            (texts.t("esc.fact.registered"), clock(session.created_at, texts, now)),
        ]
    )
