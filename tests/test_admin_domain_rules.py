"""The plain rules behind the admin commands: what the retention purge erases and keeps, which alarms count as
needless, how statistics are counted, and how a period of days maps to UTC."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import Enum

import pytest

from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.flags import NeedlessAlarm, fine_after_all_at, needless_alarms, needless_escalations
from bot.domain.model import CallResult, Outcome, Session, State, StepDone, TravelMode, Whereabouts
from bot.domain.period import Period
from bot.domain.retention import erase_personal_data, fact_data, is_due_for_erasure
from bot.domain.stats import OPEN, compute_stats
from bot.domain.timeline import advance
from tests.unit.factories import NOW, OLLE, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)


def escalated() -> Session:
    session = new_session()
    advance(session, ESCALATED_AT, POLICY)
    assert session.state is State.ESCALATED
    return session


def closed_well(at: datetime = ESCALATED_AT + timedelta(minutes=10)) -> Session:
    """No answer at the first call, reached well at the second: the routine ran for nothing."""
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, at - POLICY.call_interval, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.ANSWERED_WELL, at, POLICY)
    esc.close_escalation(session, OLLE, Outcome.REACHED_WELL, "Allt väl, satt i möte", at, POLICY)
    return session


def police_alerted(session: Session, at: datetime = ESCALATED_AT) -> Session:
    """Two unanswered calls, then the police on 112."""
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, at, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.NO_ANSWER, at + POLICY.call_interval, POLICY)
    esc.mark_police_alerted(session, OLLE, "K-123456-26", at + POLICY.call_interval, POLICY)
    return session


def informed(session: Session, at: datetime) -> Session:
    esc.mark_contact_informed(session, OLLE, at, POLICY)
    esc.mark_rtib_informed(session, OLLE, at, POLICY)
    return session


# ---------------------------------------------------------------------------------------------- retention


def test_erasure_blanks_every_personal_field_and_keeps_the_facts() -> None:
    session = escalated()
    session.registration = replace(session.registration, note="Nyckel under mattan")
    informed(police_alerted(session), ESCALATED_AT + POLICY.call_interval)
    esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, "Polisen tog över", ESCALATED_AT, POLICY)

    erase_personal_data(session)

    reg = session.registration
    assert (reg.phone, reg.contact.name, reg.contact.phone, reg.note) == ("", "", "", "")
    assert (reg.whereabouts.address, reg.whereabouts.trip_from, reg.whereabouts.trip_to) == ("", "", "")
    assert reg.threat.description == ""
    assert session.escalation is not None and session.escalation.closed is not None
    assert session.escalation.closed.detail == "" and session.escalation.police_alerted is not None
    assert session.escalation.police_alerted.detail == ""
    assert session.personal_data_erased
    # the facts statistics need stay
    assert reg.organisation == "Regionstyrelsen" and reg.threat.known and reg.contact.role.value == "kontaktperson"
    assert session.outcome is Outcome.POLICE_HANDLING and session.escalation.police_alerted.by == OLLE
    assert session.owner.name == "Anna Andersson" and session.end_time == NOW + timedelta(hours=1)


def _strings(value: object, path: str = "") -> dict[str, tuple[str, bool]]:
    """Every text field reachable from `value`: path -> (text, marked personal on the model)."""
    found: dict[str, tuple[str, bool]] = {}
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            inner = getattr(value, f.name)
            if isinstance(inner, str) and not isinstance(inner, Enum):
                found[f"{path}.{f.name}"] = (inner, bool(f.metadata.get("personal")))
            else:
                found.update(_strings(inner, f"{path}.{f.name}"))
    elif isinstance(value, dict):
        for key, inner in value.items():
            found.update(_strings(inner, f"{path}[{key}]"))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            found.update(_strings(inner, f"{path}[{n}]"))
    return found


def test_erasure_blanks_exactly_the_fields_the_model_marks_personal_wherever_they_are() -> None:
    """Driven by the model's mark, not by a list: a personal field added to the model is erased without a
    change here, and one whose mark is dropped makes this fail."""
    session = informed(police_alerted(escalated()), ESCALATED_AT + POLICY.call_interval)
    assert session.escalation is not None
    session.escalation.skipped["rtib"] = StepDone(OLLE, ESCALATED_AT, "Inte nåbar på växeln")
    esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, "Polisen tog över", ESCALATED_AT, POLICY)
    before = _strings(session)
    assert sum(personal for _, personal in before.values()) >= 12  # registration and every checklist step

    erase_personal_data(session)

    after = _strings(session)
    assert after.keys() == before.keys()
    for path, (text, personal) in before.items():
        assert after[path][0] == ("" if personal else text), path
    assert {".registration.threat.description", ".registration.whereabouts.address"} <= {
        path for path, (_, personal) in before.items() if personal
    }


def test_erasure_keeps_the_travel_mode_of_a_trip() -> None:
    session = new_session()
    session.registration = replace(
        session.registration, whereabouts=Whereabouts("", "Göteborg", "Borås", TravelMode.TAG)
    )
    erase_personal_data(session)
    assert session.registration.whereabouts == Whereabouts("", "", "", TravelMode.TAG)


def test_only_sessions_closed_longer_than_the_retention_ago_are_due() -> None:
    session = new_session()
    cmd.confirm(session, NOW + timedelta(minutes=30))
    closed = NOW + timedelta(minutes=30)
    assert not is_due_for_erasure(session, closed + POLICY.retention - timedelta(seconds=1), POLICY.retention)
    assert is_due_for_erasure(session, closed + POLICY.retention, POLICY.retention)
    erase_personal_data(session)
    assert not is_due_for_erasure(session, closed + 2 * POLICY.retention, POLICY.retention)
    assert not is_due_for_erasure(new_session(), NOW + 10 * POLICY.retention, POLICY.retention)


def test_event_data_keeps_only_facts() -> None:
    data = {"case_number": "K-1", "outcome": "reached_well", "attempt": "1", "anything_new": "Storgatan 1"}
    assert fact_data(data) == {"outcome": "reached_well", "attempt": "1"}


# ----------------------------------------------------------------------------------------- needless alarms


def test_a_missed_alarm_where_the_person_was_reached_well_after_no_answer_counts_as_needless() -> None:
    session = closed_well()
    assert fine_after_all_at(session) == ESCALATED_AT + timedelta(minutes=10)
    assert needless_alarms([session]) == (NeedlessAlarm(session.end_time, "reached_well", police=False),)


def test_reached_at_the_first_call_does_not_count_the_person_was_reachable() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.ANSWERED_WELL, ESCALATED_AT, POLICY)
    esc.close_escalation(session, OLLE, Outcome.REACHED_WELL, "", ESCALATED_AT, POLICY)
    assert fine_after_all_at(session) is None


def test_a_confirmation_a_little_late_before_any_call_does_not_count() -> None:
    session = escalated()
    cmd.confirm(session, ESCALATED_AT + timedelta(minutes=2))
    esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "", ESCALATED_AT + timedelta(minutes=3), POLICY)
    assert fine_after_all_at(session) is None


def test_a_needless_police_alarm_counts_and_says_the_police_were_alerted() -> None:
    session = police_alerted(escalated())
    later = ESCALATED_AT + timedelta(minutes=20)
    cmd.confirm(session, later)  # the person was fine all along
    esc.mark_told_safe(session, OLLE, esc.Party.POLICE, later, POLICY)
    informed(session, later)
    esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "", later, POLICY)
    assert fine_after_all_at(session) == later
    assert needless_alarms([session]) == (NeedlessAlarm(session.end_time, "confirmed_late", police=True),)


def test_a_confirmation_after_an_unanswered_call_counts_even_if_closed_as_other() -> None:
    session = escalated()
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    cmd.confirm(session, ESCALATED_AT + timedelta(minutes=2))
    esc.close_escalation(session, OLLE, Outcome.OTHER, "", ESCALATED_AT + timedelta(minutes=3), POLICY)
    assert fine_after_all_at(session) is not None


def test_a_missed_alarm_where_the_person_got_in_touch_themselves_counts_as_needless() -> None:
    session = escalated()  # no confirmation in the bot: the person rang the centre after an unanswered call
    at = ESCALATED_AT + timedelta(minutes=10)
    esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, ESCALATED_AT, POLICY)
    esc.record_call(session, OLLE, 2, CallResult.ANSWERED_WELL, at, POLICY)
    esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "Ringde centralen", at, POLICY)
    assert fine_after_all_at(session) == at
    assert needless_alarms([session]) == (NeedlessAlarm(session.end_time, "self_reported", police=False),)


def test_an_acute_alarm_closed_as_self_reported_never_counts() -> None:
    session = new_session(acute=True)
    cmd.confirm(session, NOW)
    esc.close_escalation(session, OLLE, Outcome.SELF_REPORTED, "", NOW, POLICY)
    assert fine_after_all_at(session) is None


@pytest.mark.parametrize("outcome", [Outcome.POLICE_HANDLING, Outcome.OTHER])
def test_an_alarm_that_was_real_never_counts(outcome: Outcome) -> None:
    session = informed(police_alerted(escalated()), ESCALATED_AT + POLICY.call_interval)
    esc.close_escalation(session, OLLE, outcome, "", ESCALATED_AT + POLICY.call_interval, POLICY)
    assert fine_after_all_at(session) is None


def test_an_open_alarm_or_no_alarm_does_not_count() -> None:
    assert fine_after_all_at(escalated()) is None
    assert fine_after_all_at(new_session()) is None


def test_needless_alarms_are_counted_within_the_period_oldest_first() -> None:
    a, b, c = (closed_well(ESCALATED_AT + timedelta(days=d)) for d in (0, 10, 20))
    found = needless_escalations([c, a, b], ESCALATED_AT + timedelta(days=5), ESCALATED_AT + timedelta(days=20))
    assert found == [b, c]


# ------------------------------------------------------------------------------------------------- stats


def test_statistics_count_outcomes_alarms_police_and_organisations() -> None:
    on_time = new_session()
    cmd.confirm(on_time, NOW + timedelta(minutes=50))
    late = new_session()
    cmd.confirm(late, NOW + timedelta(hours=1, minutes=4))
    cancelled = new_session()
    cmd.cancel(cancelled, NOW)
    police = informed(police_alerted(escalated()), ESCALATED_AT + POLICY.call_interval)
    esc.close_escalation(police, OLLE, Outcome.POLICE_HANDLING, "", ESCALATED_AT, POLICY)
    police.registration = replace(police.registration, organisation="Nämnd X")
    still_open = escalated()
    self_reported = escalated()
    esc.record_call(self_reported, OLLE, 1, CallResult.ANSWERED_WELL, ESCALATED_AT, POLICY)  # rang the centre
    esc.close_escalation(self_reported, OLLE, Outcome.SELF_REPORTED, "", ESCALATED_AT, POLICY)

    stats = compute_stats([on_time, late, cancelled, police, still_open, closed_well(), self_reported])

    assert (stats.sessions, stats.active) == (7, 1)
    assert (stats.confirmed_on_time, stats.confirmed_late, stats.cancelled) == (1, 1, 1)
    assert stats.escalations == 4 and stats.police_alerts == 1
    assert stats.escalations_by_outcome == {"police_handling": 1, OPEN: 1, "reached_well": 1, "self_reported": 1}
    assert (stats.late.count, stats.late.median, stats.late.after_alarm) == (1, timedelta(minutes=4), 0)
    assert [(o.organisation, o.sessions, o.escalations, o.police_alerts) for o in stats.organisations] == [
        ("Regionstyrelsen", 6, 3, 0),
        ("Nämnd X", 1, 1, 1),
    ]


def test_statistics_of_nothing() -> None:
    stats = compute_stats([])
    assert stats.sessions == 0 and stats.late.count == 0 and stats.late.median is None and stats.organisations == []


def test_lateness_counts_every_confirmation_after_sluttid_and_those_after_the_alarm() -> None:
    """Not the median of all confirmations (mostly early, so 0): only the late ones, in the grace period or after
    the alarm, with their median and 90th percentile."""
    early = new_session()
    cmd.confirm(early, NOW + timedelta(minutes=50))
    in_grace = []
    for minutes in (1, 2, 3, 4):
        session = new_session()
        cmd.confirm(session, NOW + timedelta(hours=1, minutes=minutes))
        in_grace.append(session)
    after_alarm = escalated()
    cmd.confirm(after_alarm, ESCALATED_AT + timedelta(minutes=25))  # 30 min after sluttid

    late = compute_stats([early, *in_grace, after_alarm]).late

    assert (late.count, late.after_alarm) == (5, 1)
    assert late.median == timedelta(minutes=3)
    assert late.p90 is not None and timedelta(minutes=4) < late.p90 <= timedelta(minutes=30)


# ------------------------------------------------------------------------------------------------ period


def test_a_period_is_whole_stockholm_days_across_daylight_saving() -> None:
    winter = Period(date(2026, 3, 12), date(2026, 3, 12))
    assert (winter.start, winter.end) == (datetime(2026, 3, 11, 23, tzinfo=UTC), datetime(2026, 3, 12, 23, tzinfo=UTC))
    spring = Period(date(2026, 3, 29), date(2026, 3, 29))  # clocks go forward: a 23-hour day
    assert spring.end - spring.start == timedelta(hours=23)
    assert Period.last_days(date(2026, 11, 25), 30) == Period(date(2026, 10, 27), date(2026, 11, 25))
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1))
