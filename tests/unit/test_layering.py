"""The layering rules, checked on the source: the domain is plain Python, and only the Teams layer knows botbuilder."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{file}: {name}"
        for file, names in imported_modules(folder).items()
        for name in sorted(names)
        if name.split(".")[0] in forbidden or name.startswith(forbidden)
    ]


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("bot/domain", ("botbuilder", "botframework", "azure", "aiohttp", "apscheduler", "bot.store", "bot.services")),
        ("bot/store", ("botbuilder", "botframework", "aiohttp", "apscheduler", "bot.services", "bot.teams")),
        ("bot/services", ("botbuilder", "botframework", "aiohttp", "apscheduler", "bot.teams", "bot.dialogs")),
        ("scheduler", ("botbuilder", "botframework", "bot.teams", "bot.dialogs")),
        ("bot/admin", ("botbuilder", "botframework", "bot.teams", "bot.dialogs")),
    ],
)
def test_layer_imports_nothing_it_must_not(folder: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(folder, forbidden) == []


def test_the_check_itself_can_fail() -> None:
    assert offenders("bot/teams", ("botbuilder",)) != []
