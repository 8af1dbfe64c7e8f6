"""Drives the whole bot through POST /api/messages with a fake clock, and sweeps timers by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiohttp.test_utils import TestClient

from bot.domain.clock import FakeClock
from bot.services.container import Services
from scheduler.sweeper import SweepResult, TimerSweeper
from tests.support import activities as act
from tests.support.activities import TeamsUser
from tests.support.connector import BotConnectorStub


@dataclass
class BotHarness:
    client: TestClient
    connector: BotConnectorStub
    clock: FakeClock
    services: Services
    sweeper: TimerSweeper

    async def post(self, activity: dict[str, Any]) -> Any:
        since = len(self.connector.calls)
        response = await self.client.post("/api/messages", json=activity)
        assert response.status in (200, 201, 202), await response.text()
        self.connector.replies_to(str((activity.get("conversation") or {}).get("id", "")), since)
        return await response.json() if response.status == 200 and response.content_length else None

    async def say(self, user: TeamsUser, text: str) -> list[dict[str, Any]]:
        """Send a personal-chat message; returns the activities the bot sent in reply to it."""
        before = len(self.connector.sent_activities())
        await self.post(act.personal_message(user, self.connector.url, text))
        return self.connector.sent_activities()[before:]

    async def submit(self, user: TeamsUser, value: dict[str, Any], reply_to_id: str = "") -> list[dict[str, Any]]:
        before = len(self.connector.sent_activities())
        await self.post(act.personal_submit(user, self.connector.url, value, reply_to_id))
        return self.connector.sent_activities()[before:]

    async def answer_file_consent(
        self, user: TeamsUser, consent: dict[str, Any], action: str = "accept", upload: dict[str, Any] | None = None
    ) -> tuple[Any, list[dict[str, Any]]]:
        """Tap *Allow* (or *Decline*) on the file consent card the bot sent as activity `consent`: the invoke's
        answer, and what the bot sent after it."""
        (attachment,) = consent["attachments"]
        context = attachment["content"]["acceptContext" if action == "accept" else "declineContext"]
        upload = upload if upload is not None else self.connector.upload_info(attachment["name"])
        before = len(self.connector.sent_activities())
        activity = act.file_consent(user, self.connector.url, action, context, upload, consent.get("id", ""))
        answer = await self.post(activity)
        return answer, self.connector.sent_activities()[before:]

    async def install(self, user: TeamsUser) -> list[dict[str, Any]]:
        before = len(self.connector.sent_activities())
        await self.post(act.install(user, self.connector.url))
        return self.connector.sent_activities()[before:]

    async def tick(self, minutes: float = 0, seconds: float = 0) -> SweepResult:
        """Move the clock forward and run one sweep of due timers, as the scheduler would."""
        self.clock.advance(timedelta(minutes=minutes, seconds=seconds))
        return await self.sweeper.sweep()


def cards_in(sent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Adaptive Card contents among sent activities."""
    return [
        a["content"]
        for activity in sent
        for a in activity.get("attachments") or []
        if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
    ]


def texts_in(sent: list[dict[str, Any]]) -> list[str]:
    return [a.get("text") or "" for a in sent if a.get("text")]


def unchecked_traffic(connector: BotConnectorStub) -> str:
    """What the bot sent on its own that the test never looked at, one line per call (empty when none)."""
    lines = []
    for call in connector.unseen():
        body = call.body if isinstance(call.body, dict) else {}
        activity = body.get("activity", body) if call.route == "create_conversation" else body
        what = activity.get("text") or activity.get("summary") or ("card" if activity.get("attachments") else "")
        lines.append(f"  {call.method} {call.route} {call.params.get('conversationId', '')}: {str(what)[:100]}")
    return "\n".join(lines)
