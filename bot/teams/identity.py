"""Who is acting and in what language, read from the activity itself (never from card submit data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botbuilder.schema import Activity

from bot.domain.model import Person
from bot.domain.text import clean_input
from bot.store.keys import safe_key


@dataclass(frozen=True)
class Where:
    """The conversation an activity came from."""

    conversation_type: str  # personal | channel | groupChat
    conversation_id: str
    tenant_id: str
    team_id: str = ""
    channel_id: str = ""

    @property
    def personal(self) -> bool:
        return self.conversation_type in ("personal", "")


def person_of(activity: Activity) -> Person:
    """The acting user. The storage key is the AAD object id when Teams sends one, else the Teams user id."""
    return member_person(activity.from_property)


def member_person(member: Any) -> Person:
    """A Teams account as a Person: an activity's sender, or a member as Teams' member API returns one
    (`TeamsChannelAccount`, which also has the UPN). None gives the empty person."""
    aad = str(getattr(member, "aad_object_id", "") or "")
    teams_id = str(getattr(member, "id", "") or "")
    upn = str(getattr(member, "user_principal_name", "") or getattr(member, "email", "") or "")
    name = clean_input(str(getattr(member, "name", "") or "")).strip()
    return Person(key=safe_key(aad or teams_id), teams_id=teams_id, name=name, aad_object_id=aad, upn=upn)


def locale_of(activity: Activity) -> str:
    return (activity.locale or "sv-SE").strip() or "sv-SE"


def where_of(activity: Activity) -> Where:
    conversation = activity.conversation
    data = activity.channel_data or {}
    if not isinstance(data, dict):
        data = data.__dict__ if hasattr(data, "__dict__") else {}
    tenant = (data.get("tenant") or {}).get("id", "") or (getattr(conversation, "tenant_id", "") or "")
    team = (data.get("team") or {}).get("id", "")
    channel = (data.get("channel") or {}).get("id", "")
    return Where(
        conversation_type=(getattr(conversation, "conversation_type", "") or "") if conversation else "",
        conversation_id=(conversation.id if conversation else "") or "",
        tenant_id=tenant or "",
        team_id=team or "",
        channel_id=channel or "",
    )
