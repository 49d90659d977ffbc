"""The built-in WebSocket client, asyncio flavour: an `asyncio.Protocol` collects what the
socket receives, and `AsyncWebSocket.read_batch` parses all of it at once into the data
messages it holds (`FrameParser`), so a burst of small frames costs one await, not one per
frame. Pings are answered as they are parsed; an idle connection is pinged
(``ping_interval``) and dropped when nothing comes back (``ping_timeout``)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import ssl
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

__all__ = ["AsyncWebSocket", "open_websocket"]

#: Unread bytes at which the socket stops being read until the reader catches up.
HIGH_WATER = 1024 * 1024


class _Receiver(asyncio.Protocol):
    """What the socket received and not yet read, and whether it ended."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.arrivals = 0  # data_received calls: what the keepalive watches
        self.paused = False
        self.ended = False
        self.waiter: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)
        self.size += len(data)
        self.arrivals += 1
        if self.size >= HIGH_WATER and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self.ended = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended = True
        self._wake()

    def _wake(self) -> None:
        waiter = self.waiter
        if waiter is not None:
            self.waiter = None
            if not waiter.done():
                waiter.set_result(None)

    async def read(self) -> bytes:
        """Everything received since the last read (waits for something); b"" at the end."""
        while not self.chunks:
            if self.ended:
                return b""
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
        chunks = self.chunks
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.clear()
        self.size = 0
        if self.paused and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()
        return data


class AsyncWebSocket:
    """An open client connection (made by `open_websocket`); ``async with`` closes it."""

    def __init__(
        self,
        transport: asyncio.Transport,
        receiver: _Receiver,
        leftover: bytes,
        *,
        max_size: int | None,
        ping_interval: float | None,
        ping_timeout: float | None,
        close_timeout: float,
    ) -> None:
        self._transport = transport
        self._receiver = receiver
        self._parser = FrameParser(max_size)
        self._leftover = leftover
        self._close_timeout = close_timeout
        self._sent: Close | None = None
        self._failure: ConnectionClosedError | None = None
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._timer: asyncio.TimerHandle | None = None
        self._arrivals_seen = -1
        if ping_interval is not None:
            self._timer = asyncio.get_running_loop().call_later(ping_interval, self._keepalive)

    async def __aenter__(self) -> AsyncWebSocket:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()

    async def send_text(self, text: str) -> None:
        """Send one text message."""
        self._write(client_frame(OP_TEXT, text.encode()))

    async def read_batch(self) -> list[str | bytes] | None:
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
                data = await self._receiver.read()
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

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close handshake: send a close frame, wait (``close_timeout``) for the server's, then
        close the socket. Idempotent."""
        self._stop_keepalive()
        if self._transport.is_closing():
            return
        try:
            if self._sent is None and self._parser.close is None and self._failure is None:
                self._sent = Close(code, reason)
                self._write(close_frame(code, reason))
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._drain_until_close(), self._close_timeout)
        finally:  # even when cancelled while waiting for the server's close frame
            self._transport.close()

    async def _drain_until_close(self) -> None:
        """Read (and drop) what comes until the server's close frame or the end."""
        parser = self._parser
        data, self._leftover = self._leftover, b""
        while True:
            if data:
                parser.feed(data)
            if parser.close is not None:
                return
            data = await self._receiver.read()
            if not data:
                return

    def _closed_by_server(self, rcvd: Close) -> None:
        """The server's close frame: answer it (same code), end the connection, and end the
        stream quietly for a normal code, with `ConnectionClosedError` otherwise."""
        self._stop_keepalive()
        if self._sent is None:
            self._sent = Close(rcvd.code, rcvd.reason)
            self._write(close_frame(rcvd.code, rcvd.reason))
        self._transport.close()
        if rcvd.code in OK_CLOSE_CODES and self._sent.code in OK_CLOSE_CODES:
            return
        raise ConnectionClosedError(rcvd, self._sent)

    def _fail(self, code: int, detail: str) -> ConnectionClosedError:
        """Close with ``code`` after a protocol violation; the error to raise from now on."""
        self._stop_keepalive()
        if self._sent is None:
            self._sent = Close(code, detail[:100])
            self._write(close_frame(code, detail[:100]))
        self._transport.close()
        self._failure = ConnectionClosedError(None, self._sent)
        return self._failure

    def _write(self, frame: bytes) -> None:
        if not self._transport.is_closing():
            self._transport.write(frame)

    # Keepalive: a timer, so that reading costs nothing extra.

    def _keepalive(self) -> None:
        receiver = self._receiver
        loop = asyncio.get_running_loop()
        assert self._ping_interval is not None
        if receiver.arrivals != self._arrivals_seen or receiver.paused or receiver.chunks:
            # Traffic since the last tick, or unread data (the reader is busy): alive.
            self._arrivals_seen = receiver.arrivals
            self._timer = loop.call_later(self._ping_interval, self._keepalive)
            return
        self._write(client_frame(OP_PING, os.urandom(4)))
        if self._ping_timeout is None:
            self._timer = loop.call_later(self._ping_interval, self._keepalive)
        else:
            self._timer = loop.call_later(self._ping_timeout, self._keepalive_check)

    def _keepalive_check(self) -> None:
        if self._receiver.arrivals != self._arrivals_seen or self._receiver.chunks:
            self._keepalive()
            return
        self._fail(1011, "keepalive ping timeout")  # closing wakes the reader

    def _stop_keepalive(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


async def open_websocket(
    url: str,
    *,
    headers: Iterable[tuple[str, str]] = (),
    ssl_context: ssl.SSLContext | None = None,
    open_timeout: float | None = 10.0,
    max_size: int | None = 1024 * 1024,
    ping_interval: float | None = 20.0,
    ping_timeout: float | None = 20.0,
    close_timeout: float = 10.0,
) -> AsyncWebSocket:
    """Connect to ``url`` (``ws://`` or ``wss://``) and complete the opening handshake.

    Raises `InvalidStatus` when the server answers with another status than 101 (its
    response kept), `InvalidHandshake` for an invalid upgrade, `TimeoutError` past
    ``open_timeout``, `OSError` when the connection fails.
    """
    where = handshake.target(url)
    key = handshake.new_key()
    request = handshake.request_bytes(where, key, headers)
    loop = asyncio.get_running_loop()
    transport: asyncio.Transport | None = None

    async def opening() -> AsyncWebSocket:
        nonlocal transport
        context = None
        if where.secure:
            context = ssl_context or ssl.create_default_context()
        transport, receiver = await loop.create_connection(
            _Receiver,
            where.host,
            where.port,
            ssl=context,
            server_hostname=where.host if context is not None else None,
        )
        transport.write(request)
        status, response_headers, rest = await _read_head(receiver)
        if status != 101:
            body = await _read_refusal_body(receiver, status, response_headers, rest)
            raise InvalidStatus(status, response_headers, body)
        handshake.check_upgrade(status, response_headers, key)
        return AsyncWebSocket(
            transport,
            receiver,
            rest,
            max_size=max_size,
            ping_interval=ping_interval,
            ping_timeout=ping_timeout,
            close_timeout=close_timeout,
        )

    try:
        if open_timeout is None:
            return await opening()
        try:
            return await asyncio.wait_for(opening(), open_timeout)
        except asyncio.TimeoutError as exc:  # a distinct class before Python 3.11
            raise TimeoutError("timed out during the WebSocket opening handshake") from exc
    except BaseException:
        if transport is not None:
            transport.abort()
        raise


async def _read_head(receiver: _Receiver) -> tuple[int, list[tuple[str, str]], bytes]:
    buffer = b""
    while (end := buffer.find(b"\r\n\r\n")) < 0:
        if len(buffer) > handshake.MAX_HEAD:
            raise InvalidHandshake("the server's answer to the handshake is too long")
        data = await receiver.read()
        if not data:
            raise InvalidHandshake("connection closed while reading the handshake's answer")
        buffer += data
    status, headers = handshake.parse_head(buffer[:end])
    return status, headers, buffer[end + 4 :]


async def _read_refusal_body(
    receiver: _Receiver, status: int, headers: list[tuple[str, str]], data: bytes
) -> bytes:
    """The body of a refused upgrade (Content-Length, chunked, or up to the end)."""
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
        more = await receiver.read()
        if not more:
            return handshake.dechunk(data)[0] if chunked else data
        data += more
