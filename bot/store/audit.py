"""The service-level audit log: events that belong to no session (roles, bars, settings, refusals, purges)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from datetime import datetime

from bot.domain.events import Event
from bot.store.event_codec import event_from_entity, event_properties
from bot.store.keys import time_key
from bot.store.tables import TableStore

_SEQUENCE = itertools.count()


class AuditRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("audit")

    async def append(self, event: Event, subject_key: str = "") -> None:
        """Record one event; `subject_key` is the person it concerns (for bars, roles, refusals)."""
        await self._table.create_entity(
            {
                "PartitionKey": event.at.strftime("%Y%m"),
                # time, then this process's sequence (events at one instant keep their order), then uniqueness
                "RowKey": f"{time_key(event.at)}|{next(_SEQUENCE):09d}|{uuid.uuid4().hex[:8]}",
                "SubjectKey": subject_key,
                **event_properties(event),
            }
        )

    async def between(self, start: datetime, end: datetime) -> AsyncIterator[tuple[Event, str]]:
        """(event, subject key) with start <= at < end."""
        query = "At ge @start and At lt @end"
        async for entity in self._table.query_entities(query, parameters={"start": start, "end": end}):
            yield event_from_entity(entity), str(entity.get("SubjectKey", ""))
