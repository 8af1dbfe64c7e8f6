"""Policy overrides set by admins at run time; they win over the environment's defaults."""

from __future__ import annotations

from azure.data.tables import UpdateMode

from bot.store.tables import TableStore

PARTITION = "s"


class SettingsRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("settings")

    async def all(self) -> dict[str, str]:
        return {
            e["RowKey"]: str(e["Value"]) async for e in self._table.query_entities(f"PartitionKey eq '{PARTITION}'")
        }

    async def set(self, name: str, value: str) -> None:
        await self._table.upsert_entity(
            {"PartitionKey": PARTITION, "RowKey": name, "Value": value}, mode=UpdateMode.REPLACE
        )
