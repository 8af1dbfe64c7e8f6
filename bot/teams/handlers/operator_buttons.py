"""The escalation card's buttons: claim, take over, call attempt, police, contact, RTiB, "told safe", skip, close.

The card's data ("owner", "session", the attempt number) is untrusted: the acting operator comes from the
activity, the service layer checks the operator role (members of the bound channel's team count as operators
there), and the engine only acts on escalated sessions. A successful step replies nothing: the notifier updates
the card for everyone. A refused or raced tap gets a short note, and the tapped card is refreshed so the loser
sees the current state. A close without an outcome is refused with a note but the card is left alone: Teams
keeps the typed note on the card only if it is not redrawn.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from bot.domain.errors import DomainError, NotAllowed
from bot.domain.model import Actor, ActorKind
from bot.services.escalation_actions import EscalationActions
from bot.store.sessions import StoredSession
from bot.teams.channel_binding import acting_in_operator_channel
from bot.teams.operator_notifications import render_escalation
from bot.teams.turn import Turn

log = logging.getLogger(__name__)

Step = Callable[[EscalationActions, Actor, str, str, bool], Awaitable[StoredSession]]

_NOTES = {
    "already_recorded": "esc.note.already_recorded",
    "illegal_transition": "esc.note.closed",
    "not_found": "esc.note.not_found",
    "bad_choice": "esc.note.bad_choice",
    "bad_outcome": "esc.note.bad_choice",
    # out of the routine's order: what comes first, and that a step can be skipped with a reason
    "call_not_due": "esc.note.call_not_due",
    "call_wait": "esc.note.call_wait",
    "police_not_due": "esc.note.police_not_due",
    "contact_not_due": "esc.note.inform_not_due",
    "rtib_not_due": "esc.note.inform_not_due",
    "close_not_due": "esc.note.close_not_due",
    "step_not_needed": "esc.note.step_not_needed",
    "reason_required": "esc.note.reason_required",
    "not_stale": "esc.note.not_stale",
}
# Refusals that leave the card as it is, so that what the operator typed on it (a note, a reason) stays there.
_KEEP_CARD = frozenset({"not_found", "bad_choice", "bad_outcome", "reason_required", "close_not_due"})
# "Avsluta" with no outcome chosen (the card requires one; an older card or client may still send none).
_NO_OUTCOME = {"bad_outcome": "esc.note.no_outcome"}


async def _act(turn: Turn, step: Step, notes: Mapping[str, str] | None = None) -> None:
    owner, session_id = str(turn.value.get("owner") or ""), str(turn.value.get("session") or "")
    if not owner or not session_id:
        await turn.say(turn.t("esc.note.not_found"))
        return
    operator = Actor(ActorKind.OPERATOR, turn.person.key, turn.person.name)
    in_channel = await acting_in_operator_channel(turn.services, turn.where)
    try:
        await step(turn.services.escalations, operator, owner, session_id, in_channel)
    except NotAllowed:
        await turn.say(turn.t("esc.note.refused"))  # Access logged the attempt in the audit log
        return
    except DomainError as exc:
        await _explain(turn, exc, owner, session_id, notes or {})
        return
    if turn.where.personal:  # an operator with the role, acting outside the channel: the card shows it there
        await turn.say(turn.t("esc.note.recorded"))


async def _explain(turn: Turn, exc: DomainError, owner: str, session_id: str, notes: Mapping[str, str]) -> None:
    """A short note (who won the race, already recorded, closed) and the tapped card brought up to date.

    A refused choice leaves the card as it is, so that what the operator typed on it stays there.
    """
    if exc.code in ("already_claimed", "not_stale"):
        await turn.say(
            turn.t("esc.note.raced" if exc.code == "already_claimed" else "esc.note.not_stale", name=exc.detail)
        )
    else:
        await turn.say(turn.t(notes.get(exc.code) or _NOTES.get(exc.code, "error.generic")))
    if exc.code in _KEEP_CARD or turn.where.personal or not turn.tapped_card_id:
        return  # nothing to refresh (the card lives in the operators' channel)
    services = turn.services
    case = await services.escalations.case(owner, session_id)
    rendered = await render_escalation(case, services.policies, services.clock)
    if rendered is not None:
        await turn.update_card(turn.tapped_card_id, rendered.card)


def _attempt(turn: Turn) -> int:
    """The attempt number the card was showing; a malformed one is 0, which the domain refuses as stale."""
    try:
        return int(str(turn.value.get("attempt", "")))
    except ValueError:
        return 0


async def claim(turn: Turn) -> None:
    await _act(turn, lambda actions, op, owner, sid, here: actions.claim(op, owner, sid, in_channel=here))


async def take_over(turn: Turn) -> None:
    """ "Ta över": the claimant has gone quiet (the thread was told), so another operator takes the case."""
    await _act(turn, lambda actions, op, owner, sid, here: actions.take_over(op, owner, sid, in_channel=here))


async def skip(turn: Turn) -> None:
    """ "Hoppa över steget": the step the card offered, with the operator's reason."""
    step, reason = str(turn.value.get("step") or ""), str(turn.value.get("skip_reason") or "")
    await _act(turn, lambda actions, op, owner, sid, here: actions.skip(op, owner, sid, step, reason, in_channel=here))


async def call(turn: Turn) -> None:
    attempt, result = _attempt(turn), str(turn.value.get("result") or "")
    await _act(
        turn,
        lambda actions, op, owner, sid, here: actions.record_call(op, owner, sid, attempt, result, in_channel=here),
    )


async def police(turn: Turn) -> None:
    case_number = str(turn.value.get("case_number") or "")
    await _act(
        turn, lambda actions, op, owner, sid, here: actions.police_alerted(op, owner, sid, case_number, in_channel=here)
    )


async def contact(turn: Turn) -> None:
    await _act(turn, lambda actions, op, owner, sid, here: actions.contact_informed(op, owner, sid, in_channel=here))


async def rtib(turn: Turn) -> None:
    await _act(turn, lambda actions, op, owner, sid, here: actions.rtib_informed(op, owner, sid, in_channel=here))


async def told_safe(turn: Turn) -> None:
    """After a late confirmation: "Polisen meddelad" (or the contact, or RTiB) - told that the person is safe."""
    party = str(turn.value.get("party") or "")
    await _act(turn, lambda actions, op, owner, sid, here: actions.told_safe(op, owner, sid, party, in_channel=here))


async def close(turn: Turn) -> None:
    outcome = str(turn.value.get("outcome") or "")
    note = str(turn.value.get("close_note") or "")
    await _act(
        turn,
        lambda actions, op, owner, sid, here: actions.close(op, owner, sid, outcome, note, in_channel=here),
        None if outcome else _NO_OUTCOME,
    )
