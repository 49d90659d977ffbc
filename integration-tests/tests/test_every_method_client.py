"""Every client-level call, assistants method and store method, once per server, async and sync
(the harness: `every_method.py`; the table it fills: docs/servers.md)."""

from __future__ import annotations

import pytest
from every_method import ECHO_INPUT, ECHO_REPLY, Cases, Ctx, text_of

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.client import LangGraphClient, SyncLangGraphClient
from lg_transport.errors import NotFoundError

BACKENDS = ("httpx",)  # the HTTP backends are proven equal elsewhere; one lane per server
CASES = Cases()


# The client itself.


@CASES("get_client", flavours=("async",))
async def get_client_(c: Ctx) -> None:
    client = get_client(url=c.url, api_key=None)
    assert isinstance(client, LangGraphClient)
    assert str(client.http.client.base_url).rstrip("/") == c.url
    assert [a["graph_id"] for a in await client.assistants.search(graph_id="echo")] == ["echo"]
    await client.aclose()


@CASES("get_sync_client", flavours=("sync",))
async def get_sync_client_(c: Ctx) -> None:
    client = get_sync_client(url=c.url, api_key=None)
    assert isinstance(client, SyncLangGraphClient)
    assert str(client.http.client.base_url).rstrip("/") == c.url
    assert [a["graph_id"] for a in client.assistants.search(graph_id="echo")] == ["echo"]
    client.close()


async def _closed_client_refuses(c: Ctx, close: str) -> None:
    await c.call(c.client.assistants.count)
    await c.call(getattr(c.client, close))
    assert c.client.http.client.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await c.call(c.client.assistants.count)


@CASES("client.aclose", flavours=("async",))
async def client_aclose(c: Ctx) -> None:
    await _closed_client_refuses(c, "aclose")


@CASES("client.close", flavours=("sync",))
async def client_close(c: Ctx) -> None:
    await _closed_client_refuses(c, "close")


@CASES("client.with_options")
async def client_with_options(c: Ctx) -> None:
    tuned = c.client.with_options(headers={"x-every-method": c.tag}, max_retries=0)
    assert type(tuned) is type(c.client) and tuned is not c.client
    assert tuned.http.client is c.client.http.client  # one connection pool
    raw = await c.call(tuned.with_raw_response.threads.create)
    assert raw.http_response.request.headers["x-every-method"] == c.tag
    assert raw.parse()["status"] == "idle"


@CASES("client.with_raw_response")
async def client_with_raw_response(c: Ctx) -> None:
    raw = await c.call(c.client.with_raw_response.threads.create, metadata={"m": c.tag})
    assert (raw.status_code, raw.method, raw.url.path) == (200, "POST", "/threads")
    assert raw.parse()["metadata"]["m"] == c.tag


@CASES("client.http.get")
async def http_get(c: Ctx) -> None:
    thread_id = await c.thread()
    assert (await c.call(c.client.http.get, f"/threads/{thread_id}"))["thread_id"] == thread_id


@CASES("client.http.post")
async def http_post(c: Ctx) -> None:
    thread = await c.call(c.client.http.post, "/threads", json={"metadata": {"m": c.tag}})
    assert thread["metadata"]["m"] == c.tag
    found = await c.call(c.client.threads.search, metadata={"m": c.tag})
    assert [t["thread_id"] for t in found] == [thread["thread_id"]]


@CASES("client.http.put")
async def http_put(c: Ctx) -> None:
    item = {"namespace": [c.tag], "key": "k", "value": {"v": 1}}
    assert await c.call(c.client.http.put, "/store/items", json=item) is None
    assert (await c.call(c.client.store.get_item, [c.tag], "k"))["value"] == {"v": 1}


@CASES("client.http.patch")
async def http_patch(c: Ctx) -> None:
    thread_id = await c.thread()
    patched = await c.call(
        c.client.http.patch, f"/threads/{thread_id}", json={"metadata": {"m": c.tag}}
    )
    assert patched["metadata"]["m"] == c.tag


@CASES("client.http.delete")
async def http_delete(c: Ctx) -> None:
    thread_id = await c.thread()
    assert await c.call(c.client.http.delete, f"/threads/{thread_id}") is None
    with pytest.raises(NotFoundError):
        await c.call(c.client.threads.get, thread_id)


@CASES("client.http.stream")
async def http_stream(c: Ctx) -> None:
    thread_id = await c.thread()
    body = {"assistant_id": "echo", "input": ECHO_INPUT, "stream_mode": "values"}
    parts = await c.drain(
        c.client.http.stream(f"/threads/{thread_id}/runs/stream", "POST", json=body)
    )
    events = [part.event for part in parts]
    expected = ["metadata", "values", "values"] + (["end"] if c.lacks("end_event") else [])
    assert events == expected
    assert text_of(parts[2].data["messages"][-1]) == ECHO_REPLY


@CASES("client.http.request_reconnect")
async def http_request_reconnect(c: Ctx) -> None:
    thread_id = await c.thread()
    body = {"assistant_id": "echo", "input": ECHO_INPUT}
    output = await c.call(
        c.client.http.request_reconnect, f"/threads/{thread_id}/runs/wait", "POST", json=body
    )
    assert text_of(output["messages"][-1]) == ECHO_REPLY


# Assistants.


async def _assistant(c: Ctx, **config: str) -> dict:
    # A config of its own: Aegra refuses a second assistant of the same graph and config.
    return await c.call(
        c.client.assistants.create,
        "echo",
        config={"configurable": {"tag": c.tag, **config}},
        name=f"a-{c.tag}",
        metadata={"m": c.tag},
    )


@CASES("assistants.count")
async def assistants_count(c: Ctx) -> None:
    assert await c.call(c.client.assistants.count, graph_id="echo") == 1
    await _assistant(c)
    assert await c.call(c.client.assistants.count, graph_id="echo") == 2
    assert await c.call(c.client.assistants.count, metadata={"m": c.tag}) == 1


@CASES("assistants.create")
async def assistants_create(c: Ctx) -> None:
    made = await _assistant(c)
    assert (made["graph_id"], made["name"], made["version"]) == ("echo", f"a-{c.tag}", 1)
    assert made["metadata"]["m"] == c.tag
    assert made["config"]["configurable"]["tag"] == c.tag


@CASES("assistants.delete")
async def assistants_delete(c: Ctx) -> None:
    made = await _assistant(c)
    assert await c.call(c.client.assistants.delete, made["assistant_id"]) is None
    with pytest.raises(NotFoundError):
        await c.call(c.client.assistants.get, made["assistant_id"])


@CASES("assistants.get")
async def assistants_get(c: Ctx) -> None:
    made = await _assistant(c)
    got = await c.call(c.client.assistants.get, made["assistant_id"])
    assert (got["assistant_id"], got["name"]) == (made["assistant_id"], f"a-{c.tag}")


@CASES("assistants.get_graph")
async def assistants_get_graph(c: Ctx) -> None:
    graph = await c.call(c.client.assistants.get_graph, await c.graph_assistant("echo"))
    assert [node["id"] for node in graph["nodes"]] == ["__start__", "respond", "__end__"]
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {
        ("__start__", "respond"),
        ("respond", "__end__"),
    }


@CASES("assistants.get_schemas")
async def assistants_get_schemas(c: Ctx) -> None:
    schemas = await c.call(c.client.assistants.get_schemas, await c.graph_assistant("echo"))
    assert schemas["graph_id"] == "echo"
    assert "messages" in schemas["input_schema"]["properties"]


@CASES("assistants.get_subgraphs")
async def assistants_get_subgraphs(c: Ctx) -> None:
    assistant_id = await c.graph_assistant("subgraph")
    assert list(await c.call(c.client.assistants.get_subgraphs, assistant_id)) == ["child"]
    async with c.missing("assistant_subgraphs"):
        one = await c.call(c.client.assistants.get_subgraphs, assistant_id, namespace="child")
        assert list(one) == ["child"]


@CASES("assistants.get_versions")
async def assistants_get_versions(c: Ctx) -> None:
    made = await _assistant(c)
    await c.call(c.client.assistants.update, made["assistant_id"], metadata={"v": 2})
    versions = await c.call(c.client.assistants.get_versions, made["assistant_id"])
    assert [v["version"] for v in versions] == [2, 1]
    first = await c.call(c.client.assistants.get_versions, made["assistant_id"], limit=1)
    assert len(first) == (2 if c.lacks("assistant_versions_paging") else 1)


@CASES("assistants.search")
async def assistants_search(c: Ctx) -> None:
    found = await c.call(c.client.assistants.search, graph_id="subgraph")
    assert [(a["graph_id"], a["name"]) for a in found] == [("subgraph", "subgraph")]
    made = await _assistant(c)
    mine = await c.call(c.client.assistants.search, metadata={"m": c.tag})
    assert [a["assistant_id"] for a in mine] == [made["assistant_id"]]


@CASES("assistants.set_latest")
async def assistants_set_latest(c: Ctx) -> None:
    made = await _assistant(c, step="one")
    await c.call(
        c.client.assistants.update,
        made["assistant_id"],
        config={"configurable": {"tag": c.tag, "step": "two"}},
    )
    latest = await c.call(c.client.assistants.set_latest, made["assistant_id"], 1)
    assert latest["version"] == 1
    assert latest["config"]["configurable"]["step"] == "one"
    got = await c.call(c.client.assistants.get, made["assistant_id"])
    assert got["config"]["configurable"]["step"] == "one"


@CASES("assistants.update")
async def assistants_update(c: Ctx) -> None:
    made = await _assistant(c)
    updated = await c.call(
        c.client.assistants.update, made["assistant_id"], metadata={"m": "new"}, name="renamed"
    )
    assert (updated["version"], updated["name"], updated["metadata"]["m"]) == (2, "renamed", "new")


# The store (each case under a namespace root of its own, `c.tag`).


def _stored_namespace(c: Ctx, *labels: str) -> list[str]:
    """The namespace the server reports for ``labels``: Aegra prefixes its user's."""
    return (["users", "anonymous"] if c.lacks("plain_store_namespaces") else []) + list(labels)


@CASES("store.put_item")
async def store_put_item(c: Ctx) -> None:
    assert await c.call(c.client.store.put_item, [c.tag, "a"], "k", {"v": 1}) is None
    assert await c.call(c.client.store.put_item, [c.tag, "a"], "k", {"v": 2}, index=False) is None
    item = await c.call(c.client.store.get_item, [c.tag, "a"], "k")
    assert (item["key"], item["value"]) == ("k", {"v": 2})
    assert item["namespace"] == _stored_namespace(c, c.tag, "a")


@CASES("store.get_item")
async def store_get_item(c: Ctx) -> None:
    await c.call(c.client.store.put_item, [c.tag], "k", {"v": 1})
    item = await c.call(c.client.store.get_item, [c.tag], "k")
    assert (item["key"], item["value"]) == ("k", {"v": 1})
    assert item["namespace"] == _stored_namespace(c, c.tag)
    assert await c.call(c.client.store.get_item, [c.tag], "missing") is None  # bridged on Aegra


@CASES("store.delete_item")
async def store_delete_item(c: Ctx) -> None:
    await c.call(c.client.store.put_item, [c.tag], "k", {"v": 1})
    assert await c.call(c.client.store.delete_item, [c.tag], "k") is None
    assert await c.call(c.client.store.get_item, [c.tag], "k") is None


@CASES("store.search_items")
async def store_search_items(c: Ctx) -> None:
    await c.call(c.client.store.put_item, [c.tag, "a"], "k1", {"colour": "red"})
    await c.call(c.client.store.put_item, [c.tag, "b"], "k2", {"colour": "blue"})
    found = await c.call(c.client.store.search_items, [c.tag], filter={"colour": "blue"})
    assert [(i["namespace"], i["key"]) for i in found["items"]] == [
        (_stored_namespace(c, c.tag, "b"), "k2")
    ]


@CASES("store.list_namespaces")
async def store_list_namespaces(c: Ctx) -> None:
    await c.call(c.client.store.put_item, [c.tag, "a"], "k", {"v": 1})
    await c.call(c.client.store.put_item, [c.tag, "b"], "k", {"v": 1})
    listed = await c.call(c.client.store.list_namespaces, prefix=[c.tag])
    assert sorted(listed["namespaces"]) == [
        _stored_namespace(c, c.tag, "a"),
        _stored_namespace(c, c.tag, "b"),
    ]


@pytest.mark.parametrize(("method", "flavour"), CASES.params())
async def test_method(method: str, flavour: str, server: str, agent_server_url: str) -> None:
    await CASES.run(method, flavour, server, agent_server_url)
