"""Where dialogs live: the conversation state (on Table storage) with its dialog stack, reachable from a Turn.

The bot attaches the host to every turn; a handler that needs a dialog asks `dialog_context(turn)`, and the
dialog's steps get the same Turn back with `conversation_of(step.context)` (bot/dialogs/conversation.py). At
the end of the turn the bot calls `save`, which writes the state only if a dialog changed it, and deletes it
once no dialog is running.
"""

from __future__ import annotations

import logging

from botbuilder.core import ConversationState, TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogSet, DialogState

from bot.dialogs.conversation import TURN_KEY, Conversation
from bot.store.errors import StaleWrite
from bot.teams.turn import Turn

log = logging.getLogger(__name__)

HOST_KEY = "trygghet.dialog_host"
CONTEXT_KEY = "trygghet.dialog_context"
DIALOG_STATE = "DialogState"


class ReadOnceState(ConversationState):
    """botbuilder's ConversationState reads storage again on every property access while the state is empty (a
    conversation with no dialog running, which is most turns). This one reads once per turn."""

    async def load(self, turn_context: TurnContext, force: bool = False) -> None:
        if force or self.get_cached_state(turn_context) is None:
            await super().load(turn_context, force)


class DialogHost:
    def __init__(self, state: ConversationState, dialogs: list[Dialog]) -> None:
        self.state = state
        self.dialog_state = state.create_property(DIALOG_STATE)
        self.dialogs = DialogSet(self.dialog_state)
        for dialog in dialogs:
            self.dialogs.add(dialog)

    def attach(self, ctx: TurnContext) -> None:
        ctx.turn_state[HOST_KEY] = self

    async def save(self, ctx: TurnContext) -> None:
        """Persist what the turn's dialogs changed; a finished dialog leaves no row behind."""
        if self.state.get_cached_state(ctx) is None:
            return  # no dialog was touched this turn
        stack = await self.dialog_state.get(ctx, DialogState)
        try:
            if stack is None or not stack.dialog_stack:
                await self.state.delete(ctx)
            else:
                await self.state.save_changes(ctx)
        except StaleWrite:
            # Another turn of the same conversation wrote first (e.g. a double tap); its state stands.
            log.warning("dialog state changed by a concurrent turn; this turn's dialog change was dropped")


async def dialog_context(turn: Turn) -> DialogContext:
    """The dialog context of this turn (created once per turn); the Turn is remembered for the dialog steps."""
    ctx = turn.ctx
    conversation: Conversation = turn  # mypy checks here that a Turn is what the dialogs expect
    ctx.turn_state[TURN_KEY] = conversation
    existing = ctx.turn_state.get(CONTEXT_KEY)
    if isinstance(existing, DialogContext):
        return existing
    host = ctx.turn_state.get(HOST_KEY)
    if not isinstance(host, DialogHost):
        raise RuntimeError("no DialogHost attached to this turn (TrygghetBot was built without dialogs)")
    created = await host.dialogs.create_context(ctx)
    ctx.turn_state[CONTEXT_KEY] = created
    return created
