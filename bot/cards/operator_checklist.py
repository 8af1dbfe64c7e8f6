"""The routine's steps as a checklist on the escalation card: each step done (who, when), current (buttons),
waiting, or not needed. The buttons carry the step's own data (e.g. the call attempt number) so that a stale
or double tap is refused by the domain instead of being recorded twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from bot.cards.elements import (
    ActionOpenUrl,
    ActionShowCard,
    ActionStyle,
    ActionSubmit,
    Choice,
    InputChoiceSet,
    InputText,
    card,
)
from bot.cards.operator_blocks import Block, action_set, clock, container, data, text
from bot.cards.operator_facts import all_well, contact_line, is_acute, police_summary
from bot.domain.escalation import Phase, phase
from bot.domain.events import Event
from bot.domain.model import OPERATOR_OUTCOMES, CallResult, Escalation, Outcome, Session, StepDone
from bot.domain.phone import display_phone
from bot.domain.policy import Policy
from bot.i18n import Texts

CASE_NUMBER = "case_number"
OUTCOME = "outcome"
CLOSE_NOTE = "close_note"
CALL_RESULTS = (CallResult.ANSWERED_WELL, CallResult.ANSWERED_NEEDS_HELP, CallResult.NO_ANSWER)


class Mark(Enum):
    DONE = "✔"
    CURRENT = "▶"
    WAITING = "○"
    SKIPPED = "–"


@dataclass
class Step:
    title: str
    mark: Mark
    lines: list[str] = field(default_factory=list)
    extra: list[Block] = field(default_factory=list)
    actions: list[Any] = field(default_factory=list)

    def render(self) -> Block:
        color = {Mark.CURRENT: "attention", Mark.DONE: "good"}.get(self.mark)
        items: list[Block] = [text(f"{self.mark.value} {self.title}", weight="bolder", color=color)]
        items += [text(line, spacing="none", subtle=self.mark is not Mark.CURRENT) for line in self.lines]
        items += self.extra
        if self.actions:
            items.append(action_set(self.actions))
        return container(items, spacing="medium", separator=True)


@dataclass(frozen=True)
class View:
    """What every step needs: the session, its escalation, the phase now, and how to write."""

    session: Session
    escalation: Escalation
    events: list[Event]
    policy: Policy
    now: datetime
    texts: Texts

    @property
    def phase(self) -> Phase:
        return phase(self.escalation, self.policy, self.now)

    @property
    def closed(self) -> bool:
        return self.escalation.closed is not None

    @property
    def all_well(self) -> bool:
        """Confirmed by the person or reached and well: police and contacts are no longer needed."""
        return all_well(self.escalation)

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)

    def at(self, when: datetime) -> str:
        return clock(when, self.texts, self.now)

    def submit(self, title: str, verb: str, style: ActionStyle | None = None, **extra: Any) -> ActionSubmit:
        owner, session = self.session.owner.key, self.session.id
        return ActionSubmit(title=title, data=data(verb, owner, session, **extra), style=style)

    def done(self, key: str, step: StepDone, **values: object) -> str:
        return self.t(key, time=self.at(step.at), name=step.by.name, **values)


def claim_step(view: View) -> Step:
    esc = view.escalation
    title = view.t("esc.step.claim")
    if esc.claimed is not None:
        return Step(title, Mark.DONE, [view.done("esc.step.claim.done", esc.claimed)])
    if view.closed:
        return Step(title, Mark.SKIPPED)
    return Step(title, Mark.CURRENT, actions=[view.submit(view.t("esc.step.claim.button"), "esc.claim", "positive")])


def call_step(view: View) -> Step:
    esc, registration = view.escalation, view.session.registration
    phone = display_phone(registration.phone)
    title = view.t("esc.step.call", phone=phone)
    lines = [
        view.t(
            "esc.step.call.attempt",
            attempt=a.number,
            time=view.at(a.at),
            result=view.t(f"esc.call.{a.result.value}"),
            name=a.by.name,
        )
        for a in esc.call_attempts
    ]
    current = view.phase
    if not view.closed and current is Phase.CALL:
        attempt = len(esc.call_attempts) + 1
        prompt = view.t("esc.step.call.first") if attempt == 1 else view.t("esc.step.call.again", attempt=attempt)
        actions: list[Any] = [
            ActionOpenUrl(title=view.t("esc.step.call.open", phone=phone), url=f"tel:{registration.phone}")
        ]
        actions += [
            view.submit(view.t(f"esc.call.{result.value}"), "esc.call", attempt=attempt, result=result.value)
            for result in CALL_RESULTS
        ]
        return Step(title, Mark.CURRENT, lines, [text(prompt, weight="bolder", size="medium")], actions)
    if not view.closed and current is Phase.WAIT_FOR_RETRY and esc.next_call_at is not None:
        return Step(title, Mark.WAITING, [*lines, view.t("esc.step.call.wait", time=view.at(esc.next_call_at))])
    if is_acute(view.escalation) and esc.reached is None:
        return Step(title, Mark.SKIPPED, [*lines, view.t("esc.step.call.acute")])
    if lines:
        return Step(title, Mark.DONE, lines)
    return Step(title, Mark.SKIPPED, [view.t("esc.step.not_needed")])


def police_step(view: View) -> Step:
    esc = view.escalation
    title = view.t("esc.step.police")
    if esc.police_alerted is not None:
        step = esc.police_alerted
        if step.detail:
            return Step(title, Mark.DONE, [view.done("esc.step.police.done_case", step, case=step.detail)])
        return Step(title, Mark.DONE, [view.done("esc.step.police.done", step)])
    # After a help request, "all well" from the person is the operator's call to judge: the step stays at hand.
    if view.closed or (view.all_well and not is_acute(esc)):
        return Step(title, Mark.SKIPPED, [view.t("esc.step.not_needed")])
    if view.phase is not Phase.POLICE and not is_acute(esc):
        return Step(title, Mark.WAITING, [view.t("esc.step.police.later", count=view.policy.call_attempts)])
    mark = Mark.CURRENT if view.phase is Phase.POLICE else Mark.WAITING
    summary = police_summary(view.session, esc, view.events, view.now, view.texts)
    extra: list[Block] = [
        text(view.t("esc.step.police.read"), weight="bolder", color="attention"),
        container([text(summary)], style="emphasis"),
        InputText(id=CASE_NUMBER, label=view.t("esc.step.police.case"), max_length=60).to_dict(),
    ]
    return Step(title, mark, extra=extra, actions=[view.submit(view.t("esc.step.police.button"), "esc.police")])


def _inform_step(view: View, title: str, done: StepDone | None, verb: str, button: str, done_key: str) -> Step:
    if done is not None:
        return Step(title, Mark.DONE, [view.done(done_key, done)])
    if view.escalation.police_alerted is not None and not view.closed:
        return Step(title, Mark.CURRENT, actions=[view.submit(button, verb)])
    if view.closed or view.all_well:
        return Step(title, Mark.SKIPPED, [view.t("esc.step.not_needed")])
    return Step(title, Mark.WAITING, [view.t("esc.step.inform.later")])


def contact_step(view: View) -> Step:
    contact = contact_line(view.session.registration.contact, view.texts, link=True)
    title = view.t("esc.step.contact", contact=contact)
    button = view.t("esc.step.contact.button")
    return _inform_step(view, title, view.escalation.contact_informed, "esc.contact", button, "esc.step.contact.done")


def rtib_step(view: View) -> Step:
    title, button = view.t("esc.step.rtib"), view.t("esc.step.rtib.button")
    return _inform_step(view, title, view.escalation.rtib_informed, "esc.rtib", button, "esc.step.rtib.done")


def _suggested_outcome(view: View) -> Outcome | None:
    if view.all_well:
        return Outcome.REACHED_WELL
    if view.escalation.police_alerted is not None:
        return Outcome.POLICE_HANDLING
    return None


def close_step(view: View) -> Step:
    esc = view.escalation
    title = view.t("esc.step.close")
    if esc.closed is not None:
        outcome = view.t(f"esc.outcome.{esc.outcome.value}") if esc.outcome else ""
        lines = [view.done("esc.step.close.done", esc.closed, outcome=outcome)]
        if esc.closed.detail:
            lines.append(view.t("esc.step.close.note_shown", note=esc.closed.detail))
        return Step(title, Mark.DONE, lines)
    suggested = _suggested_outcome(view)
    form = card(
        [
            InputChoiceSet(
                id=OUTCOME,
                label=view.t("esc.step.close.outcome"),
                choices=[Choice(title=view.t(f"esc.outcome.{o.value}"), value=o.value) for o in _outcomes()],
                style="expanded",
                value=suggested.value if suggested else None,
                is_required=True,
                error_message=view.t("esc.note.bad_choice"),
            ),
            InputText(id=CLOSE_NOTE, label=view.t("esc.step.close.note"), is_multiline=True, max_length=1000),
        ],
        [view.submit(view.t("esc.step.close.submit"), "esc.close")],
    )
    mark = Mark.CURRENT if view.phase is Phase.WRAP_UP else Mark.WAITING
    return Step(title, mark, actions=[ActionShowCard(title=view.t("esc.step.close.button"), card=form)])


def _outcomes() -> list[Outcome]:
    order = (Outcome.REACHED_WELL, Outcome.POLICE_HANDLING, Outcome.OTHER)
    return [o for o in order if o in OPERATOR_OUTCOMES]


def checklist(view: View) -> list[Block]:
    """The six steps of the routine, in order."""
    steps = (claim_step, call_step, police_step, contact_step, rtib_step, close_step)
    return [step(view).render() for step in steps]
