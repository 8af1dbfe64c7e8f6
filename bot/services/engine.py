"""The session engine: writes a state change with its events and timer, then delivers the events.

Protocol (see README, "Reliability"):
1. A change is computed on a fresh copy of the session and written in one transaction conditional on the ETag;
   a lost race (StaleWrite) reloads and recomputes.
2. Before that write, the session's next timer row is written: due now and leased to this instance when events
   await delivery, else at the session's next wake-up. The old timer row is deleted after the write. A timer row
   that the session no longer points at is stale and is simply dropped when it fires.
3. Pending events are delivered one by one and ticked off (the last one in the same write that schedules the
   session's next timer, so a lone card costs one session write after its send). An event with several parts
   (audiences) that fails in some of them is ticked off with just those parts put back, so a retry never
   repeats the parts that went out. If delivery fails or the process dies, the timer's lease runs out and the
   scheduler delivers again: a part may be repeated, never lost.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from bot import telemetry
from bot.domain.clock import Clock
from bot.domain.errors import Conflict, DomainError
from bot.domain.events import Event
from bot.domain.model import Session, State
from bot.domain.policy import Policy
from bot.domain.timeline import advance, next_wake
from bot.services.policy_source import PolicySource
from bot.services.ports import Notifier
from bot.store.errors import StaleWrite
from bot.store.sessions import ActivePointer, SessionRepo, StoredSession, event_row_key
from bot.store.timers import Timer, TimerRepo

log = logging.getLogger(__name__)
# How long a claimed timer, and the outbox delivery it starts, is held before another instance may take over (a
# long delivery renews it). Outbound calls time out well within it (bot/teams/messenger.py).
LEASE = timedelta(seconds=10)
MAX_RETRIES = 8
PART = "#"  # an outbox item "<event id>#<part>" is one part of an event still to deliver

Change = Callable[[Session, datetime, Policy], list[Event]]


def instance_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class SessionEngine:
    def __init__(
        self,
        sessions: SessionRepo,
        timers: TimerRepo,
        policies: PolicySource,
        notifier: Notifier,
        clock: Clock,
        instance: str | None = None,
    ) -> None:
        self.sessions = sessions
        self.timers = timers
        self.policies = policies
        self.notifier = notifier
        self.clock = clock
        self.instance = instance or instance_name()

    # ---- public verbs

    async def create(self, session: Session, events: list[Event], pointer: ActivePointer) -> StoredSession:
        """Record a new session (StaleWrite if the user's active pointer moved meanwhile) and deliver its events."""
        now = self.clock.now()
        key = await self.timers.put(now, session.owner.key, session.id, self.instance, now + LEASE)
        try:
            stored = await self.sessions.create(session, events, pointer, key, now + LEASE)
        except StaleWrite:
            await self.timers.delete(key)
            raise
        return await self._deliver(stored, key, _written(session.id, 0, events))

    async def change(self, user_key: str, session_id: str, change: Change) -> tuple[StoredSession, list[Event]]:
        """Apply a domain command to the stored session, retrying on concurrent writes; DomainError passes up."""
        for _ in range(MAX_RETRIES):
            stored = await self.sessions.get(user_key, session_id)
            if stored is None:
                raise DomainError("not_found", session_id)
            now = self.clock.now()
            policy = await self.policies.current()
            work = _copy(stored)
            events = change(work.session, now, policy)
            try:
                saved, held = await self._commit(work, events, now, policy, held=None)
            except StaleWrite:
                continue
            telemetry.observe_committed(saved.session, events, now)
            if held:
                saved = await self._deliver(saved, held, _written(session_id, work.event_seq, events))
            return saved, events
        raise Conflict(session_id)

    async def run_timer(self, timer: Timer, early: bool = False) -> list[Event]:
        """Handle one claimed timer: advance the session to now and deliver whatever is pending. `early`: a
        reminder timer taken before its instant to spread a burst (the domain decides whether it is in the
        window)."""
        for _ in range(MAX_RETRIES):
            stored = await self.sessions.get(timer.user_key, timer.session_id)
            if stored is None or stored.timer_key != timer.key:
                await self.timers.delete(timer.key)  # stale: the session moved on
                return []
            now = self.clock.now()
            policy = await self.policies.current()
            work = _copy(stored)
            events = advance(work.session, now, policy, remind_early=early)
            try:
                saved, held = await self._commit(work, events, now, policy, held=timer.key)
            except StaleWrite:
                continue
            telemetry.observe_committed(saved.session, events, now)
            if held:
                await self._deliver(saved, held, _written(timer.session_id, work.event_seq, events))
            return events
        log.warning("timer %s: gave up after repeated conflicts; the lease will expire and it runs again", timer.key)
        return []

    # ---- mechanics

    async def _commit(
        self,
        stored: StoredSession,
        events: list[Event],
        now: datetime,
        policy: Policy,
        held: str | None,
        delivered: list[str] | None = None,
    ) -> tuple[StoredSession, str | None]:
        """Write the change with the session's next timer; `delivered` outbox items are ticked off with it.
        Returns the saved session and, when events await delivery, the timer key that holds the delivery."""
        session = stored.session
        user, sid = session.owner.key, session.id
        deliver = bool([i for i in stored.undelivered if i not in (delivered or ())] or events)
        busy = stored.delivering_until is not None and stored.delivering_until > now and stored.timer_key != held
        if deliver and busy:
            # Someone (another turn, the sweep, another instance) is delivering this outbox right now: the new
            # events join it and are theirs to deliver. Delivering them here too would send them twice.
            saved = await self.sessions.save(stored, events, stored.timer_key, delivered=delivered)
            return saved, None
        # An alarm (or the timer that raises it) goes before reminders when many are due at once.
        urgent = session.state in (State.DUE, State.ESCALATED)
        if deliver:
            key = held or await self.timers.put(now, user, sid, self.instance, now + LEASE, urgent=urgent)
            stored.delivering_until = now + LEASE
        else:
            wake = next_wake(session, policy)
            reminder = session.state is State.REGISTERED
            key = await self.timers.put(wake, user, sid, urgent=urgent, reminder=reminder) if wake else ""
            stored.delivering_until = None
        try:
            saved = await self.sessions.save(stored, events, key, delivered=delivered)
        except StaleWrite:
            if key and key not in (stored.timer_key, held):
                await self.timers.delete(key)
            raise
        if stored.timer_key and stored.timer_key != key:
            await self.timers.delete(stored.timer_key)
        return saved, key if deliver else None

    async def _deliver(self, saved: StoredSession, held: str, known: dict[str, Event] | None = None) -> StoredSession:
        """Deliver the outbox in order. An item that fails stays pending without holding back the others; of an
        event with several parts, only the parts that failed stay pending. `known`: events just written, by id
        (not read back). The last item is ticked off in the same write that schedules the session's next timer."""
        session = saved.session
        failed: set[str] = set()
        asked_wait: list[float] = []  # Teams' Retry-After on the failures, if it said
        leased_at = self.clock.now()  # the held timer's lease was taken just now (by the claim or the commit)
        while pending := [i for i in saved.undelivered if i not in failed]:
            item = pending[0]
            event_id, _, only = item.partition(PART)
            event = (known or {}).get(event_id) or await self.sessions.get_event(session.owner.key, event_id)
            refs: dict[str, str] = {}
            retry: list[str] = []
            parts = ((only,) if only else self.notifier.parts(event)) if event is not None else ()
            for part in parts:
                assert event is not None
                leased_at = await self._keep_lease(held, leased_at)
                try:
                    refs.update(await self.notifier.deliver(saved.session, event, part))
                except Exception as exc:  # any failure: keep this part, retry it later
                    log.warning(
                        "delivery of %s/%s for session %s failed (%s)",
                        event.kind.value,
                        part,
                        session.id,
                        type(exc).__name__,
                    )
                    if isinstance(getattr(exc, "retry_after", None), int | float):
                        asked_wait.append(float(exc.retry_after))  # type: ignore[attr-defined]
                    retry.append(part)
            if retry and len(retry) == len(parts) and not refs:
                failed.add(item)
                continue
            requeue = [f"{event_id}{PART}{part}" for part in retry]
            if len(pending) == 1 and not failed and not requeue:
                return await self._reschedule(saved, held, item, refs)
            failed.update(requeue)
            saved = await self._mark_delivered(saved, item, refs, requeue, held)
            if saved.timer_key != held:
                await self.timers.delete(held)
                return saved  # another writer took over the session's schedule
        if failed:
            policy = await self.policies.current()
            wait = timedelta(seconds=max(asked_wait)) if asked_wait else policy.delivery_retry
            retry_at = self.clock.now() + max(min(wait, policy.delivery_retry), timedelta(seconds=1))
            log.info("session %s: %d delivery part(s) to retry at %s", session.id, len(failed), retry_at.isoformat())
            await self.timers.release(held, retry_at)
            return saved
        return await self._reschedule(saved, held)

    async def _keep_lease(self, held: str, leased_at: datetime) -> datetime:
        """Before each (possibly slow) delivery: renew the timer's lease once half of it is gone, so no other
        instance starts the same delivery; returns when it was last taken. The session row's hold is renewed with
        the next tick-off (_mark_delivered)."""
        now = self.clock.now()
        if now - leased_at < LEASE / 2:
            return leased_at
        await self.timers.renew(held, self.instance, now + LEASE)
        return now

    async def _mark_delivered(
        self, saved: StoredSession, item: str, refs: dict[str, str], requeue: list[str], held: str
    ) -> StoredSession:
        """Tick `item` off (and put back its failed parts); a long delivery renews its hold on the outbox."""
        current = saved
        for _ in range(MAX_RETRIES):
            work = _copy(current)
            work.session.delivery.update(refs)
            now = self.clock.now()
            if work.timer_key == held and work.delivering_until and work.delivering_until - now < LEASE / 2:
                work.delivering_until = now + LEASE  # the timer's own lease is kept by _keep_lease
            try:
                return await self.sessions.save(work, [], work.timer_key, delivered=[item], requeue=requeue)
            except StaleWrite:
                fresh = await self.sessions.get(saved.session.owner.key, saved.session.id)
                if fresh is None:
                    raise Conflict(saved.session.id) from None
                current = fresh
        raise Conflict(saved.session.id)

    async def _reschedule(
        self, saved: StoredSession, held: str, item: str = "", refs: dict[str, str] | None = None
    ) -> StoredSession:
        """Schedule the session's next timer and let go of its outbox; with `item` (the outbox's last, just
        delivered), tick it off in the same write."""
        current = saved
        for _ in range(MAX_RETRIES):
            if current.timer_key != held:  # another writer took over the schedule: only tick the item off
                if item:
                    current = await self._mark_delivered(current, item, refs or {}, [], held)
                await self.timers.delete(held)
                return current
            work = _copy(current)
            work.session.delivery.update(refs or {})
            policy = await self.policies.current()
            done = [item] if item else None
            try:
                result, again = await self._commit(work, [], self.clock.now(), policy, held=held, delivered=done)
            except StaleWrite:
                fresh = await self.sessions.get(saved.session.owner.key, saved.session.id)
                if fresh is None:
                    await self.timers.delete(held)
                    raise Conflict(saved.session.id) from None
                current = fresh
                continue
            if again:  # new events arrived meanwhile and were recorded under our lease
                return await self._deliver(result, again)
            return result
        raise Conflict(saved.session.id)


def _written(session_id: str, first_seq: int, events: list[Event]) -> dict[str, Event]:
    """The events a commit just wrote, by their outbox id, so delivering them needs no read back."""
    return {event_row_key(session_id, first_seq + n): event for n, event in enumerate(events)}


def _copy(stored: StoredSession) -> StoredSession:
    """A copy to change: the session deep, the pending list fresh, the bookkeeping as read."""
    return replace(stored, session=copy.deepcopy(stored.session), undelivered=list(stored.undelivered))
