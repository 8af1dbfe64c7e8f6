"""The routine's rules as properties: hypothesis drives one session through random operator steps, the person's
answers, the code word, clock jumps and restarts (a round trip through the stored form), and checks after every
step that the rules hold. A refused command must leave the session exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.checklist import Party, Status, StepId, build
from bot.domain.codec import from_plain, to_plain
from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.model import OPERATOR_OUTCOMES, CallResult, EscalationKind, Outcome, Session, State
from bot.domain.timeline import advance, next_wake
from tests.unit.factories import NOW, OLLE, OTTO, POLICY, new_session

OPERATORS = st.sampled_from([OLLE, OTTO])
TERMINAL = (Status.DONE, Status.SKIPPED)  # a step once done or skipped stays so


class EscalationMachine(RuleBasedStateMachine):
    session: Session
    now: datetime

    @initialize(minutes=st.integers(min_value=5, max_value=120), acute=st.booleans())
    def register(self, minutes: int, acute: bool) -> None:
        self.now = NOW
        self.session = new_session(timedelta(minutes=minutes), acute=acute, now=NOW)
        self.seen: dict[StepId, Status] = {}
        self.closed_snapshot: Any = None

    # ---- how a command is tried

    def attempt(self, command: Callable[[], list[Event]]) -> list[Event] | None:
        before = to_plain(self.session)
        owed_before = self._owed()
        claimant_before = self._claimant()
        stale_before = self.session.escalation is not None and esc.is_stale(self.session.escalation)
        try:
            events = command()
        except DomainError:
            assert to_plain(self.session) == before, "a refused command changed the session"
            return None
        if self.closed_snapshot is not None:
            raise AssertionError(f"{command} was accepted after the case closed")
        claimant = self._claimant()
        if claimant_before and claimant and claimant != claimant_before:
            assert stale_before, "the claim changed hands without the claim going stale"
        if self.session.state is State.CLOSED and self.session.escalation and self.session.escalation.closed:
            assert owed_before == (), "closed while someone was still owed the news that the person is safe"
        return events

    def _claimant(self) -> str:
        escalation = self.session.escalation
        return escalation.claimed.by.key if escalation and escalation.claimed else ""

    def _owed(self) -> tuple[object, ...]:
        escalation = self.session.escalation
        return build(escalation, POLICY, self.now).owed if escalation else ()

    # ---- the world

    @rule(minutes=st.integers(min_value=0, max_value=45))
    def time_passes(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes, seconds=1)
        before = to_plain(self.session)
        advance(self.session, self.now, POLICY)
        if self.closed_snapshot is not None:
            assert to_plain(self.session) == before, "time changed a closed case"

    @rule()
    def restart(self) -> None:
        """The process dies and another instance reads the session back from the store."""
        self.session = from_plain(Session, to_plain(self.session))

    # ---- the person

    @rule()
    def person_confirms(self) -> None:
        self.attempt(lambda: cmd.confirm(self.session, self.now))

    @rule()
    def person_asks_for_help(self) -> None:
        self.attempt(lambda: cmd.request_help(self.session, self.now))

    @rule()
    def person_writes_the_code_word(self) -> None:
        if self.attempt(lambda: cmd.silent_alarm(self.session, self.now)) is not None:
            escalation = self.session.escalation
            assert escalation is not None and escalation.silent and escalation.kind is EscalationKind.ACUTE

    # ---- the operators

    @rule(operator=OPERATORS)
    def claim(self, operator: Any) -> None:
        self.attempt(lambda: esc.claim(self.session, operator, self.now))

    @rule(operator=OPERATORS)
    def take_over(self, operator: Any) -> None:
        self.attempt(lambda: esc.take_over(self.session, operator, self.now))

    @rule(operator=OPERATORS, result=st.sampled_from(list(CallResult)), offset=st.integers(-1, 1))
    def call(self, operator: Any, result: CallResult, offset: int) -> None:
        escalation = self.session.escalation
        attempt = (len(escalation.call_attempts) if escalation else 0) + 1 + offset  # a stale card now and then
        self.attempt(lambda: esc.record_call(self.session, operator, attempt, result, self.now, POLICY))

    @rule(operator=OPERATORS)
    def police(self, operator: Any) -> None:
        if self.attempt(lambda: esc.mark_police_alerted(self.session, operator, "K-1", self.now, POLICY)):
            event("police alerted")

    @rule(operator=OPERATORS)
    def contact(self, operator: Any) -> None:
        self.attempt(lambda: esc.mark_contact_informed(self.session, operator, self.now, POLICY))

    @rule(operator=OPERATORS)
    def rtib(self, operator: Any) -> None:
        self.attempt(lambda: esc.mark_rtib_informed(self.session, operator, self.now, POLICY))

    @rule(operator=OPERATORS, party=st.sampled_from(list(Party)))
    def told_safe(self, operator: Any, party: Party) -> None:
        if self.attempt(lambda: esc.mark_told_safe(self.session, operator, party, self.now, POLICY)):
            event(f"told {party.value} the person is safe")

    @rule(
        operator=OPERATORS,
        due=st.booleans(),
        other=st.sampled_from([s.value for s in StepId]),
        reason=st.sampled_from(["", "  ", "Personen ringde själv"]),
    )
    def skip(self, operator: Any, due: bool, other: str, reason: str) -> None:
        """Skip the step the card offers now (`due`), or some other step as a stale card would."""
        escalation = self.session.escalation
        offered = build(escalation, POLICY, self.now).skippable if escalation else None
        step = (offered or other) if due else other
        if self.attempt(lambda: esc.skip_step(self.session, operator, step, reason, self.now, POLICY)):
            event(f"skipped {step}")
            assert reason.strip() and self.session.escalation and step in self.session.escalation.skipped

    @rule(operator=OPERATORS, outcome=st.sampled_from([*OPERATOR_OUTCOMES, Outcome.CONFIRMED, None]))
    def close(self, operator: Any, outcome: Outcome | None) -> None:
        if self.attempt(lambda: esc.close_escalation(self.session, operator, outcome, "", self.now, POLICY)):
            event(f"closed after {len(self.session.escalation.call_attempts) if self.session.escalation else 0} calls")
            self.closed_snapshot = to_plain(self.session)

    @rule(operator=OPERATORS)
    def the_routine_runs_then_the_person_checks_in(self, operator: Any) -> None:
        """The case the routine worries about most (a needless police alarm), more often than chance makes it."""
        self.attempt(lambda: esc.mark_police_alerted(self.session, operator, "K-2", self.now, POLICY))
        self.attempt(lambda: esc.mark_contact_informed(self.session, operator, self.now, POLICY))
        self.attempt(lambda: esc.mark_rtib_informed(self.session, operator, self.now, POLICY))
        self.now += timedelta(minutes=1)
        self.attempt(lambda: cmd.confirm(self.session, self.now))

    # ---- what must always hold

    @invariant()
    def steps_are_in_order_or_skipped(self) -> None:
        escalation = self.session.escalation if hasattr(self, "session") else None
        if escalation is None:
            return
        skipped = escalation.skipped
        if escalation.police_alerted is not None and escalation.kind is EscalationKind.MISSED:
            assert escalation.no_answer_count >= POLICY.call_attempts or "call" in skipped, "police before calls"
        for informed in (escalation.contact_informed, escalation.rtib_informed):
            if informed is not None:
                assert escalation.police_alerted is not None or "police" in skipped, "informed before police"

    @invariant()
    def the_checklist_never_goes_back(self) -> None:
        escalation = self.session.escalation if hasattr(self, "session") else None
        if escalation is None:
            return
        for step in build(escalation, POLICY, self.now).steps:
            if self.seen.get(step.id) in TERMINAL:
                assert step.status in TERMINAL, f"{step.id} went back from {self.seen[step.id]} to {step.status}"
            self.seen[step.id] = step.status

    @invariant()
    def an_open_unclaimed_alarm_always_wakes_again(self) -> None:
        escalation = self.session.escalation if hasattr(self, "session") else None
        if escalation is None or escalation.closed is not None or escalation.claimed is not None:
            return
        wake = next_wake(self.session, POLICY)
        assert wake is not None, "an unclaimed alarm with no next notice"
        assert wake <= self.now + POLICY.unclaimed_renotify, "the next notice is further off than the policy says"

    @invariant()
    def nothing_happens_after_close(self) -> None:
        if getattr(self, "closed_snapshot", None) is not None:
            assert to_plain(self.session) == self.closed_snapshot


TestEscalationRules = EscalationMachine.TestCase
TestEscalationRules.settings = settings(
    max_examples=400, stateful_step_count=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
