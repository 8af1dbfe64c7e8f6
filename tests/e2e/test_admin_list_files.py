"""`admin aktiva --format csv` (and `larm`, `historik`, `spärrade`, `flaggade`, csv or json) in Teams: the list
as a file, through the same file consent flow as the export, and the same rows as `trygghet-admin --format`."""

from __future__ import annotations

import json
from typing import Any

from bot.i18n import texts_for
from bot.i18n.markup import plain_text
from tests.e2e.admin_support import cli, escalate, nothing_filed_or_barred, operator, register, teams
from tests.support.activities import ADA, ANNA, BERTIL, EMMA
from tests.support.harness import BotHarness

BOM = b"\xef\xbb\xbf"


async def two_out(harness: BotHarness) -> None:
    """Anna is out; Bertil's alarm is handled by Olle. Ada is the säkerhetschef."""
    for user in (ADA, ANNA, BERTIL):
        await harness.say(user, "hjälp")
    await harness.services.repos.roles.grant(ADA.aad, "security_head", ADA.name, "test", harness.clock.now())
    bertil = await register(harness, BERTIL, minutes=30)
    await register(harness, ANNA, minutes=120)
    await escalate(harness, bertil)
    await harness.services.escalations.claim(operator(), BERTIL.aad, bertil.session.id, in_channel=True)


def offer_of(consent: dict[str, Any]) -> dict[str, Any]:
    (offer,) = consent["attachments"]
    assert offer["contentType"] == "application/vnd.microsoft.teams.card.file.consent"
    return offer


async def test_aktiva_as_a_csv_file_in_teams_is_the_terminals_csv(harness: BotHarness, bot_env: dict[str, str]) -> None:
    await two_out(harness)
    day = harness.clock.now().date().isoformat()
    name = f"trygghet-aktiva-{day}.csv"

    said, consent = await harness.say(ADA, "admin aktiva --format csv")

    assert plain_text(said["text"]) == (
        plain_text(await teams(harness, ADA, "admin aktiva"))
        + "\n\nTryck Tillåt på kortet nedan, så sparas filen i din OneDrive och visas här."
    )
    offer = offer_of(consent)
    assert offer["name"] == name
    assert offer["content"]["description"] == "Svaret på aktiva som CSV-fil för Excel (2 rader)."
    assert offer["content"]["acceptContext"] == {"verb": "admin.export_file", "words": ["aktiva", "--format", "csv"]}

    _, after = await harness.answer_file_consent(ADA, consent)

    code, printed = await cli(harness, bot_env, "--format", "csv", "aktiva", as_user=ADA)
    assert code == 0
    uploaded = harness.connector.uploads[name]
    assert uploaded.startswith(BOM)  # for Swedish Excel, like the audit export
    assert uploaded.decode("utf-8-sig").split("\r\n") == [*printed.split("\n"), ""]
    assert offer["content"]["sizeInBytes"] == len(uploaded)
    (opened,) = after
    assert opened["text"] == f"Här är svaret på aktiva som CSV-fil för Excel: {name}"
    assert opened["attachments"][0]["content"]["fileType"] == "csv"


async def test_spärrade_as_json_in_teams(harness: BotHarness, bot_env: dict[str, str]) -> None:
    await two_out(harness)
    await teams(harness, ADA, "admin spärra Anna Andersson upprepade larm")

    _, consent = await harness.say(ADA, "admin spärrade --format json")
    offer = offer_of(consent)
    assert offer["name"].startswith("trygghet-sparrade-") and offer["name"].endswith(".json")
    assert offer["content"]["description"] == "Svaret på spärrade som JSON-fil (1 rad)."
    await harness.answer_file_consent(ADA, consent)

    code, printed = await cli(harness, bot_env, "--format", "json", "spärrade", as_user=ADA)
    rows = json.loads(harness.connector.uploads[offer["name"]])
    assert code == 0 and rows == json.loads(printed)
    assert [(r["person"], r["barred_by"], r["reason"]) for r in rows] == [
        ("Anna Andersson", ADA.name, "upprepade larm")
    ]


async def test_an_english_admin_gets_english_columns(harness: BotHarness) -> None:
    await two_out(harness)
    await harness.say(EMMA, "help")
    await harness.services.repos.roles.grant(EMMA.aad, "admin", EMMA.name, "test", harness.clock.now())

    _, consent = await harness.say(EMMA, "admin active --format csv")
    offer = offer_of(consent)
    assert offer["content"]["description"] == "The answer to active as a CSV file for Excel (2 rows)."
    await harness.answer_file_consent(EMMA, consent)
    header = harness.connector.uploads[offer["name"]].decode("utf-8-sig").split("\r\n")[0]
    assert header == "Case;Person;Organisation;Where;Registered;End time;State;Alarm"


async def test_a_command_without_a_list_or_a_wrong_format_gets_a_sentence_and_no_file(harness: BotHarness) -> None:
    await two_out(harness)

    assert await teams(harness, ADA, "admin statistik --format csv") == (
        "statistik svarar bara i text. --format json och --format csv finns för aktiva, larm, historik, spärrade"
        " och flaggade."
    )
    assert await teams(harness, ADA, "admin aktiva --format xml") == (
        "”xml” är inget format här. Skriv --format csv eller --format json."
    )
    assert await teams(harness, ADA, "admin aktiva --format") == (
        "”--format” är inget format här. Skriv --format csv eller --format json."
    )
    assert harness.connector.uploads == {}


async def test_format_never_makes_a_change_happen(harness: BotHarness) -> None:
    await two_out(harness)

    answer = await teams(harness, ADA, "admin spärra Anna Andersson prov --format csv")

    assert answer.startswith("spärra svarar bara i text")
    assert await harness.services.repos.bars.get(ANNA.aad) is None


async def test_a_context_that_names_a_change_with_a_format_makes_nothing(harness: BotHarness) -> None:
    await two_out(harness)
    _, consent = await harness.say(ADA, "admin aktiva --format csv")
    words = ["spärra", "Anna", "Andersson", "prov", "--format", "csv"]
    consent["attachments"][0]["content"]["acceptContext"]["words"] = words

    _, after = await harness.answer_file_consent(ADA, consent)

    await nothing_filed_or_barred(harness, after, ANNA)


async def test_a_non_admin_asking_for_a_list_file_is_refused(harness: BotHarness) -> None:
    await two_out(harness)

    answer = await teams(harness, BERTIL, "admin aktiva --format csv")

    assert answer == texts_for("sv").t("admin.not_allowed")
    assert harness.connector.uploads == {}
