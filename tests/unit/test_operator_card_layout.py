"""How the escalation card reads at a glance on night duty: one "Nästa" line and one highlighted button, red only
for the alarm, the state in the header (unclaimed, waiting to call again, police alerted, all well), headings that
look like headings, phone numbers that never wrap mid-number, and the Teams full-width extension (which the schema
check accepts in exactly its documented form)."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from bot.cards.operator_cards import escalation_card
from bot.domain import escalation as esc
from bot.domain import session_commands as cmd
from bot.domain.escalation import Party
from bot.i18n import texts_for
from tests.support.card_schema import card_errors, validate_card
from tests.support.cards import plain, walk
from tests.unit.factories import OLLE, OTTO, POLICY
from tests.unit.test_operator_cards import STATES, _inform

CLOSE = "Avsluta ärendet …"


def _card(state: str, language: str = "sv") -> dict[str, Any]:
    session, events, now = STATES[state]()
    return escalation_card(session, events, POLICY, now, texts_for(language))


def _blocks(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in walk(card) if n.get("type") == "TextBlock"]


def _block(card: dict[str, Any], text: str) -> dict[str, Any]:
    return next(b for b in _blocks(card) if plain(b["text"]) == text)


def _header(card: dict[str, Any]) -> dict[str, Any]:
    header: dict[str, Any] = card["body"][0]
    return header


def _header_lines(card: dict[str, Any]) -> list[str]:
    return [plain(b["text"]) for b in _blocks(_header(card))]


# ------------------------------------------------------------------------------- one next step, one button

HIGHLIGHTED = {
    "escalated": ["Jag tar ärendet"],
    "claimed": ["Ring 070-123 45 67"],
    "waiting_for_retry": [],  # nothing to press until it is time to call again
    "second_call": ["Ring 070-123 45 67"],
    "police": ["Polis larmad"],
    "inform": ["Kontaktperson informerad"],
    "wrap_up": [CLOSE],
    "closed": [],
    "closed_self_reported": [],
    "reached_well": [CLOSE],
    "answered_needs_help": ["Polis larmad"],
    "confirmed_before_claim": [CLOSE],
    "confirmed_after_police": ["Polisen meddelad"],
    "acute_at_registration": ["Polis larmad"],  # not "Jag tar ärendet": alerting the police claims it too
    "acute_help": ["Polis larmad"],
    "acute_then_confirmed": [],  # the operator judges: neither alerting nor closing is pushed
    "trip_extended_closed_unclaimed": [],
}


@pytest.mark.parametrize("state", sorted(STATES))
def test_only_the_next_steps_main_button_is_highlighted(state: str) -> None:
    card = _card(state)
    actions = [n for n in walk(card, into_show_cards=False) if str(n.get("type", "")).startswith("Action.")]
    assert [plain(a["title"]) for a in actions if a.get("style") == "positive"] == HIGHLIGHTED[state]
    assert not [a for a in walk(card) if a.get("style") == "destructive"]
    for toggle in (a for a in actions if a["type"] == "Action.ToggleVisibility"):  # none without events
        assert "style" not in toggle  # the history stays plain, apart from the checklist by a rule
        history = next(n for n in card["body"] if n.get("type") == "ActionSet" and n["actions"][0] == toggle)
        assert history["separator"] is True and history["spacing"] == "large"


@pytest.mark.parametrize("state", sorted(STATES))
def test_one_next_line_at_the_top_of_the_checklist(state: str) -> None:
    card = _card(state)
    texts = [plain(b["text"]) for b in _blocks(card)]
    nexts = [t for t in texts if t.startswith("Nästa: ")]
    if state.startswith(("closed", "trip_extended_closed")):
        assert nexts == []
        return
    assert len(nexts) == 1
    assert texts.index(nexts[0]) == texts.index("Att göra") + 1


@pytest.mark.parametrize(
    ("state", "next_line"),
    [
        ("escalated", "Nästa: Ta ärendet och ring Anna Andersson, [070-123 45 67](tel:+46701234567)."),
        ("waiting_for_retry", "Nästa: Vänta till kl. 14:10 och ring sedan Anna Andersson igen (försök 2)."),
        ("police", "Nästa: Larma polis på 112 och läs upp uppgifterna i steg 3."),
        ("confirmed_after_police", "Nästa: Meddela polisen att Anna Andersson har hört av sig och är i säkerhet."),
        ("acute_then_confirmed", "Nästa: Anna Andersson bad om hjälp men har sedan bekräftat att allt är väl. "
         "Bedöm läget: larma polis vid minsta tvekan, annars avsluta ärendet."),
    ],
)  # fmt: skip
def test_the_next_line_says_what_to_do(state: str, next_line: str) -> None:
    assert next_line in [plain(b["text"]) for b in _blocks(_card(state))]


@pytest.mark.parametrize("state", sorted(STATES))
def test_red_is_for_the_alarm_and_current_steps_are_accent(state: str) -> None:
    card = _card(state)
    steps = [b for b in _blocks(card) if b["text"][:1] in "✔▶○–" and b.get("weight") == "bolder"]
    assert steps, "no step titles found"
    for title in steps:
        assert title.get("color") == {"▶": "accent", "✔": "good"}.get(title["text"][0]), title["text"]


def test_headings_look_like_headings() -> None:
    for state in STATES:
        card = _card(state)
        heading = _block(card, "Att göra")
        assert (heading["style"], heading["size"], heading["weight"]) == ("heading", "large", "bolder")
        assert not [b["text"] for b in _blocks(card) if b.get("size") == "medium"]  # Teams draws it as body text


# ----------------------------------------------------------------------------------------------- the header


def test_nobody_has_taken_it_is_bold_and_red() -> None:
    unclaimed = _block(_card("escalated"), "Ingen har tagit ärendet än (larm kl. 14:05)")
    assert (unclaimed["weight"], unclaimed["color"]) == ("bolder", "attention")
    assert unclaimed.get("isSubtle") is None


def test_waiting_to_call_again_is_in_the_header_and_the_call_step_is_current() -> None:
    card = _card("waiting_for_retry")
    assert "Inget svar – ring igen kl. 14:10" in _header_lines(card)
    texts = [plain(b["text"]) for b in _blocks(card)]
    assert texts.count("Inget svar – ring igen kl. 14:10") == 2  # the header, and the call step
    for block in _blocks(card):
        if plain(block["text"]) == "Inget svar – ring igen kl. 14:10":
            assert (block["weight"], block["color"]) == ("bolder", "attention")
    assert "▶ 2. Ring 070-123 45 67" in texts


def test_the_header_says_when_the_police_were_alerted_and_the_case_number() -> None:
    card = _card("inform")
    assert _header(card)["style"] == "attention"
    assert _header_lines(card)[:3] == [
        "Ingen återkoppling – Anna Andersson",
        "Sluttid kl. 14:00, larm kl. 14:05",
        "Polis larmad kl. 14:10 (ärendenr K-1)",
    ]


@pytest.mark.parametrize("state", ["reached_well", "confirmed_before_claim", "confirmed_after_police"])
def test_a_person_known_to_be_safe_turns_the_header_green(state: str) -> None:
    card = _card(state)
    assert _header(card)["style"] == "good"
    lines = _header_lines(card)
    assert lines[0] == "Allt väl – Anna Andersson"
    assert "Ingen återkoppling – Anna Andersson" not in lines
    assert "Larm: ingen återkoppling vid sluttid kl. 14:00" in lines


def test_after_help_then_all_well_the_akut_header_stays_for_the_operator_to_judge() -> None:
    card = _card("acute_then_confirmed")
    assert _header(card)["style"] == "attention"
    assert _header_lines(card)[0] == "AKUT – Anna Andersson"
    assert "Bekräftade kl. 13:21 – allt väl" in [plain(b["text"]) for b in _blocks(card)]


# ------------------------------------------------------------------------------------ a late confirmation


def test_a_late_confirmation_after_the_police_says_who_still_has_to_hear_it() -> None:
    card = _card("confirmed_after_police")
    texts = [plain(b["text"]) for b in _blocks(card)]
    assert "Polisen larmades kl. 14:10, innan personen hörde av sig." in texts
    assert (
        "Kvar innan du avslutar – säg att personen är i säkerhet till polisen (steg 3), kontaktpersonen (steg 4, "
        "inte informerad än) och RTiB / TiB (steg 5, inte informerad än)." in texts
    )
    assert "Personen är i säkerhet: meddela polisen det." in texts
    assert texts.count("Polisen larmades, så informera ändå – och säg att personen nu är i säkerhet.") == 2
    assert "○ 6. Avsluta" in texts  # not current while people are left to tell


def test_telling_everyone_leaves_only_closing() -> None:
    session, events, t = _inform()
    events += esc.mark_contact_informed(session, OLLE, t, POLICY)
    later = t + timedelta(minutes=2)
    events += cmd.confirm(session, later)
    texts = [plain(b["text"]) for b in _blocks(escalation_card(session, events, POLICY, later, texts_for("sv")))]
    assert "Personen är i säkerhet: ring igen och säg det." in texts
    assert "Nästa: Meddela polisen att Anna Andersson har hört av sig och är i säkerhet." in texts

    events += esc.mark_told_safe(session, OTTO, Party.POLICE, later, POLICY)
    events += esc.mark_told_safe(session, OLLE, Party.CONTACT, later, POLICY)
    events += esc.mark_rtib_informed(
        session, OLLE, later, POLICY
    )  # informed after the confirmation: told they are safe
    card = escalation_card(session, events, POLICY, later, texts_for("sv"))
    texts = [plain(b["text"]) for b in _blocks(card)]
    assert "Meddelad att personen är i säkerhet kl. 14:12 av Otto Operatör" in texts
    assert "Nästa: Avsluta ärendet med ett utfall." in texts and "▶ 6. Avsluta" in texts
    assert not [t for t in texts if t.startswith("Kvar innan du avslutar")]
    assert "14:12 Otto Operatör: polisen meddelad – personen i säkerhet" in texts


# ------------------------------------------------------------------------------------ facts and numbers


def test_a_known_threat_is_not_called_a_known_threat_twice() -> None:
    facts = {f["title"]: f["value"] for n in walk(_card("escalated")) if n.get("type") == "FactSet" for f in n["facts"]}
    assert facts["Känd hotbild"] == "Hot via e-post efter förra mötet"
    assert "Hotbild" not in facts


def test_phone_numbers_never_wrap_mid_number_and_links_dial_e164() -> None:
    card = _card("inform")
    shown = "\n".join(
        [b["text"] for b in _blocks(card)]
        + [f["value"] for n in walk(card) if n.get("type") == "FactSet" for f in n["facts"]]
        + [str(a.get("title", "")) for a in walk(card) if str(a.get("type", "")).startswith("Action.")]
    )
    for number in ("070-123 45 67", "070-987 65 43", "010-441 00 00"):
        assert number not in shown, number
        assert number.replace("-", "\u2011").replace(" ", "\u00a0") in shown, number
    assert "(tel:+46709876543)" in shown and "(tel:+46104410000)" in shown
    call = _card("claimed")
    assert next(a["url"] for a in walk(call) if a.get("type") == "Action.OpenUrl") == "tel:+46701234567"


# ------------------------------------------------------------------------------ the Teams host extension


def test_the_schema_check_accepts_teams_full_width_and_stays_strict_for_everything_else() -> None:
    card = _card("escalated")
    validate_card(card)

    unknown = copy.deepcopy(card) | {"flavour": "strawberry"}
    assert any("flavour" in line for line in card_errors(unknown))

    for wrong in ({"width": "Wide"}, {"width": "Full", "height": "Full"}, {}, "Full"):
        assert card_errors(copy.deepcopy(card) | {"msteams": wrong}), wrong

    nested = copy.deepcopy(card)
    nested["body"][0]["msteams"] = {"width": "Full"}  # only the card itself takes the extension
    assert card_errors(nested)


def test_the_schema_check_accepts_mention_entities_that_a_text_carries() -> None:
    card = copy.deepcopy(_card("escalated"))
    card["body"].append({"type": "TextBlock", "text": "<at>Olle Operatör</at> ring igen", "wrap": True})
    mention = {"type": "mention", "text": "<at>Olle Operatör</at>", "mentioned": {"id": "aad-olle", "name": "Olle"}}
    card["msteams"] = {"width": "Full", "entities": [mention]}
    validate_card(card)

    missing = copy.deepcopy(card)
    missing["msteams"]["entities"][0]["text"] = "<at>Otto Operatör</at>"
    assert any("does not occur" in line for line in card_errors(missing))
    extra = copy.deepcopy(card)
    extra["msteams"]["entities"][0]["extra"] = 1
    assert any("unknown key 'extra'" in line for line in card_errors(extra))
