"""What every part of the escalation card reads (the View), and the one thing the operator should do next.

The card shows several open steps at once (two operators may work in parallel, and the routine allows some
order), but exactly one of them is "Nästa": it is named at the top of the checklist and only its main button is
highlighted, so an operator on night duty sees at a glance what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import cached_property
from typing import Any

from bot.cards.elements import ActionStyle, ActionSubmit
from bot.cards.operator_blocks import clock, data
from bot.domain.escalation import Party, Phase, phase, still_to_tell_safe, told_of_alarm
from bot.domain.events import Event
from bot.domain.model import CallResult, Escalation, EscalationKind, Session, StepDone
from bot.domain.policy import Policy
from bot.i18n import Texts

VGR_SWITCHBOARD = "+46104410000"  # VGR-växeln, where RTiB / TiB is reached (the routine: 010-441 00 00)


class Next(Enum):
    """The one step to take now."""

    CLAIM = "claim"
    CALL = "call"
    WAIT = "wait"  # no answer: call again at next_call_at
    POLICE = "police"
    JUDGE = "judge"  # acute, then "all well" from the person: the operator judges whether police are needed
    CONTACT = "contact"
    RTIB = "rtib"
    TELL_POLICE = "tell_police"  # after a late confirmation: tell those alarmed that the person is safe
    TELL_CONTACT = "tell_contact"
    TELL_RTIB = "tell_rtib"
    CLOSE = "close"


TELL = {Party.POLICE: Next.TELL_POLICE, Party.CONTACT: Next.TELL_CONTACT, Party.RTIB: Next.TELL_RTIB}
INFORM = {Party.CONTACT: Next.CONTACT, Party.RTIB: Next.RTIB}


def all_well(escalation: Escalation) -> bool:
    """Confirmed by the person, or reached by phone and well."""
    reached = escalation.reached
    return escalation.user_confirmed_at is not None or (
        reached is not None and reached.result is CallResult.ANSWERED_WELL
    )


def is_acute(escalation: Escalation) -> bool:
    return escalation.kind is EscalationKind.ACUTE


def left_after_confirmation(escalation: Escalation) -> list[Next]:
    """The person is safe but the police were alerted: who still has to hear it, in the routine's order.

    Those alarmed or informed before the confirmation are told again; a contact or RTiB not informed yet is
    still informed (the police were alerted, so the routine applies), and told at once that the person is safe.
    """
    if escalation.police_alerted is None or escalation.closed is not None or not all_well(escalation):
        return []
    pending = still_to_tell_safe(escalation)
    left: list[Next] = []
    for party in Party:
        if party in pending:
            left.append(TELL[party])
        elif party in INFORM and told_of_alarm(escalation, party) is None:
            left.append(INFORM[party])
    return left


@dataclass(frozen=True)
class View:
    """The session, its escalation and events, the time, and how to write: what every part of the card needs."""

    session: Session
    escalation: Escalation
    events: list[Event]
    policy: Policy
    now: datetime
    texts: Texts

    @cached_property
    def phase(self) -> Phase:
        """The routine's phase at `now`; read by several steps, worked out once per card."""
        return phase(self.escalation, self.policy, self.now)

    @property
    def closed(self) -> bool:
        return self.escalation.closed is not None

    @property
    def all_well(self) -> bool:
        """Confirmed by the person or reached and well: police and contacts are no longer needed."""
        return all_well(self.escalation)

    @property
    def acute(self) -> bool:
        return is_acute(self.escalation)

    @cached_property
    def next(self) -> Next | None:
        """The one step to take now (None once closed)."""
        esc = self.escalation
        if self.closed:
            return None
        if self.acute and esc.police_alerted is None:
            return Next.JUDGE if self.all_well else Next.POLICE
        if self.all_well:
            left = left_after_confirmation(esc)
            return left[0] if left else Next.CLOSE
        current = self.phase
        if current is Phase.CALL:
            return Next.CALL if esc.claimed is not None else Next.CLAIM
        if current is Phase.WAIT_FOR_RETRY:
            return Next.WAIT
        if current is Phase.POLICE:
            return Next.POLICE
        if current is Phase.INFORM:
            return Next.CONTACT if esc.contact_informed is None else Next.RTIB
        return Next.CLOSE

    def style(self, step: Next) -> ActionStyle | None:
        """ "positive" (highlighted) for the main button of the next step; every other button stays plain."""
        return "positive" if self.next is step else None

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)

    def at(self, when: datetime) -> str:
        return clock(when, self.texts, self.now)

    def submit(self, title: str, verb: str, style: ActionStyle | None = None, **extra: Any) -> ActionSubmit:
        owner, session = self.session.owner.key, self.session.id
        return ActionSubmit(title=title, data=data(verb, owner, session, **extra), style=style)

    def done(self, key: str, step: StepDone, **values: object) -> str:
        return self.t(key, time=self.at(step.at), name=step.by.name, **values)
