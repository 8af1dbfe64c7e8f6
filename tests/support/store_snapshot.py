"""Every row of every Trygghet table with its ETag: compare two snapshots to prove a refused request changed
nothing (an ETag changes on any write, even one that writes the same values)."""

from __future__ import annotations

import json
from typing import Any

from bot.store.tables import TABLES, TableStore

Snapshot = dict[str, dict[tuple[str, str], tuple[str, str]]]


async def snapshot(store: TableStore) -> Snapshot:
    taken: Snapshot = {}
    for table in TABLES:
        rows: dict[tuple[str, str], tuple[str, str]] = {}
        async for entity in store.table(table).list_entities():
            values: dict[str, Any] = dict(entity)
            etag = str(entity.metadata.get("etag", ""))
            rows[(values["PartitionKey"], values["RowKey"])] = (etag, json.dumps(values, sort_keys=True, default=str))
        taken[table] = rows
    return taken


def changes(before: Snapshot, after: Snapshot) -> dict[str, list[str]]:
    """Per table, the rows added, removed or rewritten (by key), for a readable assertion message."""
    found: dict[str, list[str]] = {}
    for table in TABLES:
        old, new = before.get(table, {}), after.get(table, {})
        keys = set(old) | set(new)
        changed = sorted(
            f"{'+' if k not in old else '-' if k not in new else '~'}{k}" for k in keys if old.get(k) != new.get(k)
        )
        if changed:
            found[table] = changed
    return found
