"""Nobody claims the escalation: it is never silent. Every TRYGGHET_UNCLAIMED_RENOTIFY (here 2 minutes) a notice:
first in the thread, @mentioning the operators who hold the role; after 3 unanswered notices also an @mention of
the channel and the card in the personal chat of everyone on the standby list (the admins until one is set), for
as long as it takes. A claim stops it; a claimant who then goes quiet is announced, and anyone may take over."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.admin_support import teams
from tests.e2e.escalation_support import (
    ESCALATION_MINUTES,
    bind_channel,
    button_titles,
    card_text,
    current_card,
    mentioned_ids,
    register,
    replies,
    stored,
    submit,
    submit_value,
    tap,
    thread_of,
)
from tests.support.activities import ADA, CHANNEL_ID, OLLE, OTTO
from tests.support.harness import BotHarness, cards_in, texts_in

TIER2_OTTO = (
    "<at>trygghetscentralen</at> <at>Olle Operatör</at>, <at>Otto Operatör</at>: ingen har tagit ärendet för Anna "
    "Andersson än (larm kl. 13:35, {minutes} min sedan). Beredskapslistan har fått kortet."
)


@pytest.fixture
def bot_env(bot_env: dict[str, str]) -> dict[str, str]:
    return {**bot_env, "TRYGGHET_UNCLAIMED_RENOTIFY": "PT2M"}


def notices(harness: BotHarness, since: int) -> list[tuple[str, str]]:
    """(where, what) of every activity sent since index `since`: the thread's text, or a card in a personal chat."""
    out = []
    for activity in harness.connector.sent_activities()[since:]:
        where = "thread" if activity["conversation"]["id"].startswith(CHANNEL_ID) else activity["conversation"]["id"]
        cards = cards_in([activity])
        out.append((where, "card: " + activity.get("summary", "") if cards else activity.get("text", "")))
    return out


async def test_an_unclaimed_alarm_is_never_silent_thread_then_channel_and_standby_until_claimed(
    harness: BotHarness,
) -> None:
    for operator in (OLLE, OTTO):
        await harness.services.repos.roles.grant(operator.aad, "operator", operator.name, ADA.aad, harness.clock.now())
    await harness.say(ADA, "hjälp")  # Ada (a first admin: the default standby list) has a chat with the bot
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)  # 13:35: the thread is posted
    thread = await thread_of(harness, session)
    start = len(harness.connector.sent_activities())

    timeline: list[tuple[int, str, str]] = []
    for minute in range(1, 21):  # twenty minutes of fake time, nobody claims
        before = len(harness.connector.sent_activities())
        await harness.tick(minutes=1)
        timeline += [(minute, where, what) for where, what in notices(harness, before)]

    tier1 = (
        "<at>Olle Operatör</at>, <at>Otto Operatör</at>: ingen har tagit ärendet för Anna Andersson än "
        "({m} min sedan larmet)."
    )
    expected: list[tuple[int, str, str]] = []
    for minute in range(2, 21, 2):
        if minute <= 6:
            expected.append((minute, "thread", tier1.format(m=minute)))
        else:
            expected.append((minute, "thread", TIER2_OTTO.format(minutes=minute)))
            expected.append((minute, ADA.conversation_id, "card: Ingen har tagit larmet – Anna Andersson"))
    assert timeline == expected  # exactly these, and nothing else
    assert len(harness.connector.created_conversations()) == 1  # one thread, however many notices
    tier2 = [r for r in replies(harness, thread) if "<at>trygghetscentralen</at>" in (r.get("text") or "")]
    assert len(tier2) == 7
    entity = tier2[0]["entities"][0]
    assert entity["mentioned"]["id"] == CHANNEL_ID and entity["mentioned"]["type"] == "channel"
    assert sorted(mentioned_ids(tier2[0])[1:]) == sorted([OLLE.aad, OTTO.aad])
    events = await harness.services.repos.sessions.events(session.session.owner.key, session.session.id)
    renotified = [e.data for e in events if e.kind.value == "renotified"]
    assert [(d["count"], d["tier"]) for d in renotified] == [(str(n), "1" if n <= 3 else "2") for n in range(1, 11)]
    assert len(harness.connector.sent_activities()) - start == len(expected)

    # Ada takes it from her personal chat, with the card she was sent: the notices stop at once.
    ada_card = cards_in(
        [a for a in harness.connector.sent_activities() if a["conversation"]["id"] == ADA.conversation_id]
    )[-1]
    claim = next(
        n["data"] for n in _walk(ada_card) if n.get("type") == "Action.Submit" and n["data"]["verb"] == "esc.claim"
    )
    assert texts_in(await harness.submit(ADA, claim)) == ["Registrerat."]
    assert "Hanteras av Ada Admin" in card_text(current_card(harness, thread))
    before = len(harness.connector.sent_activities())
    for _ in range(9):
        await harness.tick(minutes=1)
    assert notices(harness, before) == []


def _walk(node: Any) -> list[dict[str, Any]]:
    from tests.support.cards import walk

    return list(walk(node))


async def test_the_standby_list_set_by_an_admin_replaces_the_admins(harness: BotHarness) -> None:
    await harness.services.repos.roles.grant(OTTO.aad, "operator", OTTO.name, ADA.aad, harness.clock.now())
    for user in (ADA, OTTO):
        await harness.say(user, "hjälp")
    assert (await teams(harness, ADA, "admin beredskap")).startswith(
        "Beredskapslistan är inte satt, så administratörerna (1)"
    )
    assert (await teams(harness, ADA, "admin beredskap sätt Otto")).startswith("Beredskapslistan (1)")
    assert (await teams(harness, ADA, "admin beredskap sätt Anna")).startswith("Jag hittar ingen")
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    before = len(harness.connector.sent_activities())
    for _ in range(8):
        await harness.tick(minutes=1)  # the fourth notice, at 8 minutes, is the first of tier 2
    personal = [where for where, _ in notices(harness, before) if where != "thread"]
    assert personal == [OTTO.conversation_id]
    assert (await stored(harness, session)).session.escalation is not None
    assert len(harness.connector.created_conversations()) == 1


async def test_a_claim_stops_the_notices_and_a_quiet_claimant_can_be_taken_over(harness: BotHarness) -> None:
    await bind_channel(harness)
    session = await register(harness)
    await harness.tick(minutes=ESCALATION_MINUTES)
    thread = await thread_of(harness, session)
    await harness.tick(minutes=2)
    assert texts_in(replies(harness, thread)) == [
        "Ingen har tagit ärendet för Anna Andersson än (2 min sedan larmet)."  # no operator roles: no mentions
    ]

    claim = submit_value(current_card(harness, thread), "Jag tar ärendet")
    await tap(harness, OTTO, thread, "Jag tar ärendet")  # 13:37
    sent = await submit(harness, OLLE, thread, claim)  # the card as Olle saw it
    assert texts_in(sent) == ["Otto Operatör hann före – kortet visar läget nu."]
    assert "Ta över" not in button_titles(current_card(harness, thread))
    for _ in range(9):
        await harness.tick(minutes=1)
    assert len(replies(harness, thread)) == 2  # the first notice, and the raced tap's note
    await harness.tick(minutes=1)  # 13:47: ten minutes with nothing done

    stale = replies(harness, thread)[-1]
    assert stale["text"] == (
        "<at>Otto Operatör</at>: Otto Operatör har inte gjort något i ärendet för Anna Andersson sedan kl. 13:37. "
        "Vem som helst kan ta över med Ta över på kortet."
    )
    card = current_card(harness, thread)
    assert "Otto Operatör har inte gjort något i ärendet sedan kl. 13:37 – vem som helst kan ta över." in card_text(
        card
    )
    (taken,) = await tap(harness, OLLE, thread, "Ta över")  # the thread is told; the card shows Olle
    assert replies(harness, thread)[3:] == [taken]
    assert taken["text"] == "<at>Otto Operatör</at> Olle Operatör tog över ärendet för Anna Andersson kl. 13:47."
    assert mentioned_ids(taken) == [OTTO.aad]
    text = card_text(current_card(harness, thread))
    assert "Hanteras av Olle Operatör (sedan 13:47)" in text and "Ta över" not in text.split("Visa händelser")[0]
    events = await harness.services.repos.sessions.events(session.session.owner.key, session.session.id)
    (over,) = [e for e in events if e.kind.value == "claim_taken_over"]
    assert (over.actor.name, over.data) == ("Olle Operatör", {"from": OTTO.aad, "from_name": "Otto Operatör"})
