"""Due timers: one row per pending wake-up, keyed by due time so the scheduler reads only what is due.

Row key: `<due time key>|<user key>|<session id>`. Partition: `t<bucket>-<due minute>`, the bucket a hash of the
row key, so the timers of one busy instant (a thousand people with one sluttid) spread over BUCKETS partitions
instead of one (an Azure partition serves about 2,000 entities a second). Within a bucket the partitions sort by
minute, so "everything due by now" is one key-range query a bucket (BUCKETS in parallel), reading only rows that
are due; the partition is derived from the row key, so a timer's key alone still names its row.

A timer is claimed by writing a lease (owner, until) conditional on its ETag: of two instances, exactly one
wins, and a lease that runs out (the holder crashed) makes the timer claimable again.

Timers written before the buckets lived in the single partition `t` (LEGACY). A read of the due timers, at most
every LEGACY_EVERY, also reads that partition and moves what it finds into its bucket (same row key, so the
session still points at it), so a deploy over running sessions loses none; once moved, the read finds the
partition empty.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from azure.core import MatchConditions
from azure.core.exceptions import ResourceModifiedError, ResourceNotFoundError
from azure.data.tables import UpdateMode

from bot.store.keys import odata_str, safe_key, time_key
from bot.store.tables import TableStore

BUCKETS = 4
LEGACY = "t"
LEGACY_EVERY = timedelta(seconds=30)
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
    reminder: bool = False  # the wake-up that sends a reminder (may go out early in a burst)


def timer_key(due: datetime, user_key: str, session_id: str) -> str:
    return f"{time_key(due)}|{safe_key(user_key)}|{session_id}"


def timer_partition(key: str) -> str:
    """The partition of the timer row `key`: its hash bucket, then its due minute (`YYYYMMDDTHHMM`)."""
    return f"t{zlib.crc32(key.encode()) % BUCKETS}-{key[:13]}"


class TimerRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("timers")
        self.on_due: Callable[[datetime], None] | None = None  # told each due time written (the scheduler's waker)
        self._legacy_read = NEVER

    async def put(
        self,
        due: datetime,
        user_key: str,
        session_id: str,
        lease_owner: str = "",
        lease_until: datetime = NEVER,
        urgent: bool = False,
        reminder: bool = False,
    ) -> str:
        """Create (or re-lease) the timer; returns its key."""
        key = timer_key(due, user_key, session_id)
        entity = {
            "PartitionKey": timer_partition(key),
            "RowKey": key,
            "Due": due,
            "UserKey": user_key,
            "SessionId": session_id,
            "LeaseOwner": lease_owner,
            "LeaseUntil": lease_until,
            "Urgent": urgent,
            "Reminder": reminder,
        }
        await self._table.upsert_entity(entity, mode=UpdateMode.REPLACE)
        if self.on_due is not None and not lease_owner:  # a leased one is being delivered right now
            self.on_due(due)
        return key

    async def due(self, now: datetime, limit: int = 200) -> list[Timer]:
        """Timers due at or before `now`, oldest first (leased ones included; the caller checks the lease).
        One query a bucket, in parallel, plus the legacy partition's (moved as it is read)."""
        upper = time_key(now) + "|~"
        queries = [
            f"PartitionKey ge 't{b}-' and PartitionKey le 't{b}-{upper[:13]}' and RowKey le {odata_str(upper)}"
            for b in range(BUCKETS)
        ]
        reads = [self._query(q, limit) for q in queries]
        if not now - LEGACY_EVERY < self._legacy_read <= now:
            self._legacy_read = now
            reads.append(self._move_legacy(upper))
        found = await asyncio.gather(*reads)
        return sorted((t for part in found for t in part), key=lambda t: t.key)[:limit]

    async def next_due(self, after: datetime) -> datetime | None:
        """The earliest due time of a timer due after `after` (for waking the scheduler exactly then): one row
        a bucket."""
        lower = time_key(after) + "|~"
        queries = [
            f"PartitionKey ge 't{b}-{lower[:13]}' and PartitionKey lt 't{b}.' and RowKey gt {odata_str(lower)}"
            for b in range(BUCKETS)
        ]
        firsts = await asyncio.gather(*(self._first_due(q) for q in queries))
        return min((d for d in firsts if d is not None), default=None)

    async def claim(self, timer: Timer, owner: str, until: datetime) -> Timer | None:
        """Take the lease if nobody else holds it; None when another instance was first (412) or it is gone."""
        partition = timer_partition(timer.key)
        entity = {"PartitionKey": partition, "RowKey": timer.key, "LeaseOwner": owner, "LeaseUntil": until}
        try:
            meta = await self._table.update_entity(
                entity, mode=UpdateMode.MERGE, etag=timer.etag, match_condition=MatchConditions.IfNotModified
            )
        except (ResourceModifiedError, ResourceNotFoundError):
            return None
        return replace(timer, lease_owner=owner, lease_until=until, etag=meta["etag"])

    async def renew(self, key: str, owner: str, until: datetime) -> None:
        """Extend the holder's lease (a long delivery still running)."""
        entity = {"PartitionKey": timer_partition(key), "RowKey": key, "LeaseOwner": owner, "LeaseUntil": until}
        try:
            await self._table.update_entity(entity, mode=UpdateMode.MERGE)
        except ResourceNotFoundError:
            pass

    async def release(self, key: str, until: datetime) -> None:
        """Give the timer back, claimable again from `until` (used to retry a failed delivery later)."""
        entity = {"PartitionKey": timer_partition(key), "RowKey": key, "LeaseOwner": "", "LeaseUntil": until}
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
            await self._table.delete_entity(timer_partition(key), key)
        except ResourceNotFoundError:
            pass

    async def _query(self, query: str, limit: int) -> list[Timer]:
        found: list[Timer] = []
        async for entity in self._table.query_entities(query, results_per_page=limit):
            found.append(_timer(entity))
            if len(found) >= limit:
                break
        return found

    async def _first_due(self, query: str) -> datetime | None:
        async for entity in self._table.query_entities(query, results_per_page=1, select=["RowKey", "Due"]):
            return entity["Due"]
        return None

    async def _move_legacy(self, upper: str) -> list[Timer]:
        """Move every row of the legacy partition into its bucket; returns those due by `upper`. The old row is
        deleted only if unchanged since read (an old instance still writing it gets it moved again next time)."""
        moved: list[Timer] = []
        async for entity in self._table.query_entities(f"PartitionKey eq '{LEGACY}'"):
            row = {**entity, "PartitionKey": timer_partition(entity["RowKey"])}
            meta = await self._table.upsert_entity(row, mode=UpdateMode.REPLACE)
            try:
                await self._table.delete_entity(
                    LEGACY,
                    entity["RowKey"],
                    etag=entity.metadata["etag"],
                    match_condition=MatchConditions.IfNotModified,
                )
            except (ResourceModifiedError, ResourceNotFoundError):
                pass
            timer = replace(_timer(entity), etag=meta["etag"])
            if timer.key <= upper:
                moved.append(timer)
            elif self.on_due is not None:
                self.on_due(timer.due)
        return moved


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
        reminder=bool(entity.get("Reminder", False)),
    )
