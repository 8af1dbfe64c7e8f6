"""Helpers for the admin journeys: sample sessions made through the service layer, the Teams door (`admin …` in
the personal chat) and the CLI door (`bot.admin.cli.main`, run in-process on the same tables and fake clock).
"""

from __future__ import annotations

import asyncio
import io
from datetime import datetime, timedelta
from typing import Any

from bot.admin.cli import main as cli_main
from bot.domain.model import Actor, ActorKind, Person
from bot.domain.period import STOCKHOLM
from bot.domain.registration import RegistrationForm
from bot.store.sessions import StoredSession
from bot.store.tables import TABLES
from bot.teams.file_upload import CONSENT
from tests.support import activities as act
from tests.support.activities import ADA, OLLE, TeamsUser
from tests.support.forms import REGIONHALSAN, registration_form
from tests.support.harness import BotHarness, texts_in

GRACE = timedelta(minutes=5)


def person(user: TeamsUser) -> Person:
    """The Person the Teams layer makes of this user's activities."""
    return Person(key=user.aad, teams_id=user.teams_id, name=user.name, aad_object_id=user.aad)


def operator(user: TeamsUser = OLLE) -> Actor:
    return Actor(ActorKind.OPERATOR, user.aad, user.name)


def form(end: datetime, **overrides: str) -> RegistrationForm:
    local = end.astimezone(STOCKHOLM)
    when = {"end_date": local.date().isoformat(), "end_time": local.strftime("%H:%M")}
    return registration_form(REGIONHALSAN, **{**when, **overrides})


async def register(harness: BotHarness, user: TeamsUser, minutes: int = 60, **overrides: str) -> StoredSession:
    """A session for `user` ending `minutes` from now, registered as the user-flow would."""
    end = harness.clock.now() + timedelta(minutes=minutes)
    return await harness.services.sessions.register(person(user), form(end, **overrides), user.locale)


async def escalate(harness: BotHarness, stored: StoredSession) -> None:
    """Let time pass until the missed confirmation has become an alarm."""
    wait = stored.session.end_time + GRACE - harness.clock.now()
    await harness.tick(seconds=max(wait.total_seconds(), 0))
    await harness.tick(seconds=1)


async def needless_alarm(harness: BotHarness, user: TeamsUser, note: str = "") -> StoredSession:
    """Register, miss sluttid, no answer at the first call, reached at the second, all well: the routine ran for
    nothing, the kind of alarm that flags a person (the person rings back before the second attempt is due)."""
    stored = await register(harness, user, minutes=30)
    await escalate(harness, stored)
    escalations, key, sid = harness.services.escalations, stored.session.owner.key, stored.session.id
    await escalations.record_call(operator(), key, sid, 1, "no_answer", in_channel=True)
    await escalations.record_call(operator(), key, sid, 2, "answered_well", in_channel=True)
    closed = await escalations.close(operator(), key, sid, "reached_well", note, in_channel=True)
    harness.connector.acknowledge()  # the escalation's own traffic (asserted elsewhere); flag cards come after
    return closed


async def bind_operator_channel(harness: BotHarness, user: TeamsUser = ADA) -> None:
    """`@Trygghet koppla kanal` in the operators' channel, so escalations (and what follows them) are delivered."""
    await harness.post(act.channel_message(user, harness.connector.url, "koppla kanal"))


async def teams(harness: BotHarness, user: TeamsUser, text: str) -> str:
    """What the bot answered in the personal chat: exactly one text message (for `export`, followed by the file
    consent card, which tests/e2e/test_admin_export.py looks at)."""
    sent = [a for a in await harness.say(user, text) if a["conversation"]["id"] == user.conversation_id]
    answers = texts_in(sent)
    consents = [a for a in sent if [x.get("contentType") for x in a.get("attachments") or []] == [CONSENT]]
    assert len(sent) - len(consents) == 1 and len(answers) == 1 and len(consents) <= 1, sent
    return answers[0]


async def cli(
    harness: BotHarness, env: dict[str, str], *argv: str, as_user: TeamsUser | None = None
) -> tuple[int, str]:
    """Run `trygghet-admin` in-process (its own event loop, in a thread) on the same tables and clock."""
    out = io.StringIO()
    args = [*(["--som", as_user.aad] if as_user else []), *argv]
    lang = ["--språk", "en"] if as_user and as_user.locale.startswith("en") else []
    code = await asyncio.to_thread(cli_main, [*lang, *args], env=env, clock=harness.clock, stdout=out)
    return code, out.getvalue().removesuffix("\n")


async def every_entity(harness: BotHarness) -> list[dict[str, Any]]:
    """Every row of every table of this test's storage."""
    store = harness.services.store
    rows: list[dict[str, Any]] = []
    for table in TABLES:
        rows += [dict(e) async for e in store.table(table).list_entities()]
    return rows


SORRY = (
    "Förlåt, något gick fel hos oss. Försök igen om en liten stund – eller ring trygghetscentralen på 010-435 40 20."
)


async def nothing_filed_or_barred(harness: BotHarness, after: list[dict[str, Any]], user: TeamsUser) -> None:
    """A consent whose context was tampered with: the generic apology, no upload, and `user` not barred."""
    assert texts_in(after) == [SORRY]
    assert harness.connector.uploads == {}
    assert await harness.services.repos.bars.get(user.aad) is None
