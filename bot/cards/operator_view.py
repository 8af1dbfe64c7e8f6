"""What every part of the escalation card reads (the View): the session, its events, and the checklist that
the domain computed (bot/domain/checklist.py). No rule lives here: the card only draws the checklist.

The card shows several open steps at once (two operators may work in parallel), but exactly one action is
"Nästa": it is named at the top of the checklist and only its main button is highlighted, so an operator on
night duty sees at a glance what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from bot.cards.elements import ActionStyle, ActionSubmit
from bot.cards.operator_blocks import clock, data
from bot.domain.checklist import Action, Checklist, Status, StepId, build
from bot.domain.events import Event
from bot.domain.model import Escalation, EscalationKind, Session, StepDone
from bot.domain.policy import Policy
from bot.i18n import Texts


def is_acute(escalation: Escalation) -> bool:
    return escalation.kind is EscalationKind.ACUTE


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
    def checklist(self) -> Checklist:
        """The routine's steps at `now`; read by every part of the card, worked out once per card."""
        return build(self.escalation, self.policy, self.now)

    @property
    def closed(self) -> bool:
        return self.escalation.closed is not None

    @property
    def all_well(self) -> bool:
        """The person is known to be safe (confirmed, or reached and well)."""
        return self.checklist.safe_at is not None

    @property
    def acute(self) -> bool:
        return is_acute(self.escalation)

    @property
    def next(self) -> Action | None:
        """The one step to take now (None once closed)."""
        return self.checklist.next

    def status(self, step: StepId) -> Status:
        return self.checklist[step].status

    def style(self, action: Action) -> ActionStyle | None:
        """ "positive" (highlighted) for the main button of the next step; every other button stays plain."""
        return "positive" if self.next is action else None

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)

    def at(self, when: datetime) -> str:
        return clock(when, self.texts, self.now)

    def submit(self, title: str, verb: str, style: ActionStyle | None = None, **extra: Any) -> ActionSubmit:
        owner, session = self.session.owner.key, self.session.id
        return ActionSubmit(title=title, data=data(verb, owner, session, **extra), style=style)

    def done(self, key: str, step: StepDone, **values: object) -> str:
        return self.t(key, time=self.at(step.at), name=step.by.name, **values)
