"""A Notifier that records what it was asked to deliver, and can be told to fail: the scheduler tests' witness."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot.domain.events import Event, EventKind
from bot.domain.model import Session
from bot.services.ports import DeliveryDeferred


@dataclass
class RecordingNotifier:
    delivered: list[tuple[str, EventKind]] = field(default_factory=list)
    fail_kinds: set[EventKind] = field(default_factory=set)
    delay: float = 0.0
    told: list[tuple[str, str]] = field(default_factory=list)  # (person key, text key) of personal notices

    async def deliver(self, session: Session, event: Event) -> dict[str, str]:
        if event.kind in self.fail_kinds:
            raise DeliveryDeferred(f"told to fail {event.kind}")
        if self.delay:
            await asyncio.sleep(self.delay)
        self.delivered.append((session.id, event.kind))
        return {}

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        self.told.append((person_key, text_key))
        return True

    def kinds(self, session_id: str | None = None) -> list[EventKind]:
        return [k for s, k in self.delivered if session_id is None or s == session_id]
