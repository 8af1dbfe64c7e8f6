"""Opens the Table service once (connection string or managed identity) and hands out one client per table."""

from __future__ import annotations

import logging
from typing import Any

from azure.core.exceptions import ResourceExistsError
from azure.data.tables.aio import TableClient, TableServiceClient

log = logging.getLogger(__name__)

TABLES = ("sessions", "timers", "profiles", "roles", "bars", "settings", "keyvalue", "audit")
# Transient errors (timeouts, 5xx, throttling) are retried by azure-core's RetryPolicy with exponential backoff,
# briefly: a person's turn has 4.5 s in all (bot/teams/failures.py), and the scheduler simply tries again at its
# next sweep. Each call times out instead of hanging with a hung storage account.
RETRY: dict[str, Any] = {
    "retry_total": 3,
    "retry_backoff_factor": 0.2,
    "retry_backoff_max": 2,
    "connection_timeout": 2,
    "read_timeout": 4,
}


class TableStore:
    """The storage account: `table("sessions")` gives that table's client, named with the configured prefix."""

    def __init__(self, service: TableServiceClient, prefix: str = "", credential: Any = None) -> None:
        self._service = service
        self._prefix = prefix
        self._credential = credential
        self._clients: dict[str, TableClient] = {}

    @classmethod
    def from_connection_string(cls, connection_string: str, prefix: str = "") -> TableStore:
        return cls(TableServiceClient.from_connection_string(connection_string, **RETRY), prefix)

    @classmethod
    def from_account_url(cls, url: str, prefix: str = "") -> TableStore:
        """Production: an account URL and the managed identity (DefaultAzureCredential)."""
        from azure.identity.aio import DefaultAzureCredential

        credential = DefaultAzureCredential()
        return cls(TableServiceClient(endpoint=url, credential=credential, **RETRY), prefix, credential)

    def name(self, table: str) -> str:
        return f"{self._prefix}{table}"

    def table(self, table: str) -> TableClient:
        if table not in TABLES:
            raise KeyError(table)
        if table not in self._clients:
            self._clients[table] = self._service.get_table_client(self.name(table))
        return self._clients[table]

    async def ensure_tables(self) -> None:
        for table in TABLES:
            try:
                await self._service.create_table(self.name(table))
            except ResourceExistsError:
                pass

    async def ping(self) -> None:
        """Raises when storage does not answer; used by /healthz, so no retries: a health check must answer fast."""
        query = self.table("settings").query_entities(
            "PartitionKey eq 'ping'", results_per_page=1, retry_total=0, connection_timeout=3, read_timeout=3
        )
        async for _ in query:
            break

    async def close(self) -> None:
        for client in self._clients.values():
            await client.close()
        self._clients.clear()
        await self._service.close()
        if self._credential is not None:
            await self._credential.close()

    async def drop_all(self) -> None:
        """Tests and benchmarks only: remove this prefix's tables."""
        for table in TABLES:
            await self._service.delete_table(self.name(table))
