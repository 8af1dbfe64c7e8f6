"""Proactive sending through the Bot Connector: to a user's personal chat, a new channel thread, or a card update."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ConversationParameters, ConversationReference

from bot.domain.model import Person
from bot.teams import outbound
from bot.teams.identity import member_person
from bot.teams.outbound import OutboundHealth, Pacer, RetryPolicy
from bot.teams.turn import card_activity

LOCAL_APP_ID = "trygghet-local"  # proactive calls need a non-empty app id even without authentication


Callback = Callable[[TurnContext], Awaitable[None]]


CHANNEL_PREFIX = "19:"  # Teams channel and thread conversation ids; personal chats start with "a:"


def _guarded(callback: Callback, failures: list[BaseException]) -> Callback:
    """Keep a failure out of the adapter's turn-error handler (which would apologise into the chat and log a
    traceback): Messenger._call raises it again after the adapter returns, for the outbound policy to judge."""

    async def run(ctx: TurnContext) -> None:
        try:
            await callback(ctx)
        except Exception as exc:
            failures.append(exc)

    return run


@dataclass(frozen=True)
class Posted:
    conversation_id: str
    activity_id: str
    reference: dict[str, Any]


MEMBERS_PAGE = 500  # Teams' largest page of members


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

    async def _continue(
        self, reference: dict[str, Any], callback: Callback, what: str = "a message", *, urgent: bool | None = None
    ) -> None:
        conversation = str((reference.get("conversation") or {}).get("id", ""))

        def run(guarded: Callback) -> Awaitable[Any]:
            ref = ConversationReference().deserialize(reference)
            return self._adapter.continue_conversation(ref, guarded, bot_app_id=self._app_id)

        await self._call(conversation, what, run, callback, urgent=urgent)

    async def _call(
        self,
        pace: str,
        what: str,
        run: Callable[[Callback], Awaitable[Any]],
        callback: Callback,
        *,
        urgent: bool | None = None,
    ) -> None:
        """One proactive call under the outbound policy: paced by `pace` (the conversation), `callback` run in
        the adapter's turn by `run`, and its failure raised here rather than in the adapter's error handler. A
        call into a channel (the operators' thread: an alarm) is urgent and passes the cards queued for people,
        unless `urgent` says otherwise (an admin's read of the team is not an alarm)."""

        async def attempt() -> None:
            await self._pacer.wait(pace, urgent=pace.startswith(CHANNEL_PREFIX) if urgent is None else urgent)
            failures: list[BaseException] = []
            await run(_guarded(callback, failures))
            if failures:
                raise failures[0]

        await outbound.call(attempt, self._policy, self.health, what)

    async def team_members(self, binding: dict[str, Any]) -> list[Person]:
        """Everyone in the team of the bound channel (`binding` is the stored binding's value), page by page."""
        found: list[Person] = []

        async def callback(ctx: TurnContext) -> None:
            token: str | None = None
            found.clear()  # a retried call starts over from the first page
            while True:
                page = await TeamsInfo.get_paged_team_members(ctx, binding["team_id"], token, MEMBERS_PAGE)
                found.extend(member_person(m) for m in page.members or [])
                token = page.continuation_token
                if not token:
                    return

        reference = {
            "conversation": {"id": binding["channel_id"], "isGroup": True, "conversationType": "channel"},
            "serviceUrl": binding["service_url"],
            "channelId": "msteams",
        }
        await self._continue(reference, callback, what="the team's members", urgent=False)
        return found

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

        def run(guarded: Callback) -> Awaitable[Any]:
            service_url = channel["service_url"]
            return self._adapter.create_conversation(
                self._app_id, guarded, params, channel_id="msteams", service_url=service_url
            )

        await self._call(channel["channel_id"], "a new thread", run, callback)
        return posted[-1]
