"""Helpers for the user's journeys in the personal chat: fill in and submit the registration form the way
Teams posts it, find the cards the bot sent (with the ids Teams gave them) and press their buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.events import Event
from bot.domain.model import Person, Session
from tests.support.activities import TeamsUser
from tests.support.card_schema import validate_card
from tests.support.cards import walk
from tests.support.harness import BotHarness, cards_in

# 010-435 40 20 as cards show it (non-breaking hyphen and spaces, so it never wraps); the registered phone number
# of FILLED_FORM is the same number.
SAFETY_CENTRE_ON_CARDS = "010\u2011435\u00a040\u00a020"

# What Teams sends for a filled-in form at 13:00 Stockholm time (the harness clock): every input by its id.
FILLED_FORM: dict[str, str] = {
    "organisation_kind": "nämnd",
    "organisation": "Kulturnämnden",
    "phone": "010-4354020",
    "contact_role": "verksamhetschef",
    "contact_name": "Karin Berg",
    "contact_phone": "+46 70 987 65 43",
    "place_kind": "meeting",
    "address": "Storgatan 1, Borås",
    "trip_from": "",
    "trip_to": "",
    "mode": "",
    "end_date": "2026-11-25",
    "end_time": "14:30",
    "threat_known": "no",
    "threat_description": "Hotfulla mejl inför mötet",
    "note": "",
    "acute": "false",
}


@dataclass(frozen=True)
class Sent:
    """An activity the bot posted, with the id the connector gave it (what Teams puts in replyToId)."""

    id: str
    activity: dict[str, Any]

    @property
    def card(self) -> dict[str, Any]:
        cards = cards_in([self.activity])
        assert len(cards) == 1, self.activity
        return cards[0]

    @property
    def text(self) -> str:
        return str(self.activity.get("text") or "")


def person(user: TeamsUser) -> Person:
    return Person(key=user.aad, teams_id=user.teams_id, name=user.name, aad_object_id=user.aad)


def posted(harness: BotHarness, user: TeamsUser) -> list[Sent]:
    """Everything the bot posted into the user's personal chat, oldest first."""
    conversation = user.conversation_id
    activities = harness.connector.sent_activities(conversation)
    ids = harness.connector.sent_ids(conversation)
    return [Sent(i, a) for i, a in zip(ids, activities, strict=True)]


class Chat:
    """One person's personal chat with the bot: what they say and tap, and what arrives."""

    def __init__(self, harness: BotHarness, user: TeamsUser) -> None:
        self.harness = harness
        self.user = user

    def _since(self, before: int) -> list[Sent]:
        return posted(self.harness, self.user)[before:]

    async def say(self, text: str) -> list[Sent]:
        before = len(posted(self.harness, self.user))
        await self.harness.say(self.user, text)
        return self._since(before)

    async def submit(self, value: dict[str, Any], on: Sent | None = None) -> list[Sent]:
        before = len(posted(self.harness, self.user))
        await self.harness.submit(self.user, value, on.id if on else "")
        return self._since(before)

    async def press(self, on: Sent, title: str, **inputs: str) -> list[Sent]:
        """Press the Action.Submit titled `title` anywhere on the card `on` (with the given input values)."""
        return await self.submit({**button(on.card, title), **inputs}, on)

    async def tick(self, minutes: float) -> list[Sent]:
        before = len(posted(self.harness, self.user))
        await self.harness.tick(minutes=minutes)
        return self._since(before)

    async def fill_in(self, form: Sent, **changes: str) -> list[Sent]:
        """Fill in the form card `form` (FILLED_FORM with `changes`) and press Registrera."""
        return await self.submit({**button(form.card, "Registrera", "Register"), **FILLED_FORM, **changes}, form)

    async def register(self, **changes: str) -> Sent:
        """ "ny", the form, and a valid submission: returns the receipt."""
        (form,) = await self.say("ny" if self.user.locale.startswith("sv") else "new")
        validate_card(form.card)
        (receipt,) = await self.fill_in(form, **changes)
        validate_card(receipt.card)
        return receipt

    def updates(self) -> list[dict[str, Any]]:
        return self.harness.connector.updates(self.user.conversation_id)

    async def session(self) -> Session:
        """The person's active session, or else the one that closed last, as stored."""
        active = await self.harness.services.sessions.active(person(self.user))
        if active is not None:
            return active.session
        stored = await self.harness.services.repos.sessions.for_user(self.user.aad)
        assert stored, "no session registered"
        return max(stored, key=lambda s: (s.session.closed_at or s.session.created_at, s.session.id)).session

    async def events(self) -> list[Event]:
        session = await self.session()
        return await self.harness.services.repos.sessions.events(self.user.aad, session.id)


def button(card: dict[str, Any], *titles: str) -> dict[str, Any]:
    """The data of the Action.Submit with one of these titles (nested show-cards and action sets included)."""
    found = [n for n in walk(card) if n.get("type") == "Action.Submit" and n.get("title") in titles]
    assert len(found) == 1, f"{titles} on the card: {[n.get('title') for n in walk(card) if 'title' in n]}"
    return dict(found[0]["data"])


def updated_card(update: dict[str, Any]) -> dict[str, Any]:
    (card,) = cards_in([update])
    validate_card(card)
    return card
