"""A small typed wrapper around APScheduler 3.x: the rest of the code asks for verbs, never for triggers."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


class JobQueue:
    """Repeating and daily jobs on the running asyncio loop; one instance of each job at a time."""

    def __init__(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=ZoneInfo("UTC"))
        self._closing = False

    def _quiet_at_shutdown(self, job: Job, name: str) -> Job:
        """APScheduler cancels a running job at shutdown and logs that as a failure with a traceback; a job
        stopped by our own shutdown is not one."""

        @functools.wraps(job)
        async def run() -> object:
            try:
                return await job()
            except asyncio.CancelledError:
                if not self._closing:
                    raise
                log.info("job %s stopped at shutdown", name)
                return None

        return run

    def run_repeating(self, job: Job, interval: timedelta, name: str) -> None:
        self._scheduler.add_job(
            self._quiet_at_shutdown(job, name),
            IntervalTrigger(seconds=interval.total_seconds()),
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            replace_existing=True,
        )

    def run_daily(self, job: Job, at: time, name: str, tz: ZoneInfo = STOCKHOLM) -> None:
        """Run every day at a local time of day (Europe/Stockholm unless told otherwise)."""
        self._scheduler.add_job(
            self._quiet_at_shutdown(job, name),
            CronTrigger(hour=at.hour, minute=at.minute, timezone=tz),
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
            replace_existing=True,
        )

    def wake(self, name: str, at: datetime) -> None:
        """Run the repeating job `name` at `at` if that is sooner than its next run (never later)."""
        job = self._scheduler.get_job(name)
        if job is not None and (job.next_run_time is None or at < job.next_run_time):
            job.modify(next_run_time=at)

    def start(self) -> None:
        self._scheduler.start()

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def shutdown(self) -> None:
        self._closing = True
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
