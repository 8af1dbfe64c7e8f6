"""The operators' actions on an escalation. Each checks the operator role, then applies one checklist step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain import escalation
from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.model import Actor, CallResult, Outcome, Session
from bot.domain.policy import Policy
from bot.services.access import Access
from bot.services.engine import Change, SessionEngine
from bot.store.sessions import StoredSession

SIMPLE_STEPS: dict[str, Callable[[Session, Actor, datetime], list[Event]]] = {
    "claim": escalation.claim,
    "contact": escalation.mark_contact_informed,
    "rtib": escalation.mark_rtib_informed,
}


class EscalationActions:
    def __init__(self, engine: SessionEngine, access: Access) -> None:
        self.engine = engine
        self.access = access

    async def _apply(
        self, operator: Actor, user_key: str, session_id: str, what: str, change: Change, in_channel: bool
    ) -> StoredSession:
        await self.access.require_operator(operator, what, in_operator_channel=in_channel)
        stored, _ = await self.engine.change(user_key, session_id, change)
        return stored

    async def _simple(
        self, operator: Actor, user_key: str, session_id: str, what: str, in_channel: bool
    ) -> StoredSession:
        step = SIMPLE_STEPS[what]
        return await self._apply(
            operator, user_key, session_id, what, lambda s, now, _p: step(s, operator, now), in_channel
        )

    async def claim(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        """ "Jag tar ärendet"."""
        return await self._simple(operator, user_key, session_id, "claim", in_channel)

    async def record_call(
        self, operator: Actor, user_key: str, session_id: str, attempt: int, result: str, *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, policy: Policy) -> list[Event]:
            try:  # parsed after the role check, so a non-operator is refused (and logged) whatever they sent
                outcome = CallResult(result)
            except ValueError:
                raise DomainError("bad_choice", result) from None
            return escalation.record_call(session, operator, attempt, outcome, now, policy)

        return await self._apply(operator, user_key, session_id, "call", change, in_channel)

    async def police_alerted(
        self, operator: Actor, user_key: str, session_id: str, case_number: str = "", *, in_channel: bool = False
    ) -> StoredSession:
        return await self._apply(
            operator,
            user_key,
            session_id,
            "police",
            lambda s, now, _p: escalation.mark_police_alerted(s, operator, case_number, now),
            in_channel,
        )

    async def contact_informed(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        return await self._simple(operator, user_key, session_id, "contact", in_channel)

    async def rtib_informed(
        self, operator: Actor, user_key: str, session_id: str, *, in_channel: bool = False
    ) -> StoredSession:
        return await self._simple(operator, user_key, session_id, "rtib", in_channel)

    async def told_safe(
        self, operator: Actor, user_key: str, session_id: str, party: str, *, in_channel: bool = False
    ) -> StoredSession:
        """After a late confirmation: the police, the contact or RTiB told that the person is safe."""

        def change(session: Session, now: datetime, _policy: Policy) -> list[Event]:
            try:  # parsed after the role check, like record_call
                told = escalation.Party(party)
            except ValueError:
                raise DomainError("bad_choice", party) from None
            return escalation.mark_told_safe(session, operator, told, now)

        return await self._apply(operator, user_key, session_id, "told_safe", change, in_channel)

    async def close(
        self, operator: Actor, user_key: str, session_id: str, outcome: str, note: str = "", *, in_channel: bool = False
    ) -> StoredSession:
        def change(session: Session, now: datetime, _policy: Policy) -> list[Event]:
            try:  # parsed after the role check, like record_call; none chosen is refused by the domain
                result = Outcome(outcome) if outcome else None
            except ValueError:
                raise DomainError("bad_outcome", outcome) from None
            return escalation.close_escalation(session, operator, result, note, now)

        return await self._apply(operator, user_key, session_id, "close", change, in_channel)
