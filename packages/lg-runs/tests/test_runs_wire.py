"""Runs calls send the official SDK's wire requests (every `runs.*` row of the reference wire
table), through the async client and the generated sync one."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from lg_runs import RunsClient, SyncRunsClient
from lg_transport import HttpClient, SyncHttpClient


@dataclass(frozen=True)
class Row:
    call: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    method: str
    path: str
    query: str = ""
    body: str | None = None  # the exact bytes, as the official client sends them
    headers: dict[str, str] = field(default_factory=dict)


SSE = {"accept": "text/event-stream"}

ROWS = [
    Row(
        "stream",
        ("t1", "agent"),
        {},
        "POST",
        "/threads/t1/runs/stream",
        body='{"stream_mode":"values","stream_subgraphs":false,"stream_resumable":false,'
        '"assistant_id":"agent"}',
        headers=SSE,
    ),
    Row(
        "stream",
        (None, "agent"),
        {
            "input": {"x": 1},
            "stream_mode": ["values", "updates"],
            "stream_subgraphs": True,
            "stream_resumable": True,
            "on_completion": "keep",
            "on_disconnect": "cancel",
            "feedback_keys": ["k"],
            "after_seconds": 5,
            "if_not_exists": "create",
            "durability": "async",
            "webhook": "http://hook",
            "langsmith_tracing": {"project_name": "p"},
        },
        "POST",
        "/runs/stream",
        body='{"input":{"x":1},"stream_mode":["values","updates"],"stream_subgraphs":true,'
        '"stream_resumable":true,"assistant_id":"agent","feedback_keys":["k"],'
        '"webhook":"http://hook","if_not_exists":"create","on_disconnect":"cancel",'
        '"on_completion":"keep","after_seconds":5,"durability":"async",'
        '"langsmith_tracer":{"project_name":"p"}}',
        headers=SSE,
    ),
    Row(
        "stream",
        ("t1", "agent"),
        {
            "command": {"resume": "yes"},
            "multitask_strategy": "enqueue",
            "checkpoint_id": "c1",
            "interrupt_before": ["n"],
            "strict_resume": True,
            "checkpoint_during": True,
        },
        "POST",
        "/threads/t1/runs/stream",
        body='{"command":{"resume":"yes"},"stream_mode":"values","stream_subgraphs":false,'
        '"stream_resumable":false,"assistant_id":"agent","interrupt_before":["n"],'
        '"checkpoint_id":"c1","checkpoint_during":true,"multitask_strategy":"enqueue",'
        '"strict_resume":true}',
        headers=SSE,
    ),
    # langgraph's RemoteGraph sends `dataclasses.asdict(Command(...))`: every field, "graph"
    # included, and `goto` as an empty tuple when unset.
    Row(
        "create",
        ("t1", "agent"),
        {"command": {"graph": None, "update": None, "resume": "yes", "goto": ()}},
        "POST",
        "/threads/t1/runs",
        body='{"command":{"resume":"yes","goto":[]},"stream_mode":"values",'
        '"stream_subgraphs":false,"stream_resumable":false,"assistant_id":"agent"}',
    ),
    Row(
        "create",
        ("t1", "agent"),
        {"command": {"graph": "__parent__", "update": {"a": 1}, "resume": None, "goto": "n"}},
        "POST",
        "/threads/t1/runs",
        body='{"command":{"graph":"__parent__","update":{"a":1},"goto":"n"},'
        '"stream_mode":"values","stream_subgraphs":false,"stream_resumable":false,'
        '"assistant_id":"agent"}',
    ),
    Row(
        "create",
        ("t1", "agent"),
        {},
        "POST",
        "/threads/t1/runs",
        body='{"stream_mode":"values","stream_subgraphs":false,"stream_resumable":false,'
        '"assistant_id":"agent"}',
    ),
    Row(
        "create",
        (None, "agent"),
        {"input": {"x": 1}, "on_completion": "delete", "after_seconds": 3},
        "POST",
        "/runs",
        body='{"input":{"x":1},"stream_mode":"values","stream_subgraphs":false,'
        '"stream_resumable":false,"assistant_id":"agent","on_completion":"delete",'
        '"after_seconds":3}',
    ),
    Row(
        "create_batch",
        ([{"assistant_id": "agent", "input": {"x": 1}, "thread_id": None}],),
        {},
        "POST",
        "/runs/batch",
        body='[{"assistant_id":"agent","input":{"x":1}}]',
    ),
    Row(
        "wait",
        ("t1", "agent"),
        {},
        "POST",
        "/threads/t1/runs/wait",
        body='{"assistant_id":"agent"}',
    ),
    Row(
        "wait",
        (None, "agent"),
        {"input": {"x": 1}, "on_disconnect": "continue", "on_completion": "keep"},
        "POST",
        "/runs/wait",
        body='{"input":{"x":1},"assistant_id":"agent","on_disconnect":"continue",'
        '"on_completion":"keep"}',
    ),
    Row("list", ("t1",), {}, "GET", "/threads/t1/runs", "limit=10&offset=0"),
    Row(
        "list",
        ("t1",),
        {"status": "success", "select": ["run_id"], "limit": 2, "offset": 1},
        "GET",
        "/threads/t1/runs",
        "limit=2&offset=1&status=success&select=run_id",
    ),
    Row("get", ("t1", "r1"), {}, "GET", "/threads/t1/runs/r1"),
    Row(
        "cancel", ("t1", "r1"), {}, "POST", "/threads/t1/runs/r1/cancel", "wait=0&action=interrupt"
    ),
    Row(
        "cancel",
        ("t1", "r1"),
        {"wait": True, "action": "rollback"},
        "POST",
        "/threads/t1/runs/r1/cancel",
        "wait=1&action=rollback",
    ),
    Row(
        "cancel_many",
        (),
        {"thread_id": "t1", "run_ids": ["r1"], "status": "pending"},
        "POST",
        "/runs/cancel",
        "action=interrupt",
        body='{"thread_id":"t1","run_ids":["r1"],"status":"pending"}',
    ),
    Row("join", ("t1", "r1"), {}, "GET", "/threads/t1/runs/r1/join"),
    Row(
        "join_stream",
        ("t1", "r1"),
        {},
        "GET",
        "/threads/t1/runs/r1/stream",
        "cancel_on_disconnect=false&stream_mode=",
        headers=SSE,
    ),
    Row(
        "join_stream",
        ("t1", "r1"),
        {"cancel_on_disconnect": True, "stream_mode": "values", "last_event_id": "7"},
        "GET",
        "/threads/t1/runs/r1/stream",
        "cancel_on_disconnect=true&stream_mode=values",
        headers={"last-event-id": "7", **SSE},
    ),
    Row("delete", ("t1", "r1"), {}, "DELETE", "/threads/t1/runs/r1"),
]

SSE_BODY = b'event: metadata\r\ndata: {"run_id":"r1","attempt":1}\r\n\r\n'


def respond(request: httpx.Request) -> httpx.Response:
    """A plausible answer for each endpoint, enough for the client to finish the call."""
    path = request.url.path
    if path.endswith("/stream"):
        return httpx.Response(
            200,
            content=SSE_BODY,
            headers={
                "content-type": "text/event-stream; charset=utf-8",
                "content-location": "/threads/t1/runs/r1",
            },
        )
    if path == "/runs/cancel":
        return httpx.Response(204)
    if path.endswith("/runs/batch") or (request.method == "GET" and path.endswith("/runs")):
        return httpx.Response(200, json=[])
    return httpx.Response(200, json={"ok": True})


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return respond(request)


def check(row: Row, requests: list[httpx.Request]) -> None:
    # A run stream that closes is followed by one GET of the run, to learn whether it really
    # ended (the transport reconnects if not): the official SDK sends the same request.
    request, *status_checks = requests
    for extra in status_checks:
        assert extra.method == "GET"
        assert "/runs/" in extra.url.path
        assert not extra.url.path.endswith(("/stream", "/join"))
    assert len(status_checks) <= 1
    assert request.method == row.method
    assert request.url.path == row.path
    assert request.url.query.decode() == row.query
    if row.body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.content.decode() == row.body
        assert request.headers["content-type"] == "application/json"
    for name, value in row.headers.items():
        assert request.headers[name] == value
    if "last-event-id" not in row.headers:
        assert "last-event-id" not in request.headers


def row_id(row: Row) -> str:
    return f"{row.call}-{ROWS.index(row)}"


async def run_async(client: RunsClient, row: Row) -> None:
    result = getattr(client, row.call)(*row.args, **row.kwargs)
    if inspect.isawaitable(result):
        await result
    else:
        async for _ in result:
            pass


def run_sync(client: SyncRunsClient, row: Row) -> None:
    result = getattr(client, row.call)(*row.args, **row.kwargs)
    if inspect.isgenerator(result):
        for _ in result:
            pass


# checkpoint_during (in one row) is deprecated: the row still has to send it.
pytestmark = pytest.mark.filterwarnings("ignore:checkpoint_during:DeprecationWarning")


@pytest.mark.parametrize("row", ROWS, ids=row_id)
async def test_async_client_sends_the_official_request(row: Row) -> None:
    recorder = Recorder()
    http = HttpClient(
        httpx.AsyncClient(base_url="http://test", transport=httpx.MockTransport(recorder))
    )
    async with RunsClient(http) as client:
        await run_async(client, row)
    check(row, recorder.requests)


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_sync_client_sends_the_official_request(row: Row) -> None:
    recorder = Recorder()
    http = SyncHttpClient(
        httpx.Client(base_url="http://test", transport=httpx.MockTransport(recorder))
    )
    with SyncRunsClient(http) as client:
        run_sync(client, row)
    check(row, recorder.requests)


def test_every_runs_method_has_a_row() -> None:
    public = {name for name in vars(RunsClient) if not name.startswith("_")}
    assert public == {row.call for row in ROWS}
