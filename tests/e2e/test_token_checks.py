"""With an app id configured, every request must carry a Bot Connector token that botbuilder can verify. Tokens
are signed here against a local OpenID metadata and JWKS stand-in, so each forgery is refused offline: 401 for
a missing, garbage, forged, unknown-key, expired, unsigned, wrong-audience or wrong-issuer token; 400 for a
genuine token that names another serviceUrl; 503 (and one log line, no traceback) when the signing keys cannot
be fetched. A genuine token passes. Nothing is written to the store for a refused request."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import SERVICES, create_app
from bot.config import load_config
from bot.domain.clock import FakeClock
from tests.support import activities as act
from tests.support.activities import ANNA
from tests.support.store_snapshot import changes, snapshot
from tests.support.token_issuer import TokenIssuer, running_issuer

APP_ID = "00000000-aaaa-4bbb-8ccc-000000000042"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"


@pytest.fixture
def issuer() -> Iterator[TokenIssuer]:
    with running_issuer() as running:
        yield running


@pytest.fixture
async def client(bot_env: dict[str, str], issuer: TokenIssuer) -> AsyncIterator[TestClient]:
    env = {
        **bot_env,
        "MicrosoftAppId": APP_ID,
        "MicrosoftAppPassword": "not-used-offline",
        "TRYGGHET_OPENID_METADATA_URL": issuer.metadata_url,
    }
    app = create_app(load_config(env), FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)), run_scheduler=False)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


def typing() -> dict[str, Any]:
    """An activity the bot answers with nothing, so a request that passes needs no outbound token."""
    return {**act.personal_message(ANNA, SERVICE_URL, ""), "type": "typing", "text": None}


Token = Callable[[TokenIssuer], str]
TOKENS: list[tuple[str, Token, int, str]] = [
    ("no token", lambda i: "", 401, "unauthorized"),
    ("not a JWT", lambda i: "Bearer abc.def.ghi", 401, "unauthorized"),
    ("not Bearer", lambda i: "Basic " + i.token(APP_ID, SERVICE_URL), 401, "unauthorized"),
    (
        "signed by another key",
        lambda i: "Bearer " + i.token(APP_ID, SERVICE_URL, signed_by=i.other_key),
        401,
        "unauthorized",
    ),
    ("an unknown key id", lambda i: "Bearer " + i.token(APP_ID, SERVICE_URL, kid="someone-else"), 401, "unauthorized"),
    ("expired", lambda i: "Bearer " + i.token(APP_ID, SERVICE_URL, expires_in=-3600), 401, "unauthorized"),
    ("alg none", lambda i: "Bearer " + i.unsigned(APP_ID, SERVICE_URL), 401, "unauthorized"),
    (
        "for another bot",
        lambda i: "Bearer " + i.token(APP_ID, SERVICE_URL, audience="another-app"),
        401,
        "unauthorized",
    ),
    (
        "from another issuer",
        lambda i: "Bearer " + i.token(APP_ID, SERVICE_URL, issuer="https://evil.example"),
        401,
        "unauthorized",
    ),
    (
        "for another serviceUrl",
        lambda i: "Bearer " + i.token(APP_ID, "https://evil.example/"),
        400,
        "service_url_mismatch",
    ),
]


@pytest.mark.parametrize(("name", "token", "status", "reason"), TOKENS, ids=[t[0] for t in TOKENS])
async def test_a_bad_token_is_refused_and_changes_nothing(
    client: TestClient,
    issuer: TokenIssuer,
    name: str,
    token: Token,
    status: int,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = client.app[SERVICES].store
    before = await snapshot(store)
    headers = {"Authorization": token(issuer)} if token(issuer) else {}

    response = await client.post("/api/messages", json=act.personal_message(ANNA, SERVICE_URL, "ny"), headers=headers)

    assert response.status == status
    assert json.loads(await response.text()) == {"error": reason}
    assert changes(before, await snapshot(store)) == {}
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


async def test_a_genuine_token_passes(client: TestClient, issuer: TokenIssuer) -> None:
    headers = {"Authorization": "Bearer " + issuer.token(APP_ID, SERVICE_URL)}
    response = await client.post("/api/messages", json=typing(), headers=headers)
    assert response.status == 201


async def test_signing_keys_out_of_reach_give_503_and_one_log_line(
    client: TestClient, issuer: TokenIssuer, caplog: pytest.LogCaptureFixture
) -> None:
    issuer.serving = False
    headers = {"Authorization": "Bearer " + issuer.token(APP_ID, SERVICE_URL)}
    caplog.set_level(logging.INFO)

    statuses = [(await client.post("/api/messages", json=typing(), headers=headers)).status for _ in range(18)]

    assert statuses == [503] * 18
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "signing keys could not be fetched" in errors[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info]
