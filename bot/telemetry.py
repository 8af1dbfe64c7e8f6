"""What the service tells the people who run it: OpenTelemetry traces and metrics, and a correlation id.

Everything here uses the OpenTelemetry API only, which does nothing until a provider is set. `configure()` sets
Azure Monitor's (the `azure-monitor-opentelemetry` distro) when APPLICATIONINSIGHTS_CONNECTION_STRING is set, so
telemetry is on in Azure and off on a developer's machine; tests set in-memory providers instead.

Personal values never go into a span or a metric: attributes are kinds, states, steps and HTTP statuses, and the
correlation id is random. The alert rules in infra/main.bicep read these metric names (docs/operations.md lists
them with what each alert means).
"""

from __future__ import annotations

import contextvars
import logging
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from opentelemetry import metrics, trace
from opentelemetry.metrics import CallbackOptions, Observation

from bot.domain import checklist
from bot.domain.events import Event, EventKind
from bot.domain.model import Escalation, Session, State
from bot.domain.policy import Policy

log = logging.getLogger(__name__)
NAME = "trygghet"

correlation_id: contextvars.ContextVar[str] = contextvars.ContextVar("correlation_id", default="")

_meter = metrics.get_meter(NAME)
tracer = trace.get_tracer(NAME)

timer_lag = _meter.create_histogram(
    "trygghet.timer.lag", unit="s", description="from a timer's due instant to its claim (due-timer lag)"
)
sweeps = _meter.create_counter("trygghet.sweeps", description="passes of the timer sweep")
outbound_errors = _meter.create_counter(
    "trygghet.outbound.errors", description="calls to Teams that failed for good, by status"
)
outbound_retries = _meter.create_counter("trygghet.outbound.retries", description="calls to Teams retried, by status")
time_to_claim = _meter.create_histogram(
    "trygghet.escalation.time_to_claim", unit="s", description="from an alarm to an operator's claim"
)
time_to_close = _meter.create_histogram(
    "trygghet.escalation.time_to_close", unit="s", description="from an alarm to its close"
)


@dataclass
class Gauges:
    """The latest values of what is counted, not summed: the sweep sets the outbox's, a periodic job the rest."""

    outbox_backlog: int = 0  # timers due now, not yet done
    undelivered_alarm_age: float = 0.0  # seconds the oldest due alarm timer has waited (0 when none)
    active_sessions: int = 0
    open_escalations: dict[str, int] = field(default_factory=dict)  # checklist step -> count


gauges = Gauges()


def _observe(read: Callable[[], float]) -> Callable[[CallbackOptions], Iterable[Observation]]:
    return lambda options: [Observation(read())]


def _observe_steps(options: CallbackOptions) -> Iterable[Observation]:
    return [Observation(n, {"step": step}) for step, n in gauges.open_escalations.items()]


_meter.create_observable_gauge(
    "trygghet.outbox.backlog", [_observe(lambda: gauges.outbox_backlog)], description="due, not done"
)
_meter.create_observable_gauge(
    "trygghet.escalation.undelivered_age",
    [_observe(lambda: gauges.undelivered_alarm_age)],
    unit="s",
    description="oldest due alarm",
)
_meter.create_observable_gauge(
    "trygghet.sessions.active", [_observe(lambda: gauges.active_sessions)], description="open sessions"
)
_meter.create_observable_gauge(
    "trygghet.escalations.open", [_observe_steps], description="open escalations by checklist step"
)


@contextmanager
def correlated(kind: str, **attributes: str | bool | int) -> Iterator[str]:
    """A span named `kind` ("turn", "timer") with a fresh correlation id, which log lines inside it carry too."""
    cid = uuid.uuid4().hex[:16]
    token = correlation_id.set(cid)
    try:
        with tracer.start_as_current_span(kind, attributes={"correlation_id": cid, **attributes}):
            yield cid
    finally:
        correlation_id.reset(token)


def observe_committed(session: Session, events: Iterable[Event], now: datetime) -> None:
    """Time to claim and to close, from the events a state change has just written."""
    esc = session.escalation
    if esc is None:
        return
    for event in events:
        if event.kind is EventKind.CLAIMED:
            time_to_claim.record((now - esc.raised_at).total_seconds(), {"kind": esc.kind.value})
        elif event.kind is EventKind.ESCALATION_CLOSED:
            time_to_close.record((now - esc.raised_at).total_seconds(), {"kind": esc.kind.value})


def count_sessions(sessions: Iterable[Session], policy: Policy, now: datetime) -> None:
    """The session gauges from the open sessions: how many, and the open escalations by their next step."""
    active = list(sessions)
    steps = Counter(
        _next_step(session.escalation, policy, now)
        for session in active
        if session.state is State.ESCALATED and session.escalation is not None
    )
    gauges.active_sessions = len(active)
    gauges.open_escalations = dict(steps)


def _next_step(escalation: Escalation, policy: Policy, now: datetime) -> str:
    step = checklist.build(escalation, policy, now).next
    return step.value if step else "none"


def configure(connection_string: str) -> bool:
    """Azure Monitor's providers and exporters when the connection string is set; nothing otherwise."""
    if not connection_string:
        return False
    from azure.monitor.opentelemetry import configure_azure_monitor

    # Logs go to the console, which App Service sends to Log Analytics: only traces and metrics are exported here.
    configure_azure_monitor(connection_string=connection_string, disable_logging=True)
    log.info("telemetry: Azure Monitor (traces and metrics)")
    return True
