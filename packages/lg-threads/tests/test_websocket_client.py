"""The built-in WebSocket client (`lg_threads._websocket`), async and blocking, against a
scripted loopback server: the handshake and its checks, messages, pings, both close
handshakes, abrupt ends, keepalive, refusals with their body, TLS."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ws_test_server import Peer, ScriptedServer, close_payload, scripted_server, server_frame

from lg_threads._websocket import _async, _sync
from lg_threads._websocket.errors import (
    ConnectionClosedError,
    InvalidHandshake,
    InvalidStatus,
)

Script = Callable[[Peer], None]


def read_all_sync(server: ScriptedServer, **options: Any) -> list[str | bytes]:
    messages: list[str | bytes] = []
    with _sync.open_websocket(server.url(), **options) as ws:
        ws.send_text('{"subscribe": 1}')
        while (batch := ws.read_batch()) is not None:
            messages += batch
    return messages


async def read_all_async(server: ScriptedServer, **options: Any) -> list[str | bytes]:
    messages: list[str | bytes] = []
    async with await _async.open_websocket(server.url(), **options) as ws:
        await ws.send_text('{"subscribe": 1}')
        while (batch := await ws.read_batch()) is not None:
            messages += batch
    return messages


@pytest.fixture(params=["async", "sync"])
def read_all(request: pytest.FixtureRequest) -> Callable[..., list[str | bytes]]:
    """Connect, subscribe, read every message until the server closes normally."""
    if request.param == "sync":
        return read_all_sync

    def run(server: ScriptedServer, **options: Any) -> list[str | bytes]:
        return asyncio.run(read_all_async(server, **options))

    return run


def test_handshake_messages_and_normal_close(read_all: Callable[..., Any]) -> None:
    seen: dict[str, Any] = {}

    def script(peer: Peer) -> None:
        seen["headers"] = peer.accept(b"\r\n" + server_frame(b'{"early": true}'))
        seen["subscribe"] = peer.recv_frame()
        # Many frames in one write, one split over two writes, a binary one.
        peer.send(b"".join(server_frame(f'{{"i": {i}}}'.encode()) for i in range(100)))
        tail = server_frame(b'{"split": "' + b"y" * 1000 + b'"}')
        peer.send(tail[:3])
        time.sleep(0.05)
        peer.send(tail[3:] + server_frame(b"\x00\x01", 0x2))
        peer.send(server_frame(close_payload(1000), 0x8))
        seen["close"] = peer.recv_frame()
        seen["eof"] = peer.at_eof()

    with scripted_server(script) as server:
        messages = read_all(
            server, headers=[("x-api-key", "k"), ("User-Agent", "ua/1"), ("Host", "evil")]
        )
        server.wait()
        assert not server.errors
    assert messages[0] == '{"early": true}'  # sent right behind the 101
    assert messages[1:101] == [f'{{"i": {i}}}' for i in range(100)]
    assert messages[101] == '{"split": "' + "y" * 1000 + '"}'
    assert messages[102] == b"\x00\x01"
    headers = seen["headers"]
    assert headers[":request-line"] == "GET /threads/t/stream/events HTTP/1.1"
    assert headers["host"] == f"127.0.0.1:{server.port}"  # the caller's Host is dropped
    assert headers["upgrade"] == "websocket" and headers["connection"] == "Upgrade"
    assert headers["sec-websocket-version"] == "13"
    assert len(headers["sec-websocket-key"]) == 24
    assert headers["x-api-key"] == "k" and headers["user-agent"] == "ua/1"
    assert "sec-websocket-extensions" not in headers  # no permessage-deflate offered
    assert seen["subscribe"] == (0x1, b'{"subscribe": 1}', True)  # masked text frame
    assert seen["close"] == (0x8, close_payload(1000), True)  # the close echoed
    assert seen["eof"]


def test_pings_are_answered_with_the_same_payload(read_all: Callable[..., Any]) -> None:
    pongs: list[tuple[int, bytes, bool]] = []

    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(b"one") + server_frame(b"are you there", 0x9))
        pongs.append(peer.recv_frame())
        peer.send(server_frame(b"two") + server_frame(b"", 0x8))
        peer.recv_frame()

    with scripted_server(script) as server:
        assert read_all(server) == ["one", "two"]  # a close without a code is normal too
        server.wait()
        assert not server.errors
    assert pongs == [(0xA, b"are you there", True)]


@pytest.mark.parametrize(
    ("code", "reason", "message"),
    [
        (1011, "boom", "received 1011 (internal error) boom; then sent 1011 (internal error) boom"),
        (4404, "", "received 4404 (private use); then sent 4404 (private use)"),
    ],
)
def test_error_close_codes_raise(
    read_all: Callable[..., Any], code: int, reason: str, message: str
) -> None:
    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(b"before") + server_frame(close_payload(code, reason), 0x8))
        peer.recv_frame()

    with scripted_server(script) as server, pytest.raises(ConnectionClosedError) as caught:
        read_all(server)
    assert str(caught.value) == message
    assert caught.value.code == code


def test_connection_dropped_without_close_frame(read_all: Callable[..., Any]) -> None:
    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(b"partial")[:4])

    with scripted_server(script) as server, pytest.raises(ConnectionClosedError) as caught:
        read_all(server)
    assert str(caught.value) == "no close frame received or sent"
    assert caught.value.code == 1006


def test_malformed_frame_closes_with_the_protocol_error_code(
    read_all: Callable[..., Any],
) -> None:
    answers: list[tuple[int, bytes, bool]] = []

    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(b"ok") + server_frame(b"x", 0x3))
        answers.append(peer.recv_frame())

    with scripted_server(script) as server:
        with pytest.raises(ConnectionClosedError) as caught:
            read_all(server)
        server.wait()
    assert "sent 1002 (protocol error) invalid opcode: 3" in str(caught.value)
    assert answers[0][0] == 0x8 and answers[0][1][:2] == (1002).to_bytes(2, "big")


@pytest.mark.parametrize(
    ("extra", "accept_value", "message"),
    [
        (b"\r\n", "d3Jvbmcga2V5IGFuc3dlcg==", "invalid Sec-WebSocket-Accept"),
        (b"Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n", None, "extension"),
        (b"Sec-WebSocket-Protocol: chat\r\n\r\n", None, "subprotocol"),
    ],
)
def test_invalid_upgrades_are_refused(
    read_all: Callable[..., Any], extra: bytes, accept_value: str | None, message: str
) -> None:
    def script(peer: Peer) -> None:
        peer.accept(extra, accept_value=accept_value)
        peer.at_eof()

    with scripted_server(script) as server, pytest.raises(InvalidHandshake, match=message):
        read_all(server)


@pytest.mark.parametrize(
    ("response", "body"),
    [
        (
            b"HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n"
            b'content-length: 17\r\n\r\n{"detail": "no!"}',
            b'{"detail": "no!"}',
        ),
        (
            b"HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            b"hello world",
        ),
        (b"HTTP/1.1 500 Internal Server Error\r\nconnection: close\r\n\r\nbroken", b"broken"),
    ],
)
def test_refusals_keep_status_headers_and_body(
    read_all: Callable[..., Any], response: bytes, body: bytes
) -> None:
    def script(peer: Peer) -> None:
        peer.read_request()
        peer.send(response)

    with scripted_server(script) as server, pytest.raises(InvalidStatus) as caught:
        read_all(server)
    assert caught.value.status_code == int(response[9:12])
    assert caught.value.body == body
    assert caught.value.headers[0][0].lower() in ("content-type", "transfer-encoding", "connection")


def test_open_timeout(read_all: Callable[..., Any]) -> None:
    def script(peer: Peer) -> None:
        peer.read_request()
        time.sleep(1.0)  # never answers in time

    with scripted_server(script) as server, pytest.raises(TimeoutError):
        read_all(server, open_timeout=0.2)


def test_keepalive_pings_an_idle_connection_and_drops_a_dead_one(
    read_all: Callable[..., Any],
) -> None:
    frames: list[tuple[int, bytes, bool]] = []

    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        ping = peer.recv_frame()  # idle: the client pings
        frames.append(ping)
        peer.send(server_frame(ping[1], 0xA) + server_frame(b"alive"))
        frames.append(peer.recv_frame())  # idle again: another ping, left unanswered
        frames.append(peer.recv_frame())  # then the client gives up

    with scripted_server(script) as server:
        with pytest.raises(ConnectionClosedError) as caught:
            read_all(server, ping_interval=0.2, ping_timeout=0.2)
        server.wait()
    assert "keepalive ping timeout" in str(caught.value)
    assert [f[0] for f in frames] == [0x9, 0x9, 0x8]
    assert frames[2][1][:2] == (1011).to_bytes(2, "big")


def test_client_close_waits_for_the_server_close() -> None:
    """Leaving early sends close 1000 and reads until the server's close frame."""
    seen: list[Any] = []

    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.send(b"".join(server_frame(b"x" * 100) for _ in range(1000)))
        seen.append(peer.recv_frame())
        peer.send(server_frame(close_payload(1000), 0x8))
        seen.append(peer.at_eof())

    async def leave_early(server: ScriptedServer) -> None:
        async with await _async.open_websocket(server.url()) as ws:
            assert await ws.read_batch()

    for run in (lambda s: asyncio.run(leave_early(s)), leave_early_sync):
        seen.clear()
        with scripted_server(script) as server:
            run(server)
            server.wait()
            assert not server.errors
        assert seen == [(0x8, close_payload(1000), True), True]


def leave_early_sync(server: ScriptedServer) -> None:
    with _sync.open_websocket(server.url()) as ws:
        assert ws.read_batch()


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_wss_uses_the_given_context_and_verifies_by_default(
    read_all: Callable[..., Any], tls_files: tuple[Path, Path]
) -> None:
    cert, key = tls_files
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)

    def script(peer: Peer) -> None:
        peer.accept(b"\r\n")
        peer.recv_frame()
        peer.send(server_frame(b"secure") + server_frame(close_payload(1000), 0x8))
        peer.recv_frame()

    trusting = ssl.create_default_context(cafile=str(cert))
    with scripted_server(script, tls=server_context) as server:
        assert server.url().startswith("wss://")
        assert read_all(server, ssl_context=trusting) == ["secure"]
        with pytest.raises(ssl.SSLCertVerificationError):
            read_all(server)  # the system's CAs do not know this certificate


def test_cancelled_while_closing_still_closes_the_socket() -> None:
    """A task cancelled while waiting for the server's close frame leaves no socket open."""
    seen: list[Any] = []

    def script(peer: Peer) -> None:
        peer.accept(b"\r\n" + server_frame(b"hello"))
        seen.append(peer.recv_frame())  # the client's close, never answered
        seen.append(peer.at_eof())

    async def leave_then_cancel(server: ScriptedServer) -> None:
        async def leave() -> None:
            async with await _async.open_websocket(server.url(), close_timeout=30) as ws:
                assert await ws.read_batch() == ["hello"]

        task = asyncio.create_task(leave())
        await asyncio.sleep(0.3)  # now waiting for the server's close frame
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    with scripted_server(script) as server:
        started = time.monotonic()
        asyncio.run(leave_then_cancel(server))
        server.wait()
        assert time.monotonic() - started < 5
    assert seen == [(0x8, close_payload(1000), True), True]
