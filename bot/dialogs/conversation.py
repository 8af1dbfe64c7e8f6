"""What a dialog step needs of the turn it runs in, so the dialogs depend on no Teams code.

The Teams layer's `Turn` has all of this; `bot/teams/dialog_host.py` puts the turn where `conversation_of` finds
it (under TURN_KEY in botbuilder's turn state), and the dialog steps take it from there.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from botbuilder.core import TurnContext

from bot.domain.model import Person
from bot.i18n import Texts
from bot.services.container import Services
from bot.store.profiles import Profile

TURN_KEY = "trygghet.turn"


@runtime_checkable
class Conversation(Protocol):
    """One turn of a person's personal chat, as the dialogs see it."""

    services: Services
    person: Person
    locale: str
    texts: Texts
    value: dict[str, Any]  # card submit data (untrusted)

    @property
    def profile_read(self) -> bool: ...

    @property
    def profile(self) -> Profile | None: ...

    def t(self, key: str, **values: object) -> str: ...

    async def say(self, text: str) -> str: ...

    async def send_card(self, card: dict[str, Any], summary: str = "") -> str: ...


def conversation_of(ctx: TurnContext) -> Conversation:
    """The turn a dialog step runs in (put there by the Teams layer's dialog host)."""
    turn = ctx.turn_state.get(TURN_KEY)
    if not isinstance(turn, Conversation):
        raise RuntimeError("dialog step outside a turn: the Teams layer's dialog_context(turn) runs dialogs")
    return turn
