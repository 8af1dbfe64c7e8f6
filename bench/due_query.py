"""Scenario 4: what the scheduler's "what is due now?" query costs when many timers wait in the future.

TimerRepo.due(now) is a key range query a bucket (partitions sort by due minute, row keys start with the due
time), so its cost should not grow with the number of future timers. It is timed with only the due timers in
the table, then again after many future timers were added, and compared with two ways of finding the same rows
without the key: a filter on the Due property (the service scans every row) and reading the whole table.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bench.report import Row, Section, Stopwatch, Timing
from bench.world import scratch_store, timed_each
from bot.store.tables import TableStore
from bot.store.timers import TimerRepo
from tests.support.world import START

FILL_CONCURRENCY = 50


async def _repeat(times: int, query: Callable[[], Awaitable[int]]) -> tuple[Timing, list[int]]:
    """Run `query` `times` times one after another; the timing and the row counts it returned."""
    latencies: list[float] = []
    found: list[int] = []
    with Stopwatch() as watch:
        for _ in range(times):
            began = time.perf_counter()
            found.append(await query())
            latencies.append(time.perf_counter() - began)
    watch.timing.latencies = latencies
    return watch.timing, found


async def _due_count(repo: TimerRepo, now: datetime) -> int:
    return len(await repo.due(now))


async def _property_filter_count(store: TableStore, now: datetime) -> int:
    """The same question without the key: `Due le now` makes the table service look at every row."""
    table = store.table("timers")
    return len([e async for e in table.query_entities("Due le @now", parameters={"now": now})])


async def _scan_count(store: TableStore) -> int:
    """Read every timer row, as a scheduler without a sorted key would have to."""
    return len([e async for e in store.table("timers").list_entities(results_per_page=1000)])


async def run(connection_string: str, future: int, due: int, repeats: int, scan_repeats: int) -> Section:
    section = Section()
    now = START
    async with scratch_store(connection_string) as store:
        repo = TimerRepo(store)
        for i in range(due):
            await repo.put(now - timedelta(seconds=i + 1), f"due-user-{i}", f"due-session-{i}")
        await _due_count(repo, now)  # warm-up

        def add_row(label: str, timing: Timing, unit: str, found: list[int], expected: int) -> None:
            section.rows.append(Row.from_timing("due query", label, timing, unit, note=f"{found[0]} rows"))
            section.check(
                f"{label}: returns exactly {expected} rows every time",
                set(found) == {expected},
                f"row counts returned: {sorted(set(found))}",
            )

        timing, found = await _repeat(repeats, lambda: _due_count(repo, now))
        add_row(f"due(): {due} rows in table", timing, "queries/s", found, due)

        async def put_future(index: int) -> str:
            return await repo.put(now + timedelta(hours=1, seconds=index), f"future-user-{index}", f"s-{index}")

        timing, _ = await timed_each(future, FILL_CONCURRENCY, put_future)
        fill = Row.from_timing("due query", f"fill: TimerRepo.put x{future}", timing, "puts/s")
        fill.note = f"concurrency {FILL_CONCURRENCY}"
        section.rows.append(fill)

        total = future + due
        timing, found = await _repeat(repeats, lambda: _due_count(repo, now))
        add_row(f"due(): {total} rows in table", timing, "queries/s", found, due)
        timing, found = await _repeat(repeats, lambda: _property_filter_count(store, now))
        add_row(f"Due-property filter: {total} rows", timing, "queries/s", found, due)
        timing, found = await _repeat(scan_repeats, lambda: _scan_count(store))
        add_row(f"full scan: {total} rows", timing, "scans/s", found, total)
    return section
