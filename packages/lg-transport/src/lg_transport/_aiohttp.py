"""The fast lane: httpx transports that send through aiohttp (extra ``langgraph-sdk[aiohttp]``).

httpx stays the interface: the SDK's executor, its retries and its typed errors do not change,
only the bytes travel through aiohttp's C HTTP parser instead of httpcore + h11. aiohttp parses
a call's answer in C and hands a whole body over in one read.

Event streams (requests that accept ``text/event-stream``) go another way by default: over
httpx's own transport, whose chunked body `lg_transport._internals.raw_body` reads straight off the
socket and de-chunks a read at a time. The Agent Server sends each event as its own HTTP chunk,
and aiohttp makes several Python calls per chunk (feed, chunk start and end, flow control), which
made the fast lane's small-event streams ~15% slower than the default transport's. Pass
``event_streams="aiohttp"`` to keep them on aiohttp too.

Every aiohttp failure is raised as the httpx exception httpcore raises for the same failure, so
`lg_transport.retries` classifies it the same way and the executor wraps it the same way:

=====================================  ==========================  ==========================
aiohttp                                 httpx                       retried for "create" calls
=====================================  ==========================  ==========================
ConnectionTimeoutError                  ConnectTimeout              yes (never sent)
ClientConnectorError (refused, DNS...)  ConnectError                yes (never sent)
NonHttpUrlClientError                   UnsupportedProtocol         never
SocketTimeoutError, other timeouts      ReadTimeout                 no
ServerDisconnectedError                 RemoteProtocolError         no
ClientPayloadError (truncated body)     RemoteProtocolError         no
ClientResponseError (bad HTTP)          RemoteProtocolError         no
ClientOSError, ClientConnectionError    ReadError                   no
=====================================  ==========================  ==========================

`SyncAiohttpTransport` is the sync counterpart: one daemon thread runs an event loop for all
sync transports of the process, and a streamed body is read ahead there into a queue.
"""

from __future__ import annotations

import asyncio
import datetime
import queue
import ssl
import threading
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Literal

# aiohttp and yarl are typed when the extra is installed, and Any in an environment without it.
import aiohttp  # type: ignore[import-not-found, unused-ignore]
import httpx
from yarl import URL  # type: ignore[import-not-found, unused-ignore]

from lg_transport._internals import (
    client_classes,
    drop_idle_aiohttp_connections,
    headers_from_raw,
    lighten,
    retire_session,
    set_read_content,
    url_identity,
)

__all__ = ["AiohttpClient", "AiohttpTransport", "SyncAiohttpClient", "SyncAiohttpTransport"]


_TimeoutKey = tuple[Any, Any, Any]
#: Which HTTP stack carries event streams (see the module's docstring).
EventStreams = Literal["httpcore", "aiohttp"]


def asks_for_event_stream(request: httpx.Request) -> bool:
    """Whether ``request`` asks for an event stream (the SDK's streams all say so)."""
    return "text/event-stream" in request.headers.get("accept", "")


_URL_CACHE_SIZE = 512


def _header_items(headers: httpx.Headers) -> list[tuple[str, str]]:
    """The headers as text, names as given (as httpx's own transport sends them).

    `Headers.multi_items` looks the encoding up once per name and value, and lowercases names.
    """
    encoding = headers.encoding
    return [(key.decode(encoding), value.decode(encoding)) for key, value in headers.raw]


def _limits(limit: int, keepalive_expiry: float) -> httpx.Limits:
    return httpx.Limits(
        max_connections=limit, max_keepalive_connections=limit, keepalive_expiry=keepalive_expiry
    )


def _check_event_streams(event_streams: str) -> None:
    if event_streams not in ("httpcore", "aiohttp"):
        raise ValueError(f"event_streams must be 'httpcore' or 'aiohttp', got {event_streams!r}")


def map_exception(exc: BaseException) -> httpx.TransportError:
    """The httpx exception that httpcore raises for the failure ``exc`` describes."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
        return httpx.ReadTimeout(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(exc, aiohttp.NonHttpUrlClientError):
        return httpx.UnsupportedProtocol(message)
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError("Server disconnected without sending a response.")
    if isinstance(exc, (aiohttp.ClientPayloadError, aiohttp.ClientResponseError)):
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, (aiohttp.ClientConnectionError, OSError)):
        return httpx.ReadError(message)
    return httpx.TransportError(message)


_MAPPED = (aiohttp.ClientError, asyncio.TimeoutError, OSError)


def _never_reuse(response: aiohttp.ClientResponse, session: aiohttp.ClientSession) -> None:
    """Keep the connection a 5xx came on out of the pool.

    The Agent Server closes it after a 500 without saying so; a create sent on it meanwhile
    would fail after it may have been received, and could not be retried (the executor does
    the same for httpx's own connections). aiohttp hands a small body's connection back to the
    pool before the caller sees the response, so when it is already gone every idle connection
    is dropped instead: a 5xx is rare and a fresh connect is cheap.
    """
    connection = response.connection
    if connection is not None and connection.protocol is not None:
        connection.protocol.force_close()
        return
    drop_idle_aiohttp_connections(session.connector)


class _ResponseStream(httpx.AsyncByteStream):
    """A response body read with ``readany``: everything buffered, in one piece."""

    __slots__ = ("_response",)

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        read = self._response.content.readany
        try:
            while chunk := await read():
                yield chunk
        except _MAPPED as exc:
            raise map_exception(exc) from exc

    async def read_whole(self) -> bytes:
        """The whole body in one read (`lg_transport._async.body.read_body` uses it)."""
        try:
            return await self._response.read()  # type: ignore[no-any-return, unused-ignore]
        except _MAPPED as exc:
            raise map_exception(exc) from exc

    async def aclose(self) -> None:
        response = self._response
        # A body read to its end frees the connection for reuse; a body left half-read leaves
        # the connection in an unknown state, so it is closed.
        if response.content.at_eof():
            response.release()
        else:
            response.close()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An `httpx.AsyncBaseTransport` sending through one `aiohttp.ClientSession`.

    Use it as ``httpx.AsyncClient(transport=AiohttpTransport())``. The session is created on
    first use in the running event loop (and again if a later call runs in another loop).
    httpx keeps its own job (URL, headers, redirects, cookies, content decoding): aiohttp adds
    no header of its own, never decompresses and never follows redirects.

    Args:
        verify: ``True`` (system certificates), ``False`` (no verification) or an SSL context.
        limit: Most connections open at once (httpx's default ``max_connections`` is 100).
        keepalive_expiry: Seconds an idle connection stays in the pool (the Agent Server closes
            it after 5 s; a call sent on it meanwhile could fail after being received).
        event_streams: ``"httpcore"`` (event streams over httpx's own transport, with its own
            pool of up to ``limit`` connections) or ``"aiohttp"``.
    """

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | bool = True,
        limit: int = 100,
        keepalive_expiry: float = 4.0,
        event_streams: EventStreams = "httpcore",
    ) -> None:
        _check_event_streams(event_streams)
        self._streams_over_httpcore = event_streams == "httpcore"
        # Made on the first event stream: httpx's transport loads the CA bundle (~15 ms).
        self._streams: httpx.AsyncHTTPTransport | None = None
        self._ssl: ssl.SSLContext | bool = verify
        self._limit = limit
        self._keepalive_expiry = keepalive_expiry
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timeouts: dict[_TimeoutKey, aiohttp.ClientTimeout] = {}
        self._urls: dict[str, URL] = {}
        self._urls_by_identity: dict[int, tuple[object, URL]] = {}

    def _open_session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        session = self._session
        if session is not None and not session.closed and self._loop is loop:
            return session
        if session is not None and not session.closed:
            retire_session(session)  # its loop is gone (`lg_transport._internals.event_loops`)
        connector = aiohttp.TCPConnector(
            limit=self._limit, ssl=self._ssl, keepalive_timeout=self._keepalive_expiry
        )
        session = aiohttp.ClientSession(
            connector=connector,
            # httpx decodes content-encoding itself, and sends its own headers and cookies.
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept-Encoding", "Accept", "Content-Type"),
            cookie_jar=aiohttp.DummyCookieJar(),
            # httpx resolves proxies from the environment itself (its mounts).
            trust_env=False,
            timeout=aiohttp.ClientTimeout(total=None),
        )
        self._session, self._loop = session, loop
        return session

    def _url(self, url: httpx.URL) -> URL:
        """``url`` as aiohttp's URL, remembered: the SDK calls the same few URLs over and over,
        and its requests share httpx's parsed form of each (`url_identity`), so a repeated URL
        is found without rebuilding its text."""
        identity = url_identity(url)
        known = self._urls_by_identity.get(id(identity))
        if known is not None and known[0] is identity:
            return known[1]
        text = str(url)
        found = self._urls.get(text)
        if found is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            # httpx has already turned credentials in the URL into an Authorization header,
            # and aiohttp refuses a request that has both.
            plain = url.copy_with(username=None, password=None) if url.userinfo else url
            found = self._urls[text] = URL(str(plain), encoded=True)
        if len(self._urls_by_identity) >= _URL_CACHE_SIZE:
            self._urls_by_identity.clear()
        # The entry holds ``identity``, so its id() cannot be reused while the entry exists.
        self._urls_by_identity[id(identity)] = (identity, found)
        return found

    def _timeout(self, request: httpx.Request) -> aiohttp.ClientTimeout:
        timeout = request.extensions.get("timeout") or {}
        connect, read, pool = timeout.get("connect"), timeout.get("read"), timeout.get("pool")
        key = (connect, read, pool)
        found = self._timeouts.get(key)
        if found is None:
            # aiohttp's ``connect`` covers waiting for a pool slot and connecting.
            waiting = None if pool is None or connect is None else pool + connect
            found = aiohttp.ClientTimeout(
                total=None, connect=waiting, sock_connect=connect, sock_read=read
            )
            self._timeouts[key] = found
        return found

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.send_request(request, read=False)

    async def send_request(self, request: httpx.Request, *, read: bool) -> httpx.Response:
        """Send ``request``; with ``read``, the answer comes back with its body already read
        (one aiohttp read, the connection back in the pool, no stream to iterate)."""
        if not read and self._streams_over_httpcore and asks_for_event_stream(request):
            if self._streams is None:
                self._streams = httpx.AsyncHTTPTransport(
                    verify=self._ssl, limits=_limits(self._limit, self._keepalive_expiry)
                )
                lighten(self._streams)
            return await self._streams.handle_async_request(request)
        session = self._open_session()
        headers = _header_items(request.headers)
        body: Any
        try:
            body = request.content
        except httpx.RequestNotRead:
            body = request.stream  # an async iterable of bytes: aiohttp sends it chunked
            headers = [(k, v) for k, v in headers if k.lower() != "transfer-encoding"]
        try:
            response = await session.request(
                request.method,
                self._url(request.url),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=self._timeout(request),
            )
            if response.status >= 500:
                _never_reuse(response, session)
            content = await response.read() if read else None
        except _MAPPED as exc:
            raise map_exception(exc) from exc
        extensions = {
            "http_version": b"HTTP/%d.%d" % tuple(response.version or (1, 1)),
            "reason_phrase": (response.reason or "").encode("ascii", "replace"),
        }
        if content is None:
            return httpx.Response(
                response.status,
                headers=headers_from_raw(response.raw_headers),
                stream=_ResponseStream(response),
                extensions=extensions,
            )
        answer = httpx.Response(
            response.status,
            headers=headers_from_raw(response.raw_headers),
            stream=httpx.ByteStream(content),
            extensions=extensions,
        )
        if "content-encoding" in response.headers:
            answer.read()  # httpx undoes the content-encoding, as for any answer
        else:
            # What `read()` leaves behind, without its three generators: the body is final.
            set_read_content(answer, content)
            answer.is_closed = True
        return answer

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()
        if self._streams is not None:
            await self._streams.aclose()

    def __del__(self, _warn: Any = warnings.warn) -> None:
        # A client dropped without closing: one ResourceWarning of ours (silent by default,
        # as Python's own), instead of aiohttp printing "Unclosed client session" at exit.
        session = getattr(self, "_session", None)
        if session is not None and not session.closed:
            retire_session(session)
            _warn(
                "an async langgraph-sdk client (http_backend='aiohttp') was not closed; use "
                "'async with get_client(...) as client:' or 'await client.aclose()'",
                ResourceWarning,
                source=self,
            )


# --- sync -----------------------------------------------------------------------------------

_END = object()
_READ_AHEAD = 16


class _LoopThread:
    """One event loop in a daemon thread, shared by every sync transport of the process."""

    _lock = threading.Lock()
    _instance: _LoopThread | None = None

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        thread = threading.Thread(
            target=self.loop.run_forever, name="lg-transport-aiohttp", daemon=True
        )
        thread.start()

    @classmethod
    def get(cls) -> _LoopThread:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()


class _SyncResponseStream(httpx.SyncByteStream):
    """Reads the body ahead in the loop thread; the caller takes the pieces from a queue.

    At most `_READ_AHEAD` pieces wait in the queue: then the reader pauses until the caller has
    taken half of them, so a slow consumer never makes the whole body pile up in memory.
    """

    def __init__(self, stream: _ResponseStream, loop: _LoopThread) -> None:
        self._stream = stream
        self._loop = loop
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._resume: asyncio.Event | None = None
        self._task: Any = None

    async def _pump(self) -> None:
        pieces = self._queue
        put = pieces.put
        try:
            async for chunk in self._stream:
                put(chunk)
                if pieces.qsize() >= _READ_AHEAD:
                    # Publish the event before looking again: the caller checks for it after
                    # each piece it takes, so one of the two always sees the other.
                    resume = self._resume = asyncio.Event()
                    if pieces.qsize() >= _READ_AHEAD:
                        await resume.wait()
                    self._resume = None
        except BaseException as exc:  # handed over to the reading thread
            put(exc)
            if isinstance(exc, asyncio.CancelledError):
                raise
        else:
            put(_END)

    def __iter__(self) -> Iterator[bytes]:
        self._task = asyncio.run_coroutine_threadsafe(self._pump(), self._loop.loop)
        pieces = self._queue
        get = pieces.get
        while True:
            item = get()
            resume = self._resume
            if resume is not None and pieces.qsize() <= _READ_AHEAD // 2:
                self._resume = None
                self._loop.loop.call_soon_threadsafe(resume.set)
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def read_whole(self) -> bytes:
        """The whole body, read in the loop thread in one call."""
        return self._loop.run(self._stream.read_whole())  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._loop.run(self._stream.aclose())


class SyncAiohttpTransport(httpx.BaseTransport):
    """An `httpx.BaseTransport` over `AiohttpTransport`, run in a shared background loop."""

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | bool = True,
        limit: int = 100,
        keepalive_expiry: float = 4.0,
        event_streams: EventStreams = "httpcore",
    ) -> None:
        _check_event_streams(event_streams)
        self._streams_over_httpcore = event_streams == "httpcore"
        # Made on the first event stream, read in the caller's thread (no hop through the loop
        # thread per piece).
        self._streams: httpx.HTTPTransport | None = None
        self._transport = AiohttpTransport(
            verify=verify, limit=limit, keepalive_expiry=keepalive_expiry, event_streams="aiohttp"
        )
        self._loop = _LoopThread.get()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.send_request(request, read=False)

    def send_request(self, request: httpx.Request, *, read: bool) -> httpx.Response:
        """See `AiohttpTransport.send_request`."""
        if not read and self._streams_over_httpcore and asks_for_event_stream(request):
            if self._streams is None:
                options = self._transport  # the same settings as its calls
                self._streams = httpx.HTTPTransport(
                    verify=options._ssl, limits=_limits(options._limit, options._keepalive_expiry)
                )
                lighten(self._streams)
            return self._streams.handle_request(request)
        if not isinstance(request.stream, httpx.ByteStream):
            request.read()  # a sync body cannot be iterated from the loop thread lazily
        response: httpx.Response = self._loop.run(self._transport.send_request(request, read=read))
        stream = response.stream
        if isinstance(stream, _ResponseStream):
            response.stream = _SyncResponseStream(stream, self._loop)
        return response

    def close(self) -> None:
        self._loop.run(self._transport.aclose())
        if self._streams is not None:
            self._streams.close()


# --- clients ---------------------------------------------------------------------------------


if TYPE_CHECKING:
    from lg_transport._internals import ShortPathAsyncClient as _AsyncClient
    from lg_transport._internals import ShortPathClient as _Client
else:  # httpx's short send path where it was proved (`lg_transport._internals`)
    _AsyncClient, _Client = client_classes()


class AiohttpClient(_AsyncClient):
    """An `httpx.AsyncClient` over `AiohttpTransport` (the default here); where httpx's short
    send path is taken (`lg_transport._internals.short_path`), a non-streamed body is read in
    the same step."""

    def __init__(self, *, transport: httpx.AsyncBaseTransport | None = None, **kwargs: Any) -> None:
        transport = transport or AiohttpTransport()
        super().__init__(transport=transport, **kwargs)
        #: The transport that can read a body in the same step as the send (not another one
        #: the caller passed).
        self._lane = transport if isinstance(transport, AiohttpTransport) else None

    async def _send_plain(self, request: httpx.Request, stream: bool) -> httpx.Response:
        """The short path's send step (never called on httpx's stock path)."""
        lane = self._lane
        if stream or lane is None:
            return await super()._send_plain(request, stream)
        start = time.perf_counter()
        response = await lane.send_request(request, read=True)
        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - start)
        return response


class SyncAiohttpClient(_Client):
    """The sync `AiohttpClient`: an `httpx.Client` over `SyncAiohttpTransport`."""

    def __init__(self, *, transport: httpx.BaseTransport | None = None, **kwargs: Any) -> None:
        transport = transport or SyncAiohttpTransport()
        super().__init__(transport=transport, **kwargs)
        #: The transport that can read a body in the same step as the send (not another one
        #: the caller passed).
        self._lane = transport if isinstance(transport, SyncAiohttpTransport) else None

    def _send_plain(self, request: httpx.Request, stream: bool) -> httpx.Response:
        """The short path's send step (never called on httpx's stock path)."""
        lane = self._lane
        if stream or lane is None:
            return super()._send_plain(request, stream)
        start = time.perf_counter()
        response = lane.send_request(request, read=True)
        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - start)
        return response
