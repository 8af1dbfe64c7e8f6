"""Only the configured tenants reach the bot: an activity from another tenant is ignored without an answer."""

from __future__ import annotations

import pytest

from tests.support.activities import ANNA, TENANT, personal_message
from tests.support.harness import BotHarness


@pytest.fixture
def bot_env(bot_env: dict[str, str]) -> dict[str, str]:
    return {**bot_env, "TRYGGHET_ALLOWED_TENANTS": TENANT}


async def test_the_allowed_tenant_is_answered(harness: BotHarness) -> None:
    assert len(await harness.say(ANNA, "hjälp")) == 1


async def test_another_tenant_gets_no_answer_and_leaves_nothing_stored(harness: BotHarness) -> None:
    activity = personal_message(ANNA, harness.connector.url, "hjälp")
    activity["channelData"]["tenant"]["id"] = "11111111-2222-3333-4444-555555555555"
    activity["conversation"]["tenantId"] = "11111111-2222-3333-4444-555555555555"
    await harness.post(activity)

    assert harness.connector.calls == []
    assert await harness.services.repos.profiles.get(ANNA.aad) is None
