"""The escalation card in the operators' channel, drawn entirely from the session and its audit events.

One card per escalation, posted as a new thread and updated in place after every step, so every operator sees
the same current state: header and facts (operator_facts), the routine's checklist under one "Nästa" line
(operator_checklist, operator_view), and a folded history drawn from the session's events (the audit log), each
with who and when. The card asks Teams for the full width of the channel (`msteams.width`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.cards.elements import ActionToggleVisibility, card
from bot.cards.operator_blocks import Block, action_set, clock, container, text
from bot.cards.operator_checklist import checklist
from bot.cards.operator_facts import banners, fact_set, header
from bot.cards.operator_view import View, is_acute
from bot.domain.escalation import Party
from bot.domain.events import Event, EventKind
from bot.domain.model import CallResult, Outcome, Session
from bot.domain.policy import Policy
from bot.i18n import Texts
from bot.i18n.labels import label, member_of

HISTORY_ID = "history"
CHANNEL_LOCALE = "sv-SE"  # the operators' card is Swedish only (bot/i18n/operators.py)
# Teams' host extension: without it Teams draws the card at a fixed narrow width even in a wide channel, and the
# facts, the police script and the buttons wrap line after line.
TEAMS_FULL_WIDTH = {"width": "Full"}


def escalation_card(
    session: Session, events: list[Event], policy: Policy, now: datetime, texts: Texts
) -> dict[str, Any]:
    """The whole card for the session's escalation, as it stands at `now`."""
    escalation = session.escalation
    if escalation is None:
        raise ValueError("the session has no escalation")
    view = View(session, escalation, events, policy, now, texts)
    body: list[Block] = [
        header(view),
        *banners(view),
        fact_set(session, texts, now),
        *checklist(view),
        *history(events, now, texts),
    ]
    content = card(body, lang=texts.language)
    content["msteams"] = dict(TEAMS_FULL_WIDTH)
    return content


def summary(session: Session, texts: Texts) -> str:
    """The notification text Teams shows for the new thread."""
    acute = session.escalation is not None and is_acute(session.escalation)
    return texts.t("esc.summary.acute" if acute else "esc.summary.missed", name=session.owner.name)


def history_lines(events: list[Event], now: datetime, texts: Texts) -> list[str]:
    """One line per event that matters to the operators, oldest first, with time and actor."""
    lines: list[str] = []
    for event in events:
        line = _HISTORY.get(event.kind)
        if line is not None:
            lines.append(line(event, clock(event.at, texts, now), texts))
    return lines


def history(events: list[Event], now: datetime, texts: Texts) -> list[Block]:
    lines = history_lines(events, now, texts)
    if not lines:
        return []
    toggle = ActionToggleVisibility(title=texts.t("esc.history.show", count=len(lines)), target_elements=[HISTORY_ID])
    items = [text(line, size="small", spacing="none") for line in lines]
    # Set apart from the checklist (a rule and space): the log is for looking back, not a step to take.
    return [
        action_set([toggle], spacing="large", separator=True),
        container(items, id=HISTORY_ID, visible=False, spacing="small"),
    ]


# The step an operator skipped, as the event names it (bot/domain/checklist.py's steps and actions).
SKIPPED_STEPS: Mapping[str, str] = {
    "call": "esc.skipped.call",
    "police": "esc.skipped.police",
    "contact": "esc.skipped.contact",
    "rtib": "esc.skipped.rtib",
    "tell_police": "esc.skipped.tell_police",
    "tell_contact": "esc.skipped.tell_contact",
    "tell_rtib": "esc.skipped.tell_rtib",
}


def _named(key: str) -> Callable[[Event, str, Texts], str]:
    return lambda e, time, texts: texts.t(key, time=time, name=e.actor.name)


def _escalated(e: Event, time: str, texts: Texts) -> str:
    return texts.t(
        "esc.history.escalated_acute" if e.data.get("kind") == "acute" else "esc.history.escalated_missed", time=time
    )


def _call(e: Event, time: str, texts: Texts) -> str:
    result = label(texts, member_of(CallResult, e.data.get("result", ""), CallResult.NO_ANSWER))
    return texts.t("esc.history.call", time=time, name=e.actor.name, attempt=e.data.get("attempt", "?"), result=result)


def _closed(e: Event, time: str, texts: Texts) -> str:
    outcome = label(texts, member_of(Outcome, e.data.get("outcome", ""), Outcome.OTHER))
    return texts.t("esc.history.closed", time=time, name=e.actor.name, outcome=outcome)


def _told_safe(e: Event, time: str, texts: Texts) -> str:
    party = member_of(Party, e.data.get("party", ""), None)
    who = label(texts, party) if party is not None else texts.t("esc.party.someone")
    return texts.t("esc.history.told_safe", time=time, name=e.actor.name, party=who)


def _skipped(e: Event, time: str, texts: Texts) -> str:
    key = SKIPPED_STEPS.get(e.data.get("step", ""))
    step = texts.t(key) if key is not None else e.data.get("step", "")
    return texts.t("esc.history.skipped", time=time, name=e.actor.name, step=step)


_HISTORY: dict[EventKind, Callable[[Event, str, Texts], str]] = {
    EventKind.REGISTERED: _named("esc.history.registered"),
    EventKind.EXTENDED: _named("esc.history.extended"),
    EventKind.ESCALATED: _escalated,
    EventKind.RENOTIFIED: lambda e, time, texts: texts.t(
        "esc.history.renotified", time=time, count=e.data.get("count", "")
    ),
    EventKind.CLAIMED: _named("esc.history.claimed"),
    EventKind.CLAIM_STALE: _named("esc.history.stale"),
    EventKind.CLAIM_TAKEN_OVER: _named("esc.history.taken_over"),
    EventKind.STEP_SKIPPED: _skipped,
    EventKind.CALL_RECORDED: _call,
    EventKind.CALL_RETRY_DUE: lambda e, time, texts: texts.t(
        "esc.history.call_retry", time=time, attempt=e.data.get("attempt", "")
    ),
    EventKind.POLICE_ALERTED: _named("esc.history.police"),
    EventKind.CONTACT_INFORMED: _named("esc.history.contact"),
    EventKind.RTIB_INFORMED: _named("esc.history.rtib"),
    EventKind.TOLD_SAFE: _told_safe,
    EventKind.CONFIRMED: _named("esc.history.confirmed"),
    EventKind.HELP_REQUESTED: _named("esc.history.help"),
    EventKind.ESCALATION_CLOSED: _closed,
}
