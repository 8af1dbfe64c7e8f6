"""Reading Adaptive Cards the way a test (or a person) sees them: every element, the texts, the buttons, the
inputs. One walker for the unit tests, the e2e journeys and scripts/card_shots.py, so "what the card says"
means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

NBSP, NBH = "\u00a0", "\u2011"  # no-break space, non-breaking hyphen: phone numbers on cards never wrap


def walk(node: Any, *, into_show_cards: bool = True) -> Iterator[dict[str, Any]]:
    """Every element and action, depth first; `into_show_cards=False` leaves out the cards Action.ShowCard unfolds."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key == "card" and node.get("type") == "Action.ShowCard" and not into_show_cards:
                continue
            yield from walk(value, into_show_cards=into_show_cards)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, into_show_cards=into_show_cards)


def plain(text: str) -> str:
    """Card text with the numbers' non-breaking hyphens and spaces read as plain ones (asserted separately)."""
    return text.replace(NBH, "-").replace(NBSP, " ")


def text_of(card: dict[str, Any]) -> str:
    """The card's TextBlocks, then its facts as "title: value", one per line (show-cards included)."""
    parts = [n.get("text", "") for n in walk(card) if n.get("type") == "TextBlock"]
    parts += [f"{f['title']}: {f['value']}" for n in walk(card) if n.get("type") == "FactSet" for f in n["facts"]]
    return "\n".join(parts)


def buttons(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The card's own buttons in the order a person sees them: those of the top-level action sets in its body
    (rows of at most two, for a phone), then its `actions`."""
    rows = [a for part in card.get("body", []) if part.get("type") == "ActionSet" for a in part["actions"]]
    return [*rows, *card.get("actions", [])]


def submits(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The data of every Action.Submit on the card."""
    return [n["data"] for n in walk(card) if n.get("type") == "Action.Submit"]


def inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Input.* element on the card."""
    return [n for n in walk(card) if str(n.get("type", "")).startswith("Input.")]


def input_values(card: dict[str, Any]) -> dict[str, Any]:
    """The inputs' current values by id (what Teams would post if nothing were typed)."""
    return {n["id"]: n.get("value") for n in inputs(card)}
