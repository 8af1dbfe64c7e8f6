"""Sessions, their audit events and each user's active-session pointer, in one partition per user.

A user's partition holds: the `active` pointer row, one `s|<id>` row per session and one `e|<id>|<n>` row per
event (`n` numbered per session, six digits). Keeping them together lets one entity-group transaction write a
state change and its events at once, conditional on the session row's ETag, so no change is ever recorded
without its audit trail or vice versa.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from azure.core import MatchConditions
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.data.tables import TableTransactionError, UpdateMode

from bot.domain.codec import from_plain, to_plain
from bot.domain.events import Event
from bot.domain.model import Session
from bot.store.errors import StaleWrite
from bot.store.event_codec import event_from_entity, event_properties
from bot.store.keys import odata_str, safe_key
from bot.store.tables import TableStore

ACTIVE = "active"


@dataclass
class StoredSession:
    """A session as read from the store, with what is needed to write it back conditionally."""

    session: Session
    etag: str
    timer_key: str = ""
    # the outbox: ids of recorded events not yet delivered, or "<id>#<part>" for one part of one still due
    undelivered: list[str] = field(default_factory=list)
    event_seq: int = 0  # events recorded so far; numbers the next event row
    stored_active: bool = True  # whether the row, as read, was an active session (the pointer then points at it)
    # While the outbox is being delivered: until when the deliverer (the holder of timer_key's lease) holds it.
    # Another writer that adds events meanwhile leaves them to that deliverer instead of delivering them too.
    delivering_until: datetime | None = None


@dataclass
class ActivePointer:
    session_id: str
    etag: str | None  # None: the row does not exist yet


def session_row_key(session_id: str) -> str:
    return f"s|{session_id}"


def event_row_key(session_id: str, seq: int) -> str:
    """Events are numbered per session; the number is allocated under the session row's ETag, so never reused."""
    return f"e|{session_id}|{seq:06d}"


def _conditional(etag: str) -> dict[str, Any]:
    return {"mode": UpdateMode.REPLACE, "etag": etag, "match_condition": MatchConditions.IfNotModified}


class SessionRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("sessions")

    # ---- reads

    async def get(self, user_key: str, session_id: str) -> StoredSession | None:
        try:
            entity = await self._table.get_entity(safe_key(user_key), session_row_key(session_id))
        except ResourceNotFoundError:
            return None
        return _stored(entity)

    async def get_active(self, user_key: str) -> tuple[StoredSession | None, ActivePointer]:
        try:
            row = await self._table.get_entity(safe_key(user_key), ACTIVE)
        except ResourceNotFoundError:
            return None, ActivePointer("", None)
        pointer = ActivePointer(str(row.get("SessionId", "")), row.metadata["etag"])
        if not pointer.session_id:
            return None, pointer
        stored = await self.get(user_key, pointer.session_id)
        if stored is None or not stored.session.active:
            return None, pointer
        return stored, pointer

    async def events(self, user_key: str, session_id: str) -> list[Event]:
        prefix = f"e|{session_id}|"
        query = (
            f"PartitionKey eq {odata_str(safe_key(user_key))} and RowKey ge {odata_str(prefix)}"
            f" and RowKey lt {odata_str(prefix[:-1] + '}')}"
        )
        return [event_from_entity(e) async for e in self._table.query_entities(query)]

    async def get_event(self, user_key: str, event_id: str) -> Event | None:
        try:
            return event_from_entity(await self._table.get_entity(safe_key(user_key), event_id))
        except ResourceNotFoundError:
            return None

    async def for_user(self, user_key: str) -> list[StoredSession]:
        query = f"PartitionKey eq {odata_str(safe_key(user_key))} and RowKey ge 's|' and RowKey lt 's}}'"
        return [_stored(e) async for e in self._table.query_entities(query)]

    async def active(self) -> list[StoredSession]:
        """All sessions not closed. A scan with a server-side filter: for admins, never for the scheduler."""
        query = "RowKey ge 's|' and RowKey lt 's}' and State ne 'closed'"
        return [_stored(e) async for e in self._table.query_entities(query)]

    async def find(self, session_id: str) -> StoredSession | None:
        """A session by its id alone, whoever it belongs to (an admin's `ärende <id>`): a scan on the row key."""
        query = f"RowKey eq {odata_str('s|' + session_id)}"
        async for entity in self._table.query_entities(query, results_per_page=1):
            return _stored(entity)
        return None

    def all_sessions(self) -> AsyncIterator[StoredSession]:
        """Every session row."""
        return self._sessions_where("", {})

    def created_between(self, start: datetime, end: datetime) -> AsyncIterator[StoredSession]:
        """Sessions registered at start <= created < end (the admins' `statistik` and `larm <period>`)."""
        return self._sessions_where("CreatedAt ge @start and CreatedAt lt @end", {"start": start, "end": end})

    def closed_after(self, after: datetime) -> AsyncIterator[StoredSession]:
        """Sessions closed after `after` (the needless-alarm flags look back over a period)."""
        return self._sessions_where("State eq 'closed' and ClosedAt gt @after", {"after": after})

    def closed_unerased_by(self, cutoff: datetime) -> AsyncIterator[StoredSession]:
        """Closed sessions that still hold personal data and closed at or before `cutoff` (the retention purge)."""
        query = "State eq 'closed' and PersonalDataErased eq false and ClosedAt le @cutoff"
        return self._sessions_where(query, {"cutoff": cutoff})

    async def _sessions_where(self, query: str, parameters: dict[str, Any]) -> AsyncIterator[StoredSession]:
        base = "RowKey ge 's|' and RowKey lt 's}'"
        # No parentheses: the SDK finds a parameter only as a whole word ("@end", not "@end)"), and every query
        # here is a plain conjunction.
        found = self._table.query_entities(f"{base} and {query}" if query else base, parameters=parameters)
        async for entity in found:
            yield _stored(entity)

    async def all_events_with_owner(self, start: datetime, end: datetime) -> AsyncIterator[tuple[Event, str]]:
        """(event, owner key) for every session event with start <= at < end (the admins' export)."""
        query = "RowKey ge 'e|' and RowKey lt 'e}' and At ge @start and At lt @end"
        async for entity in self._table.query_entities(query, parameters={"start": start, "end": end}):
            yield event_from_entity(entity), str(entity.get("OwnerKey", ""))

    async def all_events(self, start: datetime, end: datetime) -> AsyncIterator[Event]:
        """Every session event with start <= at < end."""
        async for event, _ in self.all_events_with_owner(start, end):
            yield event

    # ---- writes

    async def create(
        self,
        session: Session,
        events: list[Event],
        pointer: ActivePointer,
        timer_key: str,
        delivering_until: datetime | None = None,
    ) -> StoredSession:
        """A new session, its events, and the active pointer, in one transaction; StaleWrite on any race."""
        event_rows, ids = _event_rows(session, events, 0)
        row = _session_entity(session, timer_key, ids, len(events), delivering_until)
        pointer_row = {"PartitionKey": row["PartitionKey"], "RowKey": ACTIVE, "SessionId": session.id}
        ops: list[Any] = [("create", row)]
        ops.append(("update", pointer_row, _conditional(pointer.etag)) if pointer.etag else ("create", pointer_row))
        ops += [("create", e) for e in event_rows]
        result = await self._submit(ops)
        return StoredSession(session, result[0]["etag"], timer_key, ids, len(events), True, delivering_until)

    async def save(
        self,
        stored: StoredSession,
        events: list[Event],
        timer_key: str,
        delivered: list[str] | None = None,
        requeue: list[str] | None = None,
    ) -> StoredSession:
        """Write a changed session and its new events, conditional on the ETag it was read with.

        `delivered` outbox items are ticked off; `requeue` items (the failed parts of a delivered event) are
        added before the new events' ids.
        """
        session = stored.session
        event_rows, ids = _event_rows(session, events, stored.event_seq)
        done = set(delivered or [])
        undelivered = [i for i in stored.undelivered if i not in done] + (requeue or []) + ids
        seq = stored.event_seq + len(events)
        row = _session_entity(session, timer_key, undelivered, seq, stored.delivering_until)
        ops: list[Any] = [("update", row, _conditional(stored.etag))]
        if stored.stored_active and not session.active:  # closing now: the pointer points at this session
            pointer = {"PartitionKey": row["PartitionKey"], "RowKey": ACTIVE, "SessionId": ""}
            ops.append(("upsert", pointer, {"mode": UpdateMode.REPLACE}))
        ops += [("create", e) for e in event_rows]
        result = await self._submit(ops)
        return StoredSession(
            session, result[0]["etag"], timer_key, undelivered, seq, session.active, stored.delivering_until
        )

    async def replace_events(self, user_key: str, events: list[tuple[str, dict[str, Any]]]) -> None:
        """Retention: rewrite event rows (by id) with new properties; used only to strip personal fields."""
        for event_id, props in events:
            entity = {"PartitionKey": safe_key(user_key), "RowKey": event_id, **props}
            await self._table.upsert_entity(entity, mode=UpdateMode.MERGE)

    async def _submit(self, ops: list[Any]) -> list[Any]:
        """The operations in one transaction; a lone conditional update (a tick-off, a reschedule: most writes)
        goes as a plain request, which costs a fraction of a batch's multipart encoding and parsing."""
        try:
            if len(ops) == 1 and ops[0][0] == "update":
                return [await self._table.update_entity(ops[0][1], **ops[0][2])]
            return list(await self._table.submit_transaction(ops))
        except TableTransactionError as exc:
            if exc.status_code in (409, 412):
                raise StaleWrite(str(exc.status_code)) from exc
            raise
        except HttpResponseError as exc:
            if exc.status_code in (409, 412):
                raise StaleWrite(str(exc.status_code)) from exc
            raise


def _session_entity(
    session: Session, timer_key: str, undelivered: list[str], event_seq: int, delivering_until: datetime | None
) -> dict[str, Any]:
    reg = session.registration
    return {
        "PartitionKey": safe_key(session.owner.key),
        "RowKey": session_row_key(session.id),
        "SessionId": session.id,
        "State": session.state.value,
        "Outcome": session.outcome.value if session.outcome else "",
        "EndTime": session.end_time,
        "CreatedAt": session.created_at,
        "ClosedAt": session.closed_at,
        "Organisation": reg.organisation,
        "PersonalDataErased": session.personal_data_erased,  # lets the daily purge skip what it already did
        "TimerKey": timer_key,
        "Undelivered": json.dumps(undelivered),
        "DeliveringUntil": delivering_until,
        "EventSeq": event_seq,
        "Data": json.dumps(to_plain(session), ensure_ascii=False),
    }


def _stored(entity: Any) -> StoredSession:
    session = from_plain(Session, json.loads(entity["Data"]))
    return StoredSession(
        session,
        entity.metadata["etag"],
        str(entity.get("TimerKey", "")),
        list(json.loads(entity.get("Undelivered") or "[]")),
        int(entity.get("EventSeq", 0)),
        entity.get("State") != "closed",
        entity.get("DeliveringUntil"),
    )


def _event_rows(session: Session, events: list[Event], first_seq: int) -> tuple[list[dict[str, Any]], list[str]]:
    rows: list[dict[str, Any]] = []
    ids: list[str] = []
    for n, event in enumerate(events):
        event_id = event_row_key(session.id, first_seq + n)
        ids.append(event_id)
        rows.append(
            {
                "PartitionKey": safe_key(session.owner.key),
                "RowKey": event_id,
                "OwnerKey": session.owner.key,
                **event_properties(event),
            }
        )
    return rows, ids
