"""The operators' actions on an escalation. Each checks the operator role, then applies one checklist step; the
domain refuses a step that comes out of the routine's order (bot/domain/checklist.py)."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from bot.domain import escalation
from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.model import Actor, CallResult, Outcome, Session, State
from bot.domain.policy import Policy
from bot.services.access import Access
from bot.services.engine import Change, SessionEngine
from bot.store.sessions import SessionRepo, StoredSession

E = TypeVar("E", CallResult, Outcome, escalation.Party)


def _parsed(kind: type[E], value: str, code: str) -> E:
    """Card data parsed after the role check, so a non-operator is refused (and logged) whatever they sent."""
    try:
        return kind(value)
    except ValueError:
        raise DomainError(code, value) from None


Case = tuple[Session, list[Event]]  # an escalated session and its events, for its card and its course


async def case_of(sessions: SessionRepo, user_key: str, session_id: str) -> Case | None:
    """The session with its events as they stand in the store (None if it has no escalation)."""
    stored = await sessions.get(user_key, session_id)
    if stored is None or stored.session.escalation is None:
        return None
    return stored.session, await sessions.events(user_key, session_id)


class EscalationActions:
    def __init__(self, engine: SessionEngine, access: Access) -> None:
        self.engine = engine
        self.access = access

    async def case(self, user_key: str, session_id: str) -> Case | None:
        return await case_of(self.engine.sessions, user_key, session_id)

    async def open_counts(self) -> tuple[int, int]:
        """(open escalations, of which still waiting to be posted). A scan: for `status` and the channel's
        binding, not for timers."""
        escalated = [s for s in await self.engine.sessions.active() if s.session.state is State.ESCALATED]
        waiting = sum(1 for s in escalated if not s.session.delivery.get("esc_activity"))
        return len(escalated), waiting

    async def _apply(
        self, operator: Actor, user_key: str, session_id: str, what: str, change: Change, in_channel: bool
    ) -> StoredSession:
        await self.access.require_operator(operator, what, in_operator_channel=in_channel)
        stored, _ = await self.engine.change(user_key, session_id, change)
        return stored

    async def claim(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        """ "Jag tar ärendet"."""
        return await self._apply(
            operator, user_key, session_id, "claim", lambda s, now, _p: escalation.claim(s, operator, now), in_channel
        )

    async def take_over(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        """ "Ta över" a claim whose claimant has gone quiet."""
        return await self._apply(
            operator,
            user_key,
            session_id,
            "take_over",
            lambda s, now, _p: escalation.take_over(s, operator, now),
            in_channel,
        )

    async def record_call(
        self, operator: Actor, user_key: str, session_id: str, attempt: int, result: str, *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            outcome = _parsed(CallResult, result, "bad_choice")
            return escalation.record_call(session, operator, attempt, outcome, now, policy)

        return await self._apply(operator, user_key, session_id, "call", change, in_channel)

    async def police_alerted(
        self, operator: Actor, user_key: str, session_id: str, case_number: str = "", *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            return escalation.mark_police_alerted(session, operator, case_number, now, policy)

        return await self._apply(operator, user_key, session_id, "police", change, in_channel)

    async def contact_informed(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            return escalation.mark_contact_informed(session, operator, now, policy)

        return await self._apply(operator, user_key, session_id, "contact", change, in_channel)

    async def rtib_informed(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            return escalation.mark_rtib_informed(session, operator, now, policy)

        return await self._apply(operator, user_key, session_id, "rtib", change, in_channel)

    async def told_safe(
        self, operator: Actor, user_key: str, session_id: str, party: str, *, in_channel: bool = False
    ) -> StoredSession:
        """After the person is known to be safe: the police, the contact or RTiB told so."""

        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            told = _parsed(escalation.Party, party, "bad_choice")
            return escalation.mark_told_safe(session, operator, told, now, policy)

        return await self._apply(operator, user_key, session_id, "told_safe", change, in_channel)

    async def skip(
        self, operator: Actor, user_key: str, session_id: str, step: str, reason: str, *, in_channel: bool = False
    ) -> StoredSession:
        """ "Hoppa över" the step that is due, with a reason."""

        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            return escalation.skip_step(session, operator, step, reason, now, policy)

        return await self._apply(operator, user_key, session_id, "skip", change, in_channel)

    async def close(
        self, operator: Actor, user_key: str, session_id: str, outcome: str, note: str = "", *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            result = _parsed(Outcome, outcome, "bad_outcome") if outcome else None  # none: refused by the domain
            return escalation.close_escalation(session, operator, result, note, now, policy)

        return await self._apply(operator, user_key, session_id, "close", change, in_channel)
