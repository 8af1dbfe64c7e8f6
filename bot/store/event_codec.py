"""One entity shape for audit events, shared by the per-session rows and the service-level audit table."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.events import Event, EventKind
from bot.domain.model import Actor, ActorKind


def event_properties(event: Event) -> dict[str, Any]:
    return {
        "Kind": event.kind.value,
        "At": event.at,
        "SessionId": event.session_id,
        "ActorKind": event.actor.kind.value,
        "ActorKey": event.actor.key,
        "ActorName": event.actor.name,
        "Data": json.dumps(event.data, ensure_ascii=False),
    }


def event_from_entity(entity: Any) -> Event:
    return Event(
        kind=EventKind(entity["Kind"]),
        at=entity["At"],
        actor=Actor(ActorKind(entity["ActorKind"]), entity["ActorKey"], entity.get("ActorName", "")),
        session_id=entity.get("SessionId", ""),
        data=json.loads(entity.get("Data") or "{}"),
        id=entity["RowKey"],
    )
