"""The registration form: one Adaptive Card with every field the routine asks for. Shown again after a refusal
with everything the person typed still in it, the fields to fix named at the top, and a plain-language note under
each of them.

"Jag är i akut fara nu" comes first, beside "Ring 112", where a person in danger sees it without scrolling. Fields
required only for a meeting or only for a trip say so in their label: Teams does not reliably show or hide inputs
by the choice, so every field is always there. Required inputs also carry `isRequired` and an `errorMessage` so
Teams can check them before sending; the server checks everything again, since that check is not guaranteed.

Input ids are the field names of bot.domain.registration.RegistrationForm, so the submitted card value turns
into a form with `RegistrationForm.from_values` and back into this card unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from adaptivecards.containers import Column, ColumnSet, Container

from bot.cards import verbs
from bot.cards.elements import (
    ActionSubmit,
    ActionToggleVisibility,
    CardPart,
    Choice,
    Heading,
    InputChoiceSet,
    InputDate,
    InputText,
    InputTime,
    InputToggle,
    card,
    serialize,
)
from bot.cards.registration_texts import ERRORS, FIELDS, OTHER_ERROR, PLACE_KINDS, THREAT_KNOWN
from bot.cards.session_parts import dialable, line, max_session_text
from bot.domain.phone import numbers_kept_together
from bot.domain.policy import Policy
from bot.domain.registration import LONG_FIELDS, MAX_LONG_TEXT, MAX_TEXT, RegistrationForm
from bot.i18n import Texts
from bot.i18n.labels import CONTACT_ROLE, ORGANISATION_KIND, TRAVEL_MODE
from bot.i18n.timefmt import to_local

E = TypeVar("E", bound=StrEnum)
TRUE_VALUES = frozenset({"true", "yes", "ja", "1", "on"})
FIELD_ORDER = tuple(RegistrationForm().as_dict())


def error_text(texts: Texts, field: str, code: str, policy: Policy) -> str:
    """The sentence for one refused field: a field-specific one when the catalog has it, else the code's."""
    limit = max_session_text(texts, policy)
    chars = MAX_LONG_TEXT if field in LONG_FIELDS else MAX_TEXT
    key = FIELDS[field].errors.get(code) if field in FIELDS else None
    return texts.t(key or ERRORS.get(code, OTHER_ERROR), limit=limit, chars=chars)


def errors_summary(texts: Texts, errors: Mapping[str, str]) -> str:
    """ "Kontrollera: Telefon, Färdsätt, Sluttid, Hotbild." – the refused fields by short name, in form order."""
    names = [texts.t(FIELDS[name].name) for name in FIELD_ORDER if name in errors and name in FIELDS]
    return texts.t("register.errors_summary", fields=", ".join(names))


TRIP_FIELDS = ("trip_from", "trip_to", "mode")


def _choices(texts: Texts, options: Mapping[str, str]) -> list[Choice]:
    return [Choice(title=texts.t(key), value=value) for value, key in options.items()]


def _options(labels: Mapping[E, str]) -> dict[str, str]:
    """An enum's label set (bot/i18n/labels.py) as the choices' value -> key."""
    return {member.value: key for member, key in labels.items()}


def _picked(value: str, allowed: Sequence[str]) -> str | None:
    """A ChoiceSet's value must be one of its choices; anything else (or nothing) shows no selection."""
    return value if value in allowed else None


class _Form:
    """Collects inputs in order, each followed by its error note when the field was refused."""

    def __init__(self, form: RegistrationForm, texts: Texts, policy: Policy, errors: Mapping[str, str]) -> None:
        self.form, self.texts, self.policy, self.errors = form, texts, policy, errors
        self.parts: list[CardPart] = []

    def label(self, field: str) -> str:
        return self.texts.t(FIELDS[field].label)

    def add(self, field: str, element: CardPart) -> None:
        self.parts.append(element)
        code = self.errors.get(field)
        if code:
            note = numbers_kept_together(error_text(self.texts, field, code, self.policy))
            self.parts.append(line(note, color="attention", spacing="small"))

    def folded(self, block_id: str, button: str, is_open: bool, build: Callable[[], None]) -> None:
        """The inputs that `build` adds, in a block a tap unfolds ("+ …"): shorter on a phone. Folded inputs are
        still part of the card and submitted with it; the block starts open when it holds a value or an error."""
        outer, self.parts = self.parts, []
        build()
        inner, self.parts = self.parts, outer
        toggle = ActionToggleVisibility(title=self.texts.t(button), target_elements=[block_id])
        self.parts.append({"type": "ActionSet", "actions": [serialize(toggle)], "spacing": "small"})
        self.parts.append({"type": "Container", "id": block_id, "isVisible": is_open, "items": serialize(inner)})

    def section(self, key: str) -> None:
        self.parts.append(line(self.texts.t(key), weight="bolder", size="medium", separator=True, spacing="large"))

    def text(self, field: str, *, required: bool = False, long: bool = False, tel: bool = False) -> None:
        self.add(
            field,
            InputText(
                id=field,
                label=self.label(field),
                value=getattr(self.form, field) or None,
                placeholder=self._placeholder(field, long),
                is_required=required or None,
                error_message=error_text(self.texts, field, "required", self.policy) if required else None,
                is_multiline=long or None,
                max_length=MAX_LONG_TEXT if long else MAX_TEXT,
                style="tel" if tel else None,
            ),
        )

    def _placeholder(self, field: str, long: bool) -> str | None:
        """The field's example, or for a long text the limit the field holds to (the card states its limits)."""
        key = FIELDS[field].placeholder
        if key is not None:
            return self.texts.t(key)
        return self.texts.t("register.placeholder.long", chars=MAX_LONG_TEXT) if long else None

    def choice(self, field: str, options: Mapping[str, str], *, expanded: bool = False, required: bool = False) -> None:
        self.add(
            field,
            InputChoiceSet(
                id=field,
                label=self.label(field),
                choices=_choices(self.texts, options),
                value=_picked(getattr(self.form, field), list(options)),
                style="expanded" if expanded else "compact",
                placeholder=None if expanded else self.texts.t("register.placeholder.choose"),
                is_required=required or None,
                error_message=self.texts.t("register.error.bad_choice") if required else None,
            ),
        )


def registration_form_card(
    form: RegistrationForm,
    texts: Texts,
    policy: Policy,
    now: datetime,
    errors: Mapping[str, str] | None = None,
    attempts: int = 0,
) -> dict[str, Any]:
    """The form, prefilled from `form`; `errors` (field → code) adds notes, `attempts` ≥ 2 the phone fallback."""
    errors = errors or {}
    today = to_local(now).date()
    last_day = to_local(now + policy.max_session).date()
    acute = form.acute.lower() in TRUE_VALUES
    f = _Form(form, texts, policy, errors)
    f.parts.append(Heading(text=texts.t("register.heading")))
    f.parts.append(_acute_block(texts, acute, refused=bool(errors)))
    if errors:
        f.parts.append(line(errors_summary(texts, errors), color="attention", weight="bolder"))
        if attempts >= 2:
            f.parts.append(line(numbers_kept_together(texts.t("register.errors_fallback"))))
    else:
        f.parts.append(line(texts.t("register.intro")))

    f.section("register.section.you")
    f.choice("organisation_kind", _options(ORGANISATION_KIND), required=True)
    f.text("organisation", required=True)
    f.text("phone", required=True, tel=True)

    f.section("register.section.contact")
    f.choice("contact_role", _options(CONTACT_ROLE), required=True)
    f.text("contact_name", required=True)
    f.text("contact_phone", required=True, tel=True)

    f.section("register.section.where")
    f.choice("place_kind", PLACE_KINDS, expanded=True, required=True)
    f.text("address")

    def trip() -> None:
        f.text("trip_from")
        f.text("trip_to")
        f.choice("mode", _options(TRAVEL_MODE))

    trip_open = form.place_kind == "trip" or any(k in errors for k in TRIP_FIELDS)
    f.folded("trip_fields", "register.fold.trip", trip_open, trip)

    f.section("register.section.when")
    f.add(
        "end_date",
        InputDate(
            id="end_date",
            label=f.label("end_date"),
            value=form.end_date or today,
            min=today,
            max=max(last_day, today + timedelta(days=1)),
        ),
    )
    f.add(
        "end_time",
        InputTime(
            id="end_time",
            label=f.label("end_time"),
            value=form.end_time or None,
            is_required=True,
            error_message=texts.t("register.error.end_time.required"),
        ),
    )

    f.section("register.section.threat")
    f.choice("threat_known", THREAT_KNOWN, expanded=True, required=True)
    f.text("threat_description", required=True, long=True)
    f.folded("note_field", "register.fold.note", bool(form.note) or "note" in errors, lambda: f.text("note", long=True))
    actions = [
        ActionSubmit(title=texts.t("register.button.submit"), style="positive", data={"verb": verbs.REGISTER_SUBMIT}),
        ActionSubmit(
            title=texts.t("register.button.cancel"), data={"verb": verbs.REGISTER_CANCEL}, associated_inputs="none"
        ),
    ]
    return card(f.parts, actions, lang=texts.language)


def _acute_block(texts: Texts, acute: bool, *, refused: bool) -> Container:
    """ "Jag är i akut fara nu" with "Ring 112" beside it, first on the form; after a refusal with the box ticked,
    the plain statement that nothing was registered and nobody alerted yet."""
    toggle = InputToggle(
        id="acute",
        label=texts.t("register.label.acute_heading"),
        title=texts.t("register.label.acute"),
        value=acute,
        value_on="true",
        value_off="false",
        wrap=True,
    )
    call_112 = line(dialable(texts.t("register.acute_112")), color="attention", weight="bolder")
    items: list[CardPart] = [
        ColumnSet(
            columns=[
                Column(items=[toggle], width="stretch", verticalContentAlignment="center"),
                Column(items=[call_112], width="auto", verticalContentAlignment="center"),
            ]
        )
    ]
    if acute and refused:
        items.append(line(texts.t("register.acute_not_sent"), color="attention", weight="bolder", spacing="small"))
    return Container(items=items, style="emphasis", spacing="medium")
