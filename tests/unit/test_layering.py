"""The layering rules, checked on the source: the domain is plain Python, only the Teams layer (and the dialogs it
runs) knows botbuilder, the dialogs never import the Teams layer, cards are drawn from domain values, the Teams
layer reaches the store only through services, only the store writes OData, and components are built only in the
composition roots."""

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


@pytest.mark.parametrize("folder", ["bot/teams", "bot/dialogs", "bot/cards"])
def test_handlers_and_dialogs_reach_the_store_only_through_services(folder: str) -> None:
    assert repository_reaches(folder) == {}


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


# Wiring: the objects that hold storage or other such objects (components) are built once, in the composition
# roots, never per turn or per delivery. A component is a class of bot/services, bot/store or bot/teams whose
# constructor takes one of these.
WIRED_FROM = {
    "Services", "Repos", "TableStore", "TableClient", "TableServiceClient", "SessionRepo", "TimerRepo",
    "ProfileRepo", "RoleRepo", "BarRepo", "SettingsRepo", "KeyValueRepo", "AuditRepo", "Access", "SessionEngine",
    "PolicySource", "Notifier",
}  # fmt: skip
PER_TURN = {"Turn"}  # the one activity's context, made for each turn by design
COMPOSITION_ROOTS = {
    "app.py": "the service's composition root",
    "bot/admin/cli.py": "the admin CLI's composition root",
    "bot/services/container.py": "open_store, Repos.open and build_services, shared by both roots",
    "bot/services/admin.py": "Admin.of, the admin command set, called once by each root",
    "bot/services/recipients.py": "the notifier's door to the store builds its FlagRaiser once, with itself",
}


def _annotation_names(node: ast.expr) -> set[str]:
    found = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    return found | {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def components(folders: tuple[str, ...]) -> set[str]:
    """Classes whose constructor (an __init__ or dataclass fields) takes storage or a component."""
    found: set[str] = set()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(cls, ast.ClassDef):
                    continue
                takes: set[str] = set()
                for node in cls.body:
                    if isinstance(node, ast.AnnAssign):
                        takes |= _annotation_names(node.annotation)
                    elif isinstance(node, ast.FunctionDef) and node.name == "__init__":
                        for arg in node.args.args:
                            takes |= _annotation_names(arg.annotation) if arg.annotation else set()
                if takes & WIRED_FROM:
                    found.add(cls.name)
    return found - PER_TURN


def built_where(names: set[str], files: list[Path]) -> list[str]:
    """`file:line Name` for every call that builds one of `names` (Name(...) or Name.factory(...))."""
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                func = func.value
            if isinstance(func, ast.Name) and func.id in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {func.id}")
    return found


def _sources() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "bot").rglob("*.py")), *sorted((ROOT / "scheduler").rglob("*.py"))]


def test_components_are_built_only_in_the_composition_roots() -> None:
    built = built_where(components(("bot/services", "bot/store", "bot/teams")), _sources())
    assert [b for b in built if b.split(":")[0] not in COMPOSITION_ROOTS] == []


def test_the_wiring_check_can_fail() -> None:
    found = components(("bot/services", "bot/store", "bot/teams"))
    assert {"Admin", "FlagRaiser", "OperatorChannel", "SessionRepo", "Recipients"} <= found
    assert any(b.startswith("app.py:") for b in built_where(found, [ROOT / "app.py"]))
