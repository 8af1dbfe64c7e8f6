"""User profiles: how to reach a person proactively (conversation reference) and what to prefill next time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from azure.core.exceptions import ResourceNotFoundError
from azure.data.tables import UpdateMode

from bot.domain.model import Person
from bot.store.keys import safe_key
from bot.store.tables import TableStore

PARTITION = "p"


@dataclass
class Profile:
    person: Person
    locale: str = "sv-SE"
    conversation: dict[str, Any] = field(default_factory=dict)  # a serialised ConversationReference
    prefill: dict[str, str] = field(default_factory=dict)  # phone, organisation, contact from last time
    updated_at: datetime | None = None
    code_word: dict[str, str] = field(default_factory=dict)  # the trygghetsord's salt and hash, never the word


class ProfileRepo:
    def __init__(self, store: TableStore) -> None:
        self._table = store.table("profiles")

    async def get(self, user_key: str) -> Profile | None:
        try:
            entity = await self._table.get_entity(PARTITION, safe_key(user_key))
        except ResourceNotFoundError:
            return None
        return _profile(entity)

    async def remember_contact(self, person: Person, locale: str, conversation: dict[str, Any], now: datetime) -> None:
        """Store (merge) the person's identity and where to reach them; prefill data is left as it was."""
        entity = {
            "PartitionKey": PARTITION,
            "RowKey": safe_key(person.key),
            "Name": person.name,
            "TeamsId": person.teams_id,
            "AadObjectId": person.aad_object_id,
            "Locale": locale,
            "Conversation": json.dumps(conversation),
            "UpdatedAt": now,
        }
        if person.upn:  # only when known: an empty value must not wipe the stored one
            entity["Upn"] = person.upn
        await self._table.upsert_entity(entity, mode=UpdateMode.MERGE)

    async def save_prefill(self, user_key: str, prefill: dict[str, str]) -> None:
        entity = {"PartitionKey": PARTITION, "RowKey": safe_key(user_key), "Prefill": json.dumps(prefill)}
        await self._table.upsert_entity(entity, mode=UpdateMode.MERGE)

    async def save_code_word(self, user_key: str, value: dict[str, str]) -> None:
        """Store the code word's salt and hash ({} removes it)."""
        entity = {"PartitionKey": PARTITION, "RowKey": safe_key(user_key), "CodeWord": json.dumps(value)}
        await self._table.upsert_entity(entity, mode=UpdateMode.MERGE)

    async def forget(self, user_key: str) -> bool:
        """Delete the profile (GDPR erasure); True if there was one."""
        try:
            await self._table.get_entity(PARTITION, safe_key(user_key))
        except ResourceNotFoundError:
            return False
        await self._table.delete_entity(PARTITION, safe_key(user_key))
        return True

    async def all(self) -> list[Profile]:
        return [_profile(e) async for e in self._table.query_entities(f"PartitionKey eq '{PARTITION}'")]


def _profile(entity: Any) -> Profile:
    person = Person(
        key=entity.get("AadObjectId") or entity.get("TeamsId") or entity["RowKey"],
        teams_id=entity.get("TeamsId", ""),
        name=entity.get("Name", ""),
        aad_object_id=entity.get("AadObjectId", ""),
        upn=entity.get("Upn", ""),
    )
    return Profile(
        person=person,
        locale=entity.get("Locale", "sv-SE"),
        conversation=json.loads(entity.get("Conversation") or "{}"),
        prefill=json.loads(entity.get("Prefill") or "{}"),
        updated_at=entity.get("UpdatedAt"),
        code_word=json.loads(entity.get("CodeWord") or "{}"),
    )
