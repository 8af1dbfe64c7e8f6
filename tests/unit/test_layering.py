"""The layering rules, checked on the source: the domain is plain Python, only the Teams layer (and the dialogs it
runs) knows botbuilder, the dialogs never import the Teams layer, cards are drawn from domain values, and the
Teams layer's handlers reach the store only through services."""

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
        ("bot/dialogs", ("bot.teams", "aiohttp", "azure", "apscheduler")),
        ("bot/cards", ("botbuilder", "botframework", "azure", "aiohttp", "bot.services", "bot.store", "bot.teams")),
    ],
)
def test_layer_imports_nothing_it_must_not(folder: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(folder, forbidden) == []


def test_the_check_itself_can_fail() -> None:
    assert offenders("bot/teams", ("botbuilder",)) != []


def repository_reaches(folder: str) -> dict[str, int]:
    """Files under `folder` that touch `.repos` (the services container's repositories), with how often."""
    found: dict[str, int] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        count = sum(1 for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "repos")
        if count:
            found[str(path.relative_to(ROOT))] = count
    return found


# The Teams side of the engine's Notifier port: built before the services (the engine needs the notifier), so
# it is handed the repositories themselves. Everything else in the Teams layer goes through services.
NOTIFIER_ADAPTERS = {
    "bot/teams/notifier.py",
    "bot/teams/admin_notifications.py",
    "bot/teams/operator_notifications.py",
    "bot/teams/user_notifications.py",
}


@pytest.mark.parametrize("folder", ["bot/teams", "bot/dialogs", "bot/cards"])
def test_handlers_and_dialogs_reach_the_store_only_through_services(folder: str) -> None:
    assert set(repository_reaches(folder)) - NOTIFIER_ADAPTERS == set()


def test_the_repository_check_itself_can_fail() -> None:
    assert set(repository_reaches("bot/services")) != set()


ODATA = (
    "query_entities",
    "datetime'",
    " eq '",
    " eq @",
    " ge @",
    " lt @",
    " le @",
    " gt @",
    "PartitionKey eq",
    "RowKey ",
)


def odata_outside_the_store(folders: tuple[str, ...]) -> list[str]:
    """Files outside bot/store whose string constants hold OData filter syntax or table column names."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            attributes = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)]
            if any(marker in text for text in texts for marker in ODATA) or "query_entities" in attributes:
                found.append(str(path.relative_to(ROOT)))
    return found


def test_only_the_store_writes_odata() -> None:
    assert (
        odata_outside_the_store(
            ("bot/services", "bot/teams", "bot/admin", "bot/cards", "bot/dialogs", "bot/domain", "scheduler")
        )
        == []
    )


def test_the_odata_check_can_fail() -> None:
    assert odata_outside_the_store(("bot/store",)) != []
