"""What the operator reads out to the police on 112: the information the person left with the service.

The routine says "Uppge informationen som lämnats av personen". Read aloud under stress, one block of prose is
hard to follow and easy to lose one's place in, so the script is a short opening (who is calling, what
happened) and then one short line per item: who, organisation, phone, sluttid, last known place, the threat
(or why the person feels unsafe), the note, and the calls made.
"""

from __future__ import annotations

from bot.cards.operator_blocks import Block, facts, text
from bot.cards.operator_facts import end_time_line, help_requested_at, organisation, threat_fact, where_line
from bot.cards.operator_view import View
from bot.domain.model import CallResult
from bot.domain.phone import display_phone_unbroken


def _situation(view: View) -> str:
    """The one sentence that says why the police are called."""
    session, escalation, texts = view.session, view.escalation, view.texts
    name, registration = session.owner.name, session.registration
    reached = escalation.reached
    if view.acute:
        asked = session.created_at if registration.acute else help_requested_at(escalation, view.events)
        return texts.t("esc.police.acute", name=name, time=view.at(asked))
    if reached is not None and reached.result is CallResult.ANSWERED_NEEDS_HELP:
        return texts.t("esc.police.needs_help", name=name, time=view.at(reached.at))
    return texts.t("esc.police.missed", name=name, end=view.at(session.end_time))


def _calls(view: View) -> str:
    unanswered = [a for a in view.escalation.call_attempts if a.result is CallResult.NO_ANSWER]
    if not unanswered:
        return ""
    times = ", ".join(view.at(a.at) for a in unanswered)
    return view.t("esc.police.calls", count=len(unanswered), times=times)


def police_script(view: View) -> list[Block]:
    """The opening, then one line per item (a FactSet: label, value)."""
    session, texts = view.session, view.texts
    registration = session.registration
    rows = [
        (texts.t("esc.police.who"), session.owner.name),
        (texts.t("esc.fact.organisation"), organisation(registration, texts)),
        (texts.t("esc.fact.phone"), display_phone_unbroken(registration.phone)),
        (texts.t("esc.fact.end_time"), end_time_line(session, texts, view.now)),
        (texts.t("esc.police.place"), where_line(registration, texts)),
        threat_fact(registration, texts),
        (texts.t("esc.police.note"), registration.note),
        (texts.t("esc.police.calls_title"), _calls(view)),
    ]
    return [
        text(texts.t("esc.police.intro")),
        text(_situation(view), weight="bolder", spacing="small"),
        facts(rows),
    ]
