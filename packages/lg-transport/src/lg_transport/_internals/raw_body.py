"""Event-stream bodies read straight off an httpcore HTTP/1.1 connection.

Through httpx, every HTTP chunk of a body climbs five generator layers (h11's parser, httpcore's
connection, pool and exception wrappers, httpx's bound stream) and costs ~5 us, more than
decoding the event it carries. The Agent Server sends one chunk per event, so for a stream of
small events those layers are most of the client's time. `take_over` hands the body's raw bytes
to the caller instead, to be de-chunked a whole socket read at a time
(`lg_transport._chunked`), and `give_back` then puts h11 where it would have been had it read
the body itself, so that the connection goes back to the pool.

This reaches into httpx's and httpcore's private classes. Every precondition is checked and
anything unexpected means ``None``: the caller then reads the body through httpx as usual. The
fast path is taken only for a response that came through httpx's own HTTP transport and
httpcore's connection pool (no proxy, no custom transport, no trace extension), over HTTP/1.1,
chunked, without content-encoding, body not read yet. If the h11 state cannot be restored after
the body, httpcore closes the connection when the response is closed (its rule for any
connection whose exchange did not finish), which costs a reconnect, never a wrong answer.
Response event hooks run before the body is read, as with httpx: one that reads the body or
wraps ``response.stream`` leaves a response this module does not recognise, so httpx reads it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, Final

import httpx

__all__ = [
    "READ_SIZE",
    "RawBody",
    "decoding_pieces",
    "give_back",
    "incomplete_body",
    "mapped_errors",
    "stock_chains",
    "take_first",
    "take_over",
]

#: Bytes asked of the socket per read: asyncio's transports ask 256 KiB too; httpcore's 64 KiB
#: split each 50 KiB event of a large-state stream over two reads (S2: ~20k -> ~28k events/s).
READ_SIZE: Final = 256 * 1024
#: Payload handed to the SSE decoder at once, cut after a line end (see `decoding_pieces`).
DECODING_PIECE: Final = 8 * 1024
#: What h11 must see to finish a chunked body whose chunks it never parsed.
_EMPTY_CHUNKED_BODY: Final = b"0\r\n\r\n"

# The httpcore and h11 classes checked below, imported on first use: httpx imports httpcore
# only when its transport first runs, and importing it here would add ~12 ms to
# `import langgraph_sdk`. A response from httpcore means it is loaded by then.
_chains: dict[type, tuple[Any, ...]] | None = None
_map_errors: Callable[[], Any] | None = None
_h11: Any = None


def stock_chains() -> dict[type, tuple[Any, ...]]:
    """Response stream class -> the classes expected below it, outermost first (empty if this
    httpx or httpcore is laid out differently: then nothing is taken over)."""
    global _chains, _map_errors, _h11
    if _chains is not None:
        return _chains
    try:
        import h11
        from httpcore._async.connection_pool import AsyncConnectionPool
        from httpcore._async.connection_pool import PoolByteStream as AsyncPoolByteStream
        from httpcore._async.http11 import AsyncHTTP11Connection
        from httpcore._async.http11 import HTTP11ConnectionByteStream as AsyncBodyStream
        from httpcore._sync.connection_pool import ConnectionPool, PoolByteStream
        from httpcore._sync.http11 import HTTP11Connection, HTTP11ConnectionByteStream
        from httpx._client import BoundAsyncStream, BoundSyncStream
        from httpx._transports.default import (
            AsyncResponseStream,
            ResponseStream,
            map_httpcore_exceptions,
        )
    except ImportError:  # another layout: always the slow path
        _chains = {}
        return _chains
    _map_errors, _h11 = map_httpcore_exceptions, h11
    async_chain = (
        AsyncResponseStream,
        AsyncPoolByteStream,
        _pool_types(AsyncConnectionPool),
        AsyncBodyStream,
        (AsyncHTTP11Connection,),
    )
    sync_chain = (
        ResponseStream,
        PoolByteStream,
        _pool_types(ConnectionPool),
        HTTP11ConnectionByteStream,
        _sync_connection_types(HTTP11Connection),
    )
    # httpx's bound streams, and the short path's (`short_path.ReleasingAsyncStream`).
    _chains = {BoundAsyncStream: async_chain, BoundSyncStream: sync_chain}
    try:
        from lg_transport._internals.short_path import ReleasingAsyncStream, ReleasingSyncStream
    except ImportError:  # an httpx the short path cannot load on: it is off too
        return _chains
    _chains[ReleasingAsyncStream] = async_chain
    _chains[ReleasingSyncStream] = sync_chain
    return _chains


def decoding_pieces(payload: bytes) -> Iterator[bytes]:
    """``payload`` in pieces of about `DECODING_PIECE` bytes, each cut just after a line end.

    The SSE decoder returns every event a piece completes at once, as a list. A 256 KiB read of
    small events would make ~2,000 events alive together, each a tuple holding the lists and
    dicts of its JSON; every 700 new container objects start a pass of the garbage collector
    over the young ones, and objects still alive at a pass are moved to older generations that
    cost more to collect later. Pieces of ~60 events stay under that threshold: 200,000 small
    events went from ~505k to ~580k events/s. A line longer than a piece (a large event) is
    never cut: the rest of the payload then goes whole, as a few large events make few objects.
    """
    size = len(payload)
    if size <= 2 * DECODING_PIECE:
        if size:
            yield payload
        return
    find = payload.find
    start = 0
    while start < size:
        cut = find(b"\n", start + DECODING_PIECE) + 1
        if cut <= 0 or cut - start > 2 * DECODING_PIECE:
            cut = size
        yield payload[start:cut] if start or cut < size else payload
        start = cut


def _pool_types(stock: type) -> tuple[type, ...]:
    """``stock`` and its lean subclass (`lg_transport._internals.lean_pool`): the pools read here."""
    from lg_transport._internals.lean_pool import lean_pool_types

    return (stock, *(lean for lean in lean_pool_types() if issubclass(lean, stock)))


def _sync_connection_types(stock: type) -> tuple[type, ...]:
    """``stock`` and the lean subclass the lean sync pool makes of it, whose event streams
    h11 reads (`lg_transport._internals.lean_http11`)."""
    try:
        from lg_transport._internals.lean_http11 import LeanHTTP11Connection
    except ImportError:  # not made then
        return (stock,)
    return (stock, LeanHTTP11Connection)


class RawBody:
    """A response body taken over from httpcore: its first bytes and how to read the rest."""

    __slots__ = ("first", "h11_state", "read", "request", "timeout")

    def __init__(
        self,
        first: bytes,
        read: Callable[[int, float | None], Any],
        timeout: float | None,
        h11_state: Any,
        request: httpx.Request,
    ) -> None:
        #: Body bytes h11 had already received with the headers.
        self.first = first
        #: The network stream's ``read(max_bytes, timeout)`` (a coroutine function if async).
        self.read = read
        #: The read timeout httpcore would have used (the stream idle window, if one is set).
        self.timeout = timeout
        self.h11_state = h11_state
        self.request = request


def take_over(response: httpx.Response) -> RawBody | None:
    """The raw chunked body of ``response`` if it can be read past httpx, else ``None``.

    On success the response is marked consumed: any later attempt to read it through httpx
    raises `httpx.StreamConsumed` instead of returning bytes out of place.
    """
    if response.is_stream_consumed or response.is_closed or response.http_version != "HTTP/1.1":
        return None
    headers = response.headers
    if "content-encoding" in headers or headers.get("transfer-encoding") != "chunked":
        return None
    if "httpcore" not in sys.modules:  # then this response did not come from it
        return None
    try:
        connection = _http11_connection(response.stream)
        if connection is None:
            return None
        request = response.request
        if "trace" in request.extensions:  # httpcore reports body reads to it
            return None
        state = connection._h11_state
        # The request fully sent (MUST_CLOSE: and the server said "connection: close").
        if state.their_state is not _h11.SEND_BODY or (
            state.our_state is not _h11.DONE and state.our_state is not _h11.MUST_CLOSE
        ):
            return None
        first, _closed = state.trailing_data
        read = connection._network_stream.read
        timeout = request.extensions.get("timeout", {}).get("read")
    except (AttributeError, RuntimeError):  # internals changed
        return None
    response.is_stream_consumed = True
    return RawBody(first, read, timeout, state, request)


def take_first(raw: RawBody) -> bytes:
    """The body's first bytes, for the one reader of ``raw``; no other copy is kept.

    h11 still holds them in its receive buffer, where they would stay as long as the stream
    (`give_back` empties that buffer anyway; a stream not read to its end leaves h11 mid-body
    either way, and httpcore then closes the connection).
    """
    first, raw.first = raw.first, b""
    state = raw.h11_state
    with suppress(Exception):  # best effort: the buffer is only memory here
        state._receive_buffer = type(state._receive_buffer)()
    return first


def _http11_connection(stream: Any) -> Any:
    """The httpcore HTTP/1.1 connection under an httpx response stream, if the chain is the
    stock one (exact types: a subclass may do anything) and nothing was read or closed."""
    chain = stock_chains().get(type(stream))
    if chain is None:
        return None
    response_stream_type, pool_stream_type, pool_types, body_type, connection_types = chain
    inner: Any = stream._stream
    if type(inner) is not response_stream_type:
        return None
    pool_stream: Any = inner._httpcore_stream
    # Exact pool types leave out httpcore's proxies (subclasses of the pool).
    if (
        type(pool_stream) is not pool_stream_type
        or pool_stream._closed
        or type(pool_stream._pool) not in pool_types
    ):
        return None
    body: Any = pool_stream._stream
    if type(body) is not body_type or body._closed:
        return None
    connection = body._connection
    if type(connection) not in connection_types:
        return None
    return connection


@contextmanager
def mapped_errors(request: httpx.Request) -> Iterator[None]:
    """httpcore's network errors as the httpx ones httpx would raise, bound to ``request``."""
    assert _map_errors is not None  # take_over returns None without it
    try:
        with _map_errors():
            yield
    except httpx.RequestError as exc:
        exc.request = request
        raise


def incomplete_body(request: httpx.Request) -> httpx.RemoteProtocolError:
    """The error httpx raises when the server closes in the middle of a chunked body."""
    return httpx.RemoteProtocolError(
        "peer closed connection without sending complete message body: incomplete chunked read",
        request=request,
    )


def give_back(raw: RawBody, leftover: bytes) -> None:
    """Finish h11's view of the exchange so that httpcore may reuse the connection.

    h11 saw the headers and had the body's first bytes buffered, untouched. Dropping that
    buffer and showing it an empty chunked body brings it to the end of the response, exactly
    where it would be had it parsed the body. Bytes after the body (``leftover``), a closed
    receive side or any surprise leave h11 mid-body, and httpcore then closes the connection.
    """
    if leftover:
        return
    state = raw.h11_state
    try:
        buffer = state._receive_buffer
        if state.trailing_data[1]:
            return
        state._receive_buffer = type(buffer)()
        state.receive_data(_EMPTY_CHUNKED_BODY)
        # EndOfMessage; anything else (or an error) leaves h11 short of the end of the
        # response, and httpcore closes the connection instead of reusing it.
        state.next_event()
    except Exception:  # best effort, as above
        return
