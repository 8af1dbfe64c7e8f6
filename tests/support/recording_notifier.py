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
    # kinds delivered in several named parts (as the Teams notifier does for several audiences)
    parts_of: dict[EventKind, tuple[str, ...]] = field(default_factory=dict)
    fail_parts: set[str] = field(default_factory=set)
    delivered_parts: list[tuple[EventKind, str]] = field(default_factory=list)

    def parts(self, event: Event) -> tuple[str, ...]:
        return self.parts_of.get(event.kind, ("",))

    async def deliver(self, session: Session, event: Event, part: str) -> dict[str, str]:
        if event.kind in self.fail_kinds or part in self.fail_parts:
            raise DeliveryDeferred(f"told to fail {event.kind}/{part}")
        if self.delay:
            await asyncio.sleep(self.delay)
        if part:
            self.delivered_parts.append((event.kind, part))
            if part != self.parts(event)[-1]:
                return {}
        self.delivered.append((session.id, event.kind))
        return {}

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        self.told.append((person_key, text_key))
        return True

    def kinds(self, session_id: str | None = None) -> list[EventKind]:
        return [k for s, k in self.delivered if session_id is None or s == session_id]
