"""Due timers: one row per pending wake-up, keyed by due time so the scheduler reads only what is due.

Row key: `<due time key>|<user key>|<session id>` in a single partition, so "everything due by now" is one
range query. A timer is claimed by writing a lease (owner, until) conditional on its ETag: of two instances,
exactly one wins, and a lease that runs out (the holder crashed) makes the timer claimable again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from azure.core import MatchConditions
from azure.core.exceptions import ResourceModifiedError, ResourceNotFoundError
from azure.data.tables import UpdateMode

from bot.store.keys import odata_str, safe_key, time_key
from bot.store.tables import TableStore

PARTITION = "t"
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Timer:
    key: str
    due: datetime
    user_key: str
    session_id: str
    lease_owner: str
    lease_until: datetime
    etag: str
    urgent: bool = False  # an alarm's timer: swept before reminders when many are due at once


def timer_key(due: datetime, user_key: str, session_id: str) -> str:
    return f"{time_key(due)}|{safe_key(user_key)}|{session_id}"


class TimerRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("timers")
        self.on_due: Callable[[datetime], None] | None = None  # told each due time written (the scheduler's waker)

    async def put(
        self,
        due: datetime,
        user_key: str,
        session_id: str,
        lease_owner: str = "",
        lease_until: datetime = NEVER,
        urgent: bool = False,
    ) -> str:
        """Create (or re-lease) the timer; returns its key."""
        key = timer_key(due, user_key, session_id)
        entity = {
            "PartitionKey": PARTITION,
            "RowKey": key,
            "Due": due,
            "UserKey": user_key,
            "SessionId": session_id,
            "LeaseOwner": lease_owner,
            "LeaseUntil": lease_until,
            "Urgent": urgent,
        }
        await self._table.upsert_entity(entity, mode=UpdateMode.REPLACE)
        if self.on_due is not None and not lease_owner:  # a leased one is being delivered right now
            self.on_due(due)
        return key

    async def due(self, now: datetime, limit: int = 200) -> list[Timer]:
        """Timers due at or before `now`, oldest first (leased ones included; the caller checks the lease)."""
        upper = time_key(now) + "|~"
        query = f"PartitionKey eq '{PARTITION}' and RowKey le {odata_str(upper)}"
        found: list[Timer] = []
        async for entity in self._table.query_entities(query, results_per_page=limit):
            found.append(_timer(entity))
            if len(found) >= limit:
                break
        return found

    async def next_due(self, after: datetime) -> datetime | None:
        """The earliest due time of a timer due after `after` (for waking the scheduler exactly then): one row."""
        query = f"PartitionKey eq '{PARTITION}' and RowKey gt {odata_str(time_key(after) + '|~')}"
        async for entity in self._table.query_entities(query, results_per_page=1, select=["RowKey", "Due"]):
            return entity["Due"]
        return None

    async def claim(self, timer: Timer, owner: str, until: datetime) -> Timer | None:
        """Take the lease if nobody else holds it; None when another instance was first (412) or it is gone."""
        entity = {"PartitionKey": PARTITION, "RowKey": timer.key, "LeaseOwner": owner, "LeaseUntil": until}
        try:
            meta = await self._table.update_entity(
                entity, mode=UpdateMode.MERGE, etag=timer.etag, match_condition=MatchConditions.IfNotModified
            )
        except (ResourceModifiedError, ResourceNotFoundError):
            return None
        return Timer(timer.key, timer.due, timer.user_key, timer.session_id, owner, until, meta["etag"])

    async def renew(self, key: str, owner: str, until: datetime) -> None:
        """Extend the holder's lease (a long delivery still running)."""
        entity = {"PartitionKey": PARTITION, "RowKey": key, "LeaseOwner": owner, "LeaseUntil": until}
        try:
            await self._table.update_entity(entity, mode=UpdateMode.MERGE)
        except ResourceNotFoundError:
            pass

    async def release(self, key: str, until: datetime) -> None:
        """Give the timer back, claimable again from `until` (used to retry a failed delivery later)."""
        entity = {"PartitionKey": PARTITION, "RowKey": key, "LeaseOwner": "", "LeaseUntil": until}
        try:
            await self._table.update_entity(entity, mode=UpdateMode.MERGE)
        except ResourceNotFoundError:
            return
        if self.on_due is not None:
            self.on_due(until)

    async def delete(self, key: str) -> None:
        if not key:
            return
        try:
            await self._table.delete_entity(PARTITION, key)
        except ResourceNotFoundError:
            pass


def _timer(entity: Any) -> Timer:
    return Timer(
        key=entity["RowKey"],
        due=entity["Due"],
        user_key=entity["UserKey"],
        session_id=entity["SessionId"],
        lease_owner=entity.get("LeaseOwner", ""),
        lease_until=entity.get("LeaseUntil") or NEVER,
        etag=entity.metadata["etag"],
        urgent=bool(entity.get("Urgent", False)),
    )
