"""`roller` shows who acts as an operator: the grants, and the members of the bound channel's team, who are
operators in that channel without a grant (bot/services/access.py). Teams' member list comes from the Bot
Connector stand-in; the terminal, which has no Teams, says where to look instead."""

from __future__ import annotations

from typing import Any

from bot.i18n.markup import plain_text
from tests.e2e.admin_support import bind_operator_channel, cli, teams
from tests.support.activities import ADA, OLLE, OTTO, TEAM_ID, TeamsUser
from tests.support.connector import Fault
from tests.support.harness import BotHarness


def member(user: TeamsUser) -> dict[str, Any]:
    email = user.name.lower().replace(" ", ".").replace("ö", "o") + "@vgregion.se"
    return {"id": user.teams_id, "name": user.name, "aadObjectId": user.aad, "userPrincipalName": email}


async def test_roller_lists_the_operators_of_the_bound_channels_team(
    harness: BotHarness, bot_env: dict[str, str]
) -> None:
    await bind_operator_channel(harness)
    harness.connector.members = [member(OTTO), member(OLLE), member(ADA)]
    await harness.say(OLLE, "hjälp")
    await teams(harness, ADA, "admin roller ge Olle Operatör operatör")

    lines = plain_text(await teams(harness, ADA, "admin roller")).splitlines()

    team = lines[lines.index("") + 1 :]
    # Olle has a grant and Ada is an admin: they are listed with their roles above, not again
    assert team == [
        "Operatörer genom den kopplade kanalens team: 1 (utan egen roll; de är operatörer i kanalen)",
        "- Otto Operatör (otto.operator@vgregion.se)",
    ]
    assert "- Olle Operatör – operatör (given av Ada Admin)" in lines
    (asked,) = [c for c in harness.connector.calls if c.route == "get_paged_members"]
    assert asked.params["conversationId"] == TEAM_ID
    code, in_terminal = await cli(harness, bot_env, "roller", as_user=ADA)
    assert code == 0 and in_terminal.splitlines()[-1] == (
        "Operatörerna genom den kopplade kanalens team visas bara i Teams (skriv admin roller där)."
    )


async def test_without_a_bound_channel_nobody_is_an_operator_by_team(harness: BotHarness) -> None:
    text = await teams(harness, ADA, "admin roller")
    assert text.splitlines()[-1] == "Ingen operatörskanal är kopplad, så ingen är operatör genom ett team."
    assert not [c for c in harness.connector.calls if c.route == "get_paged_members"]


async def test_when_teams_does_not_answer_the_grants_are_still_shown(harness: BotHarness) -> None:
    await bind_operator_channel(harness)
    harness.connector.fail(TEAM_ID, Fault(status=403))

    lines = (await teams(harness, ADA, "admin roller")).splitlines()

    assert lines[0] == "**Roller: 1**" and lines[1].startswith("- Ada Admin – administratör")
    assert lines[-1] == (
        "Teams svarade inte, så operatörerna genom kanalens team kan inte visas just nu. Försök igen om en stund."
    )
