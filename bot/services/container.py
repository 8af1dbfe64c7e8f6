"""Everything the Teams layer, the scheduler and the CLI need, built once by the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.domain.clock import Clock
from bot.services.access import Access
from bot.services.engine import SessionEngine
from bot.services.escalation_actions import EscalationActions
from bot.services.operator_channel import OperatorChannel
from bot.services.policy_source import PolicySource
from bot.services.ports import Notifier, TeamDirectory
from bot.services.session_actions import SessionActions
from bot.store.audit import AuditRepo
from bot.store.bars import BarRepo
from bot.store.kv import KeyValueRepo
from bot.store.profiles import ProfileRepo
from bot.store.roles import RoleRepo
from bot.store.sessions import SessionRepo
from bot.store.settings import SettingsRepo
from bot.store.tables import TableStore
from bot.store.timers import TimerRepo


@dataclass
class Repos:
    sessions: SessionRepo
    timers: TimerRepo
    profiles: ProfileRepo
    roles: RoleRepo
    bars: BarRepo
    settings: SettingsRepo
    kv: KeyValueRepo
    audit: AuditRepo

    @classmethod
    def open(cls, store: TableStore) -> Repos:
        return cls(
            sessions=SessionRepo(store),
            timers=TimerRepo(store),
            profiles=ProfileRepo(store),
            roles=RoleRepo(store),
            bars=BarRepo(store),
            settings=SettingsRepo(store),
            kv=KeyValueRepo(store),
            audit=AuditRepo(store),
        )


@dataclass
class Services:
    config: Config
    clock: Clock
    store: TableStore
    repos: Repos
    policies: PolicySource
    access: Access
    engine: SessionEngine
    sessions: SessionActions
    escalations: EscalationActions
    channel: OperatorChannel  # the operators' channel binding
    directory: TeamDirectory | None = None  # the operators' team's members (Teams only; None in the admin CLI)


def open_store(config: Config) -> TableStore:
    """The store the configuration names: a connection string (Azurite, tests) or the account URL."""
    if config.storage:
        return TableStore.from_connection_string(config.storage, config.table_prefix)
    return TableStore.from_account_url(config.storage_url, config.table_prefix)


def build_services(
    config: Config,
    clock: Clock,
    store: TableStore,
    repos: Repos,
    policies: PolicySource,
    notifier: Notifier,
    instance: str | None = None,
    directory: TeamDirectory | None = None,
    trusted: frozenset[str] = frozenset(),
) -> Services:
    """`trusted`: admins beyond TRYGGHET_ADMINS who are not listed as such (the CLI's own user)."""
    access = Access(repos.roles, repos.audit, config.admins | trusted, clock)
    engine = SessionEngine(repos.sessions, repos.timers, policies, notifier, clock, instance)
    return Services(
        config=config,
        clock=clock,
        store=store,
        repos=repos,
        policies=policies,
        access=access,
        engine=engine,
        sessions=SessionActions(engine, repos.profiles, repos.bars),
        escalations=EscalationActions(engine, access),
        channel=OperatorChannel(repos.kv, repos.audit, access, clock),
        directory=directory,
    )
