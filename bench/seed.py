"""Many people with the same registration, fast: one real registration (through the service layer) copied row
for row to each of `copies`, with the person's key and name replaced. The rows are what a registration writes
(a session partition a person, their timers in the sharded timer partitions, a profile with their chat), so the
app under measurement cannot tell them from typed ones; seeding takes about 1/80 s a person here instead of the
1/15 s a hello and a registration each cost. The template's name must not occur inside another name's text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from azure.core.exceptions import ServiceRequestError
from azure.data.tables import TableEntity, UpdateMode

from bot.store.keys import safe_key
from bot.store.tables import TableStore
from bot.store.timers import timer_partition
from tests.support.activities import TeamsUser

BATCH = 100  # the Table service's limit of operations in one transaction


def _swap(entity: TableEntity, old: tuple[str, ...], new: tuple[str, ...]) -> dict[str, Any]:
    """The entity with a person's key (raw and as a row key part) and name replaced everywhere in its strings."""

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            for before, after in zip(old, new, strict=True):
                value = value.replace(before, after)
        return value

    return {key: swap(value) for key, value in entity.items()}


async def again_on_reset(write: Callable[[], Awaitable[object]], attempts: int = 10) -> None:
    """Upserts are idempotent, so a write whose connection Azurite reset (a kept-alive socket it closed while the
    event loop was busy elsewhere) is simply sent again; each failure drops one such socket from the pool."""
    for attempt in range(attempts):
        try:
            await write()
            return
        except ServiceRequestError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.2)


async def copy_person(store: TableStore, original: TeamsUser, copies: list[TeamsUser]) -> None:
    """Write each copy's rows as the original's: its sessions partition in one transaction (as a registration
    writes it), its timer and profile rows in transactions of BATCH."""
    old = (original.aad, safe_key(original.aad), original.name)
    sessions, timers, profiles = store.table("sessions"), store.table("timers"), store.table("profiles")
    own = [e async for e in sessions.query_entities(f"PartitionKey eq '{old[1]}'")]
    timer_rows = [e async for e in timers.list_entities() if e["UserKey"] == original.aad]
    profile_rows = [e async for e in profiles.query_entities(f"RowKey eq '{old[1]}'")]
    gate = asyncio.Semaphore(16)

    async def one(copy: TeamsUser) -> None:
        new = (copy.aad, safe_key(copy.aad), copy.name)
        batch = [("upsert", _swap(e, old, new), {"mode": UpdateMode.REPLACE}) for e in own]
        async with gate:
            await again_on_reset(lambda: sessions.submit_transaction(batch))

    async def send(client: Any, batch: list[Any]) -> None:
        async with gate:
            await again_on_reset(lambda: client.submit_transaction(batch))

    async def shared(client: Any, rows: list[TableEntity], timer: bool = False) -> None:
        """Upsert every copy of `rows`, in transactions of BATCH within one partition (a copied timer's row key
        names another user, so its bucket is computed again)."""
        by_partition: dict[str, list[Any]] = {}
        for c in copies:
            for e in rows:
                row = _swap(e, old, (c.aad, safe_key(c.aad), c.name))
                if timer:
                    row["PartitionKey"] = timer_partition(row["RowKey"])
                by_partition.setdefault(row["PartitionKey"], []).append(("upsert", row, {"mode": UpdateMode.REPLACE}))
        for ops in by_partition.values():
            for start in range(0, len(ops), BATCH):
                await send(client, ops[start : start + BATCH])

    await asyncio.gather(
        *(one(c) for c in copies), shared(timers, timer_rows, timer=True), shared(profiles, profile_rows)
    )
