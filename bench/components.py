"""The components in process (`python -m bench.components`): registration, timer sweeping, the message endpoint
and the due-timer query on Azurite, each timed apart from the rest of the app.

Starts its own in-memory Azurite (or uses --storage), runs a fixed workload (--quick: a smaller one), prints a
table and writes JSON to bench/results/latest.json. Exits non-zero when a correctness check fails (e.g. a
reminder delivered twice), so a fast but wrong build never looks good.

    .venv/bin/python -m bench.components [--quick] [--only sweep,e2e] [--json PATH] [--storage CONNECTION_STRING]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import due_query, e2e, registration, sweep
from bench.machine import describe, machine_info
from bench.report import Row, Section, format_table
from tests.support.azurite import REPO_ROOT, running_azurite_table

RESULTS = REPO_ROOT / "bench" / "results" / "components.json"


@dataclass(frozen=True)
class Workload:
    registrations: int  # per variant (sequential, concurrent)
    sweep_timers: int  # per variant (one sweeper, two sweepers)
    requests: int  # per variant (sequential, concurrent)
    future_timers: int
    due_timers: int
    due_repeats: int  # due() and the Due-property filter, each time
    scan_repeats: int  # full scans (each reads every row)


DEFAULT = Workload(
    registrations=300,
    sweep_timers=300,
    requests=200,
    future_timers=10_000,
    due_timers=10,
    due_repeats=100,
    scan_repeats=5,
)
QUICK = Workload(
    registrations=40,
    sweep_timers=60,
    requests=40,
    future_timers=1_000,
    due_timers=10,
    due_repeats=10,
    scan_repeats=3,
)

Scenario = Callable[[str, Workload], Awaitable[Section]]
SCENARIOS: dict[str, Scenario] = {
    "registration": lambda cs, w: registration.run(cs, w.registrations),
    "sweep": lambda cs, w: sweep.run(cs, w.sweep_timers),
    "e2e": lambda cs, w: e2e.run(cs, w.requests),
    "due": lambda cs, w: due_query.run(cs, w.future_timers, w.due_timers, w.due_repeats, w.scan_repeats),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.components", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller workload (a smoke run, not for comparing)")
    parser.add_argument(
        "--only", default="", help=f"comma-separated scenarios to run (default all: {', '.join(SCENARIOS)})"
    )
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the results (default {RESULTS})")
    parser.add_argument(
        "--storage", default="", help="an existing table endpoint's connection string (default: start Azurite)"
    )
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(SCENARIOS)
    unknown = [name for name in chosen if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    args.scenarios = chosen
    return args


async def run_all(connection_string: str, workload: Workload, names: list[str]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            section = await SCENARIOS[name](connection_string, workload)
        except Exception as exc:  # report it as a failed check and go on with the other scenarios
            traceback.print_exc()
            section = Section()
            section.check(f"{name} ran to the end", False, f"{type(exc).__name__}: {exc}")
        section.facts["seconds"] = round(time.perf_counter() - started, 2)
        sections[name] = section
    return sections


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workload = QUICK if args.quick else DEFAULT
    info = machine_info()
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    with running_azurite_table(args.storage or None) as azurite:
        sections = asyncio.run(run_all(azurite.connection_string, workload, args.scenarios))
    total = time.perf_counter() - started

    rows: list[Row] = [row for s in sections.values() for row in s.rows]
    checks = [check for s in sections.values() for check in s.checks]
    print(describe(info))
    print(f"workload: {'quick' if args.quick else 'default'} {asdict(workload)}")
    print()
    print(format_table(rows))
    print()
    for check in checks:
        print(f"{'ok  ' if check.ok else 'FAIL'} {check.name}" + (f" ({check.detail})" if not check.ok else ""))
    failed = [c for c in checks if not c.ok]

    result: dict[str, Any] = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "seconds": round(total, 2),
        "command": " ".join([".venv/bin/python -m bench.components", *(argv if argv is not None else sys.argv[1:])]),
        "workload": {"name": "quick" if args.quick else "default", **asdict(workload)},
        "machine": info,
        "scenarios": {
            name: {
                "seconds": s.facts.get("seconds"),
                "rows": [r.as_json() for r in s.rows],
                "checks": [asdict(c) for c in s.checks],
            }
            for name, s in sections.items()
        },
        "ok": not failed,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{len(checks) - len(failed)}/{len(checks)} checks passed; {total:.1f} s in all; results in {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
