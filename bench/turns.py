"""Turn latency, measured from outside: app.py as a real process, an in-memory Azurite and the Bot Connector
stand-in. Groups of people (20 by default) at once each write `ny` and then submit the filled-in registration
form, the way Teams posts it. A turn's latency is the POST /api/messages round trip, which includes the bot's
reply to the stand-in; the app's CPU per turn is read from /proc.

    .venv/bin/python -m bench.turns [--people 20] [--rounds 5] [--profile FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import aiohttp

from bench.process import spawn_app, wait_ready
from bench.report import Lags
from bench.world import crowd, form_ending
from tests.e2e.user_support import button
from tests.support.activities import CHANNEL_ID, TEAM_ID, TeamsUser, personal_message, personal_submit
from tests.support.azurite import start_azurite_table
from tests.support.connector import BotConnectorStub, running_connector
from tests.support.harness import cards_in

RECEIPT = "Bevakningen är registrerad"


@dataclass
class Outcome:
    people: int
    rounds: int
    ny: Lags = field(default_factory=Lags)
    submit: Lags = field(default_factory=Lags)
    cpu_ms_per_turn: float = 0.0
    failed: int = 0  # a turn that did not answer 200 or did not get its reply

    def table(self) -> str:
        return "\n".join(
            [
                f"turns: {self.people} people at once, {self.rounds} rounds",
                f"  `ny` (the form)            {self.ny.line()}",
                f"  form submit (the receipt)  {self.submit.line()}",
                f"  app CPU                    {self.cpu_ms_per_turn:.1f} ms per turn",
                f"  failed turns               {self.failed}",
            ]
        )


async def _post(http: aiohttp.ClientSession, url: str, activity: dict[str, object]) -> float:
    started = time.perf_counter()
    async with http.post(url, json=activity) as response:
        await response.read()
        if response.status >= 300:
            raise RuntimeError(f"POST /api/messages answered {response.status}")
    return time.perf_counter() - started


async def _one(
    http: aiohttp.ClientSession, url: str, connector: BotConnectorStub, user: TeamsUser, out: Outcome
) -> None:
    try:
        out.ny.values.append(await _post(http, url, personal_message(user, connector.url, "ny")))
        sent = connector.sent_activities(user.conversation_id)
        ids = connector.sent_ids(user.conversation_id)
        (form,) = cards_in(sent[-1:])
        end = (datetime.now(UTC) + timedelta(hours=2)).replace(second=0, microsecond=0)
        value = {**button(form, "Registrera"), **form_ending(end).as_dict()}
        out.submit.values.append(await _post(http, url, personal_submit(user, connector.url, value, ids[-1])))
        last = connector.sent_activities(user.conversation_id)[-1]
        if not str(last.get("summary", "")).startswith(RECEIPT):
            raise RuntimeError(f"no receipt: {last.get('summary')!r}")
    except Exception as exc:  # counted, and the run goes on
        out.failed += 1
        print(f"{user.name}: {type(exc).__name__}: {exc}")


async def run(people: int, rounds: int, profile: str = "") -> Outcome:
    azurite = start_azurite_table()
    out = Outcome(people, rounds)
    try:
        async with running_connector() as connector, aiohttp.ClientSession() as http:
            env = {
                "TRYGGHET_STORAGE": azurite.connection_string,
                "TRYGGHET_OPERATOR_CHANNEL": f"{TEAM_ID}|{CHANNEL_ID}|{connector.url}",
                "TRYGGHET_LOG_LEVEL": "WARNING",
            }
            app = spawn_app(env, profile)
            try:
                url = f"{app.url}/api/messages"
                await wait_ready(app)
                await asyncio.gather(*(_one(http, url, connector, u, Outcome(0, 0)) for u in crowd(5, 90_000)))
                before = app.cpu_seconds()
                for n in range(rounds):
                    group = crowd(people, n * people)
                    await asyncio.gather(*(_one(http, url, connector, u, out) for u in group))
                out.cpu_ms_per_turn = (app.cpu_seconds() - before) * 1000 / (2 * people * rounds)
            finally:
                app.process.terminate()
                app.process.wait(timeout=30)
    finally:
        azurite.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.turns", description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", default="", help="run the app under cProfile, statistics to this file")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.people, args.rounds, args.profile))
    print(result.table())
    return 1 if result.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
