"""botbuilder's `Storage` on Table storage (the kv table), so dialog state survives a restart or another instance.

Store items are serialised the way botbuilder's own BlobStorage does it (jsonpickle: plain JSON with
`py/object` tags for classes such as DialogState and DialogInstance). Reading is stricter than BlobStorage:
restoring a tag instantiates a class, so only the classes dialog state consists of are accepted, and an item
naming any other class is treated as absent (the conversation's dialog simply starts over).

ETags follow botbuilder's contract: an item read from here carries `e_tag`; writing it back succeeds only if
nobody wrote in between (StaleWrite otherwise); an item without `e_tag`, or with "*", is written as is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from botbuilder.core import Storage
from jsonpickle.pickler import Pickler
from jsonpickle.unpickler import Unpickler

from bot.store.kv import DIALOG_STATE_NAMESPACE, KeyValueRepo

log = logging.getLogger(__name__)

NAMESPACE = DIALOG_STATE_NAMESPACE
E_TAG = "e_tag"
ALLOWED_CLASSES = frozenset(
    {
        "botbuilder.dialogs.dialog_state.DialogState",
        "botbuilder.dialogs.dialog_instance.DialogInstance",
    }
)
# jsonpickle tags that build nothing but plain containers or back-references.
HARMLESS_TAGS = frozenset({"py/id", "py/tuple", "py/set"})


class RefusedStoreItem(ValueError):
    """A stored item names a class outside ALLOWED_CLASSES (or a tag that runs code)."""


def to_plain(item: Any) -> Any:
    """The JSON-compatible form of a store item, without its `e_tag` (that lives in the row's ETag)."""
    plain = Pickler().flatten(item)
    if isinstance(plain, dict):
        plain.pop(E_TAG, None)
    return plain


def check_plain(node: Any) -> None:
    """Raise RefusedStoreItem unless every jsonpickle tag in `node` is harmless or an allowed class."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "py/object":
                if value not in ALLOWED_CLASSES:
                    raise RefusedStoreItem(str(value))
            elif key.startswith("py/") and key not in HARMLESS_TAGS:
                raise RefusedStoreItem(key)
            check_plain(value)
    elif isinstance(node, list):
        for value in node:
            check_plain(value)


def from_plain(plain: Any) -> Any:
    check_plain(plain)
    return Unpickler().restore(plain)


def _e_tag_of(item: Any) -> str | None:
    value = item.get(E_TAG) if isinstance(item, dict) else getattr(item, E_TAG, None)
    return value if isinstance(value, str) or value is None else str(value)


def _set_e_tag(item: Any, e_tag: str) -> None:
    if isinstance(item, dict):
        item[E_TAG] = e_tag
    elif hasattr(item, E_TAG) or hasattr(item, "__dict__"):
        setattr(item, E_TAG, e_tag)


class TableStorage(Storage):
    """Keys are botbuilder's state keys ("msteams/conversations/<id>"); one kv row each."""

    def __init__(self, kv: KeyValueRepo, namespace: str = NAMESPACE) -> None:
        self._kv = kv
        self._namespace = namespace

    async def read(self, keys: list[str]) -> dict[str, Any]:
        items: dict[str, Any] = {}
        for key in keys or []:
            plain, e_tag = await self._kv.get(self._namespace, key)
            if plain is None or e_tag is None:
                continue
            try:
                item = from_plain(plain)
            except RefusedStoreItem as exc:
                log.warning("ignored a stored state item that names %s", exc)
                continue
            _set_e_tag(item, e_tag)
            items[key] = item
        return items

    async def write(self, changes: dict[str, Any]) -> None:
        """Write each item; StaleWrite (from the kv repo) when an item's e_tag is no longer the row's."""
        if changes is None:
            raise ValueError("changes are required when writing")
        for key, item in changes.items():
            e_tag = _e_tag_of(item)
            if e_tag == "":
                raise ValueError("TableStorage.write(): e_tag missing")
            condition = None if e_tag in (None, "*") else e_tag
            new_e_tag = await self._kv.put(self._namespace, key, to_plain(item), condition)
            _set_e_tag(item, new_e_tag)  # a second write in the same turn is then conditional on this one

    async def delete(self, keys: Iterable[str]) -> None:
        for key in keys:
            await self._kv.delete(self._namespace, key)
