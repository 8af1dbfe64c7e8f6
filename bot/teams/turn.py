"""One incoming activity with everything a handler needs: who, where, in which language, and how to answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.schema import Activity, Attachment

from bot.domain.model import Person
from bot.domain.text import clean_input
from bot.i18n import Texts
from bot.services.admin import Admin
from bot.services.container import Services
from bot.store.profiles import Profile
from bot.teams.identity import Where

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
PROFILE = "trygghet.profile"  # turn_state key: the person's profile as read at the start of a personal turn


def card_activity(card: dict[str, Any], summary: str = "") -> Activity:
    activity = MessageFactory.attachment(Attachment(content_type=ADAPTIVE, content=card))
    if summary:
        activity.summary = summary
    return activity


def clean_value(value: Any) -> Any:
    """Card submit data with every string cleaned of invisible and control characters (line breaks kept:
    notes are multi-line); the structure is left as it came, for the handler to check."""
    if isinstance(value, str):
        return clean_input(value, multiline=True)
    if isinstance(value, dict):
        return {key: clean_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    return value


@dataclass
class Turn:
    ctx: TurnContext
    services: Services
    admin: Admin  # the admin command set, built once by app.py
    person: Person
    locale: str
    texts: Texts
    where: Where
    args: str = ""  # the text after the command word
    value: dict[str, Any] = field(default_factory=dict)  # card submit data (untrusted)

    @property
    def activity(self) -> Activity:
        return self.ctx.activity

    @property
    def profile_read(self) -> bool:
        """Whether the turn already read the person's profile (every message in the personal chat does)."""
        return PROFILE in self.ctx.turn_state

    @property
    def profile(self) -> Profile | None:
        """The person's profile as read at the start of this turn (None: there is none yet)."""
        found = self.ctx.turn_state.get(PROFILE)
        return found if isinstance(found, Profile) else None

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)

    async def say(self, text: str) -> str:
        response = await self.ctx.send_activity(MessageFactory.text(text))
        return (response.id if response else "") or ""

    async def send_card(self, card: dict[str, Any], summary: str = "") -> str:
        """Send a card as a new message; returns its activity id (for updating it in place later)."""
        response = await self.ctx.send_activity(card_activity(card, summary))
        return (response.id if response else "") or ""

    async def update_card(self, activity_id: str, card: dict[str, Any]) -> None:
        """Replace a card the bot sent earlier in this conversation (e.g. the card whose button was pressed)."""
        activity = card_activity(card)
        activity.id = activity_id
        activity.conversation = self.activity.conversation
        await self.ctx.update_activity(activity)

    @property
    def tapped_card_id(self) -> str:
        """The activity id of the card whose button sent this submit (Teams sets replyToId)."""
        return (self.activity.reply_to_id or "") if self.value else ""
