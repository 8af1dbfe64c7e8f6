"""The admins' command line: the same commands as `admin …` in Teams, against the same storage.

    trygghet-admin aktiva
    trygghet-admin historik "Anna Andersson"
    trygghet-admin export 2026-03-12 2026-03-12 --fil mars.csv
    trygghet-admin rensa --torrkörning
    trygghet-admin --format json aktiva

It reads the same environment as the bot (bot.config.load_config: TRYGGHET_STORAGE or TRYGGHET_STORAGE_URL,
TRYGGHET_TABLE_PREFIX, TRYGGHET_ADMINS, …) and builds the services without the Teams adapter. Whoever can run it
holds the storage credentials, so by default it acts as an admin named `cli:<os user>`; `--som <AAD id>` acts as
that person instead, with their role checked as in Teams. Nothing it does notifies anyone in Teams.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from bot.admin.commands import TABLE_COMMANDS, Reply, run_command
from bot.admin.tables import FORMATS
from bot.config import ConfigError, load_config
from bot.domain.clock import Clock, SystemClock
from bot.domain.events import Event
from bot.domain.model import Actor, ActorKind, Session
from bot.i18n import texts_for
from bot.i18n.markup import plain_text
from bot.services.admin import Admin
from bot.services.container import Repos, Services, build_services, open_store
from bot.services.policy_source import PolicySource
from bot.services.ports import DeliveryDeferred

DRY_RUN_FLAG = "--torrkörning"


class NoTeams:
    """The CLI's Notifier: there is no Teams adapter here, so any delivery waits for the bot's next sweep."""

    def parts(self, event: Event) -> tuple[str, ...]:
        return ("",)

    async def deliver(self, session: Session, event: Event, part: str) -> dict[str, str]:
        raise DeliveryDeferred("the admin CLI does not talk to Teams")

    async def tell_person(self, person_key: str, text_key: str) -> bool:
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trygghet-admin",
        description="Trygghet administration: the same commands as 'admin …' in the Teams chat.",
        epilog=texts_for("sv").t("admin.help").replace("**", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--språk", "--lang", dest="lang", choices=("sv", "en"), default="sv", help="answer language")
    parser.add_argument("--som", "--as", dest="as_user", default="", help="act as this AAD object id (role checked)")
    parser.add_argument("--fil", "--out", dest="out", default="", help="export: the CSV file to write")
    parser.add_argument(
        "--format", dest="format", choices=FORMATS, default="text", help="a list command's answer as JSON or CSV"
    )
    parser.add_argument(DRY_RUN_FLAG, "--dry-run", dest="dry_run", action="store_true", help="rensa: only count")
    parser.add_argument("command", nargs="?", default="hjälp", help="aktiva, larm, historik, statistik, …")
    parser.add_argument("words", nargs="*", help="the command's words (quote a name with spaces)")
    return parser


def cli_user() -> str:
    """The holder of the storage credentials, who acts as an admin unless `--som` names someone."""
    return f"cli:{getpass.getuser()}"


async def acting_admin(services: Services, as_user: str) -> Actor:
    """`--som`: that person, role checked; otherwise the CLI's user, trusted as an admin (see run)."""
    if as_user:
        profile = await services.repos.profiles.get(as_user)
        return Actor(ActorKind.USER, as_user, profile.person.name if profile else "")
    return Actor(ActorKind.ADMIN, cli_user(), cli_user())


async def run(argv: Sequence[str], env: Mapping[str, str], clock: Clock, stdout: TextIO) -> int:
    """Parse, run one command, print its answer (and write the export file); 0 when it went well."""
    args = build_parser().parse_intermixed_args(list(argv))
    try:
        config = load_config(env)
    except ConfigError as exc:
        print(f"trygghet-admin: {exc}", file=sys.stderr)
        return 2
    texts = texts_for(args.lang)
    if args.format != "text" and args.command.lower() not in TABLE_COMMANDS:  # refused before anything runs
        print(texts.t("admin.format.no_table", command=args.command), file=sys.stderr)
        return 2
    trusted = frozenset() if args.as_user else frozenset({cli_user()})
    store = open_store(config)
    try:
        await store.ensure_tables()
        repos = Repos.open(store)
        policies = PolicySource(config.policy, repos.settings, clock)
        services = build_services(
            config, clock, store, repos, policies, NoTeams(), instance="admin-cli", trusted=trusted
        )
        actor = await acting_admin(services, args.as_user)
        words = [args.command, *args.words] + ([DRY_RUN_FLAG] if args.dry_run else [])
        reply = await run_command(Admin.of(services), actor, texts, words)
        if args.format != "text" and reply.ok:
            return print_table(reply, args.format, stdout)
        answer = reply.text
        if reply.file is not None:
            answer += "\n\n" + texts.t("admin.export.saved", path=write_file(reply, args.out))
        print(plain_text(answer), file=stdout)
        return 0 if reply.ok else 1
    finally:
        await store.close()


def print_table(reply: Reply, form: str, stdout: TextIO) -> int:
    """`--format json|csv`: the list command's rows (run refuses any other command before it runs)."""
    assert reply.table is not None, "every command in TABLE_COMMANDS answers with its table"
    print(reply.table.as_json() if form == "json" else reply.table.as_csv(), file=stdout, end="")
    if form == "json":
        print(file=stdout)
    return 0


def write_file(reply: Reply, out: str) -> str:
    path = Path(out or reply.filename)
    path.write_bytes(reply.file or b"")
    return str(path)


def main(
    argv: Sequence[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    clock: Clock | None = None,
    stdout: TextIO | None = None,
) -> int:
    """The console script. Tests pass env, clock and stdout; everyone else gets the process's own."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("azure", "msrest"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return asyncio.run(
        run(
            sys.argv[1:] if argv is None else argv,
            os.environ if env is None else env,
            clock or SystemClock(),
            stdout or sys.stdout,
        )
    )
