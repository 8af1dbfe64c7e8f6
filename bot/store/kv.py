"""A small JSON key-value table with ETags, for dialog state and service-wide facts such as the operator channel."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from azure.core import MatchConditions
from azure.core.exceptions import ResourceExistsError, ResourceModifiedError, ResourceNotFoundError
from azure.data.tables import UpdateMode

from bot.store.errors import StaleWrite
from bot.store.keys import safe_key
from bot.store.tables import TableStore

DIALOG_STATE_NAMESPACE = "botstate"  # the Teams layer's dialog state (bot/teams/table_storage.py)


class KeyValueRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("keyvalue")

    async def get(self, namespace: str, key: str) -> tuple[Any, str | None]:
        """(value, etag), or (None, None) when absent."""
        try:
            entity = await self._table.get_entity(safe_key(namespace), safe_key(key))
        except ResourceNotFoundError:
            return None, None
        return json.loads(entity["Value"]), entity.metadata["etag"]

    async def put(
        self, namespace: str, key: str, value: Any, etag: str | None = None, *, create_only: bool = False
    ) -> str:
        """Write; with `etag`, only if unchanged; with `create_only`, only if absent. StaleWrite otherwise."""
        entity = {"PartitionKey": safe_key(namespace), "RowKey": safe_key(key), "Value": json.dumps(value)}
        try:
            if create_only:
                meta = await self._table.create_entity(entity)
            elif etag:
                meta = await self._table.update_entity(
                    entity, mode=UpdateMode.REPLACE, etag=etag, match_condition=MatchConditions.IfNotModified
                )
            else:
                meta = await self._table.upsert_entity(entity, mode=UpdateMode.REPLACE)
        except (ResourceModifiedError, ResourceExistsError, ResourceNotFoundError) as exc:
            raise StaleWrite(f"{namespace}/{key}") from exc
        return str(meta["etag"])

    async def delete(self, namespace: str, key: str) -> None:
        try:
            await self._table.delete_entity(safe_key(namespace), safe_key(key))
        except ResourceNotFoundError:
            pass

    async def delete_older_than(self, namespace: str, cutoff: datetime) -> int:
        """Delete a namespace's rows last written before `cutoff` (e.g. abandoned dialog state); returns the count."""
        query = "PartitionKey eq @ns and Timestamp lt @cutoff"
        old = [
            e["RowKey"]
            async for e in self._table.query_entities(
                query, parameters={"ns": safe_key(namespace), "cutoff": cutoff}, select=["RowKey"]
            )
        ]
        for key in old:
            await self._table.delete_entity(safe_key(namespace), key)
        return len(old)
