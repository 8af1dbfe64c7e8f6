"""Every admin command through both doors: `admin …` in the Teams personal chat and `trygghet-admin …` on the
command line, on the same tables. An admin gets the same answer from both; anyone else gets the same polite
refusal from both, and each refusal is in the audit log."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.admin.words import split_words
from bot.domain.events import EventKind
from bot.i18n.markup import plain_text
from bot.services.access import ADMIN
from tests.e2e.admin_support import cli, escalate, needless_alarm, operator, register, teams
from tests.support import activities as act
from tests.support.activities import ADA, ANNA, BERTIL, EMMA, OLLE, TeamsUser
from tests.support.harness import BotHarness

READ_ONLY = [
    "aktiva",
    "larm",
    "larm 2026-11-25",
    "historik Bertil",
    "historik berg",
    "statistik",
    "statistik 2026-11-25 2026-11-25",
    "export 2026-11-25 2026-11-25",
    "spärrade",
    "flaggade",
    "roller",
    "inställningar",
    "rensa --torrkörning",
    "hjälp",
]
WITH_EFFECTS = [
    "spärra Anna Andersson upprepade larm",
    "häv Anna",
    "roller ge Olle Operatör operatör",
    "roller ta Olle",
    "inställningar sätt grace PT10M",
    "rensa",
]


@pytest.fixture
async def sample(harness: BotHarness) -> BotHarness:
    """Anna is out until 15:00, Bertil's alarm is being handled, Emma checked in, Bertil had one needless alarm."""
    for user in (ADA, ANNA, OLLE):
        await harness.say(user, "hjälp")  # a profile, as anyone who has written to the bot has
    await harness.services.repos.roles.grant(ADA.aad, "security_head", ADA.name, "test", harness.clock.now())
    emma = await register(harness, EMMA, minutes=20)
    await harness.services.sessions.confirm(emma.session.owner, emma.session.id)
    await needless_alarm(harness, BERTIL)
    trip = await register(harness, BERTIL, 30, place_kind="trip", trip_from="Göteborg", trip_to="Borås", mode="tåg")
    await register(harness, ANNA, minutes=120)
    await escalate(harness, trip)
    await harness.services.escalations.claim(operator(), BERTIL.aad, trip.session.id, in_channel=True)
    return harness


async def refusals(harness: BotHarness) -> list[tuple[str, str]]:
    now = harness.clock.now()
    events = harness.services.repos.audit.between(now - timedelta(days=1), now + timedelta(days=1))
    return [(e.actor.key, e.data["action"]) async for e, _ in events if e.kind is EventKind.ACTION_REFUSED]


def answer(text: str) -> str:
    """The command's answer without the door's own closing line (export: where the file is)."""
    return text.split("\n\n")[0]


@pytest.mark.parametrize("command", READ_ONLY)
async def test_an_admin_gets_the_same_answer_in_teams_and_in_the_terminal(
    sample: BotHarness, bot_env: dict[str, str], command: str, tmp_path: Path
) -> None:
    # A day later, so that the first door's own audit entry (admin_command) falls outside "export 2026-11-25".
    sample.clock.advance(timedelta(days=1))
    in_teams = await teams(sample, ADA, f"admin {command}")
    code, in_terminal = await cli(sample, bot_env, "--fil", str(tmp_path / "x.csv"), *split_words(command), as_user=ADA)

    assert code == 0
    assert answer(in_terminal) == answer(plain_text(in_teams))
    assert "**" not in in_terminal
    assert "inte den rollen" not in in_teams
    assert await refusals(sample) == []


@pytest.mark.parametrize("command", READ_ONLY + WITH_EFFECTS + ["", "nonsense words"])
async def test_anyone_else_is_refused_politely_in_both_doors_and_each_refusal_is_logged(
    sample: BotHarness, bot_env: dict[str, str], command: str
) -> None:
    in_teams = await teams(sample, ANNA, f"admin {command}".strip())
    code, in_terminal = await cli(sample, bot_env, *split_words(command), as_user=ANNA)

    assert code == 1
    assert plain_text(in_teams) == in_terminal
    assert in_teams.startswith("Det här kommandot är till för Trygghets administratörer")
    assert "Bertil" not in in_teams and "Anna" not in in_teams
    refused = await refusals(sample)
    assert len(refused) == 2 and {key for key, _ in refused} == {ANNA.aad}
    assert await sample.services.repos.bars.all() == []
    assert [g.user_key for g in await sample.services.repos.roles.all()] == [ADA.aad]  # the fixture's säkerhetschef
    assert await sample.services.repos.settings.all() == {}


async def answer_both_ways(
    harness: BotHarness, env: dict[str, str], do: str, undo: str, user: TeamsUser = ADA
) -> tuple[str, str]:
    """Do in Teams, undo in the terminal, do in the terminal, undo in Teams: the two answers to `do`."""
    first = await teams(harness, user, f"admin {do}")
    await cli(harness, env, *split_words(undo), as_user=user)
    code, second = await cli(harness, env, *split_words(do), as_user=user)
    assert code == 0
    await teams(harness, user, f"admin {undo}")
    return first, second


@pytest.mark.parametrize(
    ("do", "undo"),
    [
        ("spärra Anna Andersson upprepade larm", "häv Anna"),
        ("roller ge Olle Operatör operatör", "roller ta Olle"),
        ("inställningar sätt grace PT10M", "inställningar sätt grace PT5M"),
    ],
)
async def test_changes_answer_alike_in_both_doors(
    sample: BotHarness, bot_env: dict[str, str], do: str, undo: str
) -> None:
    in_teams, in_terminal = await answer_both_ways(sample, bot_env, do, undo)
    told, not_told = "Personen har fått besked i sin chatt med Trygghet.", "Personen kunde inte få besked i Teams"
    # The same answer, but for whether the barred person was told: only the bot can write to them in Teams.
    assert plain_text(in_teams).split(told)[0] == in_terminal.split(not_told)[0]


async def test_purge_answers_alike_in_both_doors(sample: BotHarness, bot_env: dict[str, str]) -> None:
    in_teams = await teams(sample, ADA, "admin rensa")
    code, in_terminal = await cli(sample, bot_env, "rensa", as_user=ADA)
    assert code == 0 and plain_text(in_teams) == in_terminal
    assert in_teams.startswith("Rensning klar: personuppgifterna i 0 bevakningar avslutade")


async def test_the_terminal_without_som_acts_as_a_trusted_admin(sample: BotHarness, bot_env: dict[str, str]) -> None:
    code, out = await cli(sample, bot_env, "aktiva")
    assert code == 0 and out == plain_text(await teams(sample, ADA, "admin aktiva"))
    code, out = await cli(sample, bot_env, "roller")
    assert "cli:" not in out  # the terminal's user is not listed as an admin


async def test_who_is_out_right_now(sample: BotHarness) -> None:
    text = await teams(sample, ADA, "admin aktiva")
    assert text.splitlines() == [
        "**Aktiva bevakningar: 2**",
        "- Bertil Berg (Regionhälsan) – resa Göteborg → Borås (tåg) – sluttid 2026-11-25 14:05 – "
        "larm (ingen återkoppling) 14:10, hanteras av Olle Operatör",
        "- Anna Andersson (Regionhälsan) – Storgatan 1, Borås – sluttid 2026-11-25 15:35 – registrerad",
    ]
    title, line = (await teams(sample, ADA, "admin larm")).splitlines()
    assert title == "**Öppna larm: 1**"
    assert line.startswith("- Bertil Berg (Regionhälsan): larm (ingen återkoppling) 14:10, hanteras av Olle Operatör")
    assert re.fullmatch(r".* – ärende \d{14}-[0-9a-f]{6}", line)


async def test_how_often_did_this_person_fail_to_answer(sample: BotHarness) -> None:
    text = await teams(sample, ADA, "admin historik Bertil Berg")
    lines = text.splitlines()
    assert lines[0] == f"**Historik för Bertil Berg ({BERTIL.aad})**"
    assert lines[2] == "Bevakningar: 2, larm: 2, varav 1 där allt var väl."
    assert "samtal: 2, avslutat 13:35: personen nådd – allt väl – ärende " in lines[4]


async def test_the_case_id_in_larm_leads_to_the_cases_whole_course(sample: BotHarness) -> None:
    case_id = (await teams(sample, ADA, "admin larm")).splitlines()[1].rsplit(" ", 1)[1]

    lines = (await teams(sample, ADA, f"admin ärende {case_id}")).splitlines()

    assert lines[0] == f"**Ärende {case_id}**: Bertil Berg (Regionhälsan), sluttid 2026-11-25 14:05 – LARM"
    events = lines[1:]
    assert events[0].startswith("- 2026-11-25 13:35 registrerad – Bertil Berg")
    assert any(e.startswith("- 2026-11-25 14:10 larm – ") for e in events)
    assert events[-1].startswith("- 2026-11-25 14:10 ärendet taget – Olle Operatör")
    assert [e[2:18] for e in events] == sorted(e[2:18] for e in events)  # in time order
    assert "Det finns inget ärende med det id:t" in await teams(sample, ADA, "admin ärende 20260101000000-000000")
    assert "Ange ärendets id" in await teams(sample, ADA, "admin ärende")


async def test_statistics_of_a_day(sample: BotHarness) -> None:
    text = await teams(sample, ADA, "admin statistik 2026-11-25 2026-11-25")
    assert text.splitlines() == [
        "**Statistik 2026-11-25**",
        "- Bevakningar: 4 (varav 2 pågående)",
        "- Bekräftade i tid: 1",
        "- Bekräftade sent: 0",
        "- Avbrutna: 0",
        "- Larm: 2 (personen nådd – allt väl: 1; "
        "personen hörde av sig själv – allt väl: 0; polisen hanterar: 0; annat: 0; pågående: 1)",
        "- Polislarm: 0",
        "- Efter sluttid: inga bekräftelser",
        "Per organisation:",
        "- Regionhälsan: 4 bevakningar, 2 larm, 0 polislarm",
    ]
    assert "Bevakningar: 0" in await teams(sample, ADA, "admin statistik 2026-11-26 2026-11-30")


async def test_a_name_that_fits_several_people_gives_a_list(sample: BotHarness, bot_env: dict[str, str]) -> None:
    text = await teams(sample, ADA, "admin historik e")
    assert text.splitlines() == [
        "Flera personer matchar ”e”. Skriv mer av namnet, e-postadressen eller id:t:",
        f"- Anna Andersson ({ANNA.aad})",
        f"- Bertil Berg ({BERTIL.aad})",  # known from his sessions only
        f"- Emma English ({EMMA.aad})",
        f"- Olle Operatör ({OLLE.aad})",
    ]
    assert (await cli(sample, bot_env, "historik", "e", as_user=ADA))[1] == text
    assert "Jag hittar ingen" in await teams(sample, ADA, "admin historik Zlatan")
    by_id = await teams(sample, ADA, f"admin historik {EMMA.aad}")
    assert by_id.startswith("**Historik för Emma English")


async def test_typing_slips_get_an_explanation(sample: BotHarness) -> None:
    assert "ÅÅÅÅ-MM-DD" in await teams(sample, ADA, "admin export 12/3 13/3")
    assert "både från- och tilldatum" in await teams(sample, ADA, "admin export 2026-11-25")
    assert "Ange en person" in await teams(sample, ADA, "admin historik")
    assert "Skriv ett skäl" in await teams(sample, ADA, "admin spärra Anna")
    assert "Kommandot ”statistics2” finns inte" in await teams(sample, ADA, "admin statistics2")


async def test_admin_commands_stay_out_of_channels(sample: BotHarness) -> None:
    before = len(sample.connector.sent_activities())
    await sample.post(act.channel_message(ADA, sample.connector.url, "admin aktiva"))
    sent = sample.connector.sent_activities()[before:]
    assert [a.get("text") for a in sent] == [
        "Adminkommandon fungerar bara i den personliga chatten med Trygghet, inte här."
    ]


async def test_an_english_admin_gets_english_in_both_doors(sample: BotHarness, bot_env: dict[str, str]) -> None:
    await sample.services.repos.roles.grant(EMMA.aad, ADMIN, EMMA.name, "test", sample.clock.now())
    in_teams = await teams(sample, EMMA, "admin active")
    code, in_terminal = await cli(sample, bot_env, "active", as_user=EMMA)
    assert code == 0 and plain_text(in_teams) == in_terminal
    assert in_terminal.startswith("Active check-ins: 2\n")
    assert in_teams.startswith("**Active check-ins: 2**") and "end time 2026-11-25 15:35 – registered" in in_teams


async def test_every_admin_command_is_audited_by_name_without_its_arguments(sample: BotHarness) -> None:
    await teams(sample, ADA, "admin historik Bertil Berg")
    now = sample.clock.now()
    events = sample.services.repos.audit.between(now - timedelta(minutes=1), now + timedelta(minutes=1))
    commands = [(e.actor.key, e.data) async for e, _ in events if e.kind is EventKind.ADMIN_COMMAND]
    assert commands == [(ADA.aad, {"command": "historik"})]


async def test_the_terminal_gives_a_list_as_json_or_csv(sample: BotHarness, bot_env: dict[str, str]) -> None:
    code, out = await cli(sample, bot_env, "--format", "json", "aktiva")
    rows = json.loads(out)
    assert code == 0 and [r["person"] for r in rows] == ["Bertil Berg", "Anna Andersson"]
    bertil = rows[0]
    assert re.fullmatch(r"\d{14}-[0-9a-f]{6}", bertil["case"])
    assert bertil["where"] == "resa Göteborg → Borås (tåg)"
    assert bertil["end"] == "2026-11-25 14:05:00+01:00"
    assert bertil["alarm"] == "larm (ingen återkoppling) 14:10, hanteras av Olle Operatör"
    assert rows[1]["alarm"] == "" and rows[1]["state"] == "registrerad"

    code, out = await cli(sample, bot_env, "--format", "csv", "historik", "Bertil", "Berg")
    header, *lines = out.splitlines()
    assert code == 0 and header == "Ärende;Person;Organisation;Plats;Registrerad;Sluttid;Läge;Larm"
    assert len(lines) == 2 and all(line.split(";")[1] == "Bertil Berg" for line in lines)

    code, out = await cli(sample, bot_env, "--lang", "en", "--format", "csv", "aktiva")
    assert out.splitlines()[0] == "Case;Person;Organisation;Where;Registered;End time;State;Alarm"


async def test_json_of_bars_names_the_people(sample: BotHarness, bot_env: dict[str, str]) -> None:
    await teams(sample, ADA, "admin spärra Anna Andersson upprepade larm")
    code, out = await cli(sample, bot_env, "--format", "json", "spärrade")
    assert code == 0
    assert json.loads(out) == [
        {
            "person": "Anna Andersson",
            "barred_at": "2026-11-25 14:10:01+01:00",
            "barred_by": ADA.name,
            "reason": "upprepade larm",
        }
    ]


async def test_a_command_that_lists_nothing_refuses_a_format(
    sample: BotHarness, bot_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await cli(sample, bot_env, "--format", "json", "statistik")
    assert code == 2 and out == ""
    assert "statistik svarar bara i text" in capsys.readouterr().err
    code, out = await cli(sample, bot_env, "--format", "csv", "spärra", "Anna Andersson", "prov")
    assert code == 2 and out == ""  # refused before it runs: a format never makes a change happen
    assert await sample.services.repos.bars.get(ANNA.aad) is None
