"""A counting HTTP proxy in front of Azurite: every storage request the app makes is counted, by method and table,
whatever code path makes it (the idle cost, the storage requests per delivered card)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer
from yarl import URL

HOP_BY_HOP = {"host", "content-length", "transfer-encoding", "connection", "keep-alive"}


@dataclass
class Counted:
    requests: Counter[str] = field(default_factory=Counter)  # "GET timers" and so on

    def total(self) -> int:
        return sum(self.requests.values())


@asynccontextmanager
async def counting_proxy(target: str) -> AsyncIterator[tuple[int, Counted]]:
    """An HTTP proxy to `target` (http://host:port) that counts each request by method and table."""
    counted = Counted()
    http = aiohttp.ClientSession(auto_decompress=False)

    async def forward(request: web.Request) -> web.StreamResponse:
        table = request.path.split("/")[2].split("(")[0] if request.path.count("/") >= 2 else ""
        counted.requests[f"{request.method} {table.rstrip(')')}"] += 1
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        url = URL(target + request.raw_path, encoded=True)  # as signed: not decoded and encoded again
        body = await request.read()
        async with http.request(
            request.method, url, headers=headers, data=body or None, skip_auto_headers=("Content-Type", "User-Agent")
        ) as upstream:
            answer = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
            return web.Response(status=upstream.status, headers=answer, body=await upstream.read())

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield int(server.port or 0), counted
    finally:
        await server.close()
        await http.close()
