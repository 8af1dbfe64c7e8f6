"""Checks the typed card pieces against the official Adaptive Cards 1.5 schema: a card using every piece
must validate, and broken cards must be caught, so a green card test means something.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from adaptivecards.containers import ActionSet, Column, ColumnSet, Container, Fact, FactSet
from adaptivecards.elements import Image, RichTextBlock, TextBlock, TextRun

from bot.cards.elements import (
    CARD_VERSION,
    SCHEMA_URL,
    ActionOpenUrl,
    ActionShowCard,
    ActionSubmit,
    ActionToggleVisibility,
    Choice,
    Heading,
    InputChoiceSet,
    InputDate,
    InputText,
    InputTime,
    InputToggle,
    TargetElement,
    card,
)
from tests.support.card_schema import card_errors, load_schema, validate_card


def every_element_card() -> dict[str, Any]:
    """One card using every class of bot.cards.elements and the adaptivecards classes we rely on."""
    details = card(
        [
            InputText(id="note", label="Anteckning", is_multiline=True, max_length=500),
        ]
    )
    return card(
        [
            Heading(text="Registrera besök", size="large"),
            TextBlock(text="Fyll i uppgifterna nedan.", wrap=True, isSubtle=True, weight="lighter", size="small"),
            Container(
                style="emphasis",
                items=[
                    InputText(
                        id="phone",
                        label="Mobilnummer",
                        placeholder="070-123 45 67",
                        style="tel",
                        is_required=True,
                        error_message="Ange ett mobilnummer",
                        max_length=20,
                    ),
                    InputDate(id="day", label="Dag", value=date(2026, 11, 25), min="2026-11-25"),
                    InputTime(id="until", label="Klar senast", value=time(14, 30), is_required=True),
                ],
            ),
            ColumnSet(
                columns=[
                    Column(width="auto", items=[Image(url="https://example.org/a.png", altText="Ikon", size="small")]),
                    Column(width="stretch", items=[TextBlock(text="Trygghetscentralen", weight="bolder", wrap=True)]),
                ]
            ),
            FactSet(facts=[Fact(title="Plats", value="Storgatan 1"), Fact(title="Tid", value="14:30")]),
            RichTextBlock(inlines=[TextRun(text="Viktigt: ", weight="bolder"), TextRun(text="ring vid fara.")]),
            InputToggle(id="alone", title="Jag arbetar ensam", value=True),
            InputChoiceSet(
                id="kind",
                label="Typ av besök",
                style="expanded",
                choices=[Choice(title="Hembesök", value="home"), Choice(title="Möte", value="meeting")],
                value="home",
            ),
            InputChoiceSet(
                id="risks",
                is_multi_select=True,
                choices=[Choice(title="Hund", value="dog"), Choice(title="Trappor", value="stairs")],
                value=["dog", "stairs"],
            ),
            TextBlock(text="Mer information", id="more", visible=False, wrap=True),
            ActionSet(actions=[ActionOpenUrl(title="Ring", url="tel:+46104354020")]),
        ],
        [
            ActionSubmit(title="Skicka", data={"verb": "visit.create"}, style="positive", associated_inputs="auto"),
            ActionShowCard(title="Detaljer", card=details),
            ActionToggleVisibility(title="Visa mer", target_elements=["more", TargetElement(element_id="note")]),
            ActionSubmit(title="Avbryt", style="destructive", associated_inputs="none", data={"verb": "cancel"}),
        ],
        lang="sv-SE",
    )


def test_card_with_every_element_is_valid() -> None:
    validate_card(every_element_card())


def test_card_envelope() -> None:
    built = every_element_card()
    assert built["type"] == "AdaptiveCard"
    assert built["version"] == CARD_VERSION == "1.5"
    assert built["$schema"] == SCHEMA_URL
    assert built["lang"] == "sv"
    assert card([TextBlock(text="x")]).keys() == {"type", "$schema", "version", "body"}


def test_adaptivecards_fields_we_rely_on_survive() -> None:
    built = card(
        [
            Container(
                style="attention",
                items=[TextBlock(text="t", wrap=True, weight="bolder", size="large", color="attention", isSubtle=True)],
            )
        ]
    )
    container = built["body"][0]
    assert container["style"] == "attention"
    assert container["items"][0] == {
        "type": "TextBlock",
        "text": "t",
        "wrap": True,
        "weight": "bolder",
        "size": "large",
        "color": "attention",
        "isSubtle": True,
    }


def test_adaptivecards_package_drops_what_it_does_not_know() -> None:
    """Why `Heading` exists: adaptivecards 0.4.1 silently drops TextBlock's 1.5 `style` (and misspellings)."""
    dropped = card([TextBlock(text="Rubrik", style="heading", fontType="monospace")])["body"][0]
    assert dropped == {"type": "TextBlock", "text": "Rubrik"}
    assert card([Heading(text="Rubrik")])["body"][0] == {
        "type": "TextBlock",
        "text": "Rubrik",
        "style": "heading",
        "wrap": True,
    }


def test_to_dict_leaves_out_unset_fields_and_uses_camel_case() -> None:
    assert InputText(id="a").to_dict() == {"type": "Input.Text", "id": "a"}
    assert InputText(id="a", is_multiline=True, max_length=3, error_message="e", is_required=False).to_dict() == {
        "type": "Input.Text",
        "id": "a",
        "isRequired": False,
        "errorMessage": "e",
        "isMultiline": True,
        "maxLength": 3,
    }
    assert ActionSubmit(title="OK").to_dict() == {"type": "Action.Submit", "title": "OK"}
    assert ActionOpenUrl(
        title="Ring", url="tel:112", icon_url="https://example.org/i.png", is_enabled=False
    ).to_dict() == {
        "type": "Action.OpenUrl",
        "title": "Ring",
        "iconUrl": "https://example.org/i.png",
        "isEnabled": False,
        "url": "tel:112",
    }


def test_date_and_time_values_are_converted() -> None:
    assert InputDate(id="d", value=date(2026, 1, 2), max=date(2026, 12, 31)).to_dict()["value"] == "2026-01-02"
    assert InputTime(id="t", value=time(7, 5, 59), min="06:00").to_dict() == {
        "type": "Input.Time",
        "id": "t",
        "value": "07:05",
        "min": "06:00",
    }
    with pytest.raises(TypeError, match="datetime"):
        InputDate(id="d", value=datetime(2026, 1, 2, 3, 4)).to_dict()


def test_toggle_value_follows_value_on_and_off() -> None:
    assert InputToggle(id="t", title="T", value=True).to_dict()["value"] == "true"
    assert InputToggle(id="t", title="T", value=False).to_dict()["value"] == "false"
    custom = InputToggle(id="t", title="T", value=True, value_on="ja", value_off="nej").to_dict()
    assert (custom["value"], custom["valueOn"], custom["valueOff"]) == ("ja", "ja", "nej")
    assert "value" not in InputToggle(id="t", title="T").to_dict()


def test_multi_select_value_is_comma_separated() -> None:
    choice_set = InputChoiceSet(id="c", is_multi_select=True, choices=[Choice(title="A", value="a")], value=["a", "b"])
    assert choice_set.to_dict()["value"] == "a,b"
    assert choice_set.to_dict()["choices"] == [{"title": "A", "value": "a"}]


def test_card_refuses_things_that_are_not_elements() -> None:
    with pytest.raises(TypeError, match="str"):
        card(["just text"])


# ------------------------------------------------------------------------------- the validator can fail


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ({"type": "Input.Time", "id": "t", "value": 1430}, "$.body[0].value: 1430 is not of type 'string'"),
        ({"type": "Input.Text", "label": "Telefon"}, "$.body[0]: 'id' is a required property"),
        ({"type": "Input.Toggle", "id": "t"}, "$.body[0]: 'title' is a required property"),
        ({"type": "TextBlock", "text": "x", "colour": "red"}, "'colour' was unexpected"),
        ({"type": "TextBlock", "text": "x", "size": "huge"}, "$.body[0].size: 'huge' is not one of"),
        ({"type": "Input.Slider", "id": "s"}, "$.body[0]: unknown or missing element/action type 'Input.Slider'"),
        ({"type": "Container", "items": [{"type": "Input.Number", "id": "n", "value": "5"}]}, "items[0].value"),
    ],
)
def test_broken_element_fails_validation(broken: dict[str, Any], expected: str) -> None:
    with pytest.raises(AssertionError) as failure:
        validate_card(card([broken]))
    assert expected in str(failure.value)


def test_unknown_action_type_fails_validation() -> None:
    broken = card([TextBlock(text="x")], [{"type": "Action.Http", "title": "Skicka"}])
    assert card_errors(broken) == ["$.actions[0]: unknown or missing element/action type 'Action.Http'"]


def test_project_rules_fail_validation() -> None:
    duplicate_ids = card([InputText(id="phone"), InputText(id="phone")])
    assert card_errors(duplicate_ids) == ["project rule: id 'phone' used at $.body[0] and at $.body[1]"]
    old_version = {**card([TextBlock(text="x")]), "version": "1.2"}
    assert card_errors(old_version) == ["project rule: version must be '1.5', got '1.2'"]


def test_known_schema_gaps() -> None:
    """Documented limits of the official schema: enum values are loosely matched, Teams' `msteams` is refused by
    the schema, so validate_card checks the card's `msteams` itself (only width "Full" and mention entities)."""
    assert card_errors(card([InputText(id="p", style="telephone")])) == []  # type: ignore[arg-type]
    full_width = {**card([TextBlock(text="x")]), "msteams": {"width": "Full"}}
    assert card_errors(full_width) == []
    wide = {**card([TextBlock(text="x")]), "msteams": {"width": "Wide"}}
    assert card_errors(wide) == ["$.msteams.width: must be one of ['Full'], got 'Wide'"]
    unknown = {**card([TextBlock(text="x")]), "msteamz": {"width": "Full"}}
    assert card_errors(unknown) == ["$: Additional properties are not allowed ('msteamz' was unexpected)"]


def test_schema_is_the_pinned_official_draft_06_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-06/schema#"
    assert schema["id"] == SCHEMA_URL
    assert {"Input.Time", "Action.Execute", "Table", "Refresh"} <= schema["definitions"].keys()
