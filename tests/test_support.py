"""Checks that the shared test fixtures work for real: Azurite behaves like Table Storage (ETags included)
and the Bot Connector stand-in answers botbuilder's blocking HTTP calls, which come from another thread.
"""

from __future__ import annotations

import asyncio
import re
from types import SimpleNamespace

import pytest
import requests
from azure.core import MatchConditions
from azure.core.exceptions import ResourceModifiedError
from azure.data.tables import UpdateMode
from azure.data.tables.aio import TableServiceClient
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from tests.support.connector import BotConnectorStub

TABLE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]{2,62}$")


def test_table_prefix_is_a_valid_table_name_start(table_prefix: str) -> None:
    assert len(table_prefix) <= 12
    assert TABLE_NAME.match(table_prefix + "Users")


async def test_azurite_stores_and_reads_an_entity(storage_connection_string: str, table_prefix: str) -> None:
    async with TableServiceClient.from_connection_string(storage_connection_string) as service:
        table = await service.create_table(f"{table_prefix}People")
        async with table:
            await table.upsert_entity({"PartitionKey": "p", "RowKey": "anna", "Name": "Anna"})
            entity = await table.get_entity("p", "anna")
    assert entity["Name"] == "Anna"


async def test_azurite_rejects_an_update_with_a_stale_etag(storage_connection_string: str, table_prefix: str) -> None:
    async with TableServiceClient.from_connection_string(storage_connection_string) as service:
        table = await service.create_table(f"{table_prefix}Timers")
        async with table:
            await table.create_entity({"PartitionKey": "p", "RowKey": "1", "State": "due"})
            first_read = await table.get_entity("p", "1")
            await table.update_entity(
                {"PartitionKey": "p", "RowKey": "1", "State": "claimed"},
                mode=UpdateMode.MERGE,
                etag=first_read.metadata["etag"],
                match_condition=MatchConditions.IfNotModified,
            )
            with pytest.raises(ResourceModifiedError):
                await table.update_entity(
                    {"PartitionKey": "p", "RowKey": "1", "State": "claimed twice"},
                    mode=UpdateMode.MERGE,
                    etag=first_read.metadata["etag"],
                    match_condition=MatchConditions.IfNotModified,
                )
            assert (await table.get_entity("p", "1"))["State"] == "claimed"


async def test_tables_of_different_prefixes_do_not_mix(storage_connection_string: str) -> None:
    async with TableServiceClient.from_connection_string(storage_connection_string) as service:
        for prefix in ("tone", "ttwo"):
            await service.create_table_if_not_exists(f"{prefix}Shared")
        names = [table.name async for table in service.query_tables("TableName eq 'toneShared'")]
    assert names == ["toneShared"]


async def test_connector_answers_a_blocking_post_from_another_thread(connector: BotConnectorStub) -> None:
    url = f"{connector.url}v3/conversations/a%3A1chat/activities"
    response = await asyncio.to_thread(requests.post, url, json={"type": "message", "text": "Hej"}, timeout=5)

    assert response.status_code == 200
    assert response.json()["id"]
    assert connector.sent_activities("a:1chat") == [{"type": "message", "text": "Hej"}]
    assert connector.calls[0].method == "POST"


async def test_connector_answers_updates_replies_and_new_threads(connector: BotConnectorStub) -> None:
    base = f"{connector.url}v3/conversations"
    channel = "19:larm@thread.tacv2"
    thread = await asyncio.to_thread(
        requests.post,
        base,
        json={"isGroup": True, "channelData": {"channel": {"id": channel}}, "activity": {"text": "Larm"}},
        timeout=5,
    )
    created = thread.json()
    assert created["id"] == f"{channel};messageid={created['activityId']}"

    conversation = requests.utils.quote(created["id"], safe="")
    reply = await asyncio.to_thread(
        requests.post,
        f"{base}/{conversation}/activities/{created['activityId']}",
        json={"text": "Ok"},
        timeout=5,
    )
    update = await asyncio.to_thread(
        requests.put,
        f"{base}/{conversation}/activities/{reply.json()['id']}",
        json={"text": "Ok!"},
        timeout=5,
    )
    assert update.json() == {"id": reply.json()["id"]}
    assert connector.sent_activities(created["id"]) == [{"text": "Ok"}]
    assert connector.updates(created["id"]) == [{"text": "Ok!"}]
    assert len(connector.created_conversations()) == 1

    connector.clear()
    assert connector.calls == []


async def test_connector_answers_teams_lookups_and_404s_the_rest(connector: BotConnectorStub) -> None:
    def get(path: str) -> requests.Response:
        return requests.get(connector.url + path, timeout=5)

    members = (await asyncio.to_thread(get, "v3/conversations/a%3A1chat/members")).json()
    member = await asyncio.to_thread(get, f"v3/conversations/a%3A1chat/members/{members[0]['id']}")
    missing = await asyncio.to_thread(get, "v3/conversations/a%3A1chat/members/29%3Anobody")
    channels = (await asyncio.to_thread(get, "v3/teams/19%3Ateam%40thread.tacv2/conversations")).json()
    unknown = await asyncio.to_thread(get, "v3/nothing/here")

    assert member.json()["name"] == "Anna Andersson"
    assert missing.status_code == 404
    assert channels == {"conversations": [{"id": "19:team@thread.tacv2", "name": None}]}
    assert unknown.status_code == 404
    assert [call.status for call in connector.calls] == [200, 200, 404, 200, 404]


async def test_botbuilder_replies_and_updates_reach_the_stand_in(connector: BotConnectorStub) -> None:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(SimpleNamespace(APP_ID="", APP_PASSWORD="")))
    incoming = Activity(
        type="message",
        id="1700000000000",
        text="hej",
        channel_id="msteams",
        service_url=connector.url,
        from_property=ChannelAccount(id="29:1user-anna-andersson", name="Anna Andersson"),
        recipient=ChannelAccount(id="28:trygghet", name="Trygghet"),
        conversation=ConversationAccount(id="a:1chat"),
    )

    async def reply_then_edit(turn: TurnContext) -> None:
        sent = await turn.send_activity("Hej Anna")
        await turn.update_activity(Activity(type="message", id=sent.id, text="Hej igen"))

    await adapter.process_activity("", incoming, reply_then_edit)

    [reply] = connector.sent_activities("a:1chat")
    [update] = connector.updates("a:1chat")
    assert reply["text"] == "Hej Anna" and reply["replyToId"] == "1700000000000"
    assert update["text"] == "Hej igen"
