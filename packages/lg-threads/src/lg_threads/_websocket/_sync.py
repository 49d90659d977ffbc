"""The built-in WebSocket client, blocking flavour: the caller's thread reads the socket
itself (no background thread, no queue), and `SyncWebSocket.read_batch` parses a whole read
into the data messages it holds. Pings are answered as they are parsed; when nothing arrives
for ``ping_interval`` the connection is pinged, and dropped when nothing comes back within
``ping_timeout``."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import time
from collections.abc import Iterable
from typing import Any

from lg_threads._websocket import handshake
from lg_threads._websocket.errors import (
    ConnectionClosedError,
    InvalidHandshake,
    InvalidStatus,
)
from lg_threads._websocket.frames import (
    OK_CLOSE_CODES,
    OP_PING,
    OP_PONG,
    OP_TEXT,
    Close,
    FrameParser,
    ProtocolError,
    client_frame,
    close_frame,
)

__all__ = ["SyncWebSocket", "open_websocket"]

#: Bytes asked of the socket per read.
READ_SIZE = 256 * 1024


class SyncWebSocket:
    """An open client connection (made by `open_websocket`); ``with`` closes it."""

    def __init__(
        self,
        sock: socket.socket,
        leftover: bytes,
        *,
        max_size: int | None,
        ping_interval: float | None,
        ping_timeout: float | None,
        close_timeout: float,
    ) -> None:
        self._sock = sock
        self._parser = FrameParser(max_size)
        self._leftover = leftover
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._close_timeout = close_timeout
        self._sent: Close | None = None
        self._failure: ConnectionClosedError | None = None
        self._closed = False
        sock.settimeout(ping_interval)

    def __enter__(self) -> SyncWebSocket:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def send_text(self, text: str) -> None:
        """Send one text message."""
        self._write(client_frame(OP_TEXT, text.encode()))

    def read_batch(self) -> list[str | bytes] | None:
        """The next data messages (text as `str`, binary as `bytes`), at least one; None once
        the server closed normally. An abnormal end raises `ConnectionClosedError`."""
        parser = self._parser
        while True:
            if self._failure is not None:
                raise self._failure
            if parser.close is not None:
                self._closed_by_server(parser.close)
                return None
            if self._leftover:
                data, self._leftover = self._leftover, b""
            else:
                data = self._receive()
                if not data:
                    raise ConnectionClosedError(None, self._sent)
            try:
                messages = parser.feed(data)
            except ProtocolError as exc:
                raise self._fail(exc.code, str(exc)) from exc
            if parser.pings:
                for payload in parser.pings:
                    self._write(client_frame(OP_PONG, payload))
                parser.pings.clear()
            if messages:
                return messages

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Close handshake: send a close frame, wait (``close_timeout``) for the server's, then
        close the socket. Idempotent."""
        if self._closed:
            return
        if self._sent is None and self._parser.close is None and self._failure is None:
            self._sent = Close(code, reason)
            with contextlib.suppress(OSError):
                self._write(close_frame(code, reason))
                self._drain_until_close()
        self._shut()

    def _drain_until_close(self) -> None:
        deadline = time.monotonic() + self._close_timeout
        data, self._leftover = self._leftover, b""
        while True:
            if data:
                try:
                    self._parser.feed(data)
                except ProtocolError:
                    return
            if self._parser.close is not None:
                return
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._sock.settimeout(left)
            data = self._sock.recv(READ_SIZE)
            if not data:
                return

    def _receive(self) -> bytes:
        """One read; the keepalive runs on the socket's timeout."""
        try:
            try:
                return self._sock.recv(READ_SIZE)
            except TimeoutError:
                if self._ping_interval is None:
                    raise
            self._write(client_frame(OP_PING, os.urandom(4)))
            self._sock.settimeout(self._ping_timeout)
            try:
                return self._sock.recv(READ_SIZE)
            except TimeoutError:
                raise self._fail(1011, "keepalive ping timeout") from None
            finally:
                if not self._closed:
                    self._sock.settimeout(self._ping_interval)
        except ConnectionClosedError:
            raise
        except OSError as exc:
            self._shut()
            raise ConnectionClosedError(None, self._sent) from exc

    def _closed_by_server(self, rcvd: Close) -> None:
        """As `AsyncWebSocket._closed_by_server`."""
        if self._sent is None:
            self._sent = Close(rcvd.code, rcvd.reason)
            with contextlib.suppress(OSError):
                self._write(close_frame(rcvd.code, rcvd.reason))
        self._shut()
        if rcvd.code in OK_CLOSE_CODES and self._sent.code in OK_CLOSE_CODES:
            return
        raise ConnectionClosedError(rcvd, self._sent)

    def _fail(self, code: int, detail: str) -> ConnectionClosedError:
        if self._sent is None:
            self._sent = Close(code, detail[:100])
            with contextlib.suppress(OSError):
                self._write(close_frame(code, detail[:100]))
        self._shut()
        self._failure = ConnectionClosedError(None, self._sent)
        return self._failure

    def _write(self, frame: bytes) -> None:
        if not self._closed:
            self._sock.sendall(frame)

    def _shut(self) -> None:
        if not self._closed:
            self._closed = True
            self._sock.close()


def open_websocket(
    url: str,
    *,
    headers: Iterable[tuple[str, str]] = (),
    ssl_context: ssl.SSLContext | None = None,
    open_timeout: float | None = 10.0,
    max_size: int | None = 1024 * 1024,
    ping_interval: float | None = 20.0,
    ping_timeout: float | None = 20.0,
    close_timeout: float = 10.0,
) -> SyncWebSocket:
    """As the async `open_websocket`, blocking."""
    where = handshake.target(url)
    key = handshake.new_key()
    request = handshake.request_bytes(where, key, headers)
    deadline = None if open_timeout is None else time.monotonic() + open_timeout
    sock = socket.create_connection((where.host, where.port), timeout=open_timeout)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if where.secure:
            context = ssl_context or ssl.create_default_context()
            sock.settimeout(_left(deadline))
            sock = context.wrap_socket(sock, server_hostname=where.host)
        sock.settimeout(_left(deadline))
        sock.sendall(request)
        reader = _Reader(sock, deadline)
        status, response_headers, rest = _read_head(reader)
        if status != 101:
            body = _read_refusal_body(reader, status, response_headers, rest)
            raise InvalidStatus(status, response_headers, body)
        handshake.check_upgrade(status, response_headers, key)
        return SyncWebSocket(
            sock,
            rest,
            max_size=max_size,
            ping_interval=ping_interval,
            ping_timeout=ping_timeout,
            close_timeout=close_timeout,
        )
    except TimeoutError as exc:
        sock.close()
        raise TimeoutError("timed out during the WebSocket opening handshake") from exc
    except BaseException:
        sock.close()
        raise


def _left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    return left


class _Reader:
    """Reads of the handshake, each bounded by what is left of ``open_timeout``."""

    def __init__(self, sock: socket.socket, deadline: float | None) -> None:
        self.sock = sock
        self.deadline = deadline

    def read(self) -> bytes:
        self.sock.settimeout(_left(self.deadline))
        return self.sock.recv(READ_SIZE)


def _read_head(reader: _Reader) -> tuple[int, list[tuple[str, str]], bytes]:
    buffer = b""
    while (end := buffer.find(b"\r\n\r\n")) < 0:
        if len(buffer) > handshake.MAX_HEAD:
            raise InvalidHandshake("the server's answer to the handshake is too long")
        data = reader.read()
        if not data:
            raise InvalidHandshake("connection closed while reading the handshake's answer")
        buffer += data
    status, headers = handshake.parse_head(buffer[:end])
    return status, headers, buffer[end + 4 :]


def _read_refusal_body(
    reader: _Reader, status: int, headers: list[tuple[str, str]], data: bytes
) -> bytes:
    length, chunked = handshake.body_length(status, headers)
    while True:
        if length is not None and len(data) >= length:
            return data[:length]
        if chunked:
            body, complete = handshake.dechunk(data)
            if complete:
                return body
        if len(data) > handshake.MAX_ERROR_BODY:
            return data[: handshake.MAX_ERROR_BODY]
        more = reader.read()
        if not more:
            return handshake.dechunk(data)[0] if chunked else data
        data += more
