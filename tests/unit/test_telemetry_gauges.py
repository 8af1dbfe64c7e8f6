"""The session gauges count the open sessions and the open escalations by the operator's next step."""

from __future__ import annotations

from datetime import timedelta

from bot import telemetry
from bot.domain.escalation import claim
from bot.domain.timeline import advance
from tests.unit.factories import NOW, OLLE, POLICY, new_session

ALARM = NOW + timedelta(minutes=36)  # sluttid in 30 minutes, then the grace period


def test_open_sessions_and_escalations_by_next_step_are_counted() -> None:
    waiting = new_session(end_in=timedelta(hours=2))
    unclaimed, claimed = new_session(end_in=timedelta(minutes=30)), new_session(end_in=timedelta(minutes=30))
    advance(unclaimed, ALARM, POLICY)
    advance(claimed, ALARM, POLICY)
    claim(claimed, OLLE, ALARM)

    telemetry.count_sessions([waiting, unclaimed, claimed], POLICY, ALARM)

    assert telemetry.gauges.active_sessions == 3
    assert telemetry.gauges.open_escalations == {"claim": 1, "call": 1}
