"""One admin command set for two doors: Teams (`admin <command> …` in the personal chat) and the CLI.

Each door turns what was typed into words and calls `run_command`; it calls one service function in
bot/services/ and formats the plain data it returns. Both doors therefore give the same answer, word for word.
The admin role is checked before anything else (a refusal is audited as ACTION_REFUSED) and the person gets a
polite sentence, never a hint about what the command would have shown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from bot.admin import format_admin as fmt
from bot.admin import format_sessions, tables
from bot.admin.csv_export import audit_csv
from bot.admin.error_texts import admin_error_key
from bot.admin.tables import FORMAT_WORD, Table, take_format
from bot.admin.words import UsageError, period_of
from bot.domain.errors import DomainError, NotAllowed
from bot.domain.events import EventKind
from bot.domain.model import Actor
from bot.domain.period import local_day
from bot.i18n import Texts
from bot.services.admin import Admin
from bot.services.admin_common import as_admin, audit
from bot.services.admin_settings import SettingRefused
from bot.services.people import AmbiguousPerson, PersonNotFound


@dataclass(frozen=True)
class Reply:
    """The answer's text, and for `export` the CSV file (the CLI writes it; Teams offers it through its file flow,
    bot/teams/file_upload.py, and makes it again with `again` once the admin allows it)."""

    text: str
    file: bytes | None = None
    filename: str = ""
    ok: bool = True  # False for a refusal or a mistake (the CLI's exit status)
    about: str = ""  # one line on what the file holds
    title: str = ""  # what the file is, inside a sentence ("granskningsloggen 2026-03-12")
    again: tuple[str, ...] = ()  # the command that makes the same file again (an export's period written out)
    table: Table | None = None  # a list command's rows, for --format json|csv (bot/admin/tables.py)


@dataclass(frozen=True)
class Call:
    admin: Admin
    actor: Actor
    texts: Texts

    @property
    def today(self) -> date:
        return local_day(self.admin.services.clock.now())

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)


Command = Callable[[Call, list[str]], Awaitable[Reply]]
DRY_RUN = frozenset({"--torrkörning", "torrkörning", "--dry-run", "dry-run"})
GIVE, TAKE, SET = frozenset({"ge", "give", "grant"}), frozenset({"ta", "take", "revoke"}), frozenset({"sätt", "set"})
ROLE_WORDS = {
    "operatör": "operator",
    "operator": "operator",
    "admin": "admin",
    "administratör": "admin",
    "säkerhetschef": "security_head",
    "security-head": "security_head",
}


def text(value: str) -> Reply:
    return Reply(value)


def failed(value: str) -> Reply:
    return Reply(value, ok=False)


def _no_words(words: list[str]) -> None:
    if words:
        raise UsageError("too_many_words")


async def active(call: Call, words: list[str]) -> Reply:
    _no_words(words)
    found = await call.admin.queries.active(call.actor)
    return Reply(format_sessions.active(found, call.texts), table=tables.sessions(found, call.texts))


async def alarms(call: Call, words: list[str]) -> Reply:
    if not words:
        found = await call.admin.queries.alarms(call.actor)
        return Reply(format_sessions.alarms(found, call.texts), table=tables.sessions(found, call.texts))
    period = period_of(words, call.today, required=False)
    found = await call.admin.queries.alarms(call.actor, period)
    answer = format_sessions.alarms(found, call.texts, fmt.period(period))
    return Reply(answer, table=tables.sessions(found, call.texts))


async def history(call: Call, words: list[str]) -> Reply:
    if not words:
        raise UsageError("person_required")
    found = await call.admin.queries.history(call.actor, " ".join(words))
    return Reply(fmt.history(found, call.texts), table=tables.sessions(found.sessions, call.texts))


async def case(call: Call, words: list[str]) -> Reply:
    if len(words) != 1:
        raise UsageError("case_required")
    found = await call.admin.queries.case(call.actor, words[0])
    return text(format_sessions.case(found.session, found.events, call.texts))


async def statistics(call: Call, words: list[str]) -> Reply:
    report = await call.admin.queries.statistics(call.actor, period_of(words, call.today, required=False))
    return text(fmt.statistics(report, call.texts))


async def export(call: Call, words: list[str]) -> Reply:
    result = await call.admin.export.audit_log(call.actor, period_of(words, call.today, required=True))
    summary = fmt.export_summary(result, call.texts)
    period = result.period
    about = call.t(
        "admin.export.consent", period=fmt.period(period), events=call.t("count.events", count=len(result.rows))
    )
    again = ("export", period.first.isoformat(), period.last.isoformat())  # no "idag" to shift overnight
    title = call.t("admin.export.file_title", period=fmt.period(period))
    file = audit_csv(result.rows, call.texts)
    return Reply(summary, file, fmt.export_filename(period), about=about, title=title, again=again)


async def bar(call: Call, words: list[str]) -> Reply:
    if not words:
        raise UsageError("person_required")
    await call.admin.bars.require_security_head(call.actor, "admin.bar")  # before looking anyone up
    found = await call.admin.people.split(words)
    if not found.rest:
        raise UsageError("reason_required")
    decision = await call.admin.bars.bar(call.actor, found.person, " ".join(found.rest))
    result = decision.bar
    told = call.t("admin.bars.told" if decision.person_told else "admin.bars.not_told")
    return text(call.t("admin.bars.barred", name=result.name or result.user_key, reason=result.reason) + " " + told)


async def unbar(call: Call, words: list[str]) -> Reply:
    if not words:
        raise UsageError("person_required")
    await call.admin.bars.require_security_head(call.actor, "admin.unbar")
    person = await call.admin.people.one(" ".join(words))
    decision = await call.admin.bars.unbar(call.actor, person)
    told = call.t("admin.bars.told" if decision.person_told else "admin.bars.not_told")
    return text(call.t("admin.bars.unbarred", name=decision.bar.name or person.name or person.key) + " " + told)


async def barred(call: Call, words: list[str]) -> Reply:
    _no_words(words)
    found = await call.admin.bars.barred(call.actor)
    return Reply(fmt.barred(found, call.texts), table=tables.bars(found, call.texts))


async def flagged(call: Call, words: list[str]) -> Reply:
    _no_words(words)
    flags = await call.admin.flagging.flagged(call.actor)
    policy = await call.admin.services.policies.current()
    answer = fmt.flagged(flags, policy.flag_threshold, policy.flag_period, call.texts)
    return Reply(answer, table=tables.flags(flags, call.texts))


async def roles(call: Call, words: list[str]) -> Reply:
    if not words:
        return text(fmt.roles(await call.admin.roles.list(call.actor), call.texts))
    verb, rest = words[0].lower(), words[1:]
    if verb in GIVE:
        if len(rest) < 2 or rest[-1].lower() not in ROLE_WORDS:
            raise UsageError("role_usage")
        person = await call.admin.people.one(" ".join(rest[:-1]))
        grant = await call.admin.roles.grant(call.actor, person, ROLE_WORDS[rest[-1].lower()])
        role = fmt.role_name(grant.role, call.texts)
        return text(call.t("admin.roles.given", name=person.name or person.key, role=role))
    if verb in TAKE:
        if rest and rest[-1].lower() in ROLE_WORDS:
            rest = rest[:-1]
        if not rest:
            raise UsageError("role_usage")
        person = await call.admin.people.one(" ".join(rest))
        taken = await call.admin.roles.revoke(call.actor, person)
        role = fmt.role_name(taken, call.texts)
        return text(call.t("admin.roles.taken", name=person.name or person.key, role=role))
    raise UsageError("role_usage")


CLEAR = frozenset({"rensa", "clear", "återställ", "reset"})


async def standby(call: Call, words: list[str]) -> Reply:
    """`beredskap`: who gets an unclaimed alarm's card; `beredskap sätt <person>, <person> …`; `beredskap rensa`."""
    if not words:
        members, default = await call.admin.standby.members(call.actor)
        return text(fmt.standby(members, default, call.texts))
    verb, rest = words[0].lower(), words[1:]
    if verb in CLEAR and not rest:
        await call.admin.standby.clear(call.actor)
        members, default = await call.admin.standby.members(call.actor)
        return text(fmt.standby(members, default, call.texts))
    if verb not in SET or not rest:
        raise UsageError("standby_usage")
    names = [n.strip() for n in " ".join(rest).split(",") if n.strip()]
    people = [await call.admin.people.one(name) for name in names]
    return text(fmt.standby(await call.admin.standby.set(call.actor, people), False, call.texts))


async def settings(call: Call, words: list[str]) -> Reply:
    if not words:
        return text(fmt.settings(await call.admin.settings.list(call.actor), call.texts))
    if words[0].lower() not in SET or len(words) != 3:
        raise UsageError("settings_usage")
    change = await call.admin.settings.set(call.actor, words[1], words[2])
    return text(fmt.setting_changed(change, call.texts))


async def purge(call: Call, words: list[str]) -> Reply:
    flags = {w.lower() for w in words}
    if flags - DRY_RUN:
        raise UsageError("too_many_words")
    return text(fmt.purge(await call.admin.retention.purge(call.actor, dry_run=bool(flags)), call.texts))


async def help_(call: Call, words: list[str]) -> Reply:
    return text(call.t("admin.help"))


COMMANDS: dict[str, Command] = {
    "aktiva": active,
    "active": active,
    "larm": alarms,
    "alarms": alarms,
    "historik": history,
    "history": history,
    "ärende": case,
    "case": case,
    "statistik": statistics,
    "statistics": statistics,
    "stats": statistics,
    "export": export,
    "spärra": bar,
    "bar": bar,
    "häv": unbar,
    "unbar": unbar,
    "spärrade": barred,
    "barred": barred,
    "flaggade": flagged,
    "flagged": flagged,
    "roller": roles,
    "roles": roles,
    "beredskap": standby,
    "standby": standby,
    "inställningar": settings,
    "settings": settings,
    "rensa": purge,
    "purge": purge,
    "hjälp": help_,
    "help": help_,
}


async def run_command(admin: Admin, actor: Actor, texts: Texts, words: list[str]) -> Reply:
    """Run one admin command; every outcome, including a refusal or a typing slip, is a Reply.

    The role is checked here first, so a non-admin is refused before any search or parsing (and learns
    nothing from it); each service function checks again, as it may be called from elsewhere.
    """
    call = Call(admin, actor, texts)
    name = words[0].lower() if words else "hjälp"
    command = COMMANDS.get(name)
    try:
        await as_admin(admin.services, actor, f"admin.{name if command else 'unknown'}")
        if command is None:
            return failed("\n\n".join([call.t("admin.unknown", command=words[0]), call.t("admin.help")]))
        # Who looked at what, for answering for it afterwards; the arguments may name a person, so they stay out.
        await audit(admin.services, EventKind.ADMIN_COMMAND, actor, subject_key=actor.key, data={"command": name})
        return await command(call, words[1:])
    except NotAllowed:
        return failed(call.t("admin.not_allowed"))
    except UsageError as exc:
        return failed(call.t(admin_error_key(exc.code), **exc.values))
    except AmbiguousPerson as exc:
        return failed(fmt.ambiguous(exc.query, exc.matches, texts))
    except PersonNotFound as exc:
        return failed(call.t("admin.person.not_found", query=exc.query))
    except SettingRefused as exc:
        return failed(call.t(admin_error_key(exc.code), **exc.values))
    except DomainError as exc:
        return failed(call.t(admin_error_key(exc.code)))


TABLE_COMMANDS = frozenset(
    {"aktiva", "active", "larm", "alarms", "historik", "history", "spärrade", "barred", "flaggade", "flagged"}
)


def makes_file(words: list[str]) -> bool:
    """Whether these words ask for a file: an export, or a list command with --format (read-only, all of them)."""
    try:
        rest, form = take_format(words)
    except UsageError:
        return False
    name = rest[0].lower() if rest else ""
    return name == "export" or (form != "text" and name in TABLE_COMMANDS)


async def run_words(admin: Admin, actor: Actor, texts: Texts, words: list[str]) -> Reply:
    """`run_command`, and with `--format json|csv` a list command's rows as a file (Teams offers it). A command that
    lists nothing is refused before it runs, so `--format` never makes a change happen."""
    try:
        rest, form = take_format(words)
    except UsageError as exc:
        return failed(texts.t(admin_error_key(exc.code), **exc.values))
    if form == "text":
        return await run_command(admin, actor, texts, rest)
    name = rest[0].lower() if rest else ""
    if name not in TABLE_COMMANDS:
        return failed(texts.t("admin.format.no_table", command=name or "hjälp"))
    reply = await run_command(admin, actor, texts, rest)
    if not reply.ok or reply.table is None:
        return reply
    day = local_day(admin.services.clock.now()).isoformat()
    kind = texts.t("admin.format.csv" if form == "csv" else "admin.format.json")
    rows = texts.t("count.rows", count=len(reply.table.rows))
    return Reply(
        reply.text,
        reply.table.as_file(form),
        f"trygghet-{ascii_word(name)}-{day}.{form}",
        about=texts.t("admin.table.consent", command=name, kind=kind, rows=rows),
        title=texts.t("admin.table.title", command=name, kind=kind),
        again=(*rest, FORMAT_WORD, form),
        table=reply.table,
    )


def ascii_word(word: str) -> str:
    """ "spärrade" -> "sparrade": a file name every OneDrive and terminal takes."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() or "trygghet"
