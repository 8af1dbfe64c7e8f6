"""Helpers for the escalation journeys: bind the channel, register Anna, read the card in the operators'
thread and press its buttons the way Teams posts them (Action.Submit in a channel thread).

The person registers the way a user does: a first message, `ny`, and the form submitted the way Teams posts it
(every input by its id), so an escalation test also fails when the registration card does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.model import Person
from bot.domain.registration import RegistrationForm
from bot.store.sessions import StoredSession
from tests.e2e.user_support import Chat, button
from tests.support import activities as act
from tests.support.activities import ADA, ANNA, TeamsUser
from tests.support.card_schema import validate_card
from tests.support.cards import plain, walk
from tests.support.forms import REGIONHALSAN, registration_form
from tests.support.harness import BotHarness, cards_in

ESCALATION_MINUTES = 35  # 13:00 start, sluttid 13:30, grace 5 minutes


def person(user: TeamsUser) -> Person:
    return Person(key=user.aad, teams_id=user.teams_id, name=user.name, aad_object_id=user.aad)


def form(**overrides: str) -> RegistrationForm:
    return registration_form(REGIONHALSAN, **{"end_time": "13:30", "note": "Möte med anhörig", **overrides})


async def bind_channel(harness: BotHarness, user: TeamsUser = ADA) -> list[dict[str, Any]]:
    """`@Trygghet koppla kanal` in the operators' channel; returns what the bot sent."""
    before = len(harness.connector.sent_activities())
    await harness.post(act.channel_message(user, harness.connector.url, "koppla kanal"))
    return harness.connector.sent_activities()[before:]


async def channel_say(harness: BotHarness, user: TeamsUser, text: str) -> list[dict[str, Any]]:
    before = len(harness.connector.sent_activities())
    await harness.post(act.channel_message(user, harness.connector.url, text))
    return harness.connector.sent_activities()[before:]


async def register(harness: BotHarness, user: TeamsUser = ANNA, **overrides: str) -> StoredSession:
    """Anna says something first (so her chat is known), then registers through the form card."""
    chat = Chat(harness, user)
    await chat.say("hjälp")
    (card,) = await chat.say("ny" if user.locale.startswith("sv") else "new")
    await chat.submit({**button(card.card, "Registrera", "Register"), **form(**overrides).as_dict()}, card)
    stored = await harness.services.sessions.active(person(user))
    assert stored is not None, "the form was not accepted"
    return stored


async def stored(harness: BotHarness, session: StoredSession) -> StoredSession:
    fresh = await harness.services.repos.sessions.get(session.session.owner.key, session.session.id)
    assert fresh is not None
    return fresh


@dataclass(frozen=True)
class Thread:
    """The escalation's thread in the operators' channel."""

    conversation_id: str
    card_id: str
    owner: str
    session_id: str


async def thread_of(harness: BotHarness, session: StoredSession) -> Thread:
    delivery = (await stored(harness, session)).session.delivery
    return Thread(delivery["esc_conversation"], delivery["esc_activity"], session.session.owner.key, session.session.id)


async def escalated(harness: BotHarness, user: TeamsUser = ANNA) -> tuple[StoredSession, Thread]:
    """A bound channel, a registration, and the clock past sluttid + grace: the escalation's thread is posted.
    What that sent (asserted by test_escalation_checklist.py) counts as seen for the teardown net."""
    await bind_channel(harness)
    session = await register(harness, user)
    await harness.tick(minutes=ESCALATION_MINUTES)
    harness.connector.acknowledge()
    return session, await thread_of(harness, session)


def posted_cards(harness: BotHarness) -> list[dict[str, Any]]:
    """Cards posted as new threads (POST /v3/conversations)."""
    return [card for body in harness.connector.created_conversations() for card in cards_in([body["activity"]])]


def updates(harness: BotHarness, thread: Thread) -> list[dict[str, Any]]:
    """Card versions sent by PUT to the thread's first message, oldest first."""
    bodies = [b for b in harness.connector.updates(thread.conversation_id) if b.get("id") == thread.card_id]
    return [card for body in bodies for card in cards_in([body])]


def replies(harness: BotHarness, thread: Thread) -> list[dict[str, Any]]:
    """Messages posted in the thread (not counting the card that opened it)."""
    return harness.connector.sent_activities(thread.conversation_id)


def current_card(harness: BotHarness, thread: Thread) -> dict[str, Any]:
    versions = updates(harness, thread)
    card = versions[-1] if versions else posted_cards(harness)[-1]
    validate_card(card)
    return card


def card_text(card: dict[str, Any], *, raw: bool = False) -> str:
    """The card's visible texts, facts and button titles, one per line (hidden history included).

    Phone numbers are shown with a non-breaking hyphen and spaces so they never wrap mid-number; unless `raw`,
    those read as a plain hyphen and spaces here, so "070-123 45 67" finds a number however it is kept together.
    """
    lines: list[str] = []
    for node in walk(card):
        kind = node.get("type")
        if kind == "TextBlock":
            lines.append(node["text"])
        elif kind == "FactSet":
            lines += [f"{f['title']}: {f['value']}" for f in node["facts"]]
        elif isinstance(kind, str) and kind.startswith("Action.") and node.get("title"):
            lines.append(f"[{node['title']}]")
    text = "\n".join(lines)
    return text if raw else plain(text)


def button_titles(card: dict[str, Any]) -> list[str]:
    return [n["title"] for n in walk(card) if n.get("type") == "Action.Submit"]


def submit_value(card: dict[str, Any], title: str, **inputs: str) -> dict[str, Any]:
    """What Teams posts for the Action.Submit titled `title`: its data with the card's input values merged."""
    for node in walk(card):
        if node.get("type") == "Action.Submit" and node.get("title") == title:
            return {**node["data"], **inputs}
    raise AssertionError(f"no button {title!r} on the card; buttons: {button_titles(card)}")


async def tap(harness: BotHarness, user: TeamsUser, thread: Thread, title: str, **inputs: str) -> list[dict[str, Any]]:
    """Press a button on the current card, in the thread, as `user`; returns what the bot sent (posts)."""
    value = submit_value(current_card(harness, thread), title, **inputs)
    return await submit(harness, user, thread, value)


async def submit(harness: BotHarness, user: TeamsUser, thread: Thread, value: dict[str, Any]) -> list[dict[str, Any]]:
    before = len(harness.connector.sent_activities())
    activity = act.channel_submit(user, harness.connector.url, value, thread.conversation_id, thread.card_id)
    await harness.post(activity)
    return harness.connector.sent_activities()[before:]


def mentioned_ids(activity: dict[str, Any]) -> list[str]:
    return [e["mentioned"]["id"] for e in activity.get("entities") or [] if e.get("type") == "mention"]
