"""The store client against the real Agent Server, async and sync."""

from __future__ import annotations

import uuid

import pytest

from lg_store import StoreClient, SyncStoreClient


def _root() -> str:
    # The server lists a namespace even after its items are gone and after a reset: every test
    # works under a root label of its own.
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.mark.needs("plain_store_namespaces")
async def test_store_round_trip_async(agent_server_url: str) -> None:
    users = _root()
    async with StoreClient.connect(url=agent_server_url) as store:
        await store.put_item([users, "u1"], "prefs", {"theme": "dark", "size": 3})
        await store.put_item([users, "u1"], "other", {"theme": "light", "size": 1}, index=False)
        await store.put_item([users, "u2"], "prefs", {"theme": "dark", "size": 2}, ttl=10)

        item = await store.get_item([users, "u1"], "prefs")
        assert item is not None
        assert item["value"] == {"theme": "dark", "size": 3}
        assert item["namespace"] == [users, "u1"]
        assert item["key"] == "prefs"
        assert await store.get_item([users, "u1"], "missing") is None

        found = await store.search_items([users], filter={"theme": "dark"})
        assert sorted(tuple(i["namespace"]) for i in found["items"]) == [
            (users, "u1"),
            (users, "u2"),
        ]
        page = await store.search_items([users], limit=1, offset=1)
        assert len(page["items"]) == 1

        namespaces = await store.list_namespaces(prefix=[users])
        assert sorted(map(tuple, namespaces["namespaces"])) == [(users, "u1"), (users, "u2")]
        shallow = await store.list_namespaces(prefix=[users], max_depth=1)
        assert shallow["namespaces"] == [[users]]

        await store.delete_item([users, "u1"], "prefs")
        assert await store.get_item([users, "u1"], "prefs") is None


async def test_store_ttl_refresh_async(agent_server_url: str) -> None:
    async with StoreClient.connect(url=agent_server_url) as store:
        await store.put_item(["ttl"], "k", {"v": 1}, ttl=5)
        item = await store.get_item(["ttl"], "k", refresh_ttl=True)
        assert item is not None and item["value"] == {"v": 1}
        found = await store.search_items(["ttl"], refresh_ttl=False)
        assert [i["key"] for i in found["items"]] == ["k"]


@pytest.mark.needs("plain_store_namespaces")
def test_store_round_trip_sync(agent_server_url: str) -> None:
    docs = _root()
    with SyncStoreClient.connect(url=agent_server_url) as store:
        store.put_item([docs], "a", {"n": 1})
        store.put_item([docs, "sub"], "b", {"n": 2})
        item = store.get_item([docs], "a")
        assert item is not None and item["value"] == {"n": 1}
        assert store.get_item([docs], "zzz") is None
        items = store.search_items([docs], filter={"n": 2})["items"]
        assert [(i["namespace"], i["key"]) for i in items] == [([docs, "sub"], "b")]
        assert sorted(
            map(tuple, store.list_namespaces(prefix=[docs], suffix=["sub"])["namespaces"])
        ) == [(docs, "sub")]
        store.delete_item([docs], "a")
        assert store.get_item([docs], "a") is None


def test_store_rejects_bad_labels_before_sending(agent_server_url: str) -> None:
    with (
        SyncStoreClient.connect(url=agent_server_url) as store,
        pytest.raises(ValueError, match="periods"),
    ):
        store.put_item(["a.b"], "k", {})
