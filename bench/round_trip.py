"""What one storage round trip and one card's serialisation cost in app CPU: the floor under a card and a turn.

A get and an upsert of a 300-character entity through azure-data-tables against an in-memory Azurite, 500 times
each after a warm-up; and msrest's serialisation of the registration form's activity (what botbuilder does for
every card it sends) beside json.dumps of the same card.

    .venv/bin/python -m bench.round_trip
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from botframework.connector import models
from msrest import Serializer

from bot.cards.registration_form import registration_form_card
from bot.domain.policy import Policy
from bot.domain.registration import RegistrationForm
from bot.i18n import texts_for
from bot.store.tables import TableStore
from bot.teams.turn import card_activity
from tests.support.azurite import start_azurite_table

TIMES = 500


async def _cpu_ms(operation: Callable[[], Awaitable[Any]]) -> float:
    for _ in range(50):
        await operation()
    started = time.process_time()
    for _ in range(TIMES):
        await operation()
    return (time.process_time() - started) * 1000 / TIMES


def _sync_cpu_ms(operation: Callable[[], Any]) -> float:
    operation()
    started = time.process_time()
    for _ in range(TIMES):
        operation()
    return (time.process_time() - started) * 1000 / TIMES


async def main() -> None:
    azurite = start_azurite_table()
    try:
        store = TableStore.from_connection_string(azurite.connection_string, "rt")
        await store.ensure_tables()
        table = store.table("profiles")
        entity = {"PartitionKey": "p", "RowKey": "r", "Text": "x" * 300}
        await table.upsert_entity(entity)
        get = await _cpu_ms(lambda: table.get_entity("p", "r"))
        put = await _cpu_ms(lambda: table.upsert_entity(entity))
        await store.close()
    finally:
        azurite.stop()
    card = registration_form_card(RegistrationForm(), texts_for("sv-SE"), Policy(), datetime.now(UTC))
    activity = card_activity(card, "Ny bevakning")
    serializer = Serializer({k: v for k, v in models.__dict__.items() if isinstance(v, type)})
    msrest_ms = _sync_cpu_ms(lambda: serializer.body(activity, "Activity"))
    json_ms = _sync_cpu_ms(lambda: json.dumps(card))
    print(f"storage get_entity      {get:5.2f} ms of CPU")
    print(f"storage upsert_entity   {put:5.2f} ms of CPU")
    print(f"msrest body(activity)   {msrest_ms:5.2f} ms of CPU (the form card, {len(json.dumps(card)) // 1024} KB)")
    print(f"json.dumps(card)        {json_ms:5.2f} ms of CPU")


if __name__ == "__main__":
    asyncio.run(main())
