"""A subscription's events over the built-in WebSocket client (`builtin_websocket.events`,
async and sync, its messages taken as the event source takes them, by `ResumePoint.events`):
event frames yielded, other frames skipped, and every failure reported as
the websockets path reports it (typed status errors, `APIConnectionError`, timeouts)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from ws_test_server import Peer, ScriptedServer, close_payload, scripted_server, server_frame

from lg_threads._async import builtin_websocket as async_builtin
from lg_threads._protocol import ProtocolCommandError
from lg_threads._resume_point import ResumePoint
from lg_threads._sync import builtin_websocket as sync_builtin
from lg_threads._websocket_setup import fits_builtin_client
from lg_transport import client_tls_context, errors

SUBSCRIBE = '{"id":1,"method":"subscription.subscribe","params":{"channels":["values"]}}'


def _take(batch: list[Any], resume: ResumePoint, into: list[dict[str, Any]]) -> None:
    """What the event source does with a batch: its events, then the failure it met."""
    assert type(batch) is list and batch  # a batch is a list, never empty
    into.extend(resume.events(batch))
    if resume.failure is not None:
        raise resume.failure


def collect_sync(
    server: ScriptedServer, timeout: float = 5.0, into: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The events of a subscription, in order (``into`` keeps them when it raises)."""
    url = server.url()
    request = httpx.Request("GET", url.replace("ws", "http", 1))
    found = [] if into is None else into
    resume = ResumePoint(None, orjson.loads)
    with httpx.Client(timeout=timeout) as client:
        for batch in sync_builtin.events(client, url, SUBSCRIBE, [("x-api-key", "k")], request):
            _take(batch, resume, found)
    return found


def collect_async(
    server: ScriptedServer, timeout: float = 5.0, into: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    found = [] if into is None else into
    resume = ResumePoint(None, orjson.loads)

    async def run() -> list[dict[str, Any]]:
        url = server.url()
        request = httpx.Request("GET", url.replace("ws", "http", 1))
        async with httpx.AsyncClient(timeout=timeout) as client:
            events = async_builtin.events(client, url, SUBSCRIBE, [("x-api-key", "k")], request)
            async for batch in events:
                _take(batch, resume, found)
            return found

    return asyncio.run(run())


@pytest.fixture(params=["async", "sync"])
def collect(request: pytest.FixtureRequest) -> Callable[..., list[dict[str, Any]]]:
    return collect_async if request.param == "async" else collect_sync


def event(seq: int) -> bytes:
    return b'{"type":"event","seq":%d,"method":"values","params":{"data":{}}}' % seq


def test_event_frames_are_yielded_and_the_rest_skipped(collect: Callable[..., Any]) -> None:
    received: list[Any] = []

    def script(peer: Peer) -> None:
        received.append(peer.accept(b"\r\n")["x-api-key"])
        received.append(peer.recv_frame()[1])
        peer.send(
            server_frame(b'{"type":"success","id":1,"result":{}}')  # the subscribe's answer
            + server_frame(event(1))
            + server_frame(b"[1, 2]")  # not an object
            + server_frame(b"")  # no value
            + server_frame(event(2), 0x2)  # binary frames are decoded too
            + server_frame(close_payload(1000), 0x8)
        )
        peer.recv_frame()

    with scripted_server(script) as server:
        events = collect(server)
        server.wait()
    assert [e["seq"] for e in events] == [1, 2]
    assert received == ["k", SUBSCRIBE.encode()]


def test_error_frame_is_a_protocol_command_error(collect: Callable[..., Any]) -> None:
    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(b'{"type":"error","id":1,"error":"bad","message":"no such"}'))
        peer.recv_frame()

    with scripted_server(script) as server, pytest.raises(ProtocolCommandError):
        collect(server)


def test_events_read_with_an_error_frame_come_before_the_error(
    collect: Callable[..., Any],
) -> None:
    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(  # one write: the client reads the three frames at once
            server_frame(event(1))
            + server_frame(event(2))
            + server_frame(b'{"type":"error","id":1,"error":"bad","message":"no such"}')
            + server_frame(event(3))
        )
        peer.recv_frame()

    found: list[dict[str, Any]] = []
    with scripted_server(script) as server, pytest.raises(ProtocolCommandError):
        collect(server, into=found)
    assert [e["seq"] for e in found] == [1, 2]


def test_refusal_is_the_typed_status_error(collect: Callable[..., Any]) -> None:
    def script(peer: Peer) -> None:
        peer.read_request()
        peer.send(
            b"HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n"
            b'content-length: 19\r\n\r\n{"detail":"denied"}'
        )

    with scripted_server(script) as server, pytest.raises(errors.PermissionDeniedError) as caught:
        collect(server)
    assert caught.value.status_code == 403
    assert caught.value.body == {"detail": "denied"}


def test_abnormal_close_is_a_connection_error(collect: Callable[..., Any]) -> None:
    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(event(1)) + server_frame(close_payload(1011, "crash"), 0x8))
        peer.recv_frame()

    with scripted_server(script) as server, pytest.raises(errors.APIConnectionError) as caught:
        collect(server)
    assert str(caught.value).startswith(
        "WebSocket failure: ConnectionClosedError: received 1011 (internal error) crash"
    )


def test_refused_connection_and_open_timeout(collect: Callable[..., Any]) -> None:
    def silent(peer: Peer) -> None:
        peer.read_request()
        peer.at_eof(2.0)

    with scripted_server(silent) as server, pytest.raises(errors.APITimeoutError):
        collect(server, timeout=0.2)
    with scripted_server(silent) as server:
        server.close()  # nothing listens on the port any more
        with pytest.raises(errors.APIConnectionError, match="WebSocket failure"):
            collect(server)


def test_the_builtin_client_steps_aside_for_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ws_proxy", "wss_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    plain = httpx.AsyncClient()
    assert fits_builtin_client(plain, "ws://api.example.com/threads/t/stream/events")
    assert not fits_builtin_client(plain, "ws://user:pw@api.example.com/x")
    assert fits_builtin_client(httpx.Client(), "ws://api.example.com/x")
    sync_mounted = httpx.Client(mounts={"all://": httpx.HTTPTransport()})
    assert not fits_builtin_client(sync_mounted, "ws://api.example.com/x")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    assert fits_builtin_client(plain, "ws://api.example.com/x")  # no proxy for plain ws
    assert not fits_builtin_client(plain, "wss://api.example.com/x")
    monkeypatch.setenv("NO_PROXY", "api.example.com")
    assert fits_builtin_client(plain, "wss://api.example.com/x")
    mounted = httpx.AsyncClient(mounts={"all://": httpx.AsyncHTTPTransport()})
    assert not fits_builtin_client(mounted, "ws://api.example.com/x")


def test_wss_takes_the_http_clients_tls_settings() -> None:
    import ssl

    unverified = httpx.Client(verify=False)
    context = client_tls_context(unverified)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_NONE
    assert client_tls_context(httpx.Client()).verify_mode == ssl.CERT_REQUIRED  # type: ignore[union-attr]
