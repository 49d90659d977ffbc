"""Custom auth written with `langgraph_sdk.Auth` (lg-auth), enforced by the real server
(`server/auth/auth.py`): 401 without a valid token, owners stamped and filtered (another user's
thread is a 404 and never in a search), a forbidden action is a 403, store namespaces per user.
Async and sync clients."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.errors import AuthenticationError, NotFoundError, PermissionDeniedError


def _token(user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer token-{user}"}


async def test_no_or_bad_token_is_401(auth_server_url: str) -> None:
    for headers in (None, {"Authorization": "Bearer nope"}):
        async with get_client(url=auth_server_url, api_key=None, headers=headers) as client:
            with pytest.raises(AuthenticationError) as info:
                await client.threads.create()
        assert info.value.status_code == 401
        assert isinstance(info.value, httpx.HTTPStatusError)
        assert "invalid or missing token" in str(info.value)
    with (
        get_sync_client(url=auth_server_url, api_key=None) as sync_client,
        pytest.raises(AuthenticationError),
    ):
        sync_client.threads.search()


async def test_owners_are_stamped_and_others_get_404(auth_server_url: str) -> None:
    async with (
        get_client(url=auth_server_url, api_key=None, headers=_token("alice")) as alice,
        get_client(url=auth_server_url, api_key=None, headers=_token("bob")) as bob,
    ):
        thread = await alice.threads.create(metadata={"topic": "auth"})
        assert thread["metadata"] == {"topic": "auth", "owner": "alice"}
        assert (await alice.threads.get(thread["thread_id"]))["thread_id"] == thread["thread_id"]
        with pytest.raises(NotFoundError):
            await bob.threads.get(thread["thread_id"])
        with pytest.raises(NotFoundError):
            await bob.threads.update(thread["thread_id"], metadata={"stolen": True})
        with pytest.raises(NotFoundError):
            await bob.runs.create(thread["thread_id"], "echo", input={"messages": []})


async def test_searches_list_only_the_users_own(auth_server_url: str) -> None:
    tag = uuid.uuid4().hex
    async with (
        get_client(url=auth_server_url, api_key=None, headers=_token("alice")) as alice,
        get_client(url=auth_server_url, api_key=None, headers=_token("bob")) as bob,
    ):
        mine = {(await alice.threads.create(metadata={"tag": tag}))["thread_id"] for _ in "ab"}
        theirs = (await bob.threads.create(metadata={"tag": tag}))["thread_id"]
        found = await alice.threads.search(metadata={"tag": tag})
        assert {t["thread_id"] for t in found} == mine
        assert all(t["metadata"]["owner"] == "alice" for t in await alice.threads.search())
        assert await alice.threads.count(metadata={"tag": tag}) == 2
        assert [t["thread_id"] for t in await bob.threads.search(metadata={"tag": tag})] == [theirs]


def test_sync_client_is_filtered_too(auth_server_url: str) -> None:
    with (
        get_sync_client(url=auth_server_url, api_key=None, headers=_token("alice")) as alice,
        get_sync_client(url=auth_server_url, api_key=None, headers=_token("bob")) as bob,
    ):
        thread = alice.threads.create()
        assert thread["metadata"]["owner"] == "alice"
        with pytest.raises(NotFoundError):
            bob.threads.get(thread["thread_id"])
        assert thread["thread_id"] not in {t["thread_id"] for t in bob.threads.search(limit=100)}
        result: Any = alice.runs.wait(
            thread["thread_id"], "echo", input={"messages": [{"role": "user", "content": "hi"}]}
        )
        assert result["messages"][-1]["content"] == "echo: hi"


async def test_a_forbidden_action_is_403(auth_server_url: str) -> None:
    async with get_client(url=auth_server_url, api_key=None, headers=_token("alice")) as alice:
        thread = await alice.threads.create()
        with pytest.raises(PermissionDeniedError) as info:
            await alice.threads.delete(thread["thread_id"])
    assert info.value.status_code == 403
    assert "deleting threads is not allowed" in str(info.value)
    with get_sync_client(url=auth_server_url, api_key=None, headers=_token("alice")) as sync:
        with pytest.raises(PermissionDeniedError):
            sync.threads.delete(thread["thread_id"])
        assert sync.threads.get(thread["thread_id"])["thread_id"] == thread["thread_id"]


async def test_store_namespaces_are_per_user(auth_server_url: str) -> None:
    space = ["alice", uuid.uuid4().hex]
    async with (
        get_client(url=auth_server_url, api_key=None, headers=_token("alice")) as alice,
        get_client(url=auth_server_url, api_key=None, headers=_token("bob")) as bob,
    ):
        await alice.store.put_item(space, "note", {"text": "mine"})
        item = await alice.store.get_item(space, "note")
        assert item is not None and item["value"] == {"text": "mine"}
        found = await alice.store.search_items(space)
        assert [i["key"] for i in found["items"]] == ["note"]
        with pytest.raises(PermissionDeniedError):
            await bob.store.get_item(space, "note")
        with pytest.raises(PermissionDeniedError):
            await bob.store.put_item(space, "note", {"text": "overwritten"})
        with pytest.raises(PermissionDeniedError):
            await bob.store.search_items(["alice"])
        with pytest.raises(PermissionDeniedError):
            await bob.store.delete_item(space, "note")
        own = ["bob", uuid.uuid4().hex]
        await bob.store.put_item(own, "note", {"text": "bob's"})
        assert (await bob.store.get_item(own, "note") or {}).get("value") == {"text": "bob's"}
    with (
        get_sync_client(url=auth_server_url, api_key=None, headers=_token("bob")) as sync_bob,
        pytest.raises(PermissionDeniedError),
    ):
        sync_bob.store.get_item(space, "note")
    # Untouched by bob's attempts.
    async with get_client(url=auth_server_url, api_key=None, headers=_token("alice")) as alice:
        assert (await alice.store.get_item(space, "note") or {}).get("value") == {"text": "mine"}
