"""A period of whole days in Stockholm time, as admins name them ("2026-03-12", "from the 1st to the 31st")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.registration import STOCKHOLM


@dataclass(frozen=True)
class Period:
    """first..last inclusive, local days; `start`/`end` are the UTC instants bounding it (end exclusive)."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("period ends before it starts")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), tzinfo=STOCKHOLM).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=STOCKHOLM).astimezone(UTC)

    def contains(self, when: datetime) -> bool:
        return self.start <= when < self.end

    @staticmethod
    def last_days(today: date, days: int) -> Period:
        """The `days` days up to and including today."""
        return Period(today - timedelta(days=days - 1), today)


def local_day(when: datetime) -> date:
    return when.astimezone(STOCKHOLM).date()
