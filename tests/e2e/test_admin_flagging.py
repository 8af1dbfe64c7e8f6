"""Repeated needless alarms: at the threshold the admins get one card with *Ignorera* and *Spärra* each, listing
the alarms behind the count; the decision stays with them, and the flag is raised once per crossing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.cards.admin_cards import BAR, IGNORE_FLAG, flag_card
from bot.domain.events import EventKind
from bot.domain.flags import Flag, NeedlessAlarm
from bot.domain.model import Person
from bot.i18n import texts_for
from bot.services.access import ADMIN, SECURITY_HEAD
from tests.e2e.admin_support import bind_operator_channel, cli, needless_alarm, teams
from tests.support.activities import ADA, ANNA, BERTIL, EMMA, TeamsUser
from tests.support.card_schema import validate_card
from tests.support.connector import Fault
from tests.support.harness import BotHarness, cards_in, texts_in


def cards_to(harness: BotHarness, user: TeamsUser, since: int) -> list[tuple[str, dict[str, Any]]]:
    """(activity id, card) of the flag cards sent into the user's personal chat since index `since`."""
    sent = harness.connector.sent_activities()
    ids = harness.connector.sent_ids()
    return [
        (ids[i], card)
        for i in range(since, len(sent))
        if sent[i]["conversation"]["id"] == user.conversation_id
        for card in cards_in([sent[i]])
        if any(a.get("data", {}).get("verb") == BAR for a in card.get("actions", []))
    ]


async def flagged_events(harness: BotHarness) -> list[tuple[str, dict[str, str]]]:
    now = harness.clock.now()
    rows = harness.services.repos.audit.between(now - timedelta(days=91), now + timedelta(minutes=1))
    return [(subject, e.data) async for e, subject in rows if e.kind is EventKind.FLAGGED]


async def three_needless_alarms(harness: BotHarness) -> int:
    """Bertil misses his check-in three times within a week; returns the connector index before the third."""
    for user in (ADA, BERTIL):
        await harness.say(user, "hjälp")  # both have written to the bot, so both can be reached
    await harness.services.repos.roles.grant(ADA.aad, SECURITY_HEAD, ADA.name, "test", harness.clock.now())
    await bind_operator_channel(harness)
    for _ in range(2):
        await needless_alarm(harness, BERTIL)
        harness.clock.advance(timedelta(days=3))
    before = len(harness.connector.sent_activities())
    assert cards_to(harness, ADA, 0) == []
    await needless_alarm(harness, BERTIL)
    return before


def button(card: dict[str, Any], verb: str) -> dict[str, Any]:
    return next(a["data"] for a in card["actions"] if a["data"]["verb"] == verb)


async def test_the_third_needless_alarm_puts_the_person_before_each_admin(harness: BotHarness) -> None:
    await harness.say(EMMA, "help")
    await harness.services.repos.roles.grant(EMMA.aad, ADMIN, EMMA.name, "test", harness.clock.now())
    before = await three_needless_alarms(harness)

    to_ada, to_emma = cards_to(harness, ADA, before), cards_to(harness, EMMA, before)

    assert len(to_ada) == 1 and len(to_emma) == 1
    card = to_ada[0][1]
    validate_card(card)
    validate_card(to_emma[0][1])
    assert "Bertil Berg har inte hört av sig vid sluttid 3 gånger de senaste 90 dagarna" in card["body"][1]["text"]
    assert [b["text"] for b in card["body"][2:6]] == [  # what the count stands for: each sluttid, and its end
        "Sluttiderna utan besked:",
        "onsdag 25 nov. kl. 13:30 – trygghetscentralen nådde personen, allt väl",
        "lördag 28 nov. kl. 14:05 – trygghetscentralen nådde personen, allt väl",
        "tisdag 1 dec. kl. 14:40 – trygghetscentralen nådde personen, allt väl",
    ]
    assert "Tuesday 1 Dec at 14:40 – the safety centre reached the person, all was well" in str(to_emma[0][1])
    assert [a["title"] for a in card["actions"]] == ["Ignorera", "Spärra"]  # the one that takes the service: last
    assert [a["title"] for a in to_emma[0][1]["actions"]] == ["Ignore", "Bar"]
    assert await flagged_events(harness) == [(BERTIL.aad, {"count": "3", "step": "raised"})]
    assert await harness.services.repos.bars.all() == []  # nothing is barred without a person deciding

    await harness.tick(minutes=5)  # the engine retrying the close's deliveries sends no second card
    assert len(cards_to(harness, ADA, before)) == 1
    listing = await teams(harness, ADA, "admin flaggade")
    assert listing.splitlines()[1].startswith(f"- Bertil Berg ({BERTIL.aad}) – 3 larm, senast")
    assert listing.endswith("väntar på beslut")


async def test_a_flag_card_that_teams_refuses_is_sent_again_without_repeating_the_operators_card(
    harness: BotHarness,
) -> None:
    for user in (ADA, BERTIL):
        await harness.say(user, "hjälp")
    await harness.services.repos.roles.grant(ADA.aad, SECURITY_HEAD, ADA.name, "test", harness.clock.now())
    await bind_operator_channel(harness)
    for _ in range(2):
        await needless_alarm(harness, BERTIL)
        harness.clock.advance(timedelta(days=3))
    # Teams refuses the flag card for longer than one delivery's retries
    harness.connector.fail(ADA.conversation_id, *[Fault(503)] * 4)
    before = len(harness.connector.sent_activities())
    updates_before = len(harness.connector.updates())

    await needless_alarm(harness, BERTIL)
    assert cards_to(harness, ADA, before) == []
    closed_updates = len(harness.connector.updates()) - updates_before
    await harness.tick(minutes=2)  # past the delivery retry: only the admins' part runs again

    assert len(cards_to(harness, ADA, before)) == 1
    assert len(harness.connector.updates()) - updates_before == closed_updates
    assert await flagged_events(harness) == [(BERTIL.aad, {"count": "3", "step": "raised"})]
    await harness.tick(minutes=10)
    assert len(cards_to(harness, ADA, before)) == 1


def test_the_card_tells_an_alarm_the_person_answered_themselves_from_one_the_operators_closed() -> None:
    end = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # 17:00 in Stockholm
    person = Person("aad-bertil", "29:bertil", "Bertil Berg")
    alarms = (NeedlessAlarm(end, "confirmed_late"), NeedlessAlarm(end + timedelta(days=2), "reached_well"))
    card = flag_card(Flag(person, 2, end + timedelta(days=2), alarms=alarms), timedelta(days=90), texts_for("sv"))
    validate_card(card)
    assert [b["text"] for b in card["body"][3:5]] == [
        "fredag 20 nov. kl. 17:00 – personen hörde av sig själv efter larmet",
        "söndag 22 nov. kl. 17:00 – trygghetscentralen nådde personen, allt väl",
    ]
    assert card["actions"][1]["style"] == "destructive" and "style" not in card["actions"][0]


async def test_spärra_on_the_card_bars_the_person_and_closes_the_card(harness: BotHarness) -> None:
    before = await three_needless_alarms(harness)
    card_id, card = cards_to(harness, ADA, before)[0]
    value = {**button(card, BAR), "reason": "Tre onödiga larm på en vecka"}

    sent = await harness.submit(ADA, value, reply_to_id=card_id)

    assert [a for a in sent if a["conversation"]["id"] == ADA.conversation_id] == []  # the card is updated in place
    (notice,) = texts_in([a for a in sent if a["conversation"]["id"] == BERTIL.conversation_id])
    assert notice.startswith("Du kan inte längre registrera nya bevakningar i trygghetstjänsten.")
    updated = harness.connector.updates(ADA.conversation_id)
    assert len(updated) == 1
    decided = cards_in(updated)[0]
    validate_card(decided)
    assert "actions" not in decided and "Bertil Berg är spärrad (beslut av Ada Admin)." in decided["body"][1]["text"]
    bar = await harness.services.repos.bars.get(BERTIL.aad)
    assert bar is not None and bar.reason == "Tre onödiga larm på en vecka" and bar.barred_by == "Ada Admin"
    assert (await teams(harness, ADA, "admin flaggade")).endswith("spärrad")


async def test_a_lifted_bar_closes_the_flag_until_a_new_needless_alarm(harness: BotHarness) -> None:
    before = await three_needless_alarms(harness)
    card_id, card = cards_to(harness, ADA, before)[0]
    await harness.submit(ADA, {**button(card, BAR), "reason": "Tre onödiga larm"}, reply_to_id=card_id)

    lifted = await teams(harness, ADA, f"admin häv {BERTIL.aad}")

    assert lifted.startswith("Spärren för Bertil Berg är hävd.")
    assert (await teams(harness, ADA, "admin flaggade")).endswith("spärren hävd")
    harness.clock.advance(timedelta(days=1))
    await needless_alarm(harness, BERTIL)
    assert (await teams(harness, ADA, "admin flaggade")).endswith("väntar på beslut")


async def test_a_lifted_bar_covers_the_alarms_before_it_even_those_after_the_flag(harness: BotHarness) -> None:
    """A fourth needless alarm between the flag and the bar: the decision still covers it once lifted."""
    before = await three_needless_alarms(harness)
    card_id, card = cards_to(harness, ADA, before)[0]
    harness.clock.advance(timedelta(days=1))
    await needless_alarm(harness, BERTIL)
    await harness.submit(ADA, {**button(card, BAR), "reason": "Fyra onödiga larm"}, reply_to_id=card_id)

    await teams(harness, ADA, f"admin häv {BERTIL.aad}")

    assert (await teams(harness, ADA, "admin flaggade")).endswith("spärren hävd")


async def test_a_bar_made_without_a_flag_stays_lifted_too(harness: BotHarness) -> None:
    """`spärra` typed by the säkerhetschef before any card was raised, then `häv`: no open flag appears."""
    await three_needless_alarms(harness)
    await harness.services.repos.kv.delete("flag", BERTIL.aad)  # as if the flag had never been raised
    await teams(harness, ADA, f"admin spärra {BERTIL.aad} upprepade larm")

    await teams(harness, ADA, f"admin häv {BERTIL.aad}")

    assert (await teams(harness, ADA, "admin flaggade")).endswith("spärren hävd")


async def test_ignorera_on_the_card_records_the_decision_and_bars_nobody(harness: BotHarness) -> None:
    before = await three_needless_alarms(harness)
    card_id, card = cards_to(harness, ADA, before)[0]

    assert await harness.submit(ADA, button(card, IGNORE_FLAG), reply_to_id=card_id) == []

    decided = cards_in(harness.connector.updates(ADA.conversation_id))[0]
    assert "Flaggningen av Bertil Berg är ignorerad (beslut av Ada Admin); ingen spärr." in decided["body"][1]["text"]
    assert await harness.services.repos.bars.all() == []
    steps = sorted((d["step"], d.get("count", "")) for _, d in await flagged_events(harness))
    assert steps == [("ignored", ""), ("raised", "3")]
    assert (await teams(harness, ADA, "admin flaggade")).endswith("ignorerad")


async def test_a_fourth_needless_alarm_does_not_flag_again(harness: BotHarness) -> None:
    await three_needless_alarms(harness)
    harness.clock.advance(timedelta(days=1))
    before = len(harness.connector.sent_activities())

    await needless_alarm(harness, BERTIL)

    assert cards_to(harness, ADA, before) == []
    assert len(await flagged_events(harness)) == 1


async def test_alarms_spread_wider_than_the_period_do_not_flag(harness: BotHarness) -> None:
    for user in (ADA, BERTIL):
        await harness.say(user, "hjälp")  # both have written to the bot, so both can be reached
    await bind_operator_channel(harness)
    for _ in range(3):
        await needless_alarm(harness, BERTIL)
        harness.clock.advance(timedelta(days=46))
    assert cards_to(harness, ADA, 0) == [] and await flagged_events(harness) == []


async def test_only_an_admin_can_press_spärra(harness: BotHarness) -> None:
    before = await three_needless_alarms(harness)
    card_id, card = cards_to(harness, ADA, before)[0]
    await harness.say(ANNA, "hjälp")

    sent = await harness.submit(ANNA, {**button(card, BAR), "reason": "x"}, reply_to_id=card_id)

    assert texts_in(sent) == [
        "Det här kommandot är till för Trygghets administratörer, och du har inte den rollen. Försöket har loggats."
        " Skriv hjälp om du vill veta vad du kan göra här."
    ]
    assert await harness.services.repos.bars.all() == []
    assert harness.connector.updates(ANNA.conversation_id) == harness.connector.updates(ADA.conversation_id) == []


async def test_the_terminal_lists_the_flags_as_json(harness: BotHarness, bot_env: dict[str, str]) -> None:
    await three_needless_alarms(harness)
    code, out = await cli(harness, bot_env, "--format", "json", "flaggade")
    assert code == 0
    assert json.loads(out) == [
        {
            "person": "Bertil Berg",
            "needless_alarms": "3",
            "latest": "2026-12-01 14:45:01+01:00",
            "decision": "väntar på beslut",
        }
    ]
