"""Composition root: reads the configuration, wires store, services, Teams adapter and scheduler, serves HTTP.

Nothing else in the service constructs adapters, stores or schedulers (the admin CLI, its own process, opens the
store the same way in bot/admin/cli.py). Resources are opened and closed in
paired start-up/shutdown contexts (aiohttp `cleanup_ctx`), in order: storage, services, scheduler.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from aiohttp import web
from botbuilder.core.bot_framework_adapter import CallerIdConstants
from botbuilder.integration.aiohttp import CloudAdapter
from botframework.connector.auth import AuthenticationConstants

from bot import logs, telemetry
from bot.config import Config, ConfigError, load_config
from bot.dialogs.registration import all_dialogs
from bot.domain.clock import Clock, SystemClock
from bot.services.admin import Admin
from bot.services.container import Repos, Services, build_services, open_store
from bot.services.policy_source import PolicySource
from bot.services.recipients import Recipients
from bot.services.retention import Retention
from bot.store.tables import TableStore
from bot.teams import endpoint
from bot.teams.adapter_errors import install_error_handler
from bot.teams.bot import TrygghetBot
from bot.teams.channel_binding import bind_from_config
from bot.teams.channel_binding import health_check as operator_channel_health
from bot.teams.connector_clients import ReusingAuthentication
from bot.teams.dialog_host import DialogHost, ReadOnceState
from bot.teams.messenger import Messenger
from bot.teams.notifier import NotifyContext, TeamsNotifier
from bot.teams.notify_routes import NOTIFY_ROUTES
from bot.teams.outbound import OutboundHealth, Pacer
from bot.teams.routes import WELCOME, build_router
from bot.teams.table_storage import TableStorage
from scheduler.jobs import JobQueue
from scheduler.sweeper import TimerSweeper
from scheduler.wake import SweepWaker

log = logging.getLogger("trygghet")

CONFIG = web.AppKey("config", Config)
CLOCK = web.AppKey("clock", Clock)
STORE = web.AppKey("store", TableStore)
SERVICES = web.AppKey("services", Services)
ADAPTER = web.AppKey("adapter", CloudAdapter)
BOT = web.AppKey("bot", TrygghetBot)
SWEEPER = web.AppKey("sweeper", TimerSweeper)
OUTBOUND = web.AppKey("outbound", OutboundHealth)
JOBS = web.AppKey("jobs", JobQueue)
KEY_FETCH_LOG = web.AppKey("key_fetch_log", endpoint.KeyFetchLog)
GAUGE_INTERVAL = timedelta(minutes=5)  # active sessions and open escalations, for telemetry
SWEEP_PATIENCE = 1.0  # seconds a scheduled sweep waits for its deliveries before the next may start


@dataclass(frozen=True)
class AdapterSettings:
    """The attribute names botbuilder's ConfigurationBotFrameworkAuthentication reads."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str
    # Set only with TRYGGHET_OPENID_METADATA_URL: botbuilder then takes every endpoint from here (its
    # "parameterized" mode), so the public cloud's values are filled in beside the metadata URL.
    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: str | None = None
    TO_CHANNEL_FROM_BOT_LOGIN_URL: str | None = None
    TO_CHANNEL_FROM_BOT_OAUTH_SCOPE: str | None = None
    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER: str | None = None
    OAUTH_URL: str | None = None
    TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL: str | None = None
    CALLER_ID: str | None = None

    @classmethod
    def of(cls, config: Config) -> AdapterSettings:
        ids = (config.app_id, config.app_password, config.app_type, config.app_tenant_id)
        if not config.openid_metadata_url:
            return cls(*ids)
        return cls(
            *ids,
            TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=config.openid_metadata_url,
            TO_CHANNEL_FROM_BOT_LOGIN_URL=AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX,
            TO_CHANNEL_FROM_BOT_OAUTH_SCOPE=AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE,
            TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER,
            OAUTH_URL=AuthenticationConstants.OAUTH_URL,
            TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL=AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL,
            CALLER_ID=CallerIdConstants.public_azure_channel,
        )


async def storage_ctx(app: web.Application) -> AsyncIterator[None]:
    config = app[CONFIG]
    store = open_store(config)
    await store.ensure_tables()
    app[STORE] = store
    yield
    await store.close()


async def services_ctx(app: web.Application) -> AsyncIterator[None]:
    config, clock, store = app[CONFIG], app[CLOCK], app[STORE]
    settings = AdapterSettings.of(config)
    adapter = CloudAdapter(ReusingAuthentication(settings))  # one outbound client per service URL, kept
    repos = Repos.open(store)
    messenger = Messenger(adapter, config.app_id, pacer=Pacer(config.pace_conversation, config.pace_app))
    app[OUTBOUND] = messenger.health
    app[HEALTH_CHECKS].append(outbound_health(messenger))
    policies = PolicySource(config.policy, repos.settings, clock)
    recipients = Recipients(repos, policies, clock, config.admins)
    notifier = TeamsNotifier(NotifyContext(messenger, recipients, clock, policies), NOTIFY_ROUTES)
    services = build_services(config, clock, store, repos, policies, notifier, directory=messenger)
    dialogs = DialogHost(ReadOnceState(TableStorage(repos.kv)), all_dialogs())  # dialog state on Table storage
    bot = TrygghetBot(services, Admin.of(services), build_router(), WELCOME, dialogs)
    install_error_handler(adapter)
    app[ADAPTER], app[SERVICES], app[BOT] = adapter, services, bot
    app[SWEEPER] = TimerSweeper(repos.timers, services.engine, clock, outbound=messenger.health)
    await bind_from_config(services)  # TRYGGHET_OPERATOR_CHANNEL, if set
    app[HEALTH_CHECKS].append(operator_channel_health(services))
    yield


async def scheduler_ctx(app: web.Application) -> AsyncIterator[None]:
    jobs, sweeper, timers = JobQueue(), app[SWEEPER], app[SERVICES].repos.timers

    async def sweep() -> None:
        await sweeper.sweep(patience=SWEEP_PATIENCE)  # a hung delivery never holds up the next sweep
        if sweeper.next_free is not None:  # a dead instance's lease, or a retry: sweep again the moment it ends
            waker.due_at(sweeper.next_free)

    waker = SweepWaker(jobs, "sweep-due-timers", sweep, next_due=timers.next_due)
    jobs.run_repeating(waker.run, app[CONFIG].sweep_interval, "sweep-due-timers")  # the interval: a safety poll
    timers.on_due = waker.due_at  # a timer this process writes wakes the sweep at its due instant
    app[OUTBOUND].on_recovered = lambda: waker.due_at(app[CLOCK].now())  # Teams is back: retry what waits, now
    jobs.run_daily(Retention(app[SERVICES]).run_daily, app[CONFIG].purge_at, "retention-purge")  # GDPR erasure
    if app[CONFIG].appinsights_connection_string:  # a scan of the open sessions: only when someone reads it
        jobs.run_repeating(lambda: count_sessions(app), GAUGE_INTERVAL, "session-gauges")
    jobs.start()
    app[JOBS] = jobs
    yield
    timers.on_due = None
    app[OUTBOUND].on_recovered = None
    jobs.shutdown()
    await sweeper.drain(timeout=3)  # SIGTERM: what is left keeps its lease and is picked up after it


async def count_sessions(app: web.Application) -> None:
    services = app[SERVICES]
    sessions = [s.session for s in await services.repos.sessions.active()]
    telemetry.count_sessions(sessions, await services.policies.current(), app[CLOCK].now())


async def messages(request: web.Request) -> web.StreamResponse:
    app = request.app
    response: web.StreamResponse = await endpoint.handle(
        request, app[ADAPTER], app[BOT], app[CONFIG].local_mode, app[KEY_FETCH_LOG]
    )
    return response


async def live(request: web.Request) -> web.Response:
    """Liveness: the process serves HTTP. Never storage or Teams, so an orchestrator does not restart a healthy
    process during a storage blip (it takes it out of rotation on /healthz/ready instead)."""
    return web.json_response({"status": "alive"})


async def healthz(request: web.Request) -> web.Response:
    """Readiness (/healthz and /healthz/ready): 200 when storage answers, the scheduler runs, the operators'
    channel is bound and calls to Teams go through; 503 with the reasons otherwise."""
    app = request.app
    problems: list[str] = []
    try:
        await app[STORE].ping()
    except Exception as exc:
        # The other checks read storage too (with retries): answer now rather than after a retry storm.
        return web.json_response({"status": "unhealthy", "problems": [f"storage: {type(exc).__name__}"]}, status=503)
    if JOBS in app:
        last, limit = app[SWEEPER].last_sweep, max(app[CONFIG].sweep_interval * 6, timedelta(seconds=30))
        if not app[JOBS].running:
            problems.append("scheduler: not running")
        elif last is not None and app[CLOCK].now() - last > limit:
            problems.append(f"scheduler: no sweep for {int((app[CLOCK].now() - last).total_seconds())} s")
    for check in app.get(HEALTH_CHECKS, []):
        try:
            problem = await check(app)
        except Exception as exc:
            problem = f"{getattr(check, '__name__', 'check')}: {type(exc).__name__}"
        if problem:
            problems.append(problem)
    if problems:
        return web.json_response({"status": "unhealthy", "problems": problems}, status=503)
    return web.json_response({"status": "ok"})


HEALTH_CHECKS = web.AppKey("health_checks", list)


def outbound_health(messenger: Messenger) -> Callable[[web.Application], Awaitable[str | None]]:
    async def outbound(app: web.Application) -> str | None:
        return messenger.health.problem()

    return outbound


def create_app(config: Config, clock: Clock | None = None, *, run_scheduler: bool = True) -> web.Application:
    """The aiohttp application. Tests pass a FakeClock and run_scheduler=False, then sweep by hand."""
    app = web.Application()
    app[CONFIG] = config
    app[CLOCK] = clock or SystemClock()
    app[HEALTH_CHECKS] = []
    app[KEY_FETCH_LOG] = endpoint.KeyFetchLog()
    app.cleanup_ctx.extend([storage_ctx, services_ctx])
    if run_scheduler:
        app.cleanup_ctx.append(scheduler_ctx)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/healthz/ready", healthz)
    app.router.add_get("/healthz/live", live)
    return app


def main() -> None:
    try:
        config = load_config(os.environ)
    except ConfigError as exc:
        print(f"Trygghet cannot start: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    logs.configure(config.log_level, config.log_format)
    telemetry.configure(config.appinsights_connection_string)  # off unless the connection string is set
    log.info("starting on port %s (%s mode)", config.port, "local" if config.local_mode else "authenticated")
    # Outbound calls to Teams run on requests in threads: enough of them that a few hung calls starve no one.
    asyncio.set_event_loop(loop := asyncio.new_event_loop())
    loop.set_default_executor(ThreadPoolExecutor(max_workers=64, thread_name_prefix="outbound"))
    # SIGTERM: stop taking turns, let running ones finish (outbound calls time out within seconds), exit.
    web.run_app(create_app(config), port=config.port, print=None, shutdown_timeout=5, loop=loop)


if __name__ == "__main__":
    main()
