"""The assistants client against the real Agent Server, each test async and sync.

The server makes one assistant per graph of `langgraph.json` (metadata ``created_by: system``)
and keeps them across resets; the assistants a test creates are wiped by the reset.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from lg_assistants import AssistantsClient, SyncAssistantsClient
from lg_transport.errors import ConflictError, NotFoundError, UnprocessableEntityError


class AwaitableSync:
    """The sync client behind the async client's interface, so one test body drives both."""

    def __init__(self, client: SyncAssistantsClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._client, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return method(*args, **kwargs)

        return call


@pytest.fixture(params=["async", "sync"])
async def assistants(request: pytest.FixtureRequest, agent_server_url: str) -> AsyncIterator[Any]:
    if request.param == "async":
        async with AssistantsClient.connect(url=agent_server_url) as client:
            yield client
    else:
        with SyncAssistantsClient.connect(url=agent_server_url) as sync_client:
            yield AwaitableSync(sync_client)


async def system_assistant(assistants: Any, graph_id: str) -> Any:
    found = await assistants.search(graph_id=graph_id, metadata={"created_by": "system"})
    assert len(found) == 1, found
    return found[0]


async def test_get_graph_schemas_and_subgraphs(assistants: Any) -> None:
    echo = await system_assistant(assistants, "echo")
    assert await assistants.get(echo["assistant_id"]) == echo

    graph = await assistants.get_graph(echo["assistant_id"])
    assert {node["id"] for node in graph["nodes"]} >= {"__start__", "respond"}
    assert graph["edges"]

    schemas = await assistants.get_schemas(echo["assistant_id"])
    assert schemas["graph_id"] == "echo"
    assert "messages" in schemas["state_schema"]["properties"]

    parent = await system_assistant(assistants, "subgraph")
    flat = await assistants.get_graph(parent["assistant_id"])
    drawn = await assistants.get_graph(parent["assistant_id"], xray=True)
    assert "child:child_step_1" not in {node["id"] for node in flat["nodes"]}
    assert "child:child_step_1" in {node["id"] for node in drawn["nodes"]}
    depth_one = await assistants.get_graph(parent["assistant_id"], xray=1)
    assert "child:child_step_1" in {node["id"] for node in depth_one["nodes"]}

    subgraphs = await assistants.get_subgraphs(parent["assistant_id"])
    assert list(subgraphs) == ["child"]
    assert "steps" in subgraphs["child"]["state_schema"]["properties"]
    assert list(await assistants.get_subgraphs(parent["assistant_id"], recurse=True)) == ["child"]


@pytest.mark.needs("assistant_subgraphs")
async def test_get_subgraphs_of_a_namespace(assistants: Any) -> None:
    parent = await system_assistant(assistants, "subgraph")
    assert list(await assistants.get_subgraphs(parent["assistant_id"], "child")) == ["child"]


async def test_create_update_versions_and_delete(assistants: Any) -> None:
    created = await assistants.create(
        "echo",
        config={"tags": ["v1"]},
        context={"tone": "dry"},
        metadata={"owner": "test"},
        name="Echo v1",
        description="first",
    )
    assistant_id = created["assistant_id"]
    assert created["graph_id"] == "echo"
    assert created["config"]["tags"] == ["v1"]
    assert created["context"] == {"tone": "dry"}
    assert created["metadata"] == {"owner": "test"}
    assert (created["name"], created["description"], created["version"]) == ("Echo v1", "first", 1)

    # The same id again: do_nothing hands back what is there; raise is a conflict.
    again = await assistants.create("echo", assistant_id=assistant_id, if_exists="do_nothing")
    assert again["assistant_id"] == assistant_id
    assert again["name"] == "Echo v1"
    with pytest.raises(ConflictError):
        await assistants.create("echo", assistant_id=assistant_id, if_exists="raise")

    updated = await assistants.update(
        assistant_id, config={"tags": ["v2"]}, metadata={"stage": "two"}, name="Echo v2"
    )
    assert updated["version"] == 2
    assert updated["name"] == "Echo v2"
    assert updated["config"]["tags"] == ["v2"]
    assert updated["metadata"] == {"owner": "test", "stage": "two"}  # merged
    assert (await assistants.get(assistant_id))["version"] == 2

    versions = await assistants.get_versions(assistant_id)
    assert sorted(v["version"] for v in versions) == [1, 2]

    rolled_back = await assistants.set_latest(assistant_id, 1)
    assert (rolled_back["version"], rolled_back["name"]) == (1, "Echo v1")
    assert (await assistants.get(assistant_id))["config"]["tags"] == ["v1"]

    assert await assistants.delete(assistant_id) is None
    with pytest.raises(NotFoundError):
        await assistants.get(assistant_id)


@pytest.mark.needs("assistant_versions_paging")
async def test_get_versions_pages(assistants: Any) -> None:
    created = await assistants.create("echo", name="Echo v1")
    assistant_id = created["assistant_id"]
    await assistants.update(assistant_id, name="Echo v2", metadata={"stage": "two"})
    assert [v["version"] for v in await assistants.get_versions(assistant_id, limit=1)] == [2]
    assert len(await assistants.get_versions(assistant_id, limit=1, offset=1)) == 1
    tagged = await assistants.get_versions(assistant_id, metadata={"stage": "two"})
    assert [v["version"] for v in tagged] == [2]


@pytest.mark.needs("assistants_per_graph")
async def test_search_count_and_pages(assistants: Any) -> None:
    batch = uuid.uuid4().hex
    for name in ("alpha", "beta", "gamma"):
        await assistants.create("echo", metadata={"batch": batch}, name=f"{name}-{batch}")
    await assistants.create("slow", metadata={"batch": batch}, name=f"delta-{batch}")

    assert await assistants.count(metadata={"batch": batch}) == 4
    assert await assistants.count(metadata={"batch": batch}, graph_id="echo") == 3
    assert await assistants.count(name=f"BETA-{batch}") == 1  # case-insensitive substring
    assert await assistants.count() >= 7 + 4  # the graphs' own assistants are counted too

    by_name = await assistants.search(
        metadata={"batch": batch}, sort_by="name", sort_order="desc", select=["name", "graph_id"]
    )
    assert [a["name"].split("-")[0] for a in by_name] == ["gamma", "delta", "beta", "alpha"]
    assert set(by_name[0]) == {"name", "graph_id"}

    first = await assistants.search(
        metadata={"batch": batch},
        sort_by="name",
        sort_order="asc",
        limit=3,
        response_format="object",
    )
    assert [a["name"].split("-")[0] for a in first["assistants"]] == ["alpha", "beta", "delta"]
    assert first["next"] == "3"
    rest = await assistants.search(
        metadata={"batch": batch},
        sort_by="name",
        sort_order="asc",
        limit=3,
        offset=3,
        response_format="object",
    )
    assert [a["name"].split("-")[0] for a in rest["assistants"]] == ["gamma"]
    assert rest["next"] is None

    only_slow = await assistants.search(graph_id="slow", name=batch)
    assert [a["name"] for a in only_slow] == [f"delta-{batch}"]


@pytest.mark.needs("assistant_delete_threads")
async def test_delete_with_threads(assistants: Any, agent_server_url: str) -> None:
    created = await assistants.create("echo")
    assistant_id = created["assistant_id"]
    # A thread belongs to an assistant once it ran it (the server then sets the thread's
    # metadata.assistant_id). Made with raw HTTP so that this file tests only assistants.
    with httpx.Client(base_url=agent_server_url, timeout=30) as raw:
        mine = raw.post("/threads", json={}).json()["thread_id"]
        other = raw.post("/threads", json={}).json()["thread_id"]
        run = raw.post(
            f"/threads/{mine}/runs/wait",
            json={"assistant_id": assistant_id, "input": {"messages": []}},
        )
        assert run.status_code == 200, run.text
        assert raw.get(f"/threads/{mine}").json()["metadata"]["assistant_id"] == assistant_id

        await assistants.delete(assistant_id, delete_threads=True)
        assert raw.get(f"/threads/{mine}").status_code == 404
        assert raw.get(f"/threads/{other}").status_code == 200


@pytest.mark.needs("uuid_validation")
async def test_server_errors_are_typed(assistants: Any) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(UnprocessableEntityError, match="UUID"):
        await assistants.get("echo")  # a graph name is not an assistant id here
    for call in (
        lambda: assistants.get(missing),
        lambda: assistants.get_versions(missing),
        lambda: assistants.update(missing, name="x"),
        lambda: assistants.delete(missing),
        lambda: assistants.create("no-such-graph"),
    ):
        with pytest.raises(NotFoundError):
            await call()
    echo = await system_assistant(assistants, "echo")
    with pytest.raises(NotFoundError, match="Version 99"):
        await assistants.set_latest(echo["assistant_id"], 99)


async def test_bad_arguments_fail_before_the_server(assistants: Any) -> None:
    with pytest.raises(ValueError, match="assistant_id"):
        await assistants.get("")
    with pytest.raises(ValueError, match="response_format"):
        await assistants.search(response_format="dict")
    with pytest.raises(ValueError, match="if_exists"):
        await assistants.create("echo", if_exists="overwrite")
