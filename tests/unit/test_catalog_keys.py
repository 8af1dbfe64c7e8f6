"""The catalog and the code agree, read from the source: every key is written out as a literal somewhere in the
code (so an unused one shows), every key the code writes is in the catalog, and no key is built from pieces
(`f"esc.call.{result}"`), which would hide both. The operators' Swedish-only texts appear only where the
operators' card and thread are drawn."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.cards import verbs
from bot.i18n import CATALOGS, en, operators, sv
from bot.teams.routes import VERBS as ROUTES

ROOT = Path(__file__).resolve().parents[2]
CATALOG_FILES = {"bot/i18n/sv.py", "bot/i18n/en.py", "bot/i18n/operators.py"}
KEY_SHAPE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
TEXT_CALLS = {"t", "mention_text", "done"}  # the functions that take a key first
# The operators' card and its thread: the only code drawn with bot/i18n/operators.py's texts.
OPERATOR_FILES = {
    "bot/cards/operator_blocks.py",
    "bot/cards/operator_cards.py",
    "bot/cards/operator_checklist.py",
    "bot/cards/operator_facts.py",
    "bot/cards/operator_police.py",
    "bot/cards/operator_view.py",
    "bot/teams/operator_notifications.py",
}


def code_files() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("scheduler/**/*.py"), ROOT / "app.py"]):
        name = str(path.relative_to(ROOT))
        if name not in CATALOG_FILES:
            yield name, ast.parse(path.read_text(encoding="utf-8"))


def constants(tree: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def written_keys(files: Iterable[tuple[str, ast.Module]]) -> dict[str, set[str]]:
    """Each string constant of the code, with the files it is written in."""
    found: dict[str, set[str]] = {}
    for name, tree in files:
        for value in constants(tree):
            found.setdefault(value, set()).add(name)
    return found


def key_as_written(key: str, catalog: Iterable[str] = CATALOGS["sv"]) -> str:
    """`count.sessions.one` is written `count.sessions` (Texts.t picks the plural form by `count`)."""
    stem, _, last = key.rpartition(".")
    return stem if last in PLURAL_FORMS and f"{stem}.one" in set(catalog) else key


def unused(catalog: Iterable[str], written: Iterable[str]) -> list[str]:
    keys, seen = list(catalog), set(written)
    return sorted(k for k in keys if key_as_written(k, keys) not in seen)


def missing(catalog: Iterable[str], written: Iterable[str], not_texts: set[str]) -> list[str]:
    """Key-shaped literals in one of the catalog's namespaces that the catalog does not have."""
    keys = set(catalog)
    known = keys | {key_as_written(k, keys) for k in keys}
    namespaces = {k.split(".")[0] for k in keys}
    return sorted(
        w
        for w in written
        if KEY_SHAPE.match(w) and w.split(".")[0] in namespaces and w not in known and w not in not_texts
    )


def built_keys(files: Iterable[tuple[str, ast.Module]]) -> list[str]:
    """Calls that take a key first and are given one built from pieces, and look-ups of a key's existence."""
    found = []
    for name, tree in files:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and _callee(node) in TEXT_CALLS:
                first = node.args[0]
                if any(isinstance(n, ast.JoinedStr | ast.BinOp) for n in ast.walk(first)):
                    found.append(f"{name}:{node.lineno}: {ast.unparse(first)}")
            if isinstance(node, ast.Attribute) and node.attr == "messages" and not name.startswith("bot/i18n/"):
                found.append(f"{name}:{node.lineno}: .messages (a key tried before use)")
    return found


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def action_names(files: Iterable[tuple[str, ast.Module]]) -> set[str]:
    """The access checks' action names ("admin.active"): audit words, not texts."""
    names: set[str] = set()
    for _, tree in files:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _callee(node) in {"as_admin", "require_security_head"}:
                names |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return names


def not_texts(files: list[tuple[str, ast.Module]]) -> set[str]:
    """Strings shaped like keys that name something else: card verbs and access action names."""
    card_verbs = {v for k, v in vars(verbs).items() if k.isupper() and isinstance(v, str)}
    from bot.cards.admin_cards import BAR, IGNORE_FLAG

    return card_verbs | set(ROUTES) | {BAR, IGNORE_FLAG} | action_names(files)


FILES = list(code_files())
WRITTEN = written_keys(FILES)
NOT_TEXTS = not_texts(FILES)


def test_every_catalog_key_is_written_out_in_the_code() -> None:
    assert unused(CATALOGS["sv"], WRITTEN) == []


def test_every_key_the_code_writes_is_in_the_catalog() -> None:
    assert missing(CATALOGS["sv"], WRITTEN, NOT_TEXTS) == []


def test_no_key_is_built_from_pieces() -> None:
    assert built_keys(FILES) == []


def test_the_english_catalog_has_every_key_but_the_operators() -> None:
    assert set(en.MESSAGES) == set(sv.MESSAGES)
    assert set(operators.MESSAGES).isdisjoint(en.MESSAGES)
    assert set(operators.MESSAGES).isdisjoint(sv.MESSAGES)


def test_the_operators_texts_are_used_only_on_their_card_and_thread() -> None:
    outside = {
        key: sorted(files - OPERATOR_FILES)
        for key in operators.MESSAGES
        if key not in NOT_TEXTS and (files := WRITTEN.get(key_as_written(key), set())) - OPERATOR_FILES
    }
    assert outside == {}


def test_the_operators_card_is_drawn_in_swedish_only() -> None:
    """Every call that draws the card or its summary is given the channel's (Swedish) texts."""
    source = (ROOT / "bot/teams/operator_notifications.py").read_text(encoding="utf-8")
    calls = re.findall(r"operator_cards\.(?:escalation_card|summary)\([^\n]*", source)
    assert calls and all("channel_texts()" in call for call in calls)


def test_the_checks_can_fail() -> None:
    source = ast.parse(
        'texts.t(f"esc.call.{result}")\n'
        'view.done("esc.step." + step)\n'
        "if key in texts.messages: pass\n"
        'texts.t("welcome.titel")\n'
    )
    files = [("bot/example.py", source)]
    assert len(built_keys(files)) == 3
    assert missing(CATALOGS["sv"], constants(source), set()) == ["welcome.titel"]
    assert unused(["welcome.title", "count.sessions.one"], {"count.sessions"}) == ["welcome.title"]
