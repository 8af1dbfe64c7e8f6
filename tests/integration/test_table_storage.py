"""The botbuilder Storage on Table storage keeps dialog state the way botbuilder expects: what a DialogSet stores
comes back as the same objects, ETags guard against a concurrent turn, and a stored item naming a class that
dialog state never contains is not turned into an object.
"""

from __future__ import annotations

from typing import Any

import pytest
from botbuilder.dialogs import DialogInstance, DialogState

from bot.store.errors import StaleWrite
from bot.store.kv import KeyValueRepo
from bot.store.tables import TableStore
from bot.teams.table_storage import NAMESPACE, RefusedStoreItem, TableStorage, check_plain

KEY = "msteams/conversations/a:1personal-0f3a1c2e?x#y"  # '/', '?' and '#' are not allowed in table keys as such


def dialog_state() -> dict[str, Any]:
    inner = DialogState(
        [DialogInstance("registration.form", {"options": {"attempts": 1}, "values": {}, "stepIndex": 0})]
    )
    return {"DialogState": DialogState([DialogInstance("registration", {"dialogs": inner})])}


async def test_dialog_state_round_trips_with_an_e_tag(store: TableStore) -> None:
    storage = TableStorage(KeyValueRepo(store))
    await storage.write({KEY: dialog_state()})

    item = (await storage.read([KEY, "missing"]))[KEY]

    assert set(await storage.read(["missing"])) == set()
    outer = item["DialogState"]
    assert isinstance(outer, DialogState)
    inner = outer.dialog_stack[0].state["dialogs"]
    assert isinstance(inner, DialogState)
    assert inner.dialog_stack[0].id == "registration.form"
    assert inner.dialog_stack[0].state["options"] == {"attempts": 1}
    assert item["e_tag"]


async def test_a_write_with_an_outdated_e_tag_loses(store: TableStore) -> None:
    storage = TableStorage(KeyValueRepo(store))
    await storage.write({KEY: dialog_state()})
    first = (await storage.read([KEY]))[KEY]
    second = (await storage.read([KEY]))[KEY]

    await storage.write({KEY: first})
    with pytest.raises(StaleWrite):
        await storage.write({KEY: second})
    await storage.write({KEY: first})  # its e_tag was moved on by its own write: the same turn may write again

    second["e_tag"] = "*"
    await storage.write({KEY: second})  # "*" means: whatever is there


async def test_delete(store: TableStore) -> None:
    storage = TableStorage(KeyValueRepo(store))
    await storage.write({KEY: {"x": 1}})
    await storage.delete([KEY, "never-written"])
    assert await storage.read([KEY]) == {}


async def test_a_stored_item_naming_another_class_is_ignored(store: TableStore) -> None:
    kv = KeyValueRepo(store)
    await kv.put(NAMESPACE, KEY, {"DialogState": {"py/object": "subprocess.Popen", "args": ["true"]}})

    assert await TableStorage(kv).read([KEY]) == {}


@pytest.mark.parametrize(
    "plain",
    [
        {"py/reduce": [{"py/function": "os.system"}, {"py/tuple": ["true"]}]},
        {"a": [{"py/object": "builtins.object"}]},
        {"py/repr": "os/os.getcwd()"},
    ],
)
def test_tags_that_build_anything_else_are_refused(plain: Any) -> None:
    with pytest.raises(RefusedStoreItem):
        check_plain(plain)
