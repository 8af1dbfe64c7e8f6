"""The activity handler: turns each Teams activity into a Turn and hands it to the router, after the sender's
rate limit and keeping the person's personal chat (so cards can reach them later); after the turn it saves
the dialog state, and it answers a failed turn kindly instead of with a stack trace."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import timedelta
from typing import Any

from botbuilder.core import ActivityHandler, InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ChannelAccount

from bot.cards import verbs
from bot.domain.errors import DomainError
from bot.i18n import texts_for
from bot.services.admin import Admin
from bot.services.code_words import is_code_word
from bot.services.container import Services
from bot.teams import file_upload
from bot.teams.dialog_host import DialogHost
from bot.teams.failures import ADMIN_TURN_DEADLINE, TURN_DEADLINE, failure_text_key, is_outage, tell_person
from bot.teams.identity import Where, locale_of, person_of, where_of
from bot.teams.rate_limit import SenderLimit, Verdict
from bot.teams.router import Router
from bot.teams.turn import PROFILE, Turn, clean_value

log = logging.getLogger(__name__)
# How often an unchanged profile is rewritten anyway: its UpdatedAt tells the retention purge who is still around.
PROFILE_REFRESH = timedelta(hours=12)


class TrygghetBot(ActivityHandler):
    def __init__(
        self, services: Services, admin: Admin, router: Router, welcome: Any, dialogs: DialogHost | None = None
    ) -> None:
        self._services = services
        self._admin = admin
        self._router = router
        self._welcome = welcome
        self._dialogs = dialogs  # conversation state + dialogs (the registration form), saved at the end of a turn
        config = services.config
        self._limit = SenderLimit(config.rate_limit_turns, config.rate_limit_window, services.clock)

    def _turn(self, ctx: TurnContext, args: str = "", value: dict[str, Any] | None = None) -> Turn:
        locale = locale_of(ctx.activity)
        return Turn(
            ctx=ctx,
            services=self._services,
            admin=self._admin,
            person=person_of(ctx.activity),
            locale=locale,
            texts=texts_for(locale),
            where=where_of(ctx.activity),
            args=args,
            value=clean_value(value or {}),
        )

    async def on_turn(self, turn_context: TurnContext) -> None:
        """A person's message is answered within TURN_DEADLINE, also when storage hangs: past it, the turn is cut
        off and the person is told to call the centre. Admin commands (which may scan the tables) have the longer
        ADMIN_TURN_DEADLINE, with the same answer past it."""
        if turn_context.activity.type not in ("message", "invoke"):
            await self._on_turn(turn_context)
            return
        deadline = ADMIN_TURN_DEADLINE if self._unbounded(turn_context.activity) else TURN_DEADLINE
        try:
            await asyncio.wait_for(self._on_turn(turn_context), deadline)
        except TimeoutError:
            log.error("a turn passed its %s s deadline (storage or Teams too slow)", deadline)
            await tell_person(turn_context, "error.outage")

    def _unbounded(self, activity: Activity) -> bool:
        if activity.type == "invoke":
            value = file_consent_value(activity)
            return value is not None and self._router.for_value(value) in self._router.unbounded
        if isinstance(activity.value, dict):
            return False
        handler, _ = self._router.for_text(activity.text or "")
        return handler in self._router.unbounded

    async def _on_turn(self, turn_context: TurnContext) -> None:
        allowed = self._services.config.allowed_tenants
        where = where_of(turn_context.activity)
        if allowed and where.tenant_id not in allowed:
            log.warning("activity from a tenant that is not allowed was ignored")
            return
        if not await self._within_limit(turn_context):
            return
        await self._remember_personal_chat(turn_context, where)
        if self._dialogs is None:
            await super().on_turn(turn_context)
            return
        self._dialogs.attach(turn_context)
        try:
            await super().on_turn(turn_context)
        finally:
            await self._dialogs.save(turn_context)

    async def _within_limit(self, ctx: TurnContext) -> bool:
        """The per-sender limit (bot/teams/rate_limit.py) on what a person sends: messages, taps and invokes."""
        activity = ctx.activity
        if activity.type not in ("message", "invoke") or not activity.from_property:
            return True
        value = activity.value if isinstance(activity.value, dict) else {}
        verdict = self._limit.take(person_of(activity).key, exempt=value.get("verb") == verbs.SESSION_HELP)
        if verdict is Verdict.NOTIFY:
            log.warning("a sender went past the rate limit; their turns are dropped for a while")
            await ctx.send_activity(texts_for(locale_of(activity)).t("user.rate_limited"))
        return verdict is Verdict.ALLOW

    async def _remember_personal_chat(self, ctx: TurnContext, where: Where) -> None:
        """Keep the personal conversation reference so reminders can reach the user later. The profile as it was
        read is kept in the turn's state (PROFILE), so the turn need not read it again."""
        if (
            not where.personal
            or not ctx.activity.from_property
            or ctx.activity.type not in ("message", "conversationUpdate")
        ):
            return
        reference = TurnContext.get_conversation_reference(ctx.activity)
        person = person_of(ctx.activity)
        if not person.key:
            return
        sessions = self._services.sessions
        profile = ctx.turn_state[PROFILE] = await sessions.profile(person)
        now, locale = self._services.clock.now(), locale_of(ctx.activity)
        conversation = reference.serialize()
        conversation.pop("activityId", None)  # differs on every message; not part of how to reach the person
        if (
            profile is not None
            and ctx.activity.type != "conversationUpdate"
            and (profile.person.name, profile.locale, profile.conversation) == (person.name, locale, conversation)
            and profile.updated_at is not None
            and now - profile.updated_at < PROFILE_REFRESH
        ):
            return  # nothing new: no write on every message
        if profile is None or ctx.activity.type == "conversationUpdate":
            person = replace(person, upn=await _principal_name(ctx))  # so admins can find people by e-mail
        await sessions.remember_contact(person, locale, conversation, now)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        value = activity.value if isinstance(activity.value, dict) else None
        if value is not None:
            handler = self._router.for_value(value)
            turn = self._turn(turn_context, value=value)
            if handler is None:
                handler = self._router.fallback
        elif self._router.silent_alarm and is_code_word(turn_context.turn_state.get(PROFILE), activity.text or ""):
            handler, turn = self._router.silent_alarm, self._turn(turn_context)
        else:
            handler, args = self._router.for_text(activity.text or "")
            turn = self._turn(turn_context, args=args)
        await run_safely(turn, handler)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        """Teams' answer to a file consent card (the admin's export); any other invoke as botbuilder has it."""
        value = file_consent_value(turn_context.activity)
        if value is None:
            return await super().on_invoke_activity(turn_context)
        handler = self._router.for_value(value) or self._router.fallback
        await run_safely(self._turn(turn_context, value=value), handler)
        return InvokeResponse(status=200)

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        recipient = turn_context.activity.recipient
        if any(m.id == (recipient.id if recipient else None) for m in members_added):
            await run_safely(self._turn(turn_context), self._welcome)


def file_consent_value(activity: Activity) -> dict[str, Any] | None:
    """A `fileConsent/invoke` as a card value: its context (with the verb) plus `action` and `upload`."""
    if activity.type != "invoke" or activity.name != file_upload.INVOKE or not isinstance(activity.value, dict):
        return None
    context = activity.value.get("context")
    upload = activity.value.get("uploadInfo")
    return {
        **(context if isinstance(context, dict) else {}),
        "action": activity.value.get("action"),
        "upload": upload if isinstance(upload, dict) else {},
    }


async def _principal_name(ctx: TurnContext) -> str:
    """The user's UPN (or e-mail) from Teams' member API; empty when Teams does not tell (never fatal)."""
    try:
        member = await TeamsInfo.get_member(ctx, ctx.activity.from_property.id)
    except Exception as exc:
        log.info("member lookup failed (%s); the profile keeps no UPN", type(exc).__name__)
        return ""
    return str(getattr(member, "user_principal_name", "") or getattr(member, "email", "") or "")


async def run_safely(turn: Turn, handler: Any) -> None:
    """Run a handler; a domain refusal becomes a kind sentence, an outage the centre's number, anything else a
    kind apology (never a trace to the person)."""
    try:
        await handler(turn)
    except DomainError as exc:
        await turn.say(error_text(turn, exc.code))
    except Exception as exc:
        name = getattr(handler, "__name__", handler)
        if is_outage(exc):
            log.error("handler %s: storage or network unavailable (%s)", name, type(exc).__name__)
        else:
            log.exception("handler %s failed", name)
        await tell_person(turn.ctx, failure_text_key(exc))


# A domain refusal's code -> the person's sentence for it; any other code gets the generic apology.
USER_ERRORS = {
    "illegal_transition": "error.illegal_transition",
    "already_recorded": "error.already_recorded",
    "already_active": "error.already_active",
    "barred": "error.barred",
    "not_found": "error.not_found",
    "bad_end_time": "error.bad_end_time",
    "validation_failed": "error.validation_failed",
    "code_word_length": "error.code_word_length",
    "code_word_reserved": "error.code_word_reserved",
    "code_word_needs_registration": "error.code_word_needs_registration",
}


def error_text(turn: Turn, code: str) -> str:
    """The catalog's sentence for a domain error code, or the generic apology."""
    return turn.t(USER_ERRORS.get(code, "error.generic"))
