"""Services on a store with a fake clock and a recording notifier, and a valid form: the integration tests'
and the benchmark's world (plain functions, no pytest fixtures, so bench/ can use them too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.config import Config
from bot.domain.clock import FakeClock
from bot.domain.model import Person
from bot.domain.registration import RegistrationForm
from bot.services.container import Repos, Services, build_services
from bot.services.policy_source import PolicySource
from bot.store.tables import TableStore
from scheduler.sweeper import TimerSweeper
from tests.support.forms import SAHLGRENSKA, registration_form
from tests.support.recording_notifier import RecordingNotifier

START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00 Stockholm, as in the tests


@dataclass
class World:
    """One app instance's worth of services; Worlds on the same store behave like instances of one deployment."""

    services: Services
    notifier: RecordingNotifier
    sweeper: TimerSweeper
    clock: FakeClock


def make_world(store: TableStore, clock: FakeClock, name: str, config: Config | None = None) -> World:
    config = config or Config(storage="UseDevelopmentStorage=true")
    repos = Repos.open(store)
    notifier = RecordingNotifier()
    policies = PolicySource(config.policy, repos.settings, clock)
    services = build_services(config, clock, store, repos, policies, notifier, instance=name)
    return World(services, notifier, TimerSweeper(repos.timers, services.engine, clock), clock)


def person(n: int) -> Person:
    return Person(key=f"aad-{n:06d}", teams_id=f"29:{n}", name=f"Person {n}", aad_object_id=f"aad-{n:06d}")


def form(end_time: str = "14:00", **overrides: str) -> RegistrationForm:
    """A complete, valid registration for START's day with sluttid `end_time` (Stockholm)."""
    return registration_form(SAHLGRENSKA, **{"end_time": end_time, **overrides})
