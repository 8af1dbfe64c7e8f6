"""The routine's steps as a checklist on the escalation card: each step done (who, when), current (buttons),
waiting, or not needed, under one "Nästa: …" line that names the step to take now.

The buttons carry the step's own data (e.g. the call attempt number) so that a stale or double tap is refused by
the domain instead of being recorded twice. Only the next step's main button is highlighted ("positive"); red
is kept for the alarm itself (the header, the 112 call), current steps are marked in the calmer accent colour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.cards.elements import ActionOpenUrl, ActionShowCard, Choice, InputChoiceSet, InputText, action_rows, card
from bot.cards.operator_blocks import Block, action_set, container, dial, heading, text
from bot.cards.operator_facts import contact_line
from bot.cards.operator_police import police_script
from bot.cards.operator_view import View
from bot.domain import checklist as cl
from bot.domain.checklist import INFORM, PARTY_STEP, TELL, Action, Party, Status, StepId, Why
from bot.domain.escalation import MAX_REASON, idle_since, is_stale
from bot.domain.model import OPERATOR_OUTCOMES, CallResult, Outcome, StepDone
from bot.domain.phone import display_phone_unbroken
from bot.domain.policy import VGR_SWITCHBOARD
from bot.i18n.labels import label
from bot.i18n.markup import Markup, defang

CASE_NUMBER = "case_number"
OUTCOME = "outcome"
CLOSE_NOTE = "close_note"
SKIP_REASON = "skip_reason"
CALL_RESULTS = (CallResult.ANSWERED_WELL, CallResult.ANSWERED_NEEDS_HELP, CallResult.NO_ANSWER)


class Mark(Enum):
    DONE = "✔"
    CURRENT = "▶"
    WAITING = "○"
    SKIPPED = "–"


MARKS = {
    Status.DONE: Mark.DONE,
    Status.CURRENT: Mark.CURRENT,
    Status.WAITING: Mark.WAITING,
    Status.SKIPPED: Mark.SKIPPED,
    Status.NOT_NEEDED: Mark.SKIPPED,
}


Line = str | Block  # a plain line (subtle unless the step is current), or a block styled by the step


@dataclass
class Step:
    title: str
    mark: Mark
    lines: list[Line] = field(default_factory=list)
    extra: list[Block] = field(default_factory=list)
    actions: list[Any] = field(default_factory=list)

    def render(self) -> Block:
        color = {Mark.CURRENT: "accent", Mark.DONE: "good"}.get(self.mark)
        title = Markup(f"{self.mark.value} {defang(self.title)}")
        items: list[Block] = [text(title, weight="bolder", color=color)]
        for line in self.lines:
            if isinstance(line, str):
                items.append(text(line, spacing="none", subtle=self.mark is not Mark.CURRENT))
            else:
                items.append(line)
        items += self.extra
        # At most two buttons a row, and only where both titles fit a 320 px phone: four in one row (the call
        # step) were clipped there, and the two "Svarade – …" outcomes, the operator's most important tap, could
        # no longer be told apart. Long ones are stacked, one a row.
        items += action_rows(self.actions)
        return container(items, spacing="medium", separator=True)


def _urgent(line: str) -> Block:
    """A line the operator must act on within the step (bold, in the step's flow)."""
    return text(line, weight="bolder", spacing="none")


def _skipped(view: View, skip: StepDone | None) -> list[Line]:
    """ "Hoppades över kl. 13:40 av Olle Operatör: <reason>", or "Behövs inte"."""
    if skip is None:
        return [view.t("esc.step.not_needed")]
    return [view.done("esc.step.skipped", skip, reason=skip.detail)]


def claim_step(view: View) -> Step:
    esc, state = view.escalation, view.checklist[StepId.CLAIM]
    title = view.t("esc.step.claim")
    if state.status is Status.NOT_NEEDED:
        return Step(title, Mark.SKIPPED)
    if esc.claimed is None:
        button = view.submit(view.t("esc.step.claim.button"), "esc.claim", view.style(Action.CLAIM))
        return Step(title, Mark.CURRENT, actions=[button])
    done = view.done("esc.step.claim.done", esc.claimed)
    if not is_stale(esc):
        return Step(title, Mark.DONE, [done])
    quiet = _urgent(view.t("esc.step.claim.stale", name=esc.claimed.by.name, time=view.at(idle_since(esc))))
    button = view.submit(view.t("esc.step.claim.take_over"), "esc.take_over")
    return Step(title, Mark.CURRENT, [done, quiet], actions=[button])


def call_step(view: View) -> Step:
    esc, registration = view.escalation, view.session.registration
    state = view.checklist[StepId.CALL]
    shown = display_phone_unbroken(registration.phone)
    title = view.t("esc.step.call", phone=shown)
    lines: list[Line] = [
        view.t(
            "esc.step.call.attempt",
            attempt=a.number,
            time=view.at(a.at),
            result=label(view.texts, a.result),
            name=a.by.name,
        )
        for a in esc.call_attempts
    ]
    if state.status is Status.CURRENT:
        attempt = view.checklist.attempt
        if attempt == 1:
            title = view.t("esc.step.call.first", phone=shown)
        else:
            title = view.t("esc.step.call.again", phone=shown, attempt=attempt)
        open_title = view.t("esc.step.call.open", phone=shown)
        dial_button = ActionOpenUrl(title=open_title, url=f"tel:{registration.phone}", style=view.style(Action.CALL))
        results = [
            view.submit(label(view.texts, result), "esc.call", attempt=attempt, result=result.value)
            for result in CALL_RESULTS
        ]
        return Step(title, Mark.CURRENT, lines, actions=[dial_button, *results])
    if state.status is Status.WAITING and state.until is not None:
        wait = text(view.t("esc.step.call.wait", time=view.at(state.until)), weight="bolder", color="attention")
        return Step(title, Mark.CURRENT, [*lines, wait])
    if state.status is Status.SKIPPED:
        return Step(title, Mark.SKIPPED, [*lines, *_skipped(view, state.done)])
    if state.why is Why.ACUTE:
        return Step(title, Mark.SKIPPED, [*lines, view.t("esc.step.call.acute")])
    if state.status is Status.DONE:
        return Step(title, Mark.DONE, lines)
    return Step(title, Mark.SKIPPED, [*lines, *_skipped(view, None)])


@dataclass(frozen=True)
class ToldSafe:
    line: str  # "the person is safe: tell them"
    button: str


TOLD_SAFE: Mapping[Party, ToldSafe] = {
    Party.POLICE: ToldSafe("esc.step.told_safe.police", "esc.step.told_safe.button.police"),
    Party.CONTACT: ToldSafe("esc.step.told_safe.contact", "esc.step.told_safe.button.contact"),
    Party.RTIB: ToldSafe("esc.step.told_safe.rtib", "esc.step.told_safe.button.rtib"),
}

INFORMED: Mapping[Party, str] = {Party.CONTACT: "esc.step.contact.done", Party.RTIB: "esc.step.rtib.done"}


def _alarmed_step(view: View, party: Party, title: str, lines: list[Line]) -> Step:
    """A step whose party heard of the alarm: done, or (the person now safe) to be told so."""
    state = view.checklist[PARTY_STEP[party]]
    if state.told_safe is not None:
        return Step(title, Mark.DONE, [*lines, view.done("esc.step.told_safe.done", state.told_safe)])
    if (skip := view.escalation.skipped.get(TELL[party].value)) is not None:
        return Step(title, Mark.DONE, [*lines, *_skipped(view, skip)])
    if not state.owes_safe:
        return Step(title, Mark.DONE, lines)
    told = TOLD_SAFE[party]
    button = view.submit(view.t(told.button), "esc.safe", view.style(TELL[party]), party=party.value)
    return Step(title, Mark.CURRENT, [*lines, _urgent(view.t(told.line))], actions=[button])


def police_step(view: View) -> Step:
    esc, state = view.escalation, view.checklist[StepId.POLICE]
    title = view.t("esc.step.police")
    if (step := esc.police_alerted) is not None:
        if step.detail:
            done = view.done("esc.step.police.done_case", step, case=step.detail)
        else:
            done = view.done("esc.step.police.done", step)
        return _alarmed_step(view, Party.POLICE, title, [done])
    if state.status in (Status.SKIPPED, Status.NOT_NEEDED):
        return Step(title, Mark.SKIPPED, _skipped(view, state.done if state.status is Status.SKIPPED else None))
    if state.why is Why.AFTER_CALLS:
        return Step(title, Mark.WAITING, [view.t("esc.step.police.later", count=view.policy.call_attempts)])
    extra: list[Block] = [
        text(view.t("esc.step.police.read"), weight="bolder", color="attention"),
        container(police_script(view), style="emphasis", spacing="small"),
        InputText(id=CASE_NUMBER, label=view.t("esc.step.police.case"), max_length=60).to_dict(),
    ]
    button = view.submit(view.t("esc.step.police.button"), "esc.police", view.style(Action.POLICE))
    return Step(title, MARKS[state.status], extra=extra, actions=[button])


def _inform_step(view: View, party: Party, title: str, verb: str, button: str) -> Step:
    state = view.checklist[PARTY_STEP[party]]
    done = cl.told_of_alarm(view.escalation, party)
    if done is not None:
        return _alarmed_step(view, party, title, [view.done(INFORMED[party], done)])
    if state.status is Status.CURRENT:
        # The police were alerted, so the routine applies even when the person has since said all is well.
        lines: list[Line] = [_urgent(view.t("esc.step.inform.safe"))] if view.all_well else []
        return Step(title, Mark.CURRENT, lines, actions=[view.submit(button, verb, view.style(INFORM[party]))])
    if state.status in (Status.SKIPPED, Status.NOT_NEEDED):
        return Step(title, Mark.SKIPPED, _skipped(view, state.done if state.status is Status.SKIPPED else None))
    return Step(title, Mark.WAITING, [view.t("esc.step.inform.later")])


def contact_step(view: View) -> Step:
    contact = contact_line(view.session.registration.contact, view.texts, link=True)
    title = view.t("esc.step.contact", contact=contact)
    return _inform_step(view, Party.CONTACT, title, "esc.contact", view.t("esc.step.contact.button"))


def rtib_step(view: View) -> Step:
    title = view.t("esc.step.rtib", phone=dial(VGR_SWITCHBOARD))
    return _inform_step(view, Party.RTIB, title, "esc.rtib", view.t("esc.step.rtib.button"))


def _suggested_outcome(view: View) -> Outcome | None:
    """The outcome the case itself makes obvious, pre-selected; otherwise none, so closing is a deliberate choice.

    The person confirming during the escalation means they got in touch themselves; the person answering well
    at a call attempt means the operator reached them. Nothing else (not even an alerted police) decides it.
    """
    esc = view.escalation
    if esc.user_confirmed_at is not None:
        return Outcome.SELF_REPORTED
    reached = esc.reached
    if reached is not None and reached.result is CallResult.ANSWERED_WELL:
        return Outcome.REACHED_WELL
    return None


def close_step(view: View) -> Step:
    esc, state = view.escalation, view.checklist[StepId.CLOSE]
    title = view.t("esc.step.close")
    if esc.closed is not None:
        outcome = label(view.texts, esc.outcome) if esc.outcome else ""
        lines: list[Line] = [view.done("esc.step.close.done", esc.closed, outcome=outcome)]
        if esc.closed.detail:
            lines.append(view.t("esc.step.close.note_shown", note=esc.closed.detail))
        return Step(title, Mark.DONE, lines)
    if state.status is Status.WAITING:  # the steps above come first (done, or skipped with a reason)
        return Step(title, Mark.WAITING, [view.t("esc.step.close.later")])
    suggested = _suggested_outcome(view)
    form = card(
        [
            InputChoiceSet(
                id=OUTCOME,
                label=view.t("esc.step.close.outcome"),
                choices=[Choice(title=label(view.texts, o), value=o.value) for o in _outcomes()],
                style="expanded",
                value=suggested.value if suggested else None,
                is_required=True,
                error_message=view.t("esc.step.close.outcome_required"),
            ),
            InputText(id=CLOSE_NOTE, label=view.t("esc.step.close.note"), is_multiline=True, max_length=1000),
        ],
        [view.submit(view.t("esc.step.close.submit"), "esc.close", "positive")],
    )
    show = ActionShowCard(title=view.t("esc.step.close.button"), card=form, style=view.style(Action.CLOSE))
    return Step(title, Mark.CURRENT, actions=[show])


def _outcomes() -> list[Outcome]:
    order = (Outcome.REACHED_WELL, Outcome.SELF_REPORTED, Outcome.POLICE_HANDLING, Outcome.OTHER)
    return [o for o in order if o in OPERATOR_OUTCOMES]


def _next_texts(view: View) -> dict[Action, Callable[[], str]]:
    registration = view.session.registration
    name, attempt = view.session.owner.name, view.checklist.attempt
    contact = contact_line(registration.contact, view.texts, link=True)
    switchboard = dial(VGR_SWITCHBOARD)
    wait = view.checklist[StepId.CALL].until or view.now
    return {
        Action.CLAIM: lambda: view.t("esc.next.claim", name=name, phone=dial(registration.phone)),
        Action.CALL: lambda: view.t("esc.next.call", name=name, phone=dial(registration.phone), attempt=attempt),
        Action.WAIT: lambda: view.t("esc.next.wait", time=view.at(wait), attempt=attempt, name=name),
        Action.POLICE: lambda: view.t("esc.next.police"),
        Action.JUDGE: lambda: view.t("esc.next.judge", name=name),
        Action.CONTACT: lambda: view.t(
            "esc.next.contact_safe" if view.all_well else "esc.next.contact", contact=contact
        ),
        Action.RTIB: lambda: view.t("esc.next.rtib_safe" if view.all_well else "esc.next.rtib", phone=switchboard),
        Action.TELL_POLICE: lambda: view.t("esc.next.tell_police", name=name),
        Action.TELL_CONTACT: lambda: view.t("esc.next.tell_contact", contact=contact, name=name),
        Action.TELL_RTIB: lambda: view.t("esc.next.tell_rtib", phone=switchboard, name=name),
        Action.CLOSE: lambda: view.t("esc.next.close"),
    }


def _skip_form(view: View) -> list[Any]:
    """ "Hoppa över steget …": the step that is due, skipped only with a reason (stored, shown, audited)."""
    step = view.checklist.skippable
    if step is None:
        return []
    form = card(
        [
            InputText(
                id=SKIP_REASON,
                label=view.t("esc.skip.reason"),
                is_multiline=True,
                max_length=MAX_REASON,
                is_required=True,
                error_message=view.t("esc.skip.reason_required"),
            )
        ],
        [view.submit(view.t("esc.skip.submit"), "esc.skip", step=step)],
    )
    return [ActionShowCard(title=view.t("esc.skip.button"), card=form)]


def next_line(view: View) -> list[Block]:
    """ "Nästa: …" - the one step to take now, at the top of the checklist, with "Hoppa över steget …" where the
    routine lets the operator skip it (nothing once the case is closed)."""
    if view.next is None:
        return []
    action = _next_texts(view)[view.next]()
    items: list[Block] = [text(view.t("esc.next", action=action), weight="bolder")]
    if skip := _skip_form(view):
        items.append(action_set(skip, spacing="small"))
    return [container(items, style="accent", spacing="small")]


def checklist(view: View) -> list[Block]:
    """The heading, the next step, and the six steps of the routine, in order."""
    steps = (claim_step, call_step, police_step, contact_step, rtib_step, close_step)
    return [heading(view.t("esc.checklist")), *next_line(view), *(step(view).render() for step in steps)]
