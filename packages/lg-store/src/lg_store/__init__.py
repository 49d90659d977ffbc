"""The LangGraph store client, usable alone: ``pip install lg-store``.

    from lg_store import StoreClient

    async with StoreClient.connect(url="http://localhost:8123") as store:
        await store.put_item(["users", "u1"], "prefs", {"theme": "dark"})
        item = await store.get_item(["users", "u1"], "prefs")

`SyncStoreClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from lg_store._async.store import StoreClient
from lg_store._sync.store import SyncStoreClient

__all__ = ["StoreClient", "SyncStoreClient"]
