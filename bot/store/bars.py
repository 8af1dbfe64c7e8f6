"""Bars: people the head of security and preparedness has decided may no longer use the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from azure.core.exceptions import ResourceNotFoundError
from azure.data.tables import UpdateMode

from bot.store.keys import safe_key
from bot.store.tables import TableStore

PARTITION = "b"


@dataclass(frozen=True)
class Bar:
    user_key: str
    name: str
    reason: str
    barred_by: str
    barred_at: datetime


class BarRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("bars")

    async def get(self, user_key: str) -> Bar | None:
        try:
            return _bar(await self._table.get_entity(PARTITION, safe_key(user_key)))
        except ResourceNotFoundError:
            return None

    async def put(self, bar: Bar) -> None:
        entity = {
            "PartitionKey": PARTITION,
            "RowKey": safe_key(bar.user_key),
            "UserKey": bar.user_key,
            "Name": bar.name,
            "Reason": bar.reason,
            "BarredBy": bar.barred_by,
            "BarredAt": bar.barred_at,
        }
        await self._table.upsert_entity(entity, mode=UpdateMode.REPLACE)

    async def remove(self, user_key: str) -> bool:
        if await self.get(user_key) is None:
            return False
        await self._table.delete_entity(PARTITION, safe_key(user_key))
        return True

    async def all(self) -> list[Bar]:
        return [_bar(e) async for e in self._table.query_entities(f"PartitionKey eq '{PARTITION}'")]


def _bar(entity: Any) -> Bar:
    return Bar(
        user_key=entity.get("UserKey", entity["RowKey"]),
        name=entity.get("Name", ""),
        reason=entity.get("Reason", ""),
        barred_by=entity.get("BarredBy", ""),
        barred_at=entity["BarredAt"],
    )
