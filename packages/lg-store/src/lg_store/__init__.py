"""The LangGraph store client, usable alone: ``pip install lg-store``.

    from lg_store import StoreClient

    async with StoreClient.connect(url="http://localhost:8123") as store:
        await store.put_item(["users", "u1"], "prefs", {"theme": "dark"})
        item = await store.get_item(["users", "u1"], "prefs")

`SyncStoreClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_store._async.store import StoreClient
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_store._sync.store import SyncStoreClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncStoreClient": "lg_store._sync.store"}

__all__ = ["StoreClient", "SyncStoreClient"]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
