"""Real-shaped Teams activities (as Teams posts them to /api/messages), for end-to-end tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
BOT_ID = "28:trygghet-bot"
_ids = itertools.count(1)


@dataclass(frozen=True)
class TeamsUser:
    """A Teams user: `aad` is the AAD object id (Trygghet's key), `teams_id` the 29: id."""

    aad: str
    name: str
    locale: str = "sv-SE"

    @property
    def teams_id(self) -> str:
        return f"29:1{self.aad.replace('-', '')}"

    @property
    def conversation_id(self) -> str:
        return f"a:1personal-{self.aad}"


ANNA = TeamsUser("0f3a1c2e-1111-4a4a-9b9b-000000000001", "Anna Andersson")
BERTIL = TeamsUser("0f3a1c2e-2222-4a4a-9b9b-000000000002", "Bertil Berg")
EMMA = TeamsUser("0f3a1c2e-3333-4a4a-9b9b-000000000003", "Emma English", locale="en-US")
OLLE = TeamsUser("0f3a1c2e-4444-4a4a-9b9b-000000000004", "Olle Operatör")
OTTO = TeamsUser("0f3a1c2e-5555-4a4a-9b9b-000000000005", "Otto Operatör")
ADA = TeamsUser("0f3a1c2e-6666-4a4a-9b9b-000000000006", "Ada Admin")

TEAM_ID = "19:team-trygghetscentralen@thread.tacv2"
CHANNEL_ID = "19:channel-larm@thread.tacv2"


def _base(user: TeamsUser, service_url: str, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "id": f"f:{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2026-11-25T12:00:00.000Z",
        "from": {"id": user.teams_id, "name": user.name, "aadObjectId": user.aad},
        "recipient": {"id": BOT_ID, "name": "Trygghet"},
        "conversation": conversation,
        "locale": user.locale,
        "entities": [{"type": "clientInfo", "locale": user.locale, "country": "SE", "platform": "Web"}],
        "channelData": {"tenant": {"id": TENANT}},
    }
    activity.update(extra)
    return activity


def _personal(user: TeamsUser) -> dict[str, Any]:
    return {"conversationType": "personal", "tenantId": TENANT, "id": user.conversation_id}


def personal_message(user: TeamsUser, service_url: str, text: str) -> dict[str, Any]:
    return _base(user, service_url, _personal(user), type="message", text=text, textFormat="plain")


def personal_submit(user: TeamsUser, service_url: str, value: dict[str, Any], reply_to_id: str = "") -> dict[str, Any]:
    """What Teams posts when an Action.Submit button on a card in the personal chat is pressed."""
    activity = _base(user, service_url, _personal(user), type="message", value=value)
    activity["channelData"]["source"] = {"name": "message"}
    if reply_to_id:
        activity["replyToId"] = reply_to_id
    return activity


def file_consent(
    user: TeamsUser, service_url: str, action: str, context: dict[str, Any], upload: dict[str, Any], reply_to_id: str
) -> dict[str, Any]:
    """What Teams posts when the person answers a file consent card: *Allow* ("accept") or *Decline*."""
    value: dict[str, Any] = {"type": "fileUpload", "action": action, "context": context}
    if action == "accept":
        value["uploadInfo"] = upload
    activity = _base(user, service_url, _personal(user), type="invoke", name="fileConsent/invoke", value=value)
    activity["replyToId"] = reply_to_id
    return activity


def install(user: TeamsUser, service_url: str) -> dict[str, Any]:
    """conversationUpdate sent when the user installs the app in personal scope."""
    return _base(
        user,
        service_url,
        _personal(user),
        type="conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
    )


def channel_conversation(thread_id: str = "") -> dict[str, Any]:
    conversation_id = CHANNEL_ID + (f";messageid={thread_id}" if thread_id else "")
    return {"conversationType": "channel", "tenantId": TENANT, "id": conversation_id, "isGroup": True}


def _channel_data() -> dict[str, Any]:
    return {
        "tenant": {"id": TENANT},
        "team": {"id": TEAM_ID, "name": "Trygghetscentralen"},
        "channel": {"id": CHANNEL_ID, "name": "Larm"},
        "teamsTeamId": TEAM_ID,
        "teamsChannelId": CHANNEL_ID,
    }


def channel_message(user: TeamsUser, service_url: str, text: str, thread_id: str = "") -> dict[str, Any]:
    """A message in the operators' channel that @mentions the bot."""
    return _base(
        user,
        service_url,
        channel_conversation(thread_id),
        type="message",
        text=f"<at>Trygghet</at> {text}",
        channelData=_channel_data(),
        entities=[{"type": "mention", "text": "<at>Trygghet</at>", "mentioned": {"id": BOT_ID, "name": "Trygghet"}}],
    )


def channel_submit(
    user: TeamsUser, service_url: str, value: dict[str, Any], conversation_id: str, reply_to_id: str
) -> dict[str, Any]:
    """Action.Submit pressed on a card in a channel thread (conversation id includes ;messageid=)."""
    conversation = {"conversationType": "channel", "tenantId": TENANT, "id": conversation_id, "isGroup": True}
    activity = _base(user, service_url, conversation, type="message", value=value, channelData=_channel_data())
    activity["replyToId"] = reply_to_id
    return activity
