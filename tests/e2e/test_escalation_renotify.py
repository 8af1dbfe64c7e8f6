"""Nobody claims the escalation: after TRYGGHET_UNCLAIMED_RENOTIFY (here 2 minutes) the bot replies in the
thread, @mentioning the operators who hold the role, up to the policy's limit; a claim stops it."""

from __future__ import annotations

import pytest

from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    bind_channel,
    mentioned_ids,
    register,
    replies,
    tap,
    thread_of,
    updates,
)
from tests.support.activities import ADA, OLLE, OTTO
from tests.support.harness import BotHarness, texts_in


@pytest.fixture
def bot_env(bot_env: dict[str, str]) -> dict[str, str]:
    return {**bot_env, "TRYGGHET_UNCLAIMED_RENOTIFY": "PT2M"}


async def test_unclaimed_escalation_is_renotified_a_limited_number_of_times(harness: BotHarness) -> None:
    for operator in (OLLE, OTTO):
        await harness.services.repos.roles.grant(operator.aad, "operator", operator.name, ADA.aad, harness.clock.now())
    await harness.services.repos.roles.grant(ADA.aad, "admin", ADA.name, ADA.aad, harness.clock.now())
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)

    await harness.tick(minutes=1)
    assert replies(harness, thread) == []
    await harness.tick(minutes=1)
    (first,) = replies(harness, thread)
    assert first["text"] == (
        "<at>Olle Operatör</at>, <at>Otto Operatör</at>: ingen har tagit ärendet för Anna Andersson än "
        "(2 min sedan larmet)."
    )
    assert sorted(mentioned_ids(first)) == sorted([OLLE.aad, OTTO.aad])

    for _ in range(5):
        await harness.tick(minutes=2)
    assert len(replies(harness, thread)) == harness.services.config.policy.unclaimed_renotify_max == 3
    assert texts_in(replies(harness, thread))[-1].endswith("(6 min sedan larmet).")
    assert updates(harness, thread) == []


async def test_a_claim_stops_the_renotifications(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)
    await harness.tick(minutes=2)
    assert texts_in(replies(harness, thread)) == [
        "Ingen har tagit ärendet för Anna Andersson än (2 min sedan larmet)."  # no operator roles: no mentions
    ]

    await tap(harness, OTTO, thread, "Jag tar ärendet")
    for _ in range(5):
        await harness.tick(minutes=2)

    assert len(replies(harness, thread)) == 1
    assert len(updates(harness, thread)) == 1
