"""`lg_threads` against the real Agent Server: every method, through the async client and the
generated sync one.

Runs come from the `interrupt` and `echo` graphs, created with a plain `POST
/threads/{id}/runs/wait` so that this file needs no runs client. Server behaviours worth knowing
(all observed on the pinned in-memory server) are spelled out where a test relies on them.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from lg_threads import SyncThreadsClient, ThreadsClient
from lg_transport.errors import (
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    UnprocessableEntityError,
)

INTERRUPT_INPUT = {"question": "ok?"}
ECHO_INPUT = {"messages": [{"role": "user", "content": "hi"}]}


class Threads:
    """One surface over both clients: ``await api.call("get", ...)`` runs the async method or the
    sync one, so each test body is written once and run for both flavours."""

    def __init__(self, client: ThreadsClient | SyncThreadsClient) -> None:
        self.client = client
        self.is_async = isinstance(client, ThreadsClient)

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, method)(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    async def without_retries(self, method: str, *args: Any, **kwargs: Any) -> Any:
        client = self.client.with_options(max_retries=0)
        result = getattr(client, method)(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    async def read_stream(self, stream: Any, stop: Callable[[Any], bool]) -> list[Any]:
        """Parts of ``stream`` up to and including the first for which ``stop`` is true; the
        stream is closed then (a thread stream otherwise stays open for ever)."""
        parts: list[Any] = []
        if self.is_async:
            try:
                async for part in stream:
                    parts.append(part)
                    if stop(part):
                        break
            finally:
                await stream.aclose()
        else:
            try:
                for part in stream:
                    parts.append(part)
                    if stop(part):
                        break
            finally:
                stream.close()
        return parts

    async def close(self) -> None:
        if isinstance(self.client, ThreadsClient):
            await self.client.aclose()
        else:
            self.client.close()


@pytest.fixture(params=["async", "sync"])
async def api(request: pytest.FixtureRequest, agent_server_url: str) -> AsyncIterator[Threads]:
    # A read timeout bounds every test that waits on a stream that never sends.
    if request.param == "async":
        threads = Threads(ThreadsClient.connect(url=agent_server_url, timeout=20))
    else:
        threads = Threads(SyncThreadsClient.connect(url=agent_server_url, timeout=20))
    yield threads
    await threads.close()


def run_wait(url: str, thread_id: str, graph: str, payload: dict[str, Any]) -> Any:
    """Run ``graph`` on the thread to its end (or interrupt) and answer its output."""
    response = httpx.post(
        f"{url}/threads/{thread_id}/runs/wait",
        json={"assistant_id": graph, "input": payload},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


# CRUD


@pytest.mark.needs("thread_metadata")
async def test_create_get_update_delete(api: Threads) -> None:
    thread = await api.call("create", metadata={"owner": "it"}, graph_id="echo", ttl=60)
    thread_id = thread["thread_id"]
    assert thread["metadata"] == {"owner": "it", "graph_id": "echo"}
    assert thread["status"] == "idle"

    assert (await api.call("get", thread_id))["thread_id"] == thread_id
    fetched = await api.call("get", thread_id, include=["ttl"])
    assert fetched["metadata"]["owner"] == "it"

    with pytest.raises(ConflictError):
        await api.call("create", thread_id=thread_id)
    again = await api.call("create", thread_id=thread_id, if_exists="do_nothing", metadata={"x": 1})
    assert again["thread_id"] == thread_id
    assert again["metadata"] == {"owner": "it", "graph_id": "echo"}  # the existing thread

    chosen = str(uuid.uuid4())
    created = await api.call("create", thread_id=chosen, if_exists="raise")
    assert created["thread_id"] == chosen

    updated = await api.call("update", thread_id, metadata={"extra": 1})
    assert updated["metadata"] == {"owner": "it", "graph_id": "echo", "extra": 1}
    ttl = {"ttl": 30, "strategy": "delete"}
    minimal = await api.call(
        "update", thread_id, metadata={"more": 2}, ttl=ttl, return_minimal=True
    )
    assert minimal is None
    assert (await api.call("get", thread_id))["metadata"]["more"] == 2

    assert await api.call("delete", thread_id) is None
    with pytest.raises(NotFoundError):
        await api.call("get", thread_id)
    with pytest.raises(NotFoundError):
        await api.call("delete", thread_id)
    with pytest.raises(NotFoundError):
        await api.call("update", thread_id, metadata={})
    with pytest.raises(UnprocessableEntityError):
        await api.call("get", "not-a-uuid")  # thread ids are UUIDs


async def test_search(api: Threads) -> None:
    first = await api.call("create", metadata={"group": "g1", "n": 1})
    second = await api.call("create", metadata={"group": "g1", "n": 2})
    await api.call("create", metadata={"group": "g2", "n": 3})

    found = await api.call("search", metadata={"group": "g1"})
    assert {t["thread_id"] for t in found} == {first["thread_id"], second["thread_id"]}
    found = await api.call("search", metadata={"group": "g1"}, status="idle", limit=1, offset=1)
    assert len(found) == 1 and found[0]["thread_id"] in {first["thread_id"], second["thread_id"]}
    assert await api.call("search", status="busy") == []


@pytest.mark.needs("thread_search_filters")
async def test_search_by_ids_with_a_projection(api: Threads) -> None:
    first = await api.call("create", metadata={"group": "g1"})
    other = await api.call("create", metadata={"group": "g2"})
    found = await api.call("search", ids=[other["thread_id"]], status="idle")
    assert [t["thread_id"] for t in found] == [other["thread_id"]]
    trimmed = await api.call(
        "search",
        ids=[first["thread_id"]],
        select=["thread_id", "metadata"],
        extract={"group": "metadata.group"},
    )
    assert trimmed == [
        {
            "thread_id": first["thread_id"],
            "metadata": first["metadata"],
            "extracted": {"group": "g1"},
        }
    ]
    with pytest.raises(BadRequestError):
        await api.call("search", ids=["not-a-uuid"])


@pytest.mark.needs("thread_search_sort")
async def test_search_sorted_pages(api: Threads) -> None:
    made = [await api.call("create", metadata={"n": n}) for n in range(3)]
    ids = sorted(t["thread_id"] for t in made)
    ordered = await api.call("search", sort_by="thread_id", sort_order="asc")
    assert [t["thread_id"] for t in ordered] == ids
    page = await api.call("search", sort_by="thread_id", sort_order="asc", limit=1, offset=1)
    assert [t["thread_id"] for t in page] == ids[1:2]


@pytest.mark.needs("threads_count")
async def test_count(api: Threads) -> None:
    for group in ("g1", "g1", "g2"):
        await api.call("create", metadata={"group": group})
    assert await api.call("count") == 3
    assert await api.call("count", metadata={"group": "g1"}) == 2
    assert await api.call("count", status="interrupted") == 0


@pytest.mark.needs("thread_supersteps")
async def test_create_with_supersteps_applies_them(api: Threads) -> None:
    # The graph comes from the metadata's graph_id, which `graph_id=` fills.
    thread = await api.call(
        "create",
        graph_id="interrupt",
        supersteps=[
            {"updates": [{"values": {"question": "pre"}, "as_node": "__start__"}]},
            {"updates": [{"values": {"trail": ["x"]}, "as_node": "prepare"}]},
        ],
    )
    state = await api.call("get_state", thread["thread_id"])
    assert state["values"] == {"question": "pre", "trail": ["x"]}
    assert state["next"] == ["ask"]
    assert len(await api.call("get_history", thread["thread_id"])) == 2


# State and history


@pytest.mark.needs("history_metadata_filter")
async def test_state_history_and_updates(api: Threads, agent_server_url: str) -> None:
    thread_id = (await api.call("create", metadata={"case": "state"}))["thread_id"]
    output = run_wait(agent_server_url, thread_id, "interrupt", INTERRUPT_INPUT)
    assert output["__interrupt__"][0]["value"] == {"question": "ok?", "kind": "approval"}

    state = await api.call("get_state", thread_id)
    assert state["values"] == {"question": "ok?", "trail": ["prepare"]}
    assert state["next"] == ["ask"]
    assert state["interrupts"][0]["value"]["kind"] == "approval"
    with_subgraphs = await api.call("get_state", thread_id, subgraphs=True, select=["values"])
    assert with_subgraphs["checkpoint"] == state["checkpoint"]

    # input -> prepare -> (interrupted before) ask: three checkpoints, newest first.
    history = await api.call("get_history", thread_id)
    assert [h["metadata"]["source"] for h in history] == ["loop", "loop", "input"]
    assert history[0]["checkpoint"]["checkpoint_id"] == state["checkpoint"]["checkpoint_id"]
    assert len(await api.call("get_history", thread_id, limit=1)) == 1
    inputs = await api.call("get_history", thread_id, metadata={"source": "input"})
    assert [h["checkpoint"] for h in inputs] == [history[2]["checkpoint"]]
    root = await api.call(
        "get_history", thread_id, checkpoint={"checkpoint_ns": ""}, select=["values"]
    )
    assert len(root) == 3

    # The state before `prepare` ran, by checkpoint id (GET) and by checkpoint (POST).
    earlier = history[1]["checkpoint"]
    by_id = await api.call("get_state", thread_id, checkpoint_id=earlier["checkpoint_id"])
    by_checkpoint = await api.call("get_state", thread_id, earlier)
    for past in (by_id, by_checkpoint):
        assert past["next"] == ["prepare"]
        assert past["values"]["trail"] == []

    assert await api.call("search", values={"question": "ok?"}) != []
    assert await api.call("count", status="interrupted") == 1

    answer = await api.call("update_state", thread_id, {"answer": "manual"}, as_node="ask")
    assert answer["checkpoint"]["checkpoint_id"] != state["checkpoint"]["checkpoint_id"]
    after = await api.call("get_state", thread_id)
    assert after["values"]["answer"] == "manual"
    assert after["next"] == ["finish"]
    # Forks from older checkpoints, named both ways.
    fork = await api.call(
        "update_state", thread_id, {"question": "again"}, checkpoint_id=earlier["checkpoint_id"]
    )
    assert fork["checkpoint"]["checkpoint_id"]
    fork = await api.call("update_state", thread_id, {"question": "twice"}, checkpoint=earlier)
    assert fork["checkpoint"]["checkpoint_id"]

    missing = str(uuid.uuid4())
    with pytest.raises(NotFoundError):
        await api.call("get_state", missing)
    with pytest.raises(NotFoundError):
        await api.call("get_history", missing)
    with pytest.raises(NotFoundError):
        await api.call("update_state", missing, {"a": 1})
    with pytest.raises(UnprocessableEntityError):
        await api.call("get_history", thread_id, limit=1001)


@pytest.mark.needs("history_before_validation")
async def test_history_before(api: Threads, agent_server_url: str) -> None:
    """``before`` is sent as the official client sends it, and this server accepts neither form.

    The POST body schema wants a checkpoint object, so the id string answers 422; the object
    answers 500 on the in-memory runtime (its bug: only ``GET /history?before=<id>`` works there).
    """
    thread_id = (await api.call("create"))["thread_id"]
    run_wait(agent_server_url, thread_id, "interrupt", INTERRUPT_INPUT)
    newest = (await api.call("get_history", thread_id, limit=1))[0]["checkpoint"]

    with pytest.raises(UnprocessableEntityError, match="not of type"):
        await api.call("get_history", thread_id, before=newest["checkpoint_id"])
    # Last: after a 500 the server drops the connection (the next call on it must reconnect).
    with pytest.raises(InternalServerError):
        await api.without_retries("get_history", thread_id, before=newest)
    assert len(await api.call("get_history", thread_id)) == 3


# Copy and prune


@pytest.mark.needs("threads_copy")
async def test_copy_and_prune(api: Threads, agent_server_url: str) -> None:
    marker = str(uuid.uuid4())
    thread_id = (await api.call("create", metadata={"marker": marker}))["thread_id"]
    run_wait(agent_server_url, thread_id, "echo", ECHO_INPUT)

    copy = await api.call("copy", thread_id)
    family = await api.call("search", metadata={"marker": marker})
    assert len(family) == 2
    (copy_id,) = {t["thread_id"] for t in family} - {thread_id}
    assert copy["thread_id"] == copy_id
    assert copy["metadata"]["marker"] == marker
    copied = await api.call("get_state", copy_id)
    assert [m["content"] for m in copied["values"]["messages"]] == ["hi", "echo: hi"]
    assert copied["values"] == (await api.call("get_state", thread_id))["values"]

    # keep_latest needs a persistent runtime.
    with pytest.raises(UnprocessableEntityError, match="keep_latest"):
        await api.call("prune", [copy_id], strategy="keep_latest")
    assert await api.call("prune", [copy_id]) == {"pruned_count": 1}
    with pytest.raises(NotFoundError):
        await api.call("get", copy_id)
    assert await api.call("prune", [copy_id]) == {"pruned_count": 0}
    # Observed: copying a missing thread answers 409, not 404.
    with pytest.raises(ConflictError):
        await api.call("copy", copy_id)


# Streaming


@pytest.mark.needs("threads_join_stream")
async def test_join_stream_follows_the_threads_runs(api: Threads, agent_server_url: str) -> None:
    thread_id = (await api.call("create"))["thread_id"]

    def start_run_soon() -> None:
        # The stream must be open when the run starts; opening takes milliseconds, a run ~1 s.
        threading.Timer(0.3, run_wait, (agent_server_url, thread_id, "echo", ECHO_INPUT)).start()

    def run_done(part: Any) -> bool:
        return part.event == "metadata" and part.data.get("status") == "run_done"

    stream = await api.call("join_stream", thread_id)
    start_run_soon()
    parts = await api.read_stream(stream, run_done)
    assert parts[0].event == "metadata"
    run_id = parts[0].data["run_id"]
    assert "values" in [part.event for part in parts]
    assert parts[-1].data == {"status": "run_done", "run_id": run_id}
    assert all(part.id for part in parts)  # thread streams always carry event ids

    # Resuming from the start ("-") with explicit modes opens the same live stream.
    await asyncio.sleep(0.5)  # let the first run's worker let go of the thread
    stream = await api.call(
        "join_stream", thread_id, last_event_id="-", stream_mode=["lifecycle", "run_modes"]
    )
    start_run_soon()
    parts = await api.read_stream(stream, run_done)
    assert parts[-1].data["run_id"] != run_id

    stream = await api.call("join_stream", "not-a-uuid")
    with pytest.raises(UnprocessableEntityError):
        await api.read_stream(stream, lambda part: True)
