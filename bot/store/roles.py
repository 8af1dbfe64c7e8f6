"""Who is an operator or an admin beyond the first admins named in the environment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from azure.core.exceptions import ResourceNotFoundError
from azure.data.tables import UpdateMode

from bot.store.keys import safe_key
from bot.store.tables import TableStore

PARTITION = "r"


@dataclass(frozen=True)
class RoleGrant:
    user_key: str
    role: str  # "operator" | "admin"
    name: str
    granted_by: str
    granted_at: datetime | None


class RoleRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("roles")

    async def get(self, user_key: str) -> RoleGrant | None:
        try:
            return _grant(await self._table.get_entity(PARTITION, safe_key(user_key)))
        except ResourceNotFoundError:
            return None

    async def grant(self, user_key: str, role: str, name: str, granted_by: str, now: datetime) -> None:
        entity = {
            "PartitionKey": PARTITION,
            "RowKey": safe_key(user_key),
            "UserKey": user_key,
            "Role": role,
            "Name": name,
            "GrantedBy": granted_by,
            "GrantedAt": now,
        }
        await self._table.upsert_entity(entity, mode=UpdateMode.REPLACE)

    async def revoke(self, user_key: str) -> bool:
        if await self.get(user_key) is None:
            return False
        await self._table.delete_entity(PARTITION, safe_key(user_key))
        return True

    async def all(self) -> list[RoleGrant]:
        return [_grant(e) async for e in self._table.query_entities(f"PartitionKey eq '{PARTITION}'")]


def _grant(entity: Any) -> RoleGrant:
    return RoleGrant(
        user_key=entity.get("UserKey", entity["RowKey"]),
        role=entity["Role"],
        name=entity.get("Name", ""),
        granted_by=entity.get("GrantedBy", ""),
        granted_at=entity.get("GrantedAt"),
    )
