"""`inställningar`: the policy's durations and limits, changed at run time, validated, audited, and in force."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.events import EventKind
from bot.domain.model import State
from tests.e2e.admin_support import cli, register, teams
from tests.support.activities import ADA, ANNA
from tests.support.harness import BotHarness


async def changes(harness: BotHarness) -> list[tuple[str, dict[str, str]]]:
    now = harness.clock.now()
    rows = harness.services.repos.audit.between(now - timedelta(days=1), now + timedelta(minutes=1))
    return [(e.actor.key, e.data) async for e, _ in rows if e.kind is EventKind.SETTING_CHANGED]


async def test_a_change_is_validated_stored_audited_and_in_force(harness: BotHarness) -> None:
    answer = await teams(harness, ADA, "admin inställningar sätt grace PT15M")

    assert answer == "grace är ändrad från PT5M till PT15M. Ändringen gäller överallt inom 15 sekunder."
    assert await changes(harness) == [(ADA.aad, {"name": "grace", "old": "PT5M", "new": "PT15M"})]
    listing = await teams(harness, ADA, "admin inställningar")
    assert "- grace = PT15M (ändrad; standard PT5M) – väntetid efter sluttid innan larm" in listing.splitlines()
    stored = await register(harness, ANNA, minutes=30)
    await harness.tick(minutes=30 + 10)  # the default grace would have escalated by now
    session = await harness.services.repos.sessions.get(ANNA.aad, stored.session.id)
    assert session is not None and session.session.state is State.DUE
    await harness.tick(minutes=6)
    session = await harness.services.repos.sessions.get(ANNA.aad, stored.session.id)
    assert session is not None and session.session.state is State.ESCALATED


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("sätt retention PT1M", "retention måste ligga mellan P1D och P3650D."),
        ("sätt flag_threshold 0", "flag_threshold måste ligga mellan 1 och 100."),
        ("sätt flag_threshold tre", "flag_threshold är ett antal: skriv ett heltal."),
        ("sätt grace snart", "grace är en tid: skriv den som ISO 8601"),
        ("sätt färg blå", "Det finns ingen inställning som heter ”färg”."),
        ("sätt grace", "Skriv inställningar sätt <namn> <värde>"),
    ],
)
async def test_a_bad_value_is_refused_alike_in_both_doors_and_nothing_changes(
    harness: BotHarness, bot_env: dict[str, str], command: str, answer: str
) -> None:
    in_teams = await teams(harness, ADA, f"admin inställningar {command}")
    code, in_terminal = await cli(harness, bot_env, "inställningar", *command.split(), as_user=ADA)

    assert in_teams.startswith(answer) and in_terminal == in_teams and code == 1
    assert await harness.services.repos.settings.all() == {}
    assert await changes(harness) == []


async def test_the_flag_settings_can_be_changed(harness: BotHarness, bot_env: dict[str, str]) -> None:
    code, out = await cli(harness, bot_env, "inställningar", "sätt", "flag_threshold", "5")
    assert code == 0 and out.startswith("flag_threshold är ändrad från 3 till 5.")
    assert (await harness.services.policies.current()).flag_threshold == 5
    assert "**Flaggade: 0** (minst 5 larm" in await teams(harness, ADA, "admin flaggade")
