"""Hostile text in every field a person or Teams supplies (the form, a display name, an operator's note) is
shown as text on every surface: the operators' card and thread, the person's own cards, the admins' answers.
Nothing becomes a link, an image, HTML or a mention, and no bidi or invisible character survives."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.domain.registration import RegistrationForm
from bot.domain.text import clean_input
from bot.i18n.markup import defang
from tests.e2e.admin_support import teams
from tests.e2e.escalation_support import bind_channel, current_card, person, tap, thread_of
from tests.support.activities import ADA, ANNA, OLLE, TeamsUser
from tests.support.forms import REGIONHALSAN, registration_form
from tests.support.harness import BotHarness, cards_in
from tests.support.hostile import CORPUS, live_parts


def strings(node: Any) -> list[str]:
    """Every string a card or message shows (texts, fact titles and values, button titles)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("Input."):
            return [node.get("label") or "", node.get("placeholder") or ""]  # a field's value is not markdown
        shown = ("text", "title", "value", "summary")
        return [s for key, value in node.items() for s in strings(value) if key in shown or not isinstance(value, str)]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def hostile_form(text: str) -> RegistrationForm:
    return registration_form(
        REGIONHALSAN,
        organisation=text,
        contact_name=text,
        address=text,
        threat_description=text,
        note=text,
        end_time="13:30",
    )


@pytest.mark.parametrize("text", CORPUS, ids=range(len(CORPUS)))
async def test_hostile_text_stays_text_on_every_surface(harness: BotHarness, text: str) -> None:
    anna = TeamsUser(ANNA.aad, f"Anna {text}")  # the display name Teams sends is hostile too
    await harness.say(anna, "hjälp")
    await bind_channel(harness)
    session = await harness.services.sessions.register(person(anna), hostile_form(text), anna.locale)
    await harness.say(anna, "status")
    await harness.tick(minutes=35)
    thread = await thread_of(harness, session)
    await tap(harness, OLLE, thread, "Jag tar ärendet")
    await tap(harness, OLLE, thread, "Hoppa över steget", skip_reason=text)  # an operator's note, hostile too
    answers = [await teams(harness, ADA, "admin aktiva"), await teams(harness, ADA, f"admin historik {ANNA.aad}")]

    sent = harness.connector.sent_activities() + harness.connector.updates()
    sent += [c["activity"] for c in harness.connector.created_conversations()]
    problems = []
    for activity in sent:
        mentions = tuple(e["text"] for e in activity.get("entities") or [] if e.get("type") == "mention")
        shown = [*strings(cards_in([activity])), activity.get("text") or "", activity.get("summary") or ""]
        where = activity.get("conversation", {}).get("id", "")[:30]
        problems += [(p, where, s[:80]) for s in shown for p in live_parts(s, mentions)]
    problems += [(p, "admin", a[:80]) for a in answers for p in live_parts(a)]
    assert problems == [], "\n".join(map(str, problems))
    card = json.dumps(current_card(harness, thread), ensure_ascii=False)
    assert defang(clean_input(text).strip()) in card  # shown, as the person typed it (less what hides text)
