"""Fixtures every Trygghet test may use: a real Table Storage emulator, per-test table names, and a
recording stand-in for the Bot Connector. Feature-specific fixtures belong in conftest files further down.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.support.azurite import AZURITE_TABLE_BIN, AzuriteTable, running_azurite_table
from tests.support.connector import BotConnectorStub, running_connector


@pytest.fixture(scope="session")
def azurite() -> Iterator[AzuriteTable]:
    """One Azurite table service for the whole session (in memory), or `TRYGGHET_TEST_STORAGE` if set.

    Tests share it: give every table a name starting with `table_prefix` to stay apart.
    """
    external = os.environ.get("TRYGGHET_TEST_STORAGE")
    if not external and not AZURITE_TABLE_BIN.exists():
        pytest.fail(f"{AZURITE_TABLE_BIN} is missing: run `make setup` (or set TRYGGHET_TEST_STORAGE)")
    with running_azurite_table(external) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def storage_connection_string(azurite: AzuriteTable) -> str:
    """The connection string of the session's table service."""
    return azurite.connection_string


@pytest.fixture
def table_prefix() -> str:
    """A table-name prefix unique to this test: a letter and 11 hex digits (valid in any Azure table name)."""
    return "t" + uuid.uuid4().hex[:11]


@pytest.fixture
async def connector() -> AsyncIterator[BotConnectorStub]:
    """A fresh Bot Connector stand-in on a free port; put `connector.url` into activities as `serviceUrl`."""
    async with running_connector() as stub:
        yield stub
