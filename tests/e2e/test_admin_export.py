"""`export <från> <till>`: the audit log of the period as a CSV for Swedish Excel, written by the CLI and
summarised in Teams; parsed back, it holds exactly the period's events."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.admin.csv_export import row_cells
from bot.admin.tables import safe_cell
from bot.domain.model import Actor, ActorKind
from bot.domain.period import Period
from bot.i18n import texts_for
from bot.i18n.markup import plain_text
from bot.services.admin import Admin
from bot.services.admin_export import AuditExport
from tests.e2e.admin_support import cli, needless_alarm, nothing_filed_or_barred, register, teams
from tests.support.activities import ADA, ANNA, BERTIL
from tests.support.harness import BotHarness, texts_in

FILENAME = "trygghet-logg-2026-03-12-2026-03-12.csv"
FAILED = (
    "Filen kunde inte laddas upp. Skriv admin export 2026-03-12 2026-03-12 igen om en stund, eller hämta den med"
    " trygghet-admin export 2026-03-12 2026-03-12."
)
WORDS = ["export", "2026-03-12", "2026-03-12"]
HEADER = ["Tid", "Händelse", "Ärende", "Person", "Utförd av (typ)", "Utförd av", "Detaljer"]


async def a_day_of_events(harness: BotHarness) -> None:
    """12 March: Anna checks in on time, Bertil's alarm turns out needless, Anna is barred, Bertil tries admin."""
    harness.clock.set(harness.clock.now().replace(month=3, day=12, hour=8))
    for user in (ANNA, BERTIL):
        await harness.say(user, "hjälp")
    anna = await register(harness, ANNA, minutes=40)
    await harness.services.sessions.confirm(anna.session.owner, anna.session.id)
    await needless_alarm(harness, BERTIL)
    await harness.services.repos.roles.grant(ADA.aad, "security_head", ADA.name, "test", harness.clock.now())
    await teams(harness, ADA, "admin spärra Anna prov")
    await teams(harness, BERTIL, "admin aktiva")  # refused, and logged


def anna_sid(export: AuditExport) -> str:
    return next(r.event.session_id for r in export.rows if r.person_key == ANNA.aad and r.event.session_id)


def parse(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads å, ä, ö right
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


async def test_what_happened_on_12_march(harness: BotHarness, bot_env: dict[str, str], tmp_path: Path) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))
    out = tmp_path / "mars.csv"

    code, printed = await cli(harness, bot_env, "export", "2026-03-12", "2026-03-12", "--fil", str(out), as_user=ADA)
    said, consent = await harness.say(ADA, "admin export 2026-03-12 2026-03-12")

    assert code == 0
    summary, saved = printed.split("\n\n")
    assert saved == f"Filen är sparad: {out}"
    assert plain_text(said["text"]) == (
        f"{summary}\n\nTryck Tillåt på kortet nedan, så sparas filen i din OneDrive och visas här."
    )
    # Teams: the file consent card, then Allow, then the upload to the URL Teams gave and the card that opens it
    (offer,) = consent["attachments"]
    assert offer["contentType"] == "application/vnd.microsoft.teams.card.file.consent"
    assert offer["name"] == FILENAME
    assert offer["content"]["sizeInBytes"] == len(out.read_bytes())
    assert offer["content"]["description"] == "Granskningsloggen 2026-03-12 som CSV-fil för Excel (" + (
        summary.split(": ")[1].split(" i ")[0] + ")."
    )
    assert offer["content"]["acceptContext"] == {"verb": "admin.export_file", "words": WORDS}
    _, after = await harness.answer_file_consent(ADA, consent)
    assert harness.connector.uploads == {FILENAME: out.read_bytes()}  # the same file as the CLI's, byte for byte
    (opened,) = after
    (info,) = opened["attachments"]
    assert info["contentType"] == "application/vnd.microsoft.teams.card.file.info"
    assert info["contentUrl"] == harness.connector.upload_info(FILENAME)["contentUrl"]
    assert info["content"] == {"uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8F", "fileType": "csv"}
    assert opened["text"] == f"Här är granskningsloggen 2026-03-12: {FILENAME}"
    rows = parse(out.read_bytes())
    assert rows[0] == HEADER
    count = int(summary.split(": ")[1].split(" ")[0])
    assert len(rows) - 1 == count
    # the round trip: every row is exactly an event of the day, in time order
    admin = Admin.of(harness.services)
    ada = Actor(ActorKind.ADMIN, ADA.aad, ADA.name)
    export = await admin.export.audit_log(ada, Period(date(2026, 3, 12), date(2026, 3, 12)))
    texts = texts_for("sv")
    assert rows[1:] == [[safe_cell(c) for c in row_cells(r, texts)] for r in export.rows]
    kinds = [r[1] for r in rows[1:]]
    assert kinds[0] == "registrerad" and "spärrad" in kinds and "nekad åtgärd" in kinds and "larm avslutat" in kinds
    assert [
        "2026-03-12 09:00:00+01:00",
        "registrerad",
        anna_sid(export),
        "Anna Andersson",
        "användare",
        "Anna Andersson",
    ] in [r[:6] for r in rows]
    barred = next(r for r in rows if r[1] == "spärrad")
    assert (
        barred[3] == "Anna Andersson" and barred[4:6] == ["administratör", "Ada Admin"] and barred[6] == "skäl: prov"
    )  # the ground of the decision


async def test_the_export_holds_only_the_period(harness: BotHarness, bot_env: dict[str, str], tmp_path: Path) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))
    await register(harness, BERTIL, minutes=30)  # 13 March
    out = tmp_path / "x.csv"

    await cli(harness, bot_env, "export", "2026-03-12", "2026-03-12", "--fil", str(out), as_user=ADA)
    first = parse(out.read_bytes())
    await cli(harness, bot_env, "export", "2026-03-13", "2026-03-13", "--fil", str(out), as_user=ADA)
    second = parse(out.read_bytes())

    assert all(r[0].startswith("2026-03-12") for r in first[1:])
    session_rows = [r for r in second[1:] if r[1] != "adminkommando"]
    assert [r[1] for r in session_rows] == ["registrerad"] and session_rows[0][0].startswith("2026-03-13")
    assert [r[1] for r in second[1:]].count("adminkommando") == 2  # both exports ran on 13 March: audited too


async def test_which_alarms_went_off_on_12_march(harness: BotHarness, bot_env: dict[str, str]) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))

    in_teams = await teams(harness, ADA, "admin larm 2026-03-12")
    code, in_terminal = await cli(harness, bot_env, "larm", "2026-03-12", "2026-03-12", as_user=ADA)

    title, line = in_teams.splitlines()
    assert title == "**Larm 2026-03-12 – 2026-03-13: 1**"
    assert line.startswith(
        "- 2026-03-12 Bertil Berg (Regionhälsan): larm (ingen återkoppling) 09:35, hanteras av Olle Operatör,"
        " samtal: 2, avslutat 09:35: personen nådd – allt väl – ärende 20260312"
    )
    assert code == 0 and in_terminal.splitlines()[1:] == in_teams.splitlines()[1:]
    assert await teams(harness, ADA, "admin larm 2026-03-11 2026-03-11") == "Inga larm 2026-03-11."


async def offered(harness: BotHarness) -> dict[str, Any]:
    """Ada asks for the export in Teams: the file consent card the bot sends."""
    _, consent = await harness.say(ADA, "admin export 2026-03-12 2026-03-12")
    return consent


async def test_declining_the_file_sends_nothing(harness: BotHarness) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))

    _, after = await harness.answer_file_consent(ADA, await offered(harness), action="decline")

    assert texts_in(after) == ["Du tackade nej. Ingen fil skickades."] and harness.connector.uploads == {}


async def test_a_forged_consent_gets_a_non_admin_no_file(harness: BotHarness) -> None:
    """The context is the admin's own command: tapped (or posted) by anyone else, the role check refuses it."""
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))

    _, after = await harness.answer_file_consent(BERTIL, await offered(harness))

    assert texts_in(after) == [texts_for("sv").t("admin.not_allowed")]
    assert harness.connector.uploads == {}


@pytest.mark.parametrize(
    "url", ["http://files.example.org/upload/x.csv", "ftp://127.0.0.1/upload/x.csv", "javascript:alert(1)", ""]
)
async def test_a_file_goes_only_to_an_https_upload_url(harness: BotHarness, url: str) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))
    upload = {**harness.connector.upload_info(FILENAME), "uploadUrl": url}

    _, after = await harness.answer_file_consent(ADA, await offered(harness), upload=upload)

    assert texts_in(after) == [FAILED] and harness.connector.uploads == {}


async def test_a_refused_upload_is_told_with_the_way_round_it(harness: BotHarness) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))
    harness.connector.upload_status = 507  # the person's OneDrive is full

    _, after = await harness.answer_file_consent(ADA, await offered(harness))

    assert texts_in(after) == [FAILED] and harness.connector.uploads == {}


async def test_a_context_that_names_another_command_makes_no_file(harness: BotHarness) -> None:
    await a_day_of_events(harness)
    harness.clock.advance(timedelta(days=1))
    consent = await offered(harness)
    consent["attachments"][0]["content"]["acceptContext"]["words"] = ["spärra", "Bertil", "Berg"]

    _, after = await harness.answer_file_consent(ADA, consent)

    await nothing_filed_or_barred(harness, after, BERTIL)
