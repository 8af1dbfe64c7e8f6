"""A person's own data rights: "mina uppgifter" shows everything stored about them (and nobody else's), "glöm mig"
deletes their profile and prefill data but never a running session, and says so."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.events import EventKind
from bot.domain.model import State
from tests.e2e.admin_support import register, teams
from tests.support import activities as act
from tests.support.activities import ANNA, BERTIL, EMMA
from tests.support.harness import BotHarness, cards_in


async def forgotten_events(harness: BotHarness) -> list[tuple[str, dict[str, str]]]:
    now = harness.clock.now()
    rows = harness.services.repos.audit.between(now - timedelta(days=1), now + timedelta(minutes=1))
    return [(subject, e.data) async for e, subject in rows if e.kind is EventKind.PROFILE_FORGOTTEN]


async def test_mina_uppgifter_shows_everything_stored_about_me_and_nothing_about_others(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    mine = await register(harness, ANNA, minutes=45, address="Kungsgatan 3", note="Porten kräver kod")
    await harness.services.sessions.confirm(mine.session.owner, mine.session.id)
    await register(harness, BERTIL, minutes=60, address="Bertils hemliga adress")

    text = await teams(harness, ANNA, "mina uppgifter")

    assert text.splitlines() == [
        "**Det här har Trygghet sparat om dig**",
        "- Namn: Anna Andersson",
        f"- Id: {ANNA.aad}",
        "- Språk: sv-SE",
        "- Sparad väg att nå dig i Teams: ja",
        "- Förifyllt nästa gång: verksamhet, Regionhälsan, 070-123 45 67, verksamhetschef, Bo Berg, 070-765 43 21",
        "- Roll: ingen roll",
        "Bevakningar: 1. Personuppgifterna i en avslutad bevakning raderas 30 dagar efter att den avslutats.",
        "- 2026-11-25 13:00 – sluttid 2026-11-25 13:45 – Regionhälsan – Kungsgatan 3 – bekräftad i tid",
        "  - Organisation: Regionhälsan (verksamhet)",
        "  - Telefon: 070-123 45 67",
        "  - Kontakt: verksamhetschef Bo Berg, 070-765 43 21",
        "  - Var: Kungsgatan 3",
        "  - Ingen känd hotbild. Varför du kände dig otrygg: Orolig efter ett hotfullt samtal",
        "  - Anteckning: Porten kräver kod",
    ]
    assert "Bertil" not in text


async def test_my_data_in_english(harness: BotHarness) -> None:
    text = await teams(harness, EMMA, "my data")
    assert text.startswith("**What Trygghet has stored about you**\n- Name: Emma English")
    assert "Check-ins: 0." in text


async def test_forget_me_deletes_the_profile_and_prefill_and_keeps_closed_sessions_for_audit(
    harness: BotHarness,
) -> None:
    await harness.say(ANNA, "hjälp")
    done = await register(harness, ANNA, minutes=30)
    await harness.services.sessions.confirm(done.session.owner, done.session.id)

    text = await teams(harness, ANNA, "glöm mig")

    assert text.startswith("Klart: din profil och dina förifyllda uppgifter är raderade.") and "30 dagar" in text
    assert await harness.services.repos.profiles.get(ANNA.aad) is None
    assert await harness.services.repos.sessions.get(ANNA.aad, done.session.id) is not None
    assert await forgotten_events(harness) == [(ANNA.aad, {"profile_deleted": "true", "kept_running": "false"})]
    again = await teams(harness, ANNA, "mina uppgifter")  # writing again keeps only what is needed to answer
    assert "- Förifyllt nästa gång: nej" in again


async def test_forget_me_leaves_a_running_session_guarded_and_says_so(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    running = await register(harness, ANNA, minutes=30)

    text = await teams(harness, ANNA, "glöm mig")

    assert text.startswith("Du har en pågående bevakning med sluttid 2026-11-25 13:30. Den fortsätter som vanligt")
    profile = await harness.services.repos.profiles.get(ANNA.aad)
    assert profile is not None and profile.conversation and profile.prefill == {}
    before = len(harness.connector.sent_activities())
    await harness.tick(minutes=21)  # the reminder still reaches her
    sent = harness.connector.sent_activities()[before:]
    assert len(cards_in(sent)) == 1 and sent[0]["conversation"]["id"] == ANNA.conversation_id
    kept = await harness.services.repos.sessions.get(ANNA.aad, running.session.id)
    assert kept is not None and kept.session.state is State.REMINDED
    assert kept.session.registration.phone == "+46701234567"
    assert await forgotten_events(harness) == [(ANNA.aad, {"profile_deleted": "false", "kept_running": "true"})]


async def test_personal_data_is_never_shown_in_a_channel(harness: BotHarness) -> None:
    for text in ("mina uppgifter", "glöm mig"):
        before = len(harness.connector.sent_activities())
        await harness.post(act.channel_message(ANNA, harness.connector.url, text))
        sent = harness.connector.sent_activities()[before:]
        assert [a.get("text") for a in sent] == [
            "Dina uppgifter visas och raderas bara i den personliga chatten med Trygghet, inte här."
        ]
