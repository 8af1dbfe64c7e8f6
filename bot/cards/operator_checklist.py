"""The routine's steps as a checklist on the escalation card: each step done (who, when), current (buttons),
waiting, or not needed, under one "Nästa: …" line that names the step to take now.

The buttons carry the step's own data (e.g. the call attempt number) so that a stale or double tap is refused by
the domain instead of being recorded twice. Only the next step's main button is highlighted ("positive"); red
is kept for the alarm itself (the header, the 112 call), current steps are marked in the calmer accent colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.cards.elements import ActionOpenUrl, ActionShowCard, Choice, InputChoiceSet, InputText, card
from bot.cards.operator_blocks import Block, action_set, container, dial, heading, text
from bot.cards.operator_facts import contact_line
from bot.cards.operator_police import police_script
from bot.cards.operator_view import INFORM, TELL, VGR_SWITCHBOARD, Next, View, left_after_confirmation
from bot.domain.escalation import Party, Phase, told_of_alarm, told_safe
from bot.domain.model import OPERATOR_OUTCOMES, CallResult, Outcome
from bot.domain.phone import display_phone_unbroken

CASE_NUMBER = "case_number"
OUTCOME = "outcome"
CLOSE_NOTE = "close_note"
CALL_RESULTS = (CallResult.ANSWERED_WELL, CallResult.ANSWERED_NEEDS_HELP, CallResult.NO_ANSWER)


class Mark(Enum):
    DONE = "✔"
    CURRENT = "▶"
    WAITING = "○"
    SKIPPED = "–"


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
        items: list[Block] = [text(f"{self.mark.value} {self.title}", weight="bolder", color=color)]
        for line in self.lines:
            if isinstance(line, str):
                items.append(text(line, spacing="none", subtle=self.mark is not Mark.CURRENT))
            else:
                items.append(line)
        items += self.extra
        if self.actions:
            items.append(action_set(self.actions))
        return container(items, spacing="medium", separator=True)


def _urgent(line: str) -> Block:
    """A line the operator must act on within the step (bold, in the step's flow)."""
    return text(line, weight="bolder", spacing="none")


def claim_step(view: View) -> Step:
    esc = view.escalation
    title = view.t("esc.step.claim")
    if esc.claimed is not None:
        return Step(title, Mark.DONE, [view.done("esc.step.claim.done", esc.claimed)])
    if view.closed:
        return Step(title, Mark.SKIPPED)
    button = view.submit(view.t("esc.step.claim.button"), "esc.claim", view.style(Next.CLAIM))
    return Step(title, Mark.CURRENT, actions=[button])


def call_step(view: View) -> Step:
    esc, registration = view.escalation, view.session.registration
    shown = display_phone_unbroken(registration.phone)
    title = view.t("esc.step.call", phone=shown)
    lines: list[Line] = [
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
        if attempt == 1:
            title = view.t("esc.step.call.first", phone=shown)
        else:
            title = view.t("esc.step.call.again", phone=shown, attempt=attempt)
        open_title = view.t("esc.step.call.open", phone=shown)
        dial_button = ActionOpenUrl(title=open_title, url=f"tel:{registration.phone}", style=view.style(Next.CALL))
        results = [
            view.submit(view.t(f"esc.call.{result.value}"), "esc.call", attempt=attempt, result=result.value)
            for result in CALL_RESULTS
        ]
        return Step(title, Mark.CURRENT, lines, actions=[dial_button, *results])
    if not view.closed and current is Phase.WAIT_FOR_RETRY and esc.next_call_at is not None:
        wait = text(view.t("esc.step.call.wait", time=view.at(esc.next_call_at)), weight="bolder", color="attention")
        return Step(title, Mark.CURRENT, [*lines, wait])
    if view.acute and esc.reached is None:
        return Step(title, Mark.SKIPPED, [*lines, view.t("esc.step.call.acute")])
    if lines:
        return Step(title, Mark.DONE, lines)
    return Step(title, Mark.SKIPPED, [view.t("esc.step.not_needed")])


def _tell_safe(view: View, party: Party, title: str, lines: list[Line]) -> Step:
    """A step whose party heard of the alarm: done, or (after a late confirmation) to be told the person is safe."""
    esc = view.escalation
    told = told_safe(esc, party)
    if told is not None:
        return Step(title, Mark.DONE, [*lines, view.done("esc.step.told_safe.done", told)])
    if TELL[party] not in left_after_confirmation(esc):
        return Step(title, Mark.DONE, lines)
    button = view.submit(
        view.t(f"esc.step.told_safe.button.{party.value}"), "esc.safe", view.style(TELL[party]), party=party.value
    )
    return Step(title, Mark.CURRENT, [*lines, _urgent(view.t(f"esc.step.told_safe.{party.value}"))], actions=[button])


def police_step(view: View) -> Step:
    esc = view.escalation
    title = view.t("esc.step.police")
    if esc.police_alerted is not None:
        step = esc.police_alerted
        if step.detail:
            done = view.done("esc.step.police.done_case", step, case=step.detail)
        else:
            done = view.done("esc.step.police.done", step)
        return _tell_safe(view, Party.POLICE, title, [done])
    # After a help request, "all well" from the person is the operator's call to judge: the step stays at hand.
    if view.closed or (view.all_well and not view.acute):
        return Step(title, Mark.SKIPPED, [view.t("esc.step.not_needed")])
    if view.phase is not Phase.POLICE and not view.acute:
        return Step(title, Mark.WAITING, [view.t("esc.step.police.later", count=view.policy.call_attempts)])
    mark = Mark.CURRENT if view.phase is Phase.POLICE else Mark.WAITING
    extra: list[Block] = [
        text(view.t("esc.step.police.read"), weight="bolder", color="attention"),
        container(police_script(view), style="emphasis", spacing="small"),
        InputText(id=CASE_NUMBER, label=view.t("esc.step.police.case"), max_length=60).to_dict(),
    ]
    button = view.submit(view.t("esc.step.police.button"), "esc.police", view.style(Next.POLICE))
    return Step(title, mark, extra=extra, actions=[button])


def _inform_step(view: View, party: Party, title: str, verb: str, button: str) -> Step:
    done = told_of_alarm(view.escalation, party)
    if done is not None:
        return _tell_safe(view, party, title, [view.done(f"esc.step.{party.value}.done", done)])
    if view.escalation.police_alerted is not None and not view.closed:
        # The police were alerted, so the routine applies even when the person has since said all is well.
        lines: list[Line] = [_urgent(view.t("esc.step.inform.safe"))] if view.all_well else []
        return Step(title, Mark.CURRENT, lines, actions=[view.submit(button, verb, view.style(INFORM[party]))])
    if view.closed or view.all_well:
        return Step(title, Mark.SKIPPED, [view.t("esc.step.not_needed")])
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
    esc = view.escalation
    title = view.t("esc.step.close")
    if esc.closed is not None:
        outcome = view.t(f"esc.outcome.{esc.outcome.value}") if esc.outcome else ""
        lines: list[Line] = [view.done("esc.step.close.done", esc.closed, outcome=outcome)]
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
                error_message=view.t("esc.step.close.outcome_required"),
            ),
            InputText(id=CLOSE_NOTE, label=view.t("esc.step.close.note"), is_multiline=True, max_length=1000),
        ],
        [view.submit(view.t("esc.step.close.submit"), "esc.close", "positive")],
    )
    mark = Mark.CURRENT if view.next in (Next.CLOSE, Next.JUDGE) else Mark.WAITING
    show = ActionShowCard(title=view.t("esc.step.close.button"), card=form, style=view.style(Next.CLOSE))
    return Step(title, mark, actions=[show])


def _outcomes() -> list[Outcome]:
    order = (Outcome.REACHED_WELL, Outcome.SELF_REPORTED, Outcome.POLICE_HANDLING, Outcome.OTHER)
    return [o for o in order if o in OPERATOR_OUTCOMES]


def _next_texts(view: View) -> dict[Next, Callable[[], str]]:
    esc, registration = view.escalation, view.session.registration
    name, attempt = view.session.owner.name, len(esc.call_attempts) + 1
    contact = contact_line(registration.contact, view.texts, link=True)
    switchboard = dial(VGR_SWITCHBOARD)
    safe = "_safe" if view.all_well else ""
    return {
        Next.CLAIM: lambda: view.t("esc.next.claim", name=name, phone=dial(registration.phone)),
        Next.CALL: lambda: view.t("esc.next.call", name=name, phone=dial(registration.phone), attempt=attempt),
        Next.WAIT: lambda: view.t(
            "esc.next.wait", time=view.at(esc.next_call_at or view.now), attempt=attempt, name=name
        ),
        Next.POLICE: lambda: view.t("esc.next.police"),
        Next.JUDGE: lambda: view.t("esc.next.judge", name=name),
        Next.CONTACT: lambda: view.t(f"esc.next.contact{safe}", contact=contact),
        Next.RTIB: lambda: view.t(f"esc.next.rtib{safe}", phone=switchboard),
        Next.TELL_POLICE: lambda: view.t("esc.next.tell_police", name=name),
        Next.TELL_CONTACT: lambda: view.t("esc.next.tell_contact", contact=contact, name=name),
        Next.TELL_RTIB: lambda: view.t("esc.next.tell_rtib", phone=switchboard, name=name),
        Next.CLOSE: lambda: view.t("esc.next.close"),
    }


def next_line(view: View) -> list[Block]:
    """ "Nästa: …" - the one step to take now, at the top of the checklist (nothing once the case is closed)."""
    if view.next is None:
        return []
    action = _next_texts(view)[view.next]()
    return [container([text(view.t("esc.next", action=action), weight="bolder")], style="accent", spacing="small")]


def checklist(view: View) -> list[Block]:
    """The heading, the next step, and the six steps of the routine, in order."""
    steps = (claim_step, call_step, police_step, contact_step, rtib_step, close_step)
    return [heading(view.t("esc.checklist")), *next_line(view), *(step(view).render() for step in steps)]
