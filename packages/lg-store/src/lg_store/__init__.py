"""The LangGraph store client, usable alone: ``pip install lg-store``.

    from lg_store import StoreClient

    async with StoreClient.connect(url="http://localhost:8123") as store:
        await store.put_item(["users", "u1"], "prefs", {"theme": "dark"})
        item = await store.get_item(["users", "u1"], "prefs")

`SyncStoreClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lg_store._async.store import StoreClient

if TYPE_CHECKING:
    from lg_store._sync.store import SyncStoreClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncStoreClient": "lg_store._sync.store"}

__all__ = ["StoreClient", "SyncStoreClient"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
