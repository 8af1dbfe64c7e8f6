"""Telemetry from a whole case, read through OpenTelemetry's in-memory exporters: a span for each turn and each
due timer with a correlation id that the JSON log lines inside it carry too, the metrics the alert rules read
(due-timer lag, sweeps, outbox backlog, time to claim, time to close), and no personal value anywhere in
spans, metrics or log lines (marker strings typed into the form, searched for in all three)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from bot.logs import CorrelationFilter, JsonFormatter
from tests.e2e.escalation_support import bind_channel, person, tap, thread_of
from tests.e2e.user_support import Chat
from tests.support.activities import ANNA, OLLE
from tests.support.harness import BotHarness

MARKERS = {
    "organisation": "Markörnämnden",
    "address": "Markörgatan 7",
    "contact_name": "Markör Kontaktsson",
    "contact_phone": "070-111 22 33",
    "threat_description": "Markörhot i trapphuset",
}
STEPS = (80, 10, 5)  # from the harness's 13:00: reminder 14:20, the form's sluttid 14:30, the alarm 5 min later

_SPANS = InMemorySpanExporter()
_METRICS = InMemoryMetricReader()
_installed = False


@pytest.fixture
def exported() -> Iterator[tuple[InMemorySpanExporter, InMemoryMetricReader]]:
    """In-memory providers, set once for the process (OpenTelemetry allows one global provider of each)."""
    global _installed
    if not _installed:
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_SPANS))
        trace.set_tracer_provider(provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[_METRICS]))
        _installed = True
    _SPANS.clear()
    _METRICS.collect()  # start from a clean cumulative slate for this test's reading
    yield _SPANS, _METRICS


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """The app's JSON log lines (bot/logs.py's filter and formatter), at DEBUG, from everything."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(CorrelationFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)


def _points(reader: InMemoryMetricReader) -> dict[str, list[Any]]:
    data = reader.get_metrics_data()
    found: dict[str, list[Any]] = {}
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                found.setdefault(metric.name, []).extend(metric.data.data_points)
    return found


def _leaks(text: str) -> list[str]:
    return [value for value in MARKERS.values() if value.casefold() in text.casefold()]


@pytest.mark.traffic_unchecked("reads spans, metrics and log lines; the cards are the other escalation tests'")
async def test_a_case_is_traced_measured_and_logged_without_a_personal_value(
    harness: BotHarness, exported: tuple[InMemorySpanExporter, InMemoryMetricReader], json_lines: io.StringIO
) -> None:
    spans, reader = exported
    await bind_channel(harness)
    chat = Chat(harness, ANNA)
    await chat.register(**MARKERS)
    for minutes in STEPS:  # the reminder, the at-sluttid card, the alarm: one due timer each
        await harness.tick(minutes=minutes)
    session = await chat.session()
    thread = await thread_of(harness, await harness.services.sessions.active(person(ANNA)) or _missing())
    await harness.tick(minutes=2)
    await tap(harness, OLLE, thread, "Jag tar ärendet")
    await harness.services.sessions.confirm(person(ANNA), session.id)
    await tap(harness, OLLE, thread, "Avsluta", outcome="self_reported", close_note="Ringde själv")

    finished: list[ReadableSpan] = list(spans.get_finished_spans())
    kinds = {span.name for span in finished}
    assert {"turn", "timer"} <= kinds
    ids = [span.attributes["correlation_id"] for span in finished if span.attributes]
    assert len(ids) == len(finished) and len(set(ids)) == len(ids)  # one fresh id per turn and per timer

    points = _points(reader)
    assert sum(p.count for p in points["trygghet.timer.lag"]) >= 3  # reminder, at-sluttid, alarm
    assert sum(p.value for p in points["trygghet.sweeps"]) >= 2
    assert [p.count for p in points["trygghet.escalation.time_to_claim"]] == [1]
    assert points["trygghet.escalation.time_to_claim"][0].sum == pytest.approx(120, abs=1)  # claimed 2 min in
    assert [p.count for p in points["trygghet.escalation.time_to_close"]] == [1]
    assert "trygghet.outbox.backlog" in points

    lines = [json.loads(line) for line in json_lines.getvalue().splitlines()]
    assert lines and all({"time", "level", "logger", "message", "correlation_id"} <= set(line) for line in lines)
    in_spans = {line["correlation_id"] for line in lines if line["correlation_id"]}
    assert in_spans and in_spans <= set(ids)  # a line inside a turn or timer carries that span's id

    attributes = [json.dumps(dict(span.attributes or {}), ensure_ascii=False) + span.name for span in finished] + [
        json.dumps(dict(p.attributes or {}), ensure_ascii=False) for values in points.values() for p in values
    ]
    assert _leaks("\n".join(attributes)) == []
    assert _leaks(json_lines.getvalue()) == []
    assert MARKERS["address"] in json.dumps(harness.connector.sent_activities(), ensure_ascii=False)  # markers work


def _missing() -> Any:
    raise AssertionError("Anna's session is not active")
