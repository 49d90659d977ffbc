"""httpcore's sync HTTP/1.1 connection, with a short exchange for plain calls.

Through httpcore, a call's request and answer each pass through h11's event machinery (events
built and validated, a state machine, a receive buffer, header normalisation twice) and
httpcore's trace and exception-mapping context managers: most of a sync call's Python work,
paid under the GIL, which is what 32 threads sharing a client queue for.

`LeanHTTP11Connection.handle_request` does the common exchange itself, byte for byte the one
h11 would do: the request (method, target, headers in the order h11 writes them, body) written
in one piece, the answer's head parsed with h11's own grammar, a ``Content-Length`` body read
to its length. Everything else is left to httpcore and h11, unchanged:

- a request h11 would refuse or frame otherwise (invalid names or values, no single ``Host``,
  a body not in memory or not matching its ``Content-Length``, ``Transfer-Encoding``,
  ``Expect``, ``Upgrade``, another method than the usual five) is sent by httpcore;
- an answer that is not plainly an HTTP/1.1 head with a single ``Content-Length`` (a chunked
  event stream, ``1xx``, HTTP/1.0, folded or invalid header lines, a close before the head
  ended, a head over h11's size limit) is handed to h11 with the bytes read so far, after h11
  is told what was sent: it then parses it, and raises, exactly as it would have;
- with a ``trace`` extension or httpcore's debug logging on, httpcore does the whole call (its
  trace events come from its own steps).

The connection's state (`HTTPConnectionState`, request count, keep-alive expiry) moves as
httpcore moves it; h11 stays idle across short exchanges. The answer's body must be read to
its end for the connection to be reused; a short or cut body closes it, as httpcore does.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import suppress
from typing import Any, Final

import h11
import httpx
from h11._abnf import field_value, header_field, request_target, status_line, token
from httpcore import ConnectionNotAvailable, RemoteProtocolError, Request, Response, WriteError
from httpcore._models import ByteStream as CoreByteStream
from httpcore._sync.connection import HTTPConnection
from httpcore._sync.http11 import (
    HTTP11Connection,
    HTTP11ConnectionByteStream,
    HTTP11UpgradeStream,
    HTTPConnectionState,
)
from httpcore._synchronization import ShieldCancellation

__all__ = ["LeanHTTP11Connection", "LeanHTTPConnection", "lean_connection"]

_NEW, _ACTIVE, _IDLE = HTTPConnectionState.NEW, HTTPConnectionState.ACTIVE, HTTPConnectionState.IDLE
_trace_logger = logging.getLogger("httpcore.http11")

#: h11's grammar, compiled as h11 compiles it (its readers match with ``fullmatch``).
_TOKEN = re.compile(token.encode("ascii"))
_FIELD_VALUE = re.compile(field_value.encode("ascii"))
_TARGET = re.compile(request_target.encode("ascii"))
_STATUS_LINE = re.compile(status_line.encode("ascii"))
_HEADER_FIELD = re.compile(header_field.encode("ascii"))
#: Where h11 ends a head: the first empty line, ``\r`` optional.
_HEAD_END = re.compile(b"\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"[0-9]{1,18}")
#: Methods whose answers h11 frames by their headers alone (not HEAD, not CONNECT).
_METHODS: Final = frozenset({b"GET", b"POST", b"PUT", b"PATCH", b"DELETE"})
#: Request headers that make h11 or the server do more than a plain exchange.
_SPECIAL_REQUEST_HEADERS: Final = frozenset({b"transfer-encoding", b"expect", b"upgrade"})
_CACHE_SIZE: Final = 256


class _PlainHead:
    """A request's validated header block, as h11 would write it."""

    __slots__ = ("block", "content_length", "keep_alive")

    def __init__(self, block: bytes, content_length: int, keep_alive: bool) -> None:
        self.block = block  # the header lines (Host first) and the empty line
        self.content_length = content_length
        self.keep_alive = keep_alive


_heads: dict[tuple[tuple[bytes, bytes], ...], _PlainHead | None] = {}


def _plain_head(headers: tuple[tuple[bytes, bytes], ...]) -> _PlainHead | None:
    """The header block h11 would write for ``headers``, or None where h11 would refuse them
    or frame the request otherwise (remembered per header set: the SDK sends a few)."""
    try:
        return _heads[headers]
    except KeyError:
        pass
    hosts: list[bytes] = []
    others: list[bytes] = []
    content_length: int | None = None
    keep_alive = True
    plain = True
    for name, value in headers:
        if type(name) is not bytes or type(value) is not bytes:
            plain = False
            break
        if _TOKEN.fullmatch(name) is None or _FIELD_VALUE.fullmatch(value) is None:
            plain = False
            break
        lowered = name.lower()
        line = b"%s: %s\r\n" % (name, value)
        if lowered == b"host":
            hosts.append(line)
            continue
        if lowered in _SPECIAL_REQUEST_HEADERS:
            plain = False
            break
        if lowered == b"content-length":
            if content_length is not None or _CONTENT_LENGTH.fullmatch(value) is None:
                plain = False
                break
            content_length = int(value)
        elif lowered == b"connection" and b"close" in _comma_tokens(value):
            keep_alive = False
        others.append(line)
    head = None
    if plain and len(hosts) == 1:
        block = b"".join([*hosts, *others, b"\r\n"])
        head = _PlainHead(block, content_length or 0, keep_alive)
    if len(_heads) >= _CACHE_SIZE:
        _heads.clear()
    _heads[headers] = head
    return head


def _comma_tokens(value: bytes) -> list[bytes]:
    """A comma-separated header value's tokens, as h11 compares them (stripped, lowercased)."""
    return [part.strip().lower() for part in value.split(b",")]


def _body(request: Request) -> bytes | None:
    """The request body, when it is in memory (else None: httpcore streams it)."""
    stream = request.stream
    if type(stream) is httpx.ByteStream or type(stream) is CoreByteStream:
        return b"".join(stream)
    return None


class _ParsedHead:
    __slots__ = ("headers", "keep_alive", "length", "reason", "status")

    def __init__(
        self,
        status: int,
        reason: bytes,
        headers: list[tuple[bytes, bytes]],
        length: int,
        keep_alive: bool,
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.length = length
        self.keep_alive = keep_alive


def _parse_head(head: bytes) -> _ParsedHead | None:
    """An answer's head (up to and with the empty line), split and matched as h11 does; None
    for anything but a plain HTTP/1.1 answer framed by a single ``Content-Length``."""
    lines = head.split(b"\n")
    del lines[-2:]  # the empty line's two ends
    status_match = _STATUS_LINE.fullmatch(lines[0].removesuffix(b"\r"))
    if status_match is None or status_match["http_version"] != b"1.1":
        return None
    status = int(status_match["status_code"])
    if status < 200:
        return None
    headers: list[tuple[bytes, bytes]] = []
    length: int | None = None
    keep_alive = True
    for raw in lines[1:]:
        line = raw.removesuffix(b"\r")
        if line[:1] in (b" ", b"\t"):  # a folded line: h11 joins it to the one before
            return None
        match = _HEADER_FIELD.fullmatch(line)
        if match is None:
            return None
        name, value = match["field_name"], match["field_value"]
        lowered = name.lower()
        if lowered == b"content-length":
            if length is not None or _CONTENT_LENGTH.fullmatch(value) is None:
                return None
            length = int(value)
        elif lowered == b"transfer-encoding":
            return None
        elif lowered == b"connection" and b"close" in _comma_tokens(value):
            keep_alive = False
        headers.append((name, value))
    if status == 204 or status == 304:
        length = 0  # h11 reads no body after these, whatever the headers say
    elif length is None:
        return None  # read to the close (HTTP/1.0 framing): h11's
    reason = status_match["reason"] or b""
    return _ParsedHead(status, reason, headers, length, keep_alive)


class LeanHTTP11Connection(HTTP11Connection):
    """`HTTP11Connection` with the short exchange described in this module's docstring."""

    def handle_request(self, request: Request) -> Response:
        method = request.method
        extensions = request.extensions
        if (
            method not in _METHODS
            or "trace" in extensions
            or _trace_logger.isEnabledFor(logging.DEBUG)
            or not self.can_handle_request(request.url.origin)
        ):
            return super().handle_request(request)
        headers = request.headers
        plain = _plain_head(tuple(headers))
        target = request.url.target
        body = _body(request) if plain is not None else None
        if (
            plain is None
            or body is None
            or len(body) != plain.content_length
            or _TARGET.fullmatch(target) is None
        ):
            return super().handle_request(request)

        with self._state_lock:
            if self._state in (_NEW, _IDLE):
                self._request_count += 1
                self._state = _ACTIVE
                self._expire_at = None
            else:
                raise ConnectionNotAvailable()

        timeouts = extensions.get("timeout", {})
        stream = self._network_stream
        try:
            # As httpcore: a server may answer and close before the request is all sent.
            with suppress(WriteError):
                stream.write(
                    b"%s %s HTTP/1.1\r\n%s%s" % (method, target, plain.block, body),
                    timeouts.get("write", None),
                )
            read_timeout = timeouts.get("read", None)
            buffer = b""
            end = None
            while end is None:
                data = stream.read(self.READ_NUM_BYTES, read_timeout)
                if not data or len(buffer) + len(data) > self.MAX_INCOMPLETE_EVENT_SIZE:
                    return self._h11_answer(request, body, buffer + data)
                buffer += data
                end = _HEAD_END.search(buffer)
            cut = end.end()
            parsed = _parse_head(buffer[:cut]) if buffer[:5] == b"HTTP/" else None
            if parsed is None:
                return self._h11_answer(request, body, buffer)
            return Response(
                status=parsed.status,
                headers=parsed.headers,
                content=LeanBody(
                    self,
                    buffer[cut:],
                    parsed.length,
                    read_timeout,
                    parsed.keep_alive and plain.keep_alive,
                ),
                extensions={
                    "http_version": b"HTTP/1.1",
                    "reason_phrase": parsed.reason,
                    "network_stream": stream,
                },
            )
        except BaseException:
            with ShieldCancellation():
                self._lean_response_closed(reusable=False)
            raise

    def has_expired(self) -> bool:
        """httpcore's check, unless a request took the connection while it ran.

        The pool may hand an idle connection to several waiting requests at once (all but the
        first then get `ConnectionNotAvailable`), and checks connections for expiry without
        them: while the check polls the socket (the GIL released), one of those requests may
        start its exchange, whose answer then makes the socket readable. httpcore would take
        that for a server's close and close the connection under the exchange.
        """
        started = self._request_count
        expired = super().has_expired()
        return expired and self._request_count == started

    def _h11_answer(self, request: Request, body: bytes, received: bytes) -> Response:
        """Hand an answer the short exchange does not take to h11, which is first told what
        was sent (the request passed its checks: h11 accepts it), then given what came."""
        state = self._h11_state
        state.send(
            h11.Request(method=request.method, target=request.url.target, headers=request.headers)
        )
        if body:
            state.send(h11.Data(data=body))
        state.send(h11.EndOfMessage())
        if received:
            state.receive_data(received)
        http_version, status, reason, headers, trailing = self._receive_response_headers(
            request=request
        )
        stream: Any = self._network_stream
        if status == 101:
            stream = HTTP11UpgradeStream(stream, trailing)
        return Response(
            status=status,
            headers=headers,
            content=HTTP11ConnectionByteStream(self, request),
            extensions={
                "http_version": http_version,
                "reason_phrase": reason,
                "network_stream": stream,
            },
        )

    def _lean_response_closed(self, *, reusable: bool) -> None:
        """httpcore's end of an exchange: idle again (keep-alive clock started), or closed."""
        if self._h11_state.our_state is not h11.IDLE:  # h11 took over this exchange
            self._response_closed()
            return
        with self._state_lock:
            if reusable:
                self._state = _IDLE
                if self._keepalive_expiry is not None:
                    self._expire_at = time.monotonic() + self._keepalive_expiry
            else:
                self.close()


class LeanBody:
    """The body of a short exchange: the bytes that came with the head, then reads up to its
    ``Content-Length`` (errors as h11 and httpcore raise them)."""

    def __init__(
        self,
        connection: LeanHTTP11Connection,
        first: bytes,
        length: int,
        timeout: float | None,
        keep_alive: bool,
    ) -> None:
        self._connection = connection
        self._first = first[:length]
        #: Bytes after the body (the server sent more than it framed): the connection is not
        #: reused, as what follows is not the answer to a next request.
        self._extra = len(first) > length
        self._length = length
        self._remaining = length - len(self._first)
        self._timeout = timeout
        self._keep_alive = keep_alive
        self._done = False
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        try:
            first, self._first = self._first, b""
            if first:
                yield first
            read = self._connection._network_stream.read
            while self._remaining > 0:
                data = read(min(self._remaining, self._connection.READ_NUM_BYTES), self._timeout)
                if not data:
                    raise RemoteProtocolError(
                        "peer closed connection without sending complete message body "
                        f"(received {self._length - self._remaining} bytes, expected {self._length})"
                    )
                self._remaining -= len(data)
                yield data
            self._done = True
        except BaseException:
            with ShieldCancellation():
                self.close()
            raise

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._connection._lean_response_closed(
                reusable=self._done and self._keep_alive and not self._extra
            )


class LeanHTTPConnection(HTTPConnection):
    """httpcore's connection, whose HTTP/1.1 connection becomes a `LeanHTTP11Connection`
    once made (HTTP/2, and anything else it may make, is left as it is)."""

    def handle_request(self, request: Request) -> Response:
        try:
            return super().handle_request(request)
        finally:
            # Made by the first request (which httpcore's class serves): lean from then on,
            # its expiry check included (the first answer's body reads the same either way).
            connection = self._connection
            if type(connection) is HTTP11Connection:
                connection.__class__ = LeanHTTP11Connection


def lean_connection(connection: Any) -> Any:
    """``connection`` (from a pool's ``create_connection``) made lean when it is httpcore's
    plain one; any other kind (proxies, SOCKS) is returned as it is."""
    if type(connection) is HTTPConnection:
        connection.__class__ = LeanHTTPConnection
    return connection
