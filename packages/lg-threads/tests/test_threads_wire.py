"""Every `threads.*` row of the official wire table (reference/official-wire-0.4.14.md), sent by
the async client and by the generated sync client over `httpx.MockTransport`.

Each row asserts method, path, query string (in order), the exact JSON bytes of the body (so key
order too) and the headers the table names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from lg_threads import SyncThreadsClient, ThreadsClient
from lg_transport import HttpClient, SyncHttpClient


@dataclass
class Row:
    call: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    method: str
    path: str
    query: str = ""
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.call}-{self.method}-{self.path}-{sorted(self.kwargs)}"


CHECKPOINT = {"checkpoint_id": "c1", "checkpoint_ns": ""}

ROWS = [
    Row("get", ("t1",), {}, "GET", "/threads/t1"),
    Row("get", ("t1",), {"include": ["ttl"]}, "GET", "/threads/t1", query="include=ttl"),
    Row("create", (), {}, "POST", "/threads", body="{}"),
    Row(
        "create",
        (),
        {
            "metadata": {"a": 1},
            "thread_id": "t1",
            "if_exists": "do_nothing",
            "graph_id": "g",
            "ttl": 10,
        },
        "POST",
        "/threads",
        body='{"thread_id":"t1","metadata":{"a":1,"graph_id":"g"},"if_exists":"do_nothing",'
        '"ttl":{"ttl":10,"strategy":"delete"}}',
    ),
    Row(
        "create",
        (),
        {"supersteps": [{"updates": [{"values": {"a": 1}, "as_node": "n"}]}]},
        "POST",
        "/threads",
        body='{"supersteps":[{"updates":[{"values":{"a":1},"command":null,"as_node":"n"}]}]}',
    ),
    Row(
        "update",
        ("t1",),
        {"metadata": {"a": 1}},
        "PATCH",
        "/threads/t1",
        body='{"metadata":{"a":1}}',
    ),
    Row(
        "update",
        ("t1",),
        {"metadata": {"a": 1}, "ttl": {"ttl": 5, "strategy": "delete"}, "return_minimal": True},
        "PATCH",
        "/threads/t1",
        body='{"metadata":{"a":1},"ttl":{"ttl":5,"strategy":"delete"}}',
        headers={"prefer": "return=minimal"},
    ),
    Row("delete", ("t1",), {}, "DELETE", "/threads/t1"),
    Row("search", (), {}, "POST", "/threads/search", body='{"limit":10,"offset":0}'),
    Row(
        "search",
        (),
        {
            "metadata": {"a": 1},
            "values": {"v": 1},
            "ids": ["t1"],
            "status": "idle",
            "sort_by": "created_at",
            "sort_order": "asc",
            "select": ["thread_id"],
            "extract": {"x": "values.x"},
        },
        "POST",
        "/threads/search",
        body='{"limit":10,"offset":0,"metadata":{"a":1},"values":{"v":1},"ids":["t1"],'
        '"status":"idle","sort_by":"created_at","sort_order":"asc","select":["thread_id"],'
        '"extract":{"x":"values.x"}}',
    ),
    Row("count", (), {}, "POST", "/threads/count", body="{}"),
    Row(
        "count",
        (),
        {"metadata": {"a": 1}, "status": "busy"},
        "POST",
        "/threads/count",
        body='{"metadata":{"a":1},"status":"busy"}',
    ),
    Row("copy", ("t1",), {}, "POST", "/threads/t1/copy"),
    Row("prune", (["t1", "t2"],), {}, "POST", "/threads/prune", body='{"thread_ids":["t1","t2"]}'),
    Row(
        "prune",
        (["t1"],),
        {"strategy": "keep_latest"},
        "POST",
        "/threads/prune",
        body='{"thread_ids":["t1"],"strategy":"keep_latest"}',
    ),
    Row("get_state", ("t1",), {}, "GET", "/threads/t1/state", query="subgraphs=false"),
    Row(
        "get_state",
        ("t1",),
        {"checkpoint_id": "c1", "subgraphs": True},
        "GET",
        "/threads/t1/state/c1",
        query="subgraphs=true",
    ),
    Row(
        "get_state",
        ("t1",),
        {"checkpoint": CHECKPOINT},
        "POST",
        "/threads/t1/state/checkpoint",
        body='{"checkpoint":{"checkpoint_id":"c1","checkpoint_ns":""},"subgraphs":false}',
    ),
    Row(
        "update_state",
        ("t1", {"a": 1}),
        {"as_node": "n", "checkpoint_id": "c1"},
        "POST",
        "/threads/t1/state",
        body='{"values":{"a":1},"checkpoint_id":"c1","as_node":"n"}',
    ),
    Row("get_history", ("t1",), {}, "POST", "/threads/t1/history", body='{"limit":10}'),
    Row(
        "get_history",
        ("t1",),
        {"limit": 5, "before": "c0", "metadata": {"m": 1}},
        "POST",
        "/threads/t1/history",
        body='{"limit":5,"before":"c0","metadata":{"m":1}}',
    ),
    Row(
        "join_stream",
        ("t1",),
        {},
        "GET",
        "/threads/t1/stream",
        query="stream_mode=run_modes",
        headers={"accept": "text/event-stream"},
    ),
    Row(
        "join_stream",
        ("t1",),
        {"last_event_id": "5", "stream_mode": ["lifecycle"]},
        "GET",
        "/threads/t1/stream",
        query="stream_mode=lifecycle",
        headers={"last-event-id": "5", "accept": "text/event-stream"},
    ),
]

SSE_BODY = b'event: metadata\r\ndata: {"run_id": "r1"}\r\n\r\n'


class Recorder:
    """A MockTransport handler that keeps every request and answers like the server would."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path.endswith("/stream"):
            return httpx.Response(
                200, content=SSE_BODY, headers={"content-type": "text/event-stream"}
            )
        if request.headers.get("prefer") == "return=minimal":
            return httpx.Response(204)
        return httpx.Response(200, json={"ok": True})


def assert_matches_row(request: httpx.Request, row: Row) -> None:
    assert request.method == row.method
    assert request.url.path == row.path
    assert request.url.query.decode() == row.query
    if row.body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.content == row.body.encode()
        # Same bytes implies same keys in the same order; say so explicitly all the same.
        sent = json.loads(request.content)
        expected = json.loads(row.body)
        assert sent == expected
        if isinstance(expected, dict):
            assert list(sent) == list(expected)
        assert request.headers["content-type"] == "application/json"
    for name, value in row.headers.items():
        assert request.headers.get(name) == value, name
    if "last-event-id" not in row.headers:
        assert "last-event-id" not in request.headers
    if "prefer" not in row.headers:
        assert "prefer" not in request.headers


def async_client(recorder: Recorder) -> ThreadsClient:
    transport = httpx.MockTransport(recorder)
    return ThreadsClient(HttpClient(httpx.AsyncClient(base_url="http://test", transport=transport)))


def sync_client(recorder: Recorder) -> SyncThreadsClient:
    transport = httpx.MockTransport(recorder)
    return SyncThreadsClient(
        SyncHttpClient(httpx.Client(base_url="http://test", transport=transport))
    )


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
async def test_async_client_sends_the_official_request(row: Row) -> None:
    recorder = Recorder()
    async with async_client(recorder) as threads:
        result = await getattr(threads, row.call)(*row.args, **row.kwargs)
        if row.call == "join_stream":
            parts = [part async for part in result]
            assert [part.event for part in parts] == ["metadata"]
    assert len(recorder.requests) == 1
    assert_matches_row(recorder.requests[0], row)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_sync_client_sends_the_official_request(row: Row) -> None:
    recorder = Recorder()
    with sync_client(recorder) as threads:
        result = getattr(threads, row.call)(*row.args, **row.kwargs)
        if row.call == "join_stream":
            parts = list(result)
            assert [part.event for part in parts] == ["metadata"]
    assert len(recorder.requests) == 1
    assert_matches_row(recorder.requests[0], row)


def test_every_wire_table_method_is_covered() -> None:
    covered = {row.call for row in ROWS}
    assert covered == {
        "get",
        "create",
        "update",
        "delete",
        "search",
        "count",
        "copy",
        "prune",
        "get_state",
        "update_state",
        "get_history",
        "join_stream",
    }


async def test_return_minimal_returns_none_and_full_update_returns_the_thread() -> None:
    recorder = Recorder()
    async with async_client(recorder) as threads:
        assert await threads.update("t1", metadata={}, return_minimal=True) is None
        assert await threads.update("t1", metadata={}) == {"ok": True}


async def test_join_stream_opens_nothing_until_iterated() -> None:
    recorder = Recorder()
    async with async_client(recorder) as threads:
        stream = await threads.join_stream("t1")
        assert recorder.requests == []
        parts = [part async for part in stream]
        assert [part.data for part in parts] == [{"run_id": "r1"}]
        assert len(recorder.requests) == 1


def test_sync_join_stream_is_a_plain_iterator() -> None:
    recorder = Recorder()
    with sync_client(recorder) as threads:
        stream = threads.join_stream("t1", stream_mode="state_update")
        assert recorder.requests == []
        assert len(list(stream)) == 1
    assert recorder.requests[0].url.query == b"stream_mode=state_update"


def failing_transport(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request should be sent, got {request.method} {request.url}")


async def test_async_client_validates_before_sending() -> None:
    transport = httpx.MockTransport(failing_transport)
    http = HttpClient(httpx.AsyncClient(base_url="http://test", transport=transport))
    async with ThreadsClient(http) as threads:
        with pytest.raises(ValueError, match="status"):
            await threads.search(status="done")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="thread_id"):
            await threads.get("")
        with pytest.raises(ValueError, match="stream_mode"):
            await threads.join_stream("t1", stream_mode="values")  # type: ignore[arg-type]


def test_sync_client_validates_before_sending() -> None:
    transport = httpx.MockTransport(failing_transport)
    http = SyncHttpClient(httpx.Client(base_url="http://test", transport=transport))
    with SyncThreadsClient(http) as threads:
        with pytest.raises(TypeError, match="ttl"):
            threads.create(ttl="5")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="mutually exclusive"):
            threads.get_state("t1", {"checkpoint_id": "c"}, "c")  # type: ignore[typeddict-item]
