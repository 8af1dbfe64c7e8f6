"""What a benchmark produces (rows of numbers and pass/fail checks), and how it is summarised and printed."""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p50 = the median of odd counts, p95 of 200 values = the 190th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Timing:
    """Wall time and this process's CPU time over a measurement, and the latency of each operation in it."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)


class Stopwatch:
    """`with Stopwatch() as watch:` fills `watch.timing` with the block's wall and CPU time."""

    def __init__(self) -> None:
        self.timing = Timing()

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timing.seconds = time.perf_counter() - self._wall
        self.timing.cpu_seconds = time.process_time() - self._cpu


@dataclass
class Row:
    """One measured variant: `count` operations in `seconds` of wall time, with per-operation latencies if known."""

    scenario: str
    variant: str
    count: int
    seconds: float
    unit: str
    cpu_pct: float | None = None  # the benchmark process's CPU time over wall time (100 = one core busy)
    p50_ms: float | None = None
    p95_ms: float | None = None
    max_ms: float | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else math.nan

    @classmethod
    def from_timing(
        cls, scenario: str, variant: str, timing: Timing, unit: str, count: int | None = None, note: str = ""
    ) -> Row:
        """A row for `count` operations (default: one per latency) measured by `timing`."""
        ms = [value * 1000 for value in timing.latencies]
        cpu = 100 * timing.cpu_seconds / timing.seconds if timing.seconds > 0 else None
        return cls(
            scenario,
            variant,
            len(ms) if count is None else count,
            timing.seconds,
            unit,
            cpu_pct=cpu,
            p50_ms=percentile(ms, 0.50) if ms else None,
            p95_ms=percentile(ms, 0.95) if ms else None,
            max_ms=max(ms) if ms else None,
            note=note,
        )

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rate_per_s"] = round(self.rate, 2)
        data["seconds"] = round(self.seconds, 4)
        for key in ("cpu_pct", "p50_ms", "p95_ms", "max_ms"):
            if data[key] is not None:
                data[key] = round(data[key], 3)
        return data


@dataclass
class Check:
    """A correctness condition the benchmark relies on (e.g. every reminder delivered exactly once)."""

    name: str
    ok: bool
    detail: str = ""


@dataclass
class Section:
    """The outcome of one scenario."""

    rows: list[Row] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok


COLUMNS = ("scenario", "variant", "n", "wall s", "rate/s", "py cpu", "p50 ms", "p95 ms", "max ms", "note")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def format_table(rows: list[Row]) -> str:
    """A fixed-width text table, one line per row."""
    cells = [
        (
            r.scenario,
            r.variant,
            str(r.count),
            f"{r.seconds:.2f}",
            f"{r.rate:.1f} {r.unit}",
            "-" if r.cpu_pct is None else f"{r.cpu_pct:.0f}%",
            _ms(r.p50_ms),
            _ms(r.p95_ms),
            _ms(r.max_ms),
            r.note,
        )
        for r in rows
    ]
    widths = [max([len(COLUMNS[i]), *(len(c[i]) for c in cells)]) for i in range(len(COLUMNS))]
    right = {2, 3, 4, 5, 6, 7, 8}

    def line(values: tuple[str, ...]) -> str:
        parts = [v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(COLUMNS), rule, *(line(c) for c in cells)])


@dataclass
class Lags:
    """Lags (or latencies) in seconds, with the percentiles the wall-clock scenarios print."""

    values: list[float] = field(default_factory=list)

    def pct(self, fraction: float) -> float:
        return percentile(self.values, fraction)

    def line(self) -> str:
        if not self.values:
            return "none arrived"
        return (
            f"p50 {self.pct(0.5):6.2f} s  p95 {self.pct(0.95):6.2f} s  p99 {self.pct(0.99):6.2f} s"
            f"  max {max(self.values):6.2f} s"
        )
