"""Bars: the säkerhetschef (the routine's avdelningschef säkerhet och beredskap) bars a person, with a reason that
is audited; no other admin can. The person is told kindly what it means and whom to contact, a session already
running is still guarded, and the bar can be lifted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import DomainError
from bot.domain.events import EventKind
from bot.domain.model import State
from tests.e2e.admin_support import register, teams
from tests.support.activities import ADA, ANNA, EMMA
from tests.support.harness import BotHarness, cards_in, texts_in

BAR_NOTICE = "Du kan inte längre registrera nya bevakningar i trygghetstjänsten. Beslutet är fattat av"


@pytest.fixture(autouse=True)
async def ada_is_security_head(harness: BotHarness) -> None:
    await harness.say(ADA, "hjälp")
    assert (await teams(harness, ADA, "admin roller ge Ada säkerhetschef")).startswith("Ada Admin har nu rollen")


def to(harness: BotHarness, user: object, since: int) -> list[str]:
    sent = harness.connector.sent_activities()[since:]
    return texts_in([a for a in sent if a["conversation"]["id"] == user.conversation_id])  # type: ignore[attr-defined]


BARRED_TEXT = "Du kan inte använda Trygghet just nu. Kontakta avdelningen säkerhet och beredskap"


async def audit_kinds(harness: BotHarness) -> list[tuple[EventKind, str, dict[str, str]]]:
    now = harness.clock.now()
    rows = harness.services.repos.audit.between(now - timedelta(days=1), now + timedelta(minutes=1))
    return [(e.kind, subject, e.data) async for e, subject in rows if e.kind in (EventKind.BARRED, EventKind.UNBARRED)]


async def test_a_barred_person_who_writes_ny_is_told_whom_to_contact(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    before = len(harness.connector.sent_activities())
    answer = await teams(harness, ADA, 'admin spärra "Anna Andersson" upprepade larm trots att allt gått bra')
    assert answer.startswith("Anna Andersson är nu spärrad (skäl: upprepade larm trots att allt gått bra).")
    assert answer.endswith("Personen har fått besked i sin chatt med Trygghet.")
    (notice,) = to(harness, ANNA, before)
    assert notice.startswith(BAR_NOTICE) and "010-435 40 20" in notice

    sent = await harness.say(ANNA, "ny")

    assert len(sent) == 1 and texts_in(sent)[0].startswith(BARRED_TEXT) and "112" in texts_in(sent)[0]
    with pytest.raises(DomainError) as refused:
        await register(harness, ANNA)
    assert refused.value.code == "barred"
    assert await audit_kinds(harness) == [  # the decision's ground is in the log
        (EventKind.BARRED, ANNA.aad, {"reason": "upprepade larm trots att allt gått bra"})
    ]


async def test_only_the_security_head_bars_or_lifts_a_bar(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    await harness.services.repos.roles.grant(EMMA.aad, "admin", EMMA.name, ADA.aad, harness.clock.now())
    await harness.say(EMMA, "help")
    answer = await teams(harness, EMMA, "admin bar Anna repeated alarms")
    assert answer.startswith("Bars are decided by the head of security and preparedness")
    assert await harness.services.repos.bars.all() == []
    await teams(harness, ADA, "admin spärra Anna upprepade larm")
    assert (await teams(harness, EMMA, "admin unbar Anna")).startswith("Bars are decided by the head of security")
    assert len(await harness.services.repos.bars.all()) == 1


async def test_a_session_already_running_stays_guarded(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    stored = await register(harness, ANNA, minutes=30)
    await teams(harness, ADA, "admin spärra Anna upprepade larm")

    reminder = await harness.say(ANNA, "status")  # her own session is still hers to see
    assert len(reminder) == 1
    before = len(harness.connector.sent_activities())
    await harness.tick(minutes=21)  # reminder ten minutes before sluttid
    to_anna = [
        a for a in harness.connector.sent_activities()[before:] if a["conversation"]["id"] == ANNA.conversation_id
    ]
    assert len(cards_in(to_anna)) == 1
    await harness.tick(minutes=15)  # sluttid + grace passed: the alarm goes off as for anyone
    kept = await harness.services.repos.sessions.get(ANNA.aad, stored.session.id)
    assert kept is not None and kept.session.state is State.ESCALATED
    assert harness.connector.said_to(ANNA.conversation_id)[-2:] == [
        "Sluttid kl. 13:30 – hur gick det?",
        "Vi har inte hört av dig",
    ]


async def test_lifting_the_bar_lets_the_person_register_again(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    assert "är nu spärrad" in await teams(harness, ADA, "admin spärra Anna upprepade larm")
    assert (
        (await teams(harness, ADA, "admin spärrade")).splitlines()[1].startswith("- Anna Andersson – sedan 2026-11-25")
    )

    before = len(harness.connector.sent_activities())
    assert await teams(harness, ADA, "admin häv Anna") == (
        "Spärren för Anna Andersson är hävd. Personen har fått besked i sin chatt med Trygghet."
    )
    assert to(harness, ANNA, before) == [
        "Du kan åter använda trygghetstjänsten. Skriv ny när du vill registrera en bevakning."
    ]

    assert await teams(harness, ADA, "admin spärrade") == "Ingen är spärrad."
    sent = await harness.say(ANNA, "ny")
    assert len(cards_in(sent)) == 1 and not texts_in(sent)  # the registration form
    assert (await register(harness, ANNA)).session.state is State.REGISTERED
    assert sorted(k for k, _, _ in await audit_kinds(harness)) == [EventKind.BARRED, EventKind.UNBARRED]


async def test_barring_twice_or_lifting_a_bar_that_is_not_there_is_explained(harness: BotHarness) -> None:
    await harness.say(ANNA, "hjälp")
    assert await teams(harness, ADA, "admin häv Anna") == "Personen är inte spärrad."
    await teams(harness, ADA, "admin spärra Anna skäl")
    assert await teams(harness, ADA, "admin spärra Anna annat skäl") == "Personen är redan spärrad."
    assert len(await harness.services.repos.bars.all()) == 1


async def test_someone_who_never_used_the_service_can_be_barred_by_aad_id(harness: BotHarness) -> None:
    aad = "0f3a1c2e-9999-4a4a-9b9b-000000000009"
    answer = await teams(harness, ADA, f"admin spärra {aad} beslut av avdelningschefen")
    assert answer.startswith(f"{aad} är nu spärrad")
    assert answer.endswith("Personen kunde inte få besked i Teams härifrån – meddela hen på annat sätt.")
    assert (await harness.services.repos.bars.get(aad)) is not None
