"""The retention purge (GDPR): after the retention period, no personal text of a closed session is left in any
table, the facts statistics need are, and nothing running or recently closed is touched."""

from __future__ import annotations

import json
from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer

from app import JOBS, create_app
from bot.config import load_config
from bot.domain.clock import FakeClock
from bot.domain.events import EventKind
from bot.domain.model import Outcome, State
from bot.services.retention import Retention
from bot.store.sessions import StoredSession
from tests.e2e.admin_support import cli, escalate, every_entity, operator, register, teams
from tests.support.activities import ADA, ANNA, BERTIL, EMMA
from tests.support.harness import BotHarness

PHONE, CONTACT_PHONE = "+46701112233", "+46704445566"  # valid numbers that appear nowhere else
MARKERS = {
    "threat": "MARKER-THREAT hot via sms",
    "address": "MARKER-ADDRESS Storgatan 9",
    "contact": "MARKER-CONTACT Eva",
    "note": "MARKER-NOTE nyckel under mattan",
    "from": "MARKER-FROM Göteborg",
    "to": "MARKER-TO Borås",
    "case": "MARKER-CASE K-998877",
    "close": "MARKER-CLOSE polisen tog över",
    "phone": PHONE,
    "contact_phone": CONTACT_PHONE,
}
PERSONAL = {
    "phone": "0701-11 22 33",
    "contact_name": MARKERS["contact"],
    "contact_phone": "070-444 55 66",
    "threat_description": MARKERS["threat"],
    "note": MARKERS["note"],
}


def markers_in(rows: list[dict[str, object]]) -> set[str]:
    text = json.dumps(rows, default=str, ensure_ascii=False)
    return {name for name, marker in MARKERS.items() if marker in text}


async def police_case(harness: BotHarness) -> StoredSession:
    """Anna's meeting: missed, no answer twice, police alerted with a case number, closed with a note."""
    stored = await register(harness, ANNA, minutes=30, address=MARKERS["address"], **PERSONAL)
    await escalate(harness, stored)
    esc, sid = harness.services.escalations, stored.session.id
    await esc.record_call(operator(), ANNA.aad, sid, 1, "no_answer", in_channel=True)
    await harness.tick(minutes=5)
    await esc.record_call(operator(), ANNA.aad, sid, 2, "no_answer", in_channel=True)
    await esc.police_alerted(operator(), ANNA.aad, sid, MARKERS["case"], in_channel=True)
    await esc.contact_informed(operator(), ANNA.aad, sid, in_channel=True)
    await esc.rtib_informed(operator(), ANNA.aad, sid, in_channel=True)
    return await esc.close(operator(), ANNA.aad, sid, "police_handling", MARKERS["close"], in_channel=True)


async def confirmed_trip(harness: BotHarness) -> StoredSession:
    stored = await register(
        harness,
        BERTIL,
        45,
        place_kind="trip",
        trip_from=MARKERS["from"],
        trip_to=MARKERS["to"],
        mode="buss",
        **PERSONAL,
    )
    return await harness.services.sessions.confirm(stored.session.owner, stored.session.id)


async def test_after_the_retention_period_no_personal_text_is_left_in_any_table(
    harness: BotHarness, bot_env: dict[str, str]
) -> None:
    await harness.say(ANNA, "hjälp")
    anna = await police_case(harness)
    bertil = await confirmed_trip(harness)
    assert markers_in(await every_entity(harness)) == set(MARKERS)  # the test would notice them

    harness.clock.advance(timedelta(days=30, minutes=1))
    code, out = await cli(harness, bot_env, "rensa", as_user=ADA)

    assert code == 0, out
    assert out.startswith("Rensning klar: personuppgifterna i 2 bevakningar") and "för 2 personer" in out
    assert markers_in(await every_entity(harness)) == set()
    # the facts stay
    kept = await harness.services.repos.sessions.get(ANNA.aad, anna.session.id)
    assert kept is not None and kept.session.personal_data_erased
    assert kept.session.outcome is Outcome.POLICE_HANDLING and kept.session.state is State.CLOSED
    assert kept.session.escalation is not None and kept.session.escalation.police_alerted is not None
    assert kept.session.registration.organisation == "Regionhälsan"
    events = await harness.services.repos.sessions.events(ANNA.aad, anna.session.id)
    assert EventKind.POLICE_ALERTED in [e.kind for e in events]
    assert (await harness.services.repos.sessions.get(BERTIL.aad, bertil.session.id)) is not None
    stats = await teams(harness, ADA, "admin statistik 2026-11-25 2026-11-25")
    assert "Polislarm: 1" in stats and "Bekräftade i tid: 1" in stats


async def test_the_purge_is_audited_and_a_second_run_finds_nothing(harness: BotHarness) -> None:
    await confirmed_trip(harness)
    harness.clock.advance(timedelta(days=31))

    first = await teams(harness, ADA, "admin rensa")
    second = await teams(harness, ADA, "admin rensa")

    assert "i 1 bevakning avslutade" in first and "i 0 bevakningar" in second
    now = harness.clock.now()
    kinds = [
        e.kind
        async for e, _ in harness.services.repos.audit.between(now - timedelta(hours=1), now + timedelta(minutes=1))
    ]
    assert kinds.count(EventKind.PURGE_RUN) == 2
    erased = [
        e.kind
        async for e in harness.services.repos.sessions.all_events(now - timedelta(hours=1), now + timedelta(minutes=1))
    ]
    assert erased == [EventKind.PERSONAL_DATA_ERASED]


async def test_a_dry_run_counts_and_changes_nothing(harness: BotHarness) -> None:
    await confirmed_trip(harness)
    harness.clock.advance(timedelta(days=31))
    before = await every_entity(harness)

    text = await teams(harness, ADA, "admin rensa --torrkörning")

    assert text.startswith("Torrkörning, inget är ändrat: personuppgifterna i 1 bevakning avslutade")
    after = [
        row
        for row in await every_entity(harness)
        if row["RowKey"] != ADA.aad  # her profile: she wrote
        and row.get("Kind") != "admin_command"  # the audit entry of the dry run itself
    ]
    assert after == before


async def test_running_and_recently_closed_sessions_are_left_alone(harness: BotHarness) -> None:
    old = await confirmed_trip(harness)
    harness.clock.advance(timedelta(days=29))
    recent = await register(harness, EMMA, minutes=30, address=MARKERS["address"], **PERSONAL)
    await harness.services.sessions.confirm(recent.session.owner, recent.session.id)
    harness.clock.advance(timedelta(days=2))
    running = await register(harness, ANNA, minutes=60, note=MARKERS["note"])

    result = await Retention(harness.services).run_daily()  # the scheduler's job

    assert (result.sessions, result.profiles) == (1, 1)  # Bertil's trip, Bertil's prefill
    sessions = harness.services.repos.sessions
    assert (await sessions.get(BERTIL.aad, old.session.id)).session.personal_data_erased  # type: ignore[union-attr]
    kept = (await sessions.get(EMMA.aad, recent.session.id)).session  # type: ignore[union-attr]
    assert not kept.personal_data_erased and kept.registration.whereabouts.address == MARKERS["address"]
    active = await harness.services.sessions.active(running.session.owner)
    assert active is not None and active.session.registration.note == MARKERS["note"]
    assert (await harness.services.repos.profiles.get(EMMA.aad)).prefill  # type: ignore[union-attr]


async def test_a_person_with_a_new_session_keeps_it_when_an_old_one_is_erased(harness: BotHarness) -> None:
    await confirmed_trip(harness)
    harness.clock.advance(timedelta(days=31))
    new = await register(harness, BERTIL, minutes=60)

    await Retention(harness.services).run_daily()

    active = await harness.services.sessions.active(new.session.owner)
    assert active is not None and active.session.id == new.session.id  # the active pointer was not touched


async def test_the_purge_runs_daily_from_the_scheduler(bot_env: dict[str, str]) -> None:
    config = load_config({**bot_env, "TRYGGHET_PURGE_AT": "03:15"})
    app = create_app(config, FakeClock(), run_scheduler=True)
    async with TestClient(TestServer(app)):
        job = app[JOBS]._scheduler.get_job("retention-purge")
        assert job is not None and str(job.trigger) == "cron[hour='3', minute='15']"
        runs = job.func.__wrapped__  # the job queue's wrapper (quiet at shutdown) around the job itself
        assert runs.__self__.__class__ is Retention and runs.__name__ == "run_daily"
