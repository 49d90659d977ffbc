"""The runs client's behaviour around the requests, async and sync, over a mock transport:
lazy streams, `on_run_created`, v2 parts, `wait` errors, retries, checks before any I/O."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from lg_runs import RunsClient, SyncRunsClient
from lg_schema import RunCreateMetadata
from lg_transport import HttpClient, SyncHttpClient
from lg_transport.errors import APIError, ConflictError, InternalServerError, NotFoundError

Handler = Callable[[httpx.Request], httpx.Response]

SSE = (
    b'event: metadata\r\ndata: {"run_id":"r1","attempt":1}\r\n\r\n'
    b'event: values\r\ndata: {"a":1,"__interrupt__":[{"value":"q","id":"i"}]}\r\n\r\n'
    b'event: updates|child:x\r\ndata: {"n":{"a":1}}\r\n\r\n'
)
RUN_ERROR = {"__error__": {"error": "ValueError", "message": "boom: w"}}


def sse(location: str = "/threads/t1/runs/r1") -> httpx.Response:
    return httpx.Response(
        200,
        content=SSE,
        headers={"content-type": "text/event-stream", "content-location": location},
    )


class Server:
    """Answers every request with ``handler`` and remembers the requests."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    def async_client(self, max_retries: int = 2) -> RunsClient:
        transport = httpx.MockTransport(self)
        client = httpx.AsyncClient(base_url="http://test", transport=transport)
        return RunsClient(HttpClient(client, max_retries=max_retries))

    def sync_client(self, max_retries: int = 2) -> SyncRunsClient:
        transport = httpx.MockTransport(self)
        client = httpx.Client(base_url="http://test", transport=transport)
        return SyncRunsClient(SyncHttpClient(client, max_retries=max_retries))


class Adapter:
    """One test body for both clients: ``call`` awaits (async) and drains iterators."""

    def __init__(self, kind: str, server: Server, max_retries: int = 2) -> None:
        self.kind = kind
        self.client: Any = (
            server.async_client(max_retries) if kind == "async" else server.sync_client(max_retries)
        )

    async def drain(self, iterator: Any) -> list[Any]:
        if self.kind == "async":
            return [part async for part in iterator]
        return list(iterator)

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, method)(*args, **kwargs)
        if inspect.isawaitable(result):
            return await result
        return result


KINDS = pytest.mark.parametrize("kind", ["async", "sync"])


@KINDS
async def test_stream_is_lazy_and_reports_the_run_once(kind: str) -> None:
    server = Server(lambda request: sse())
    runs = Adapter(kind, server)
    seen: list[RunCreateMetadata] = []
    parts = runs.client.stream("t1", "agent", on_run_created=seen.append)
    assert server.requests == []  # nothing sent before iteration
    assert seen == []
    events = [part.event for part in await runs.drain(parts)]
    assert events == ["metadata", "values", "updates|child:x"]
    assert seen == [{"run_id": "r1", "thread_id": "t1"}]
    # The stream, then at most one GET of the run to confirm it ended.
    assert server.requests[0].url.path == "/threads/t1/runs/stream"
    assert [(r.method, r.url.path) for r in server.requests[1:]] in (
        [],
        [("GET", "/threads/t1/runs/r1")],
    )


@KINDS
async def test_stateless_stream_reports_no_thread(kind: str) -> None:
    server = Server(lambda request: sse("/runs/r9"))
    runs = Adapter(kind, server)
    seen: list[RunCreateMetadata] = []
    await runs.drain(runs.client.stream(None, "agent", on_run_created=seen.append))
    assert seen == [{"run_id": "r9", "thread_id": None}]
    assert server.requests[0].url.path == "/runs/stream"


@KINDS
async def test_stream_v2_parts(kind: str) -> None:
    runs = Adapter(kind, Server(lambda request: sse()))
    parts = await runs.drain(runs.client.stream("t1", "agent", version="v2"))
    assert parts == [
        {"type": "metadata", "ns": [], "data": {"run_id": "r1", "attempt": 1}, "interrupts": []},
        {
            "type": "values",
            "ns": [],
            "data": {"a": 1},
            "interrupts": [{"value": "q", "id": "i"}],
        },
        {"type": "updates", "ns": ["child:x"], "data": {"n": {"a": 1}}, "interrupts": []},
    ]


@KINDS
async def test_bad_arguments_raise_at_call_time_without_io(kind: str) -> None:
    server = Server(lambda request: sse())
    runs = Adapter(kind, server)
    with pytest.raises(ValueError, match="stream_mode"):
        runs.client.stream("t1", "agent", stream_mode="nope")
    with pytest.raises(ValueError, match="input, command"):
        runs.client.stream("t1", "agent", input={}, command={"resume": 1})
    with pytest.raises(ValueError, match="run_id"):
        runs.client.join_stream("t1", "")
    with pytest.raises(TypeError, match="on_run_created"):
        await runs.call("create", "t1", "agent", on_run_created="x")
    with pytest.raises(ValueError, match="action"):
        await runs.call("cancel", "t1", "r1", action="stop")
    assert server.requests == []


@KINDS
async def test_create_and_wait_report_the_run(kind: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"run_id": "r1"}, headers={"content-location": "/threads/t1/runs/r1"}
        )

    runs = Adapter(kind, Server(handler))
    seen: list[RunCreateMetadata] = []
    assert await runs.call("create", "t1", "agent", on_run_created=seen.append) == {"run_id": "r1"}
    await runs.call("wait", "t1", "agent", on_run_created=seen.append)
    assert seen == [{"run_id": "r1", "thread_id": "t1"}] * 2


@KINDS
async def test_wait_raises_the_run_error_unless_told_not_to(kind: str) -> None:
    runs = Adapter(kind, Server(lambda request: httpx.Response(200, json=RUN_ERROR)))
    with pytest.raises(APIError, match="ValueError: boom: w") as caught:
        await runs.call("wait", None, "error")
    assert caught.value.body == RUN_ERROR
    assert await runs.call("wait", None, "error", raise_error=False) == RUN_ERROR


@KINDS
async def test_run_creation_is_not_retried_once_sent(kind: str) -> None:
    server = Server(lambda request: httpx.Response(503, headers={"retry-after": "0"}))
    runs = Adapter(kind, server)
    with pytest.raises(InternalServerError):
        await runs.call("create", "t1", "agent")
    with pytest.raises(InternalServerError):
        await runs.call("wait", "t1", "agent")
    with pytest.raises(InternalServerError):
        await runs.drain(runs.client.stream("t1", "agent"))
    assert len(server.requests) == 3


@KINDS
async def test_cancels_are_retried(kind: str) -> None:
    answers = iter(
        [httpx.Response(503, headers={"retry-after": "0"}), httpx.Response(200, json={})]
    )
    server = Server(lambda request: next(answers))
    runs = Adapter(kind, server, max_retries=1)
    assert await runs.call("cancel", "t1", "r1") is None
    assert len(server.requests) == 2


@KINDS
async def test_conflict_is_typed(kind: str) -> None:
    body = {"detail": "Thread is already running a task."}
    runs = Adapter(kind, Server(lambda request: httpx.Response(409, json=body)))
    with pytest.raises(ConflictError, match="already running"):
        await runs.call("create", "t1", "agent", multitask_strategy="reject")


@KINDS
async def test_join_stream_sends_last_event_id(kind: str) -> None:
    server = Server(lambda request: sse())
    runs = Adapter(kind, server)
    parts = await runs.drain(runs.client.join_stream("t1", "r1", last_event_id="-1"))
    assert len(parts) == 3
    assert server.requests[0].headers["last-event-id"] == "-1"


def test_sync_stream_returns_a_plain_iterator() -> None:
    client = Server(lambda request: sse()).sync_client()
    assert inspect.isgenerator(client.stream("t1", "a"))
    assert inspect.isgenerator(client.stream("t1", "a", version="v2"))
    assert inspect.isgenerator(client.join_stream("t1", "r1"))


def test_async_stream_is_a_plain_def() -> None:
    # A plain method returning an async iterator (not a coroutine), as in the official client.
    assert not inspect.iscoroutinefunction(RunsClient.stream)
    assert not inspect.iscoroutinefunction(RunsClient.join_stream)


def test_signatures_of_both_clients_match() -> None:
    for name in ("stream", "create", "create_batch", "wait", "list", "get", "cancel"):
        async_params = inspect.signature(getattr(RunsClient, name)).parameters
        sync_params = inspect.signature(getattr(SyncRunsClient, name)).parameters
        assert [(p.name, p.kind, p.default) for p in async_params.values()] == [
            (p.name, p.kind, p.default) for p in sync_params.values()
        ]


def test_checkpoint_during_warning_points_at_the_caller() -> None:
    client = Server(lambda request: httpx.Response(200, json={})).sync_client()
    with pytest.warns(DeprecationWarning, match="checkpoint_during") as caught:
        client.create("t1", "a", checkpoint_during=True)
    assert caught[0].filename == __file__


async def test_checkpoint_during_warning_points_at_the_async_caller() -> None:
    client = Server(lambda request: httpx.Response(200, json={})).async_client()
    with pytest.warns(DeprecationWarning, match="checkpoint_during") as caught:
        await client.create("t1", "a", checkpoint_during=True)
    assert caught[0].filename == __file__


MISSING_RUN = {"__error__": {"error": "HTTPException", "message": "404: Run not found"}}


@KINDS
async def test_join_of_a_missing_run_raises_not_found(kind: str) -> None:
    # The server answers 200 with an HTTPException report; returning it would hide the 404.
    server = Server(lambda request: httpx.Response(200, json=MISSING_RUN))
    runs = Adapter(kind, server)
    with pytest.raises(NotFoundError, match="Run not found") as raised:
        await runs.call("join", "t1", "r1")
    assert raised.value.status_code == 404
    assert raised.value.body == MISSING_RUN
    assert isinstance(raised.value, httpx.HTTPStatusError)
    assert server.requests[0].url.path == "/threads/t1/runs/r1/join"


@KINDS
async def test_join_of_a_failed_run_returns_its_error_report(kind: str) -> None:
    server = Server(lambda request: httpx.Response(200, json=RUN_ERROR))
    runs = Adapter(kind, server)
    assert await runs.call("join", "t1", "r1") == RUN_ERROR


class CutBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A wait's long answer, cut after its first bytes."""

    def __iter__(self) -> Any:
        yield b"\n"
        raise httpx.ReadError("connection dropped")

    async def __aiter__(self) -> Any:
        yield b"\n"
        raise httpx.ReadError("connection dropped")


def cut_wait_then(*rejoins: Handler) -> Handler:
    answers = list(rejoins)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(
                200, headers={"location": "/threads/t1/runs/r1/join"}, stream=CutBody()
            )
        return answers.pop(0)(request)

    return handler


@pytest.fixture
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    from lg_transport._async import http as async_http
    from lg_transport._sync import http as sync_http

    delays: list[float] = []

    async def async_pause(delay: float) -> None:
        delays.append(delay)

    monkeypatch.setattr(async_http, "pause", async_pause)
    monkeypatch.setattr(sync_http, "pause", delays.append)
    return delays


@KINDS
async def test_a_cut_wait_rejoins_with_a_bodyless_get(kind: str, no_pauses: list[float]) -> None:
    server = Server(
        cut_wait_then(
            lambda request: httpx.Response(503),
            lambda request: httpx.Response(200, json={"done": True}),
        )
    )
    runs = Adapter(kind, server)
    with pytest.warns(UserWarning, match="attempting reconnect"):
        assert await runs.call("wait", "t1", "agent", input={}) == {"done": True}
    assert [(r.method, r.url.path, r.content) for r in server.requests[1:]] == [
        ("GET", "/threads/t1/runs/r1/join", b""),
    ] * 2
    assert "content-type" not in server.requests[1].headers
    assert [round(d) for d in no_pauses] == [1, 2]  # the official backoff, plus jitter


@KINDS
async def test_a_cut_wait_never_retries_a_client_error(kind: str, no_pauses: list[float]) -> None:
    server = Server(cut_wait_then(lambda request: httpx.Response(404, json={"detail": "gone"})))
    runs = Adapter(kind, server)
    with pytest.warns(UserWarning, match="attempting reconnect"), pytest.raises(NotFoundError):
        await runs.call("wait", "t1", "agent", input={})
    assert len(server.requests) == 2


@KINDS
async def test_a_cut_wait_gives_up_after_five_failed_rejoins(
    kind: str, no_pauses: list[float]
) -> None:
    server = Server(cut_wait_then(*[lambda request: httpx.Response(503)] * 5))
    runs = Adapter(kind, server)
    with (
        pytest.warns(UserWarning, match="attempting reconnect"),
        pytest.raises(InternalServerError),
    ):
        await runs.call("wait", "t1", "agent", input={})
    assert len(server.requests) == 6
