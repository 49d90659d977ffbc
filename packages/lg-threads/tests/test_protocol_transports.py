"""`lg_threads.transport`: commands and event streams of one thread, async and sync, over a
mock HTTP transport (SSE) and a fake WebSocket connector."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lg_threads._async.thread_stream import AsyncThreadStream
from lg_threads._sync.thread_stream import SyncThreadStream
from lg_threads.transport import (
    ProtocolSseTransport,
    ProtocolWebSocketTransport,
    SyncProtocolSseTransport,
    SyncProtocolWebSocketTransport,
    build_event_stream_body,
    build_websocket_url,
)
from lg_transport import HttpClient, SyncHttpClient, errors

EVENT = {"type": "event", "method": "values", "seq": 1, "params": {"namespace": [], "data": {}}}
SSE_BODY = b"event: message\ndata: " + json.dumps(EVENT).encode() + b"\n\n: comment\n\n"
# The last event has no blank line after it: delivered at EOF, as the official client does.
TRAILING = SSE_BODY + b"data: " + json.dumps({**EVENT, "seq": 2}).encode() + b"\n"


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/commands"):
        command = json.loads(request.content)
        if command["method"] == "accepted":
            return httpx.Response(202)
        if command["method"] == "bad":
            return httpx.Response(200, json={"no": "id"})
        if command["method"] == "missing":
            return httpx.Response(404, json={"detail": "Thread not found"})
        return httpx.Response(200, json={"type": "success", "id": command["id"], "result": {}})
    assert request.headers["accept"] == "text/event-stream"
    if json.loads(request.content)["channels"] == ["refused"]:
        return httpx.Response(403, json={"detail": "no"})
    return httpx.Response(200, content=TRAILING, headers={"content-type": "text/event-stream"})


async def test_async_sse_commands_answer_envelopes_or_raise() -> None:
    async with httpx.AsyncClient(base_url="http://h", transport=httpx.MockTransport(handler)) as c:
        transport = ProtocolSseTransport(client=c, thread_id="t/1", headers={"x-a": "1"})
        assert transport._commands_url == "/threads/t%2F1/commands"
        assert await transport.send_command({"id": 1, "method": "run.start"}) == {
            "type": "success",
            "id": 1,
            "result": {},
        }
        assert await transport.send_command({"id": 2, "method": "accepted"}) is None
        with pytest.raises(RuntimeError, match="did not return a valid response"):
            await transport.send_command({"id": 3, "method": "bad"})
        with pytest.raises(errors.NotFoundError):
            await transport.send_command({"id": 4, "method": "missing"})
        await transport.close()
        with pytest.raises(RuntimeError, match="closed"):
            await transport.send_command({"id": 5, "method": "run.start"})


async def test_async_sse_stream_delivers_events_and_reports_its_end() -> None:
    async with httpx.AsyncClient(base_url="http://h", transport=httpx.MockTransport(handler)) as c:
        transport = ProtocolSseTransport(client=c, thread_id="t1")
        handle = transport.open_event_stream({"channels": ["values"], "since": 3})
        await handle.ready
        assert [event["seq"] async for event in handle.events] == [1, 2]
        assert await handle.done is None
        refused = transport.open_event_stream({"channels": ["refused"]})
        with pytest.raises(errors.PermissionDeniedError):
            await refused.ready
        assert isinstance(await refused.done, errors.PermissionDeniedError)
        assert [event async for event in refused.events] == []
        await transport.close()


def test_sync_sse_transport_commands_and_stream() -> None:
    with httpx.Client(base_url="http://h", transport=httpx.MockTransport(handler)) as c:
        transport = SyncProtocolSseTransport(client=c, thread_id="t1")
        assert transport.send_command({"id": 1, "method": "accepted"}) is None
        handle = transport.open_event_stream({"channels": ["values"]})
        assert [event["seq"] for event in handle.events] == [1, 2]
        assert handle.error() is None
        with pytest.raises(errors.PermissionDeniedError):
            transport.open_event_stream({"channels": ["refused"]})
        transport.close()
        with pytest.raises(RuntimeError, match="closed"):
            transport.open_event_stream({"channels": ["values"]})


class FakeSocket:
    """A websockets-like connection that answers a subscription with two frames."""

    def __init__(self, frames: list[str]) -> None:
        self.sent: list[str] = []
        self.frames = frames
        self.closed = False

    async def __aenter__(self) -> FakeSocket:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.closed = True

    def __enter__(self) -> FakeSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True

    async def send(self, message: str) -> None:
        self.sent.append(message)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed = True

    def __aiter__(self) -> Any:
        return self._frames()

    async def _frames(self) -> Any:
        for frame in self.frames:
            yield frame

    def __iter__(self) -> Iterator[str]:
        return iter(self.frames)


class FakeSyncSocket(FakeSocket):
    def send(self, message: str) -> None:  # type: ignore[override]
        self.sent.append(message)


async def test_async_websocket_stream_subscribes_and_yields_object_frames() -> None:
    socket = FakeSocket([json.dumps(EVENT), "[1]", json.dumps({**EVENT, "seq": 2})])
    calls: list[tuple[str, dict[str, Any]]] = []

    def connect(url: str, **options: Any) -> FakeSocket:
        calls.append((url, options))
        return socket

    async with httpx.AsyncClient(base_url="https://h/prefix?x=1") as c:
        transport = ProtocolWebSocketTransport(
            client=c, thread_id="t1", headers={"x-api-key": "k"}, connect=connect
        )
        handle = transport.open_event_stream({"channels": ["values"], "depth": 1})
        events = [event["seq"] async for event in handle.events]
        # A frame that is not an object is reported on `done`, the stream goes on.
        assert events == [1, 2]
        assert isinstance(handle.done.result(), RuntimeError)
        await transport.close()
    url, options = calls[0]
    assert url == "wss://h/prefix/threads/t1/stream/events"
    assert ("x-api-key", "k") in options["additional_headers"]
    assert json.loads(socket.sent[0]) == {
        "id": 1,
        "method": "subscription.subscribe",
        "params": {"channels": ["values"], "depth": 1},
    }


def test_sync_websocket_stream() -> None:
    socket = FakeSyncSocket([json.dumps(EVENT), json.dumps({**EVENT, "seq": 2})])
    with httpx.Client(base_url="http://h") as c:
        transport = SyncProtocolWebSocketTransport(
            client=c, thread_id="t1", connect=lambda url, **_: socket
        )
        handle = transport.open_event_stream({"channels": ["values"]})
        assert [event["seq"] for event in handle.events] == [1, 2]
        assert socket.closed and handle.error() is None
    assert json.loads(socket.sent[0])["method"] == "subscription.subscribe"


def test_request_shapes() -> None:
    assert build_event_stream_body(
        {"channels": ["a"], "namespaces": None, "depth": 0, "since": "x"}
    ) == {"channels": ["a"], "depth": 0}
    assert (
        build_websocket_url(httpx.URL("http://h:81/api/"), "threads/t") == "ws://h:81/api/threads/t"
    )


async def test_thread_streams_expose_their_transport_and_close_it() -> None:
    async with httpx.AsyncClient(base_url="http://h", transport=httpx.MockTransport(handler)) as c:
        stream = AsyncThreadStream(http=HttpClient(c), thread_id="t1", assistant_id="a")
        assert stream._transport is None
        async with stream:
            transport = stream._transport
            assert isinstance(transport, ProtocolSseTransport) and transport.thread_id == "t1"
        assert transport._closed
        ws = AsyncThreadStream(
            http=HttpClient(c), thread_id="t1", assistant_id="a", transport_kind="websocket"
        )
        async with ws:
            assert isinstance(ws._transport, ProtocolWebSocketTransport)
    with httpx.Client(base_url="http://h", transport=httpx.MockTransport(handler)) as c:
        sync_stream = SyncThreadStream(http=SyncHttpClient(c), thread_id="t1", assistant_id="a")
        with sync_stream:
            assert isinstance(sync_stream._transport, SyncProtocolSseTransport)
        assert sync_stream._transport._closed


async def test_close_ends_a_stream_that_is_waiting() -> None:
    gate = asyncio.Event()

    async def slow_body() -> Any:
        yield SSE_BODY
        await gate.wait()

    def slow(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=slow_body(), headers={"content-type": "text/event-stream"}
        )

    async with httpx.AsyncClient(base_url="http://h", transport=httpx.MockTransport(slow)) as c:
        transport = ProtocolSseTransport(client=c, thread_id="t1")
        handle = transport.open_event_stream({"channels": ["values"]})
        events = handle.events
        assert (await events.__anext__())["seq"] == 1
        await asyncio.wait_for(handle.close(), 5)
        assert [event async for event in events] == []
        await transport.close()
