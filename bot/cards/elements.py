"""Typed building blocks for Adaptive Cards 1.5, and the one function that assembles a card from them.

Why this exists: the `adaptivecards` package (0.4.1) covers display elements (TextBlock, Container,
ColumnSet/Column, FactSet/Fact, Image, ActionSet, RichTextBlock) but has no `Input.*` and no `Action.*`
classes, stamps cards as version "1.2", and silently drops keyword arguments it does not know. Trygghet's
cards need inputs (phone number, return time, ...) and actions (submit, open a link, toggle), so they are
defined here as small dataclasses whose `to_dict()` leaves out every field that is None.

`card()` accepts a mix of these classes, `adaptivecards` objects and plain dicts, and returns one plain
Adaptive Card 1.5 dict (bot/teams/turn.py wraps it as the activity's attachment).

Where `adaptivecards` 0.4.1 loses something that matters:
- `TextBlock(style="heading")` is dropped (no `style` property): use `Heading` from this module.
- keyword names are inconsistent: `TextBlock(font_type=...)` but `Column(minHeight=...)`; `Container`
  takes `min_height=...`; any other spelling is dropped without an error.
- `selectAction` and `fallback` only accept strings, and `Column.width` only strings ("auto", "2", "80px").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from typing import Any, ClassVar, Literal, TypeAlias

from adaptivecards.baseobject import AdaptiveCardJSONEncoder, BareObject

from bot.i18n.markup import defang

SCHEMA_URL = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"
ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"

Spacing: TypeAlias = Literal["default", "none", "small", "medium", "large", "extraLarge", "padding"]
ActionStyle: TypeAlias = Literal["default", "positive", "destructive"]
ActionMode: TypeAlias = Literal["primary", "secondary"]
AssociatedInputs: TypeAlias = Literal["auto", "none"]
TextInputStyle: TypeAlias = Literal["text", "tel", "url", "email", "password"]
ChoiceInputStyle: TypeAlias = Literal["compact", "expanded"]
FontSize: TypeAlias = Literal["default", "small", "medium", "large", "extraLarge"]
FontWeight: TypeAlias = Literal["default", "lighter", "bolder"]
TextColor: TypeAlias = Literal["default", "dark", "light", "accent", "good", "warning", "attention"]


def _camel(name: str) -> str:
    """`is_multi_select` -> `isMultiSelect`: Python field names to Adaptive Card property names."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _iso_date(value: date | str) -> str:
    """Input.Date values are `YYYY-MM-DD`; a datetime is refused because its time would be lost."""
    if isinstance(value, datetime):
        raise TypeError("Input.Date takes a date, not a datetime")
    return value.isoformat() if isinstance(value, date) else value


def _hh_mm(value: time | str) -> str:
    """Input.Time values are `HH:MM` (24 h)."""
    return value.strftime("%H:%M") if isinstance(value, time) else value


def _comma_joined(value: str | Sequence[str]) -> str:
    """A multi-select ChoiceSet takes its selected values as one comma-separated string."""
    return value if isinstance(value, str) else ",".join(value)


# Field metadata: the value goes through this function when serialised.
_AS_DATE: Mapping[str, Callable[[Any], Any]] = {"convert": _iso_date}
_AS_TIME: Mapping[str, Callable[[Any], Any]] = {"convert": _hh_mm}
_AS_CSV: Mapping[str, Callable[[Any], Any]] = {"convert": _comma_joined}


@dataclass(frozen=True, kw_only=True)
class CardElement:
    """Base of the typed pieces: serialises the dataclass fields as camelCase keys, leaving out None."""

    TYPE: ClassVar[str | None] = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.TYPE is None else {"type": self.TYPE}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            convert = f.metadata.get("convert")
            out[_camel(f.name)] = convert(value) if convert is not None else value
        plain: dict[str, Any] = serialize(out)
        return plain


# ---------------------------------------------------------------------------------------------- elements


@dataclass(frozen=True, kw_only=True)
class Heading(CardElement):
    """A TextBlock with the 1.5 `style: "heading"` (read out as a heading by screen readers)."""

    TYPE: ClassVar[str | None] = "TextBlock"
    text: str
    style: Literal["heading"] = "heading"
    size: FontSize | None = None
    color: TextColor | None = None
    wrap: bool = True
    id: str | None = None
    spacing: Spacing | None = None
    separator: bool | None = None
    is_visible: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", defang(self.text))  # a heading may carry a name: never a link


# ------------------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True, kw_only=True)
class _Input(CardElement):
    """Properties every `Input.*` shares (Extendable.Input); `id` is required by the schema."""

    id: str
    label: str | None = None
    is_required: bool | None = None
    error_message: str | None = None
    spacing: Spacing | None = None
    separator: bool | None = None
    is_visible: bool | None = None


@dataclass(frozen=True, kw_only=True)
class InputText(_Input):
    """`Input.Text`: free text; `style="tel"` gives a phone keyboard on mobile clients."""

    TYPE: ClassVar[str | None] = "Input.Text"
    placeholder: str | None = None
    value: str | None = None
    is_multiline: bool | None = None
    max_length: int | None = None
    regex: str | None = None
    style: TextInputStyle | None = None


@dataclass(frozen=True, kw_only=True)
class InputDate(_Input):
    """`Input.Date`; `value`, `min` and `max` take a `date` or a `YYYY-MM-DD` string."""

    TYPE: ClassVar[str | None] = "Input.Date"
    placeholder: str | None = None
    value: date | str | None = field(default=None, metadata=_AS_DATE)
    min: date | str | None = field(default=None, metadata=_AS_DATE)
    max: date | str | None = field(default=None, metadata=_AS_DATE)


@dataclass(frozen=True, kw_only=True)
class InputTime(_Input):
    """`Input.Time`; `value`, `min` and `max` take a `time` or an `HH:MM` string (local wall-clock time)."""

    TYPE: ClassVar[str | None] = "Input.Time"
    placeholder: str | None = None
    value: time | str | None = field(default=None, metadata=_AS_TIME)
    min: time | str | None = field(default=None, metadata=_AS_TIME)
    max: time | str | None = field(default=None, metadata=_AS_TIME)


@dataclass(frozen=True, kw_only=True)
class InputToggle(_Input):
    """`Input.Toggle` (a checkbox). `value=True` pre-checks it; the submitted value is `value_on`/`value_off`."""

    TYPE: ClassVar[str | None] = "Input.Toggle"
    title: str
    value: bool | None = None
    value_on: str | None = None
    value_off: str | None = None
    wrap: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.value is not None:
            # The schema types `value` as a string that equals valueOn or valueOff.
            out["value"] = (self.value_on or "true") if self.value else (self.value_off or "false")
        return out


@dataclass(frozen=True, kw_only=True)
class Choice(CardElement):
    """One option of an `Input.ChoiceSet`."""

    title: str
    value: str


@dataclass(frozen=True, kw_only=True)
class InputChoiceSet(_Input):
    """`Input.ChoiceSet`; for a multi-select, `value` may be a list (sent as one comma-separated string)."""

    TYPE: ClassVar[str | None] = "Input.ChoiceSet"
    choices: Sequence[Choice]
    style: ChoiceInputStyle | None = None
    is_multi_select: bool | None = None
    value: str | Sequence[str] | None = field(default=None, metadata=_AS_CSV)
    placeholder: str | None = None
    wrap: bool | None = None


# ----------------------------------------------------------------------------------------------- actions


@dataclass(frozen=True, kw_only=True)
class _Action(CardElement):
    """Properties every `Action.*` shares (Extendable.Action)."""

    title: str | None = None
    id: str | None = None
    style: ActionStyle | None = None
    icon_url: str | None = None
    tooltip: str | None = None
    is_enabled: bool | None = None
    mode: ActionMode | None = None


@dataclass(frozen=True, kw_only=True)
class ActionSubmit(_Action):
    """`Action.Submit`: Teams sends the inputs merged into `data` as a message activity's `value`."""

    TYPE: ClassVar[str | None] = "Action.Submit"
    data: Mapping[str, Any] | str | None = None
    associated_inputs: AssociatedInputs | None = None


@dataclass(frozen=True, kw_only=True)
class ActionOpenUrl(_Action):
    """`Action.OpenUrl`: opens a web page (or a `tel:` link where the client allows it)."""

    TYPE: ClassVar[str | None] = "Action.OpenUrl"
    url: str


@dataclass(frozen=True, kw_only=True)
class ActionShowCard(_Action):
    """`Action.ShowCard`: unfolds a nested card, e.g. one built with `card()`."""

    TYPE: ClassVar[str | None] = "Action.ShowCard"
    card: Mapping[str, Any]


@dataclass(frozen=True, kw_only=True)
class TargetElement(CardElement):
    """An entry of `Action.ToggleVisibility.targetElements`; `is_visible=None` toggles."""

    element_id: str
    is_visible: bool | None = None


@dataclass(frozen=True, kw_only=True)
class ActionToggleVisibility(_Action):
    """`Action.ToggleVisibility`: shows or hides elements by id (a plain string id toggles)."""

    TYPE: ClassVar[str | None] = "Action.ToggleVisibility"
    target_elements: Sequence[str | TargetElement]


# -------------------------------------------------------------------------------------------- assembling

CardPart: TypeAlias = "CardElement | BareObject | Mapping[str, Any]"

_PACKAGE_ENCODER = AdaptiveCardJSONEncoder()


class _CardJSONEncoder(json.JSONEncoder):
    """Serialises this module's classes via `to_dict()` and `adaptivecards` objects via its own encoder."""

    def default(self, o: Any) -> Any:
        if isinstance(o, CardElement):
            return o.to_dict()
        if isinstance(o, Mapping):
            return dict(o)
        return _PACKAGE_ENCODER.default(o)


def serialize(value: Any) -> Any:
    """Turns any nesting of card parts, dicts and lists into plain JSON-compatible data (a fresh copy)."""
    return json.loads(json.dumps(value, cls=_CardJSONEncoder, ensure_ascii=False))


def _check_parts(parts: Iterable[object], where: str) -> None:
    for part in parts:
        if not isinstance(part, CardElement | BareObject | Mapping):
            raise TypeError(f"card {where} item must be a card element, got {type(part).__name__}: {part!r}")


def _card_language(locale: str) -> str:
    """The card's `lang` is a two-letter ISO 639-1 code: `sv-SE` -> `sv`."""
    return locale.replace("_", "-").split("-")[0].lower()


ROW_CHARACTERS = 28  # title characters that fit side by side on a 320 px phone (buttons of 14 px semibold text)


def button_rows(actions: Sequence[Any], limit: int = ROW_CHARACTERS) -> list[list[Any]]:
    """The actions in rows for a phone: two side by side where their titles fit a 320 px row together, else one
    a row (a stacked action set). The order is kept, so the primary action stays first."""
    rows: list[list[Any]] = []
    for action in actions:
        last = rows[-1] if rows else None
        title = len(_title(action))
        if last is not None and len(last) == 1 and len(_title(last[0])) + title <= limit:
            last.append(action)
        else:
            rows.append([action])
    return rows


def action_rows(actions: Sequence[Any], *, spacing: str | None = None) -> list[dict[str, Any]]:
    """The actions as stacked action sets, in the rows of `button_rows`: the first at `spacing`, the rest close
    under it. An unfolded ShowCard opens under its own row."""
    rows: list[dict[str, Any]] = []
    for n, row in enumerate(button_rows(actions)):
        block: dict[str, Any] = {"type": "ActionSet", "actions": serialize(list(row))}
        gap = "small" if n else spacing
        rows.append({**block, "spacing": gap} if gap else block)
    return rows


def _title(action: Any) -> str:
    return str(action.get("title", "") if isinstance(action, Mapping) else getattr(action, "title", "") or "")


def card(
    body: Sequence[CardPart],
    actions: Sequence[CardPart] | None = None,
    *,
    lang: str | None = None,
) -> dict[str, Any]:
    """Assembles an Adaptive Card 1.5 as a plain dict from typed parts, `adaptivecards` objects or dicts."""
    _check_parts(body, "body")
    _check_parts(actions or (), "actions")
    content: dict[str, Any] = {"type": "AdaptiveCard", "$schema": SCHEMA_URL, "version": CARD_VERSION}
    if lang:
        content["lang"] = _card_language(lang)
    content["body"] = list(body)
    if actions:
        content["actions"] = list(actions)
    assembled: dict[str, Any] = serialize(content)
    return assembled
