"""One sender cannot flood the bot: past TRYGGHET_RATE_LIMIT_TURNS within TRYGGHET_RATE_LIMIT_WINDOW the sender
gets one polite "För många meddelanden – vänta en stund" and nothing more of theirs is processed, while other
people are answered as usual; the bucket refills with time, and *Jag behöver hjälp* always goes through."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.cards import verbs
from bot.domain.model import State
from tests.e2e.escalation_support import register, stored
from tests.support.activities import ANNA, BERTIL
from tests.support.harness import BotHarness, texts_in


@pytest.fixture
def bot_env(bot_env: dict[str, str]) -> dict[str, str]:
    return {**bot_env, "TRYGGHET_RATE_LIMIT_TURNS": "5", "TRYGGHET_RATE_LIMIT_WINDOW": "PT10S"}


async def test_a_flood_gets_one_notice_and_nothing_else_while_others_are_served(harness: BotHarness) -> None:
    answered = [len(await harness.say(ANNA, "status")) for _ in range(5)]
    assert answered == [1] * 5

    flood = [texts_in(await harness.say(ANNA, "status")) for _ in range(20)]

    assert flood[0] == ["För många meddelanden – vänta en stund."]
    assert flood[1:] == [[]] * 19  # one notice, then nothing at all
    assert len(await harness.say(BERTIL, "status")) == 1  # someone else is not affected
    harness.clock.advance(timedelta(seconds=2))  # 2 s refill one turn (5 per 10 s)
    assert len(await harness.say(ANNA, "status")) == 1
    assert texts_in(await harness.say(ANNA, "status")) == ["För många meddelanden – vänta en stund."]


async def test_help_goes_through_even_past_the_limit(harness: BotHarness) -> None:
    session = await register(harness, end_time="14:30")
    for _ in range(8):
        await harness.say(ANNA, "status")

    await harness.submit(ANNA, {"verb": verbs.SESSION_HELP, "session": session.session.id})

    assert (await stored(harness, session)).session.state is State.ESCALATED
