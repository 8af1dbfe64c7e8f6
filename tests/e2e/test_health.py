"""/healthz as operations see it: 200 when storage answers, the scheduler sweeps and a channel is bound."""

from __future__ import annotations

import asyncio
import time

from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.config import load_config
from tests.support.azurite import start_azurite_table


async def test_healthz_with_the_real_scheduler_then_storage_gone(table_prefix: str) -> None:
    azurite = await asyncio.to_thread(start_azurite_table)
    try:
        env = {
            "TRYGGHET_STORAGE": azurite.connection_string,
            "TRYGGHET_TABLE_PREFIX": table_prefix,
            "TRYGGHET_SWEEP_INTERVAL": "1",
            "TRYGGHET_OPERATOR_CHANNEL": "19:team@thread.tacv2|19:larm@thread.tacv2|https://smba.example/emea/",
        }
        app = create_app(load_config(env))  # real clock, APScheduler running
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/healthz")
            assert response.status == 200, await response.text()
            assert await response.json() == {"status": "ok"}

            await asyncio.to_thread(azurite.stop)
            started = time.monotonic()
            response = await client.get("/healthz")
            body = await response.json()
            assert response.status == 503
            assert body["status"] == "unhealthy"
            assert any(p.startswith("storage:") for p in body["problems"])
            assert time.monotonic() - started < 10  # no retry storm behind a health check
    finally:
        await asyncio.to_thread(azurite.stop)
