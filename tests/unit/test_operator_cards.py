"""The escalation card in every state of the checklist, in Swedish (its only language): valid Adaptive Cards 1.5, the
right step current, and the facts, police summary and history drawn from the session and its events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.cards.operator_cards import escalation_card, history_lines, summary
from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.events import Event
from bot.domain.model import CallResult, Outcome, Session, TravelMode, Whereabouts
from bot.domain.timeline import advance
from bot.i18n import texts_for
from bot.i18n.timefmt import to_local
from tests.support.card_schema import validate_card
from tests.support.cards import plain, submits, walk
from tests.unit.factories import NOW, OLLE, OTTO, POLICY, new_session

ESCALATED_AT = NOW + timedelta(hours=1, minutes=5)  # sluttid 14:00 Stockholm, escalation 14:05


def _escalated() -> tuple[Session, list[Event], datetime]:
    session = new_session()
    events = advance(session, ESCALATED_AT, POLICY)
    return session, events, ESCALATED_AT


def _claimed() -> tuple[Session, list[Event], datetime]:
    session, events, t = _escalated()
    events += esc.claim(session, OLLE, t)
    return session, events, t


def _waiting() -> tuple[Session, list[Event], datetime]:
    session, events, t = _claimed()
    events += esc.record_call(session, OLLE, 1, CallResult.NO_ANSWER, t, POLICY)
    return session, events, t + timedelta(minutes=2)


def _second_call() -> tuple[Session, list[Event], datetime]:
    session, events, t = _waiting()
    t = ESCALATED_AT + POLICY.call_interval
    events += advance(session, t, POLICY)
    return session, events, t


def _police() -> tuple[Session, list[Event], datetime]:
    session, events, t = _second_call()
    events += esc.record_call(session, OTTO, 2, CallResult.NO_ANSWER, t, POLICY)
    return session, events, t


def _inform() -> tuple[Session, list[Event], datetime]:
    session, events, t = _police()
    events += esc.mark_police_alerted(session, OLLE, "K-1", t, POLICY)
    return session, events, t


def _wrap_up() -> tuple[Session, list[Event], datetime]:
    session, events, t = _inform()
    events += esc.mark_contact_informed(session, OLLE, t, POLICY) + esc.mark_rtib_informed(session, OTTO, t, POLICY)
    return session, events, t


def _closed() -> tuple[Session, list[Event], datetime]:
    session, events, t = _wrap_up()
    events += esc.close_escalation(session, OLLE, Outcome.POLICE_HANDLING, "Polisen på plats", t, POLICY)
    return session, events, t


def _reached() -> tuple[Session, list[Event], datetime]:
    session, events, t = _escalated()
    events += esc.record_call(session, OLLE, 1, CallResult.ANSWERED_WELL, t, POLICY)
    return session, events, t


def _needs_help() -> tuple[Session, list[Event], datetime]:
    session, events, t = _escalated()
    events += esc.record_call(session, OLLE, 1, CallResult.ANSWERED_NEEDS_HELP, t, POLICY)
    return session, events, t


def _confirmed_early() -> tuple[Session, list[Event], datetime]:
    session, events, t = _escalated()
    events += cmd.confirm(session, t + timedelta(minutes=1))
    return session, events, t + timedelta(minutes=1)


def _confirmed_after_police() -> tuple[Session, list[Event], datetime]:
    session, events, t = _inform()
    events += cmd.confirm(session, t + timedelta(minutes=1))
    return session, events, t + timedelta(minutes=1)


def _closed_self_reported() -> tuple[Session, list[Event], datetime]:
    session, events, t = _confirmed_early()
    events += esc.close_escalation(session, OTTO, Outcome.SELF_REPORTED, "Hörde av sig själv", t, POLICY)
    return session, events, t


def _acute_registration() -> tuple[Session, list[Event], datetime]:
    session = new_session(acute=True)
    return session, [], NOW


def _acute_help() -> tuple[Session, list[Event], datetime]:
    session = new_session()
    t = NOW + timedelta(minutes=20)
    return session, cmd.request_help(session, t), t


def _acute_then_confirmed() -> tuple[Session, list[Event], datetime]:
    session, events, t = _acute_help()
    events += cmd.confirm(session, t + timedelta(minutes=1))
    return session, events, t + timedelta(minutes=1)


def _trip_extended_closed_unclaimed() -> tuple[Session, list[Event], datetime]:
    session = new_session()
    session.registration = replace(
        session.registration,
        whereabouts=Whereabouts(trip_from="Göteborg", trip_to="Borås", mode=TravelMode.TILL_FOTS),
        note="Tar bussen hem",
    )
    events = cmd.extend(session, NOW + timedelta(hours=2), NOW + timedelta(minutes=30), POLICY)
    t = NOW + timedelta(hours=2, minutes=5)
    events += advance(session, t, POLICY)
    events += cmd.confirm(session, t)  # safe: closing needs no claim
    events += esc.close_escalation(session, OTTO, Outcome.OTHER, "", t, POLICY)
    return session, events, t


STATES: dict[str, Callable[[], tuple[Session, list[Event], datetime]]] = {
    "escalated": _escalated,
    "claimed": _claimed,
    "waiting_for_retry": _waiting,
    "second_call": _second_call,
    "police": _police,
    "inform": _inform,
    "wrap_up": _wrap_up,
    "closed": _closed,
    "reached_well": _reached,
    "answered_needs_help": _needs_help,
    "confirmed_before_claim": _confirmed_early,
    "confirmed_after_police": _confirmed_after_police,
    "closed_self_reported": _closed_self_reported,
    "acute_at_registration": _acute_registration,
    "acute_help": _acute_help,
    "acute_then_confirmed": _acute_then_confirmed,
    "trip_extended_closed_unclaimed": _trip_extended_closed_unclaimed,
}


def _texts(card: dict[str, Any]) -> str:
    return plain("\n".join(n["text"] for n in walk(card) if n.get("type") == "TextBlock"))


def _facts(card: dict[str, Any], index: int = 0) -> list[tuple[str, str]]:
    """The rows of the card's `index`-th FactSet (0: the facts at the top; 1: the police script)."""
    fact_sets = [n for n in walk(card) if n.get("type") == "FactSet"]
    return [(f["title"], plain(f["value"])) for f in fact_sets[index]["facts"]]


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_state_is_a_valid_card(state: str) -> None:
    session, events, now = STATES[state]()
    card = escalation_card(session, events, POLICY, now, texts_for("sv"))
    validate_card(card)
    assert card["lang"] == "sv"
    assert card["msteams"] == {"width": "Full"}  # a channel card: the whole width of the channel
    for data in submits(card):
        assert data["owner"] == session.owner.key and data["session"] == session.id
        assert data["verb"].startswith("esc.")


@pytest.mark.parametrize(
    ("state", "verbs"),
    [
        # "esc.skip" (in the "Nästa" block) skips the next step with a reason; "Avsluta" only once nothing is due
        ("escalated", ["esc.skip", "esc.claim", "esc.call", "esc.call", "esc.call"]),
        ("claimed", ["esc.skip", "esc.call", "esc.call", "esc.call"]),
        ("waiting_for_retry", ["esc.skip"]),
        ("second_call", ["esc.skip", "esc.call", "esc.call", "esc.call"]),
        ("police", ["esc.skip", "esc.police"]),
        ("inform", ["esc.skip", "esc.contact", "esc.rtib"]),
        ("wrap_up", ["esc.close"]),
        ("closed", []),
        ("reached_well", ["esc.close"]),
        ("answered_needs_help", ["esc.skip", "esc.police"]),
        ("confirmed_before_claim", ["esc.claim", "esc.close"]),
        ("confirmed_after_police", ["esc.skip", "esc.safe", "esc.contact", "esc.rtib"]),
        ("closed_self_reported", []),
        ("acute_at_registration", ["esc.skip", "esc.claim", "esc.police"]),
        ("acute_help", ["esc.skip", "esc.claim", "esc.police"]),
        ("acute_then_confirmed", ["esc.claim", "esc.police", "esc.close"]),
    ],
)
def test_the_current_step_has_the_buttons(state: str, verbs: list[str]) -> None:
    session, events, now = STATES[state]()
    card = escalation_card(session, events, POLICY, now, texts_for("sv"))
    assert [d["verb"] for d in submits(card)] == verbs


def test_the_call_buttons_carry_the_attempt_number() -> None:
    session, events, now = _second_call()
    card = escalation_card(session, events, POLICY, now, texts_for("sv"))
    calls = [d for d in submits(card) if d["verb"] == "esc.call"]
    assert [(d["attempt"], d["result"]) for d in calls] == [
        (2, "answered_well"),
        (2, "answered_needs_help"),
        (2, "no_answer"),
    ]
    assert "▶ 2. Ring igen 070-123 45 67 (försök 2)" in _texts(card)


def test_a_trip_with_extensions() -> None:
    session, events, now = _trip_extended_closed_unclaimed()
    card = escalation_card(session, events, POLICY, now, texts_for("sv"))
    text = _texts(card)
    facts = dict(_facts(card))
    assert facts["Var"] == "Resa Göteborg → Borås (till fots)"
    assert facts["Sluttid"] == "15:00 (förlängd från 14:00)"
    assert facts["Organisation"] == "Regionstyrelsen (nämnd)"
    assert facts["Kontakt"] == "Utsedd kontaktperson Eva Ek, [070-987 65 43](tel:+46709876543)"
    assert "Avslutat – Anna Andersson" in text
    assert "Annat – kl. 15:05 av Otto Operatör" in text


def test_the_card_has_no_english_texts() -> None:
    """The operators' card is Swedish only (bot/i18n/operators.py): no English client can ask for one."""
    session, events, now = _escalated()
    with pytest.raises(KeyError):
        escalation_card(session, events, POLICY, now, texts_for("en"))


def test_the_police_script_is_one_short_line_per_item() -> None:
    session, events, now = _police()
    card = escalation_card(session, events, POLICY, now, texts_for("sv"))
    text = _texts(card)
    assert "Larma polis på 112 och läs upp:" in text
    assert "Jag ringer från Västra Götalandsregionens trygghetstjänst." in text
    assert "Vi saknar kontakt med Anna Andersson sedan sluttid kl. 14:00 – personen svarar inte i telefon." in text
    assert _facts(card, 1) == [
        ("Vem", "Anna Andersson"),
        ("Organisation", "Regionstyrelsen (nämnd)"),
        ("Telefon", "070-123 45 67"),
        ("Sluttid", "14:00"),
        ("Senast kända plats", "Regionens hus, Göteborg"),
        ("Känd hotbild", "Hot via e-post efter förra mötet"),
        ("Samtal", "2 samtal utan svar (kl. 14:05, 14:10)"),
    ]  # no note was left, so no "Övrigt" line
    assert [n["id"] for n in walk(card) if n.get("type") == "Input.Text"] == ["skip_reason", "case_number"]


def test_the_police_script_says_why_for_an_acute_case_and_for_answered_but_needs_help() -> None:
    session, events, now = _acute_help()
    acute = escalation_card(session, events, POLICY, now, texts_for("sv"))
    assert "Anna Andersson har larmat om akut fara kl. 13:20." in _texts(acute)
    assert ("Samtal", "") not in _facts(acute, 1) and "Samtal" not in dict(_facts(acute, 1))
    session, events, now = _needs_help()
    needs_help = escalation_card(session, events, POLICY, now, texts_for("sv"))
    assert "Anna Andersson svarade kl. 14:05 och behöver hjälp." in _texts(needs_help)
    assert dict(_facts(needs_help, 1))["Senast kända plats"] == "Regionens hus, Göteborg"


def test_a_sluttid_on_another_day_shows_the_date() -> None:
    session, events, now = _escalated()
    later = now + timedelta(days=1)
    text = _texts(escalation_card(session, events, POLICY, later, texts_for("sv")))
    assert "Sluttid kl. 14:00 (onsdag 25 nov.), larm kl. 14:05 (onsdag 25 nov.)" in text
    assert to_local(later).day == 26


def test_history_lines_name_who_did_what_and_when() -> None:
    _, events, now = _closed()
    lines = history_lines(events, now, texts_for("sv"))
    assert lines[0] == "14:05 Larm: ingen återkoppling"
    assert "14:05 Olle Operatör tog ärendet" in lines
    assert "14:05 Olle Operatör: försök 1 – Inget svar" in lines
    assert "14:10 Dags att ringa igen (försök 2)" in lines
    assert "14:10 Otto Operatör: försök 2 – Inget svar" in lines
    assert "14:10 Otto Operatör: RTiB / TiB informerad" in lines
    assert lines[-1] == "14:10 Olle Operatör avslutade: Polisen hanterar"


def test_the_thread_summary_says_acute_or_missed() -> None:
    assert summary(_acute_help()[0], texts_for("sv")) == "AKUT – Anna Andersson"
    assert summary(_escalated()[0], texts_for("sv")) == "Ingen återkoppling – Anna Andersson"


def test_a_session_without_an_escalation_has_no_card() -> None:
    with pytest.raises(ValueError):
        escalation_card(new_session(), [], POLICY, NOW, texts_for("sv"))


def _outcome_choice_set(card: dict[str, Any]) -> dict[str, Any]:
    (choice_set,) = [n for n in walk(card) if n.get("type") == "Input.ChoiceSet" and n.get("id") == "outcome"]
    return choice_set


@pytest.mark.parametrize(
    ("state", "suggested"),
    [
        ("wrap_up", None),  # the police were alerted: handling or not is the operator's call
        ("reached_well", "reached_well"),
        ("confirmed_before_claim", "self_reported"),
        ("acute_then_confirmed", "self_reported"),
    ],
)
def test_the_close_form_pre_selects_only_an_obvious_outcome_and_requires_one(state: str, suggested: str | None) -> None:
    session, events, now = STATES[state]()
    choice_set = _outcome_choice_set(escalation_card(session, events, POLICY, now, texts_for("sv")))
    assert choice_set.get("value") == suggested
    assert choice_set["isRequired"] is True and choice_set["errorMessage"] == "Välj ett utfall."
    assert [c["value"] for c in choice_set["choices"]] == ["reached_well", "self_reported", "police_handling", "other"]


@pytest.mark.parametrize(
    "state", ["escalated", "waiting_for_retry", "police", "inform", "answered_needs_help", "acute_help"]
)
def test_there_is_no_close_form_while_a_step_is_due(state: str) -> None:
    session, events, now = STATES[state]()
    card = escalation_card(session, events, POLICY, now, texts_for("sv"))
    assert not [n for n in walk(card) if n.get("id") == "outcome"]
    assert "○ 6. Avsluta\nNär stegen ovan är gjorda eller överhoppade" in _texts(card)


def test_a_self_reported_close_shows_the_outcome() -> None:
    session, events, now = _closed_self_reported()
    swedish = _texts(escalation_card(session, events, POLICY, now, texts_for("sv")))
    assert "Personen hörde av sig själv – allt väl – kl. 14:06 av Otto Operatör" in swedish
    last = history_lines(events, now, texts_for("sv"))[-1]
    assert last == "14:06 Otto Operatör avslutade: Personen hörde av sig själv – allt väl"
