"""The smallest journey through the real HTTP endpoint: a message in, a reply out to the Bot Connector."""

from __future__ import annotations

from datetime import timedelta

from tests.support.activities import ADA, ANNA, BERTIL, EMMA, channel_message
from tests.support.harness import BotHarness, texts_in


async def test_help_message_gets_a_swedish_reply_through_the_connector(harness: BotHarness) -> None:
    sent = await harness.say(ANNA, "hjälp")

    assert len(sent) == 1
    assert "010-435 40 20" in texts_in(sent)[0]
    call = harness.connector.calls[-1]
    assert call.method == "POST"
    assert call.path.startswith(f"/v3/conversations/{ANNA.conversation_id}/activities")


async def test_english_client_gets_english(harness: BotHarness) -> None:
    sent = await harness.say(EMMA, "help")

    assert len(sent) == 1
    assert harness.services.clock is harness.clock  # the app runs on the injected clock, not the wall clock
    assert "Teams" in texts_in(sent)[0] and "ring" not in texts_in(sent)[0]


async def test_healthz_is_ok_when_storage_answers_and_the_operator_channel_is_bound(harness: BotHarness) -> None:
    await harness.post(channel_message(ADA, harness.connector.url, "koppla kanal"))  # unbound → 503 (see escalation)
    response = await harness.client.get("/healthz")
    assert response.status == 200


async def test_first_contact_remembers_the_users_principal_name_from_teams(harness: BotHarness) -> None:
    harness.connector.members.append(
        {"id": ANNA.teams_id, "name": ANNA.name, "aadObjectId": ANNA.aad, "userPrincipalName": "anna.a@vgregion.se"}
    )
    await harness.say(ANNA, "hjälp")
    await harness.say(ANNA, "hjälp")  # known now: no second lookup

    profile = await harness.services.repos.profiles.get(ANNA.aad)
    assert profile is not None and profile.person.upn == "anna.a@vgregion.se"
    assert [c.route for c in harness.connector.calls].count("get_member") == 1
    found = texts_in(await harness.say(ADA, "admin historik anna.a@vgregion.se"))
    assert len(found) == 1 and "Historik för Anna Andersson" in found[0]


async def test_a_failed_member_lookup_does_not_stop_the_reply(harness: BotHarness) -> None:
    sent = await harness.say(BERTIL, "hjälp")  # BERTIL is unknown to the stand-in's member API: 404
    assert len(sent) == 1
    profile = await harness.services.repos.profiles.get(BERTIL.aad)
    assert profile is not None and profile.person.upn == ""


async def test_installing_in_a_team_posts_no_user_welcome_there(harness: BotHarness) -> None:
    activity = channel_message(ADA, harness.connector.url, "")
    activity.update(type="conversationUpdate", membersAdded=[{"id": activity["recipient"]["id"]}])
    activity.pop("text")
    await harness.post(activity)

    sent = harness.connector.sent_activities()
    assert len(sent) == 1
    assert "koppla kanal" in sent[0]["text"] and "Välkommen" not in sent[0]["text"]


async def test_an_unchanged_profile_is_not_rewritten_on_every_message(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    first = await harness.services.repos.profiles.get(ANNA.aad)
    harness.clock.advance(timedelta(hours=1))
    await harness.say(ANNA, "hjälp")
    assert (await harness.services.repos.profiles.get(ANNA.aad)).updated_at == first.updated_at  # type: ignore[union-attr]
    harness.clock.advance(timedelta(hours=12))
    await harness.say(ANNA, "hjälp")
    later = await harness.services.repos.profiles.get(ANNA.aad)
    assert later is not None and first is not None and later.updated_at > first.updated_at  # type: ignore[operator]
