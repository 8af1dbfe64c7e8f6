"""`make bench`: the performance figures, each measured from outside in one run and printed as one table with
its target. The app runs as deployed (real processes or the real app with its scheduler on the wall clock),
storage is an in-memory Azurite, and the Bot Connector stand-in records when each card arrives. A card's lag
runs from its due instant to its arrival at the stand-in.

    .venv/bin/python -m bench.run [--quick] [--json PATH]

It exits non-zero when a card was lost or duplicated, or a turn failed (a fast but wrong build never looks
good); a target that is not met is shown as such in the table, not as a failure. `--quick` is a smoke run with
smaller numbers (not for comparing). The components timed in process are `python -m bench.components`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import burst, idle, single_lag, turns
from bench.machine import describe, machine_info
from tests.support.azurite import REPO_ROOT

RESULTS = REPO_ROOT / "bench" / "results" / "latest.json"
TEAMS_PACE = 50.0  # Teams' calls a second per app and tenant


@dataclass(frozen=True)
class Sizes:
    single_rounds: int
    burst: int
    storage_counted: int
    turn_people: int
    turn_rounds: int
    idle: tuple[int, int]
    idle_minutes: float


FULL = Sizes(6, 1000, 200, 20, 5, (100, 10_000), 0.5)  # 30 s: a whole period of every idle timer (5, 15, 30 s)
QUICK = Sizes(3, 100, 60, 10, 2, (100, 1_000), 0.5)


@dataclass(frozen=True)
class Figure:
    scenario: str
    figure: str
    measured: str
    target: str
    met: bool | None  # None: no target, shown for context
    correctness: bool = False  # a failure here fails the run


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


def burst_rows(name: str, out: burst.Outcome, paced: bool) -> list[Figure]:
    bound = out.people / TEAMS_PACE + 2
    rows = [
        Figure(
            name,
            "lost / duplicated cards",
            f"{out.lost} / {out.duplicates}",
            "0 / 0",
            not out.lost and not out.duplicates,
            True,
        ),
        Figure(
            name,
            "throughput",
            f"{out.throughput:.0f} cards/s",
            "≥ 200 cards/s" if not paced else "50 cards/s (the pace)",
            out.throughput >= 200 if not paced else None,
        ),
        Figure(name, "app CPU per card", f"{out.cpu_ms_per_card:.1f} ms", "", None),
    ]
    if paced:
        rows[1:1] = [
            Figure(
                name,
                "at-sluttid cards' lag",
                out.at_sluttid.line(),
                f"all within {bound:.0f} s",
                bool(out.at_sluttid.values) and max(out.at_sluttid.values) <= bound,
            ),
            Figure(
                name,
                "an escalation due mid-burst",
                "never" if out.escalation is None else fmt(out.escalation),
                "≤ 2 s",
                out.escalation is not None and out.escalation <= 2,
            ),
            Figure(
                name,
                "reminders' lag (due together)",
                out.reminders.line(),
                "every one before its sluttid",
                out.reminders_late == 0 and len(out.reminders.values) == out.people,
            ),
            Figure(name, "app RSS", f"{out.rss_mb:.0f} MB", "", None),
        ]
    return rows


async def measure(sizes: Sizes) -> list[Figure]:
    figures: list[Figure] = []
    print("single card ...", file=sys.stderr, flush=True)
    single = await single_lag.run(sizes.single_rounds, 1)
    figures.append(
        Figure(
            "a single card",
            "lag after its due instant",
            single.line(),
            "≤ 0.2 s p99",
            bool(single.values) and single.pct(0.99) <= 0.2,
        )
    )
    # As deployed (infra/main.bicep): two instances, each pacing itself at its share of Teams' 50 calls a second.
    print(f"burst of {sizes.burst}, paced, two processes ...", file=sys.stderr, flush=True)
    deployed = await burst.run(sizes.burst, TEAMS_PACE / 2, 2)
    figures += burst_rows(f"{sizes.burst} at one sluttid, paced, 2 processes (as deployed)", deployed, True)
    print(f"burst of {sizes.burst}, no pacing ...", file=sys.stderr, flush=True)
    figures += burst_rows(f"{sizes.burst} at one sluttid, no pacing", await burst.run(sizes.burst, 0, 1), False)
    print(f"burst of {sizes.storage_counted}, storage counted ...", file=sys.stderr, flush=True)
    counted = await burst.run(sizes.storage_counted, TEAMS_PACE / 2, 2, count_storage=True)
    name = f"{sizes.storage_counted} at one sluttid, 2 processes, storage counted"
    figures += burst_rows(name, counted, False)[:1]
    per_card = counted.storage_per_card or 0.0
    figures.append(Figure(name, "storage requests per card", f"{per_card:.1f}", "", None))
    print("turns ...", file=sys.stderr, flush=True)
    turned = await turns.run(sizes.turn_people, sizes.turn_rounds)
    who = f"turns, {sizes.turn_people} people at once"
    figures += [
        Figure(who, "form submit round trip", turned.submit.line(), "≤ 0.15 s p95", turned.submit.pct(0.95) <= 0.15),
        Figure(who, "`ny` round trip", turned.ny.line(), "", None),
        Figure(who, "app CPU per turn", f"{turned.cpu_ms_per_turn:.1f} ms", "≤ 20 ms", turned.cpu_ms_per_turn <= 20),
        Figure(who, "failed turns", str(turned.failed), "0", turned.failed == 0, True),
    ]
    print("idle ...", file=sys.stderr, flush=True)
    few, many = await idle.run(list(sizes.idle), sizes.idle_minutes)
    figures += [
        Figure("idle", f"storage requests a minute, {few.sessions} waiting", f"{few.per_minute:.0f}", "", None),
        Figure(
            "idle",
            f"storage requests a minute, {many.sessions} waiting",
            f"{many.per_minute:.0f}",
            f"no more than with {few.sessions}",
            many.per_minute <= few.per_minute + 2,
        ),
        Figure("idle", f"app RSS, {many.sessions} waiting", f"{many.rss_mb:.0f} MB", "≤ 200 MB", many.rss_mb <= 200),
    ]
    return figures


def table(figures: list[Figure]) -> str:
    head = ("scenario", "figure", "measured", "target", "met")
    rows = [head] + [
        (f.scenario, f.figure, " ".join(f.measured.split()), f.target, {True: "yes", False: "NO", None: ""}[f.met])
        for f in figures
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller numbers: a smoke run, not for comparing")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the results (default {RESULTS})")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    started, at = time.monotonic(), datetime.now(UTC)
    figures = asyncio.run(measure(sizes))
    seconds = time.monotonic() - started
    info = machine_info()
    print(describe(info))
    print(f"{'quick' if args.quick else 'full'} run, {at:%Y-%m-%d}, {seconds / 60:.1f} min\n")
    print(table(figures))
    targets = [f for f in figures if f.met is not None and not f.correctness]
    wrong = [f for f in figures if f.correctness and not f.met]
    print(f"\n{sum(bool(f.met) for f in targets)} of {len(targets)} targets met; {len(wrong)} correctness failures")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "started_at": at.isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "sizes": sizes.__dict__,
        "machine": info,
        "figures": [f.__dict__ for f in figures],
    }
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
