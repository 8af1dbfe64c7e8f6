"""Proactive sending through the Bot Connector: to a user's personal chat, a new channel thread, or a card update."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import Activity, ConversationParameters, ConversationReference

from bot.teams import outbound
from bot.teams.outbound import OutboundHealth, Pacer, RetryPolicy
from bot.teams.turn import card_activity

LOCAL_APP_ID = "trygghet-local"  # proactive calls need a non-empty app id even without authentication


Callback = Callable[[TurnContext], Awaitable[None]]


def _guarded(callback: Callback, failures: list[BaseException]) -> Callback:
    """Keep a failure out of the adapter's turn-error handler (which would apologise into the chat and log a
    traceback): it is raised again after the adapter returns, for the outbound policy to judge."""

    async def run(ctx: TurnContext) -> None:
        try:
            await callback(ctx)
        except Exception as exc:
            failures.append(exc)

    return run


def _raise_first(failures: list[BaseException]) -> None:
    if failures:
        raise failures[0]


@dataclass(frozen=True)
class Posted:
    conversation_id: str
    activity_id: str
    reference: dict[str, Any]


class Messenger:
    """Every call goes through bot/teams/outbound.py: timeout, retries, pace; SendFailed when Teams won't take it."""

    def __init__(
        self,
        adapter: BotAdapter,
        app_id: str,
        policy: RetryPolicy | None = None,
        health: OutboundHealth | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self._adapter = adapter
        self._app_id = app_id or LOCAL_APP_ID
        self._policy = policy or RetryPolicy()
        self.health = health or OutboundHealth()
        self._pacer = pacer or Pacer()

    async def send(self, reference: dict[str, Any], activity: Activity) -> Posted:
        """Send into an existing conversation (a personal chat or a channel thread)."""
        posted: list[Posted] = []

        async def callback(ctx: TurnContext) -> None:
            response = await ctx.send_activity(activity)
            ref = TurnContext.get_conversation_reference(ctx.activity)
            posted.append(Posted(ref.conversation.id, (response.id if response else "") or "", ref.serialize()))

        await self._continue(reference, callback)
        return posted[-1]

    async def send_card(self, reference: dict[str, Any], card: dict[str, Any], summary: str = "") -> Posted:
        return await self.send(reference, card_activity(card, summary))

    async def update_card(self, reference: dict[str, Any], activity_id: str, card: dict[str, Any]) -> None:
        async def callback(ctx: TurnContext) -> None:
            activity = card_activity(card)
            activity.id = activity_id
            activity.conversation = ctx.activity.conversation
            await ctx.update_activity(activity)

        await self._continue(reference, callback)

    async def _continue(self, reference: dict[str, Any], callback: Callback) -> None:
        conversation = str((reference.get("conversation") or {}).get("id", ""))

        async def attempt() -> None:
            await self._pacer.wait(conversation)
            failures: list[BaseException] = []
            await self._adapter.continue_conversation(
                ConversationReference().deserialize(reference), _guarded(callback, failures), bot_app_id=self._app_id
            )
            _raise_first(failures)

        await outbound.call(attempt, self._policy, self.health, "a message")

    async def new_thread(self, channel: dict[str, Any], activity: Activity) -> Posted:
        """Start a new thread in a Teams channel; `channel` is the stored binding (channel id, service URL, …)."""
        posted: list[Posted] = []
        params = ConversationParameters(
            is_group=True,
            channel_data={"channel": {"id": channel["channel_id"]}, "tenant": {"id": channel.get("tenant_id", "")}},
            activity=activity,
            tenant_id=channel.get("tenant_id") or None,
        )

        async def callback(ctx: TurnContext) -> None:
            ref = TurnContext.get_conversation_reference(ctx.activity)
            posted.append(Posted(ref.conversation.id, ctx.activity.id or "", ref.serialize()))

        async def attempt() -> None:
            await self._pacer.wait(channel["channel_id"])
            failures: list[BaseException] = []
            await self._adapter.create_conversation(
                self._app_id,
                _guarded(callback, failures),
                params,
                channel_id="msteams",
                service_url=channel["service_url"],
            )
            _raise_first(failures)

        await outbound.call(attempt, self._policy, self.health, "a new thread")
        return posted[-1]
