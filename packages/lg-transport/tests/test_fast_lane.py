"""The fast lane behaves like the default httpx client: same answers, same typed errors, same
retries. Every scenario runs against a real loopback server through each backend (plain httpx,
httpx with the short send path, aiohttp), async and sync, and the outcomes are compared."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("aiohttp")

from proven_paths import HTTPCORE_PATHS

import lg_transport._internals
from lg_transport import ApiRequest, HttpClient, SyncHttpClient
from lg_transport import errors as e
from lg_transport._aiohttp import (
    AiohttpClient,
    AiohttpTransport,
    SyncAiohttpClient,
    SyncAiohttpTransport,
    map_exception,
)
from lg_transport._internals import client_classes, take_over

# httpx's clients with the short send path where it was proved, httpx's own elsewhere.
ShortPathAsyncClient, ShortPathClient = client_classes()

SSE = (Path(__file__).parent / "data" / "sse" / "echo-multimode.sse").read_bytes()
# "aiohttp" sends event streams over httpx's transport (its default); "aiohttp-streams" keeps
# them on aiohttp too. "...-stock": every fast path off, as on versions outside the proven
# ranges (`lg_transport._internals`), which must give the same results.
BACKENDS = ["httpx", "short-path", "aiohttp", "aiohttp-streams", "httpx-stock", "aiohttp-stock"]


@contextmanager
def paths_for(backend: str) -> Iterator[None]:
    """Every fast path off for the "-stock" backends (the raw body is decided per response)."""
    if not backend.endswith("-stock"):
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lg_transport._internals, "_httpcore_proven", lambda: False)
        yield


# --- a scripted HTTP/1.1 server in its own thread -------------------------------------------


def _response(status: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    head = f"HTTP/1.1 {status}\r\ncontent-length: {len(body)}\r\n"
    for name, value in (headers or {"content-type": "application/json"}).items():
        head += f"{name}: {value}\r\n"
    return head.encode() + b"\r\n" + body


def _chunked_head(content_type: str = "text/event-stream; charset=utf-8") -> bytes:
    return (
        f"HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n"
    ).encode()


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


class ScriptedServer:
    """Answers by path; counts the calls per path (for retries)."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            server = self.loop.run_until_complete(asyncio.start_server(self.handle, "127.0.0.1", 0))
            self.server = server
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode().split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", 0)))
                path, _, query = target.partition("?")
                self.calls[path] = self.calls.get(path, 0) + 1
                keep_open = await self.answer(writer, method, path, query, headers, body)
                await writer.drain()
                if not keep_open:
                    writer.close()
                    return
        finally:
            writer.close()

    async def answer(
        self,
        writer: asyncio.StreamWriter,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
    ) -> bool:
        count = self.calls[path]
        if path == "/echo":
            seen = {
                "method": method,
                "query": query,
                "body": json.loads(body) if body else None,
                "content-type": headers.get("content-type"),
                "accept": headers.get("accept"),
                "x-api-key": headers.get("x-api-key"),
                "x-extra": headers.get("x-extra"),
            }
            writer.write(_response("200 OK", json.dumps(seen).encode()))
        elif path == "/gzip":
            data = gzip.compress(b'{"zipped": true}')
            writer.write(
                _response(
                    "200 OK",
                    data,
                    {"content-type": "application/json", "content-encoding": "gzip"},
                )
            )
        elif path == "/missing":
            writer.write(_response("404 Not Found", b'{"detail": "Thread not found"}'))
        elif path == "/unprocessable":
            detail = {"detail": [{"loc": ["body", "x"], "msg": "field required"}]}
            writer.write(_response("422 Unprocessable Entity", json.dumps(detail).encode()))
        elif path.startswith(("/flaky-503/", "/flaky-429/")):
            status = "503 Service Unavailable" if "503" in path else "429 Too Many Requests"
            if count == 1:
                writer.write(
                    _response(
                        status,
                        b'{"detail": "later"}',
                        {"content-type": "application/json", "retry-after": "0"},
                    )
                )
            else:
                writer.write(_response("200 OK", b'{"attempt": %d}' % count))
        elif path == "/stream":
            writer.write(_chunked_head())
            # Cut the body at awkward places: inside lines, between CR and LF.
            for start in range(0, len(SSE), 97):
                writer.write(_chunk(SSE[start : start + 97]))
                await writer.drain()
            writer.write(b"0\r\n\r\n")
        elif path == "/stream-truncated":
            writer.write(_chunked_head())
            writer.write(_chunk(SSE[:300]))
            await writer.drain()
            return False  # close in the middle of the body
        elif path == "/json-truncated":
            head = _response("200 OK", b'{"cut": "here"}')
            writer.write(head[:-5])  # content-length promises five more bytes
            await writer.drain()
            return False
        elif path == "/not-sse":
            writer.write(_response("200 OK", b'{"not": "a stream"}'))
        elif path == "/slow":
            await asyncio.sleep(1.0)
            writer.write(_response("200 OK", b"{}"))
        elif path == "/drop":
            return False  # close without an answer
        elif path == "/cookie":
            writer.write(
                _response(
                    "200 OK",
                    b"{}",
                    {"content-type": "application/json", "set-cookie": "session=abc; Path=/"},
                )
            )
        elif path == "/redirect":
            writer.write(_response("307 Temporary Redirect", b"", {"location": "/gzip"}))
        else:
            writer.write(_response("404 Not Found", b'{"detail": "Not Found"}'))
        return True

    def close(self) -> None:
        # Finish every connection handler before the loop goes: a handler left suspended would be
        # garbage-collected later, during some other test, as an "exception ignored" warning.
        async def shutdown() -> None:
            self.server.close()
            handlers = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in handlers:
                task.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- both backends, async and sync ------------------------------------------------------------


def async_client(backend: str, url: str, **kwargs: Any) -> httpx.AsyncClient:
    if backend == "aiohttp":
        return AiohttpClient(base_url=url, **kwargs)
    if backend == "aiohttp-streams":
        transport = AiohttpTransport(event_streams="aiohttp")
        return AiohttpClient(base_url=url, transport=transport, **kwargs)
    if backend == "short-path":
        return ShortPathAsyncClient(base_url=url, **kwargs)
    if backend == "aiohttp-stock":  # what AiohttpClient is where the short path is off
        return httpx.AsyncClient(base_url=url, transport=AiohttpTransport(), **kwargs)
    return httpx.AsyncClient(base_url=url, **kwargs)


def sync_client(backend: str, url: str, **kwargs: Any) -> httpx.Client:
    if backend == "aiohttp":
        return SyncAiohttpClient(base_url=url, **kwargs)
    if backend == "aiohttp-streams":
        transport = SyncAiohttpTransport(event_streams="aiohttp")
        return SyncAiohttpClient(base_url=url, transport=transport, **kwargs)
    if backend == "short-path":
        return ShortPathClient(base_url=url, **kwargs)
    if backend == "aiohttp-stock":
        return httpx.Client(base_url=url, transport=SyncAiohttpTransport(), **kwargs)
    return httpx.Client(base_url=url, **kwargs)


Scenario = Callable[[HttpClient | SyncHttpClient], Any]


async def run_everywhere(
    url: str,
    async_scenario: Callable[[HttpClient], Awaitable[Any]],
    sync_scenario: Callable[[SyncHttpClient], Any],
    **options: Any,
) -> dict[str, Any]:
    """The scenario's outcome through each backend and mode, keyed ``backend-mode``."""
    client_options = {k: options.pop(k) for k in list(options) if k in ("timeout", "headers")}
    outcomes: dict[str, Any] = {}
    for backend in BACKENDS:
        with paths_for(backend):
            http = HttpClient(async_client(backend, url, **client_options), **options)
            try:
                outcomes[f"{backend}-async"] = await _outcome(async_scenario(http))
            finally:
                await http.aclose()
            sync_http = SyncHttpClient(sync_client(backend, url, **client_options), **options)
            try:
                outcomes[f"{backend}-sync"] = await asyncio.to_thread(
                    _sync_outcome, sync_scenario, sync_http
                )
            finally:
                sync_http.close()
    return outcomes


async def _outcome(awaitable: Awaitable[Any]) -> Any:
    try:
        return await awaitable
    except Exception as exc:  # compared below
        return exc


def _sync_outcome(scenario: Callable[[SyncHttpClient], Any], http: SyncHttpClient) -> Any:
    try:
        return scenario(http)
    except Exception as exc:
        return exc


def assert_same(outcomes: dict[str, Any]) -> Any:
    values = list(outcomes.values())
    first = values[0]
    for key, value in outcomes.items():
        if isinstance(first, Exception):
            assert type(value) is type(first), (key, value, first)
            assert type(value.__cause__) is type(first.__cause__), (key, value.__cause__)
        else:
            assert value == first, (key, value, first)
    return first


# --- the scenarios ------------------------------------------------------------------------------


async def test_json_body_query_and_headers(server: ScriptedServer) -> None:
    request = ApiRequest(
        "POST", "/echo", json={"a": [1, 2]}, params={"q": "x y"}, headers={"X-Extra": "1"}
    )
    outcomes = await run_everywhere(
        server.url,
        lambda http: http.send(request),
        lambda http: http.send(request),
        headers={"x-api-key": "k"},
    )
    seen = assert_same(outcomes)
    assert seen == {
        "method": "POST",
        "query": str(httpx.QueryParams({"q": "x y"})),  # httpx's encoding (0.27: %20, 0.28: +)
        "body": {"a": [1, 2]},
        "content-type": "application/json",
        "accept": "*/*",
        "x-api-key": "k",
        "x-extra": "1",
    }


async def test_content_encoding_is_undone(server: ScriptedServer) -> None:
    request = ApiRequest("GET", "/gzip")
    outcomes = await run_everywhere(
        server.url, lambda h: h.send(request), lambda h: h.send(request)
    )
    assert assert_same(outcomes) == {"zipped": True}


async def test_status_errors_are_typed_the_same(server: ScriptedServer) -> None:
    for path, kind in [
        ("/missing", e.NotFoundError),
        ("/unprocessable", e.UnprocessableEntityError),
    ]:
        request = ApiRequest("GET", path)
        outcomes = await run_everywhere(
            server.url,
            lambda h, r=request: h.send(r),
            lambda h, r=request: h.send(r),
        )
        error = assert_same(outcomes)
        assert isinstance(error, kind)
        for value in outcomes.values():
            assert value.status_code == error.status_code
            assert str(value) == str(error)


async def test_safe_calls_are_retried_on_503(server: ScriptedServer) -> None:
    counter = iter(range(1000))

    def fresh() -> ApiRequest:
        return ApiRequest("GET", f"/flaky-503/{next(counter)}")

    outcomes = await run_everywhere(
        server.url, lambda h: h.send(fresh()), lambda h: h.send(fresh()), max_retries=2
    )
    assert assert_same(outcomes) == {"attempt": 2}


async def test_create_calls_are_not_retried_on_503_but_are_on_429(server: ScriptedServer) -> None:
    counter = iter(range(1000))

    def fresh(status: int) -> ApiRequest:
        return ApiRequest("POST", f"/flaky-{status}/c{next(counter)}", json={})

    outcomes = await run_everywhere(
        server.url, lambda h: h.send(fresh(503)), lambda h: h.send(fresh(503))
    )
    assert isinstance(assert_same(outcomes), e.InternalServerError)
    outcomes = await run_everywhere(
        server.url, lambda h: h.send(fresh(429)), lambda h: h.send(fresh(429))
    )
    assert assert_same(outcomes) == {"attempt": 2}


async def test_streams_decode_the_same(server: ScriptedServer) -> None:
    request = ApiRequest("POST", "/stream", json={})

    async def collect(http: HttpClient) -> list[Any]:
        return [tuple(part) async for part in http.stream_request(request)]

    def collect_sync(http: SyncHttpClient) -> list[Any]:
        return [tuple(part) for part in http.stream_request(request)]

    parts = assert_same(await run_everywhere(server.url, collect, collect_sync))
    assert parts[0][0] == "metadata"
    assert len(parts) == SSE.count(b"\r\n\r\n")


async def test_truncated_stream_is_a_connection_error(server: ScriptedServer) -> None:
    request = ApiRequest("POST", "/stream-truncated", json={})

    async def collect(http: HttpClient) -> list[Any]:
        return [part async for part in http.stream_request(request)]

    def collect_sync(http: SyncHttpClient) -> list[Any]:
        return list(http.stream_request(request))

    error = assert_same(await run_everywhere(server.url, collect, collect_sync))
    assert isinstance(error, e.APIConnectionError)
    assert isinstance(error.__cause__, httpx.RemoteProtocolError)


async def test_truncated_json_body_is_a_connection_error(server: ScriptedServer) -> None:
    # The aiohttp lane reads a whole body in one call (read_whole); httpx through its stream.
    request = ApiRequest("GET", "/json-truncated")
    outcomes = await run_everywhere(
        server.url, lambda h: h.send(request), lambda h: h.send(request), max_retries=0
    )
    error = assert_same(outcomes)
    assert isinstance(error, e.APIConnectionError)
    assert isinstance(error.__cause__, httpx.RemoteProtocolError)


async def test_non_stream_answer_to_a_stream_request(server: ScriptedServer) -> None:
    request = ApiRequest("POST", "/not-sse", json={})

    async def collect(http: HttpClient) -> list[Any]:
        return [part async for part in http.stream_request(request)]

    def collect_sync(http: SyncHttpClient) -> list[Any]:
        return list(http.stream_request(request))

    error = assert_same(await run_everywhere(server.url, collect, collect_sync))
    assert isinstance(error, e.APIResponseValidationError)


async def test_read_timeout(server: ScriptedServer) -> None:
    request = ApiRequest("GET", "/slow")
    outcomes = await run_everywhere(
        server.url,
        lambda h: h.send(request),
        lambda h: h.send(request),
        timeout=httpx.Timeout(5.0, read=0.2),
        max_retries=0,
    )
    error = assert_same(outcomes)
    assert isinstance(error, e.APITimeoutError)
    assert isinstance(error.__cause__, httpx.ReadTimeout)


async def test_dropped_connection_create_call_not_retried(server: ScriptedServer) -> None:
    request = ApiRequest("POST", "/drop", json={})
    before = server.calls.get("/drop", 0)
    outcomes = await run_everywhere(
        server.url, lambda h: h.send(request), lambda h: h.send(request)
    )
    error = assert_same(outcomes)
    assert isinstance(error, e.APIConnectionError)
    assert isinstance(error.__cause__, httpx.RemoteProtocolError)
    assert server.calls["/drop"] - before == 2 * len(BACKENDS)  # once each: never retried


async def test_refused_connection_is_retried_then_raised() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    request = ApiRequest("POST", "/threads", json={})
    outcomes = await run_everywhere(
        url, lambda h: h.send(request), lambda h: h.send(request), max_retries=1
    )
    error = assert_same(outcomes)
    assert isinstance(error, e.APIConnectionError)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert all(value.attempts == 2 for value in outcomes.values())


async def test_short_path_keeps_cookies_and_falls_back_for_redirects(
    server: ScriptedServer,
) -> None:
    async with AiohttpClient(base_url=server.url) as client:
        response = await client.get("/cookie")
        assert client.cookies["session"] == "abc"
        assert response.request.url == httpx.URL(server.url + "/cookie")
        assert response.elapsed.total_seconds() >= 0
        response = await client.get("/redirect", follow_redirects=True)
        assert response.json() == {"zipped": True}
        assert response.history and response.history[0].status_code == 307
    with SyncAiohttpClient(base_url=server.url) as sync:
        assert sync.get("/redirect", follow_redirects=True).json() == {"zipped": True}
        assert sync.get("/cookie").status_code == 200
        assert sync.cookies["session"] == "abc"


async def test_transports_work_in_plain_httpx_clients(server: ScriptedServer) -> None:
    async with httpx.AsyncClient(base_url=server.url, transport=AiohttpTransport()) as client:
        assert (await client.get("/gzip")).json() == {"zipped": True}
        async with client.stream("POST", "/stream") as response:
            body = b"".join([chunk async for chunk in response.aiter_bytes()])
        assert body == SSE
    with httpx.Client(base_url=server.url, transport=SyncAiohttpTransport()) as sync:
        with sync.stream("POST", "/stream") as response:
            assert b"".join(response.iter_bytes()) == SSE
        # Leaving a stream half-read closes its connection; the next call still works.
        with sync.stream("POST", "/stream") as response:
            next(iter(response.iter_raw()))
        assert sync.get("/gzip").json() == {"zipped": True}


async def test_event_streams_go_over_httpcore_unless_asked(server: ScriptedServer) -> None:
    sse = {"Accept": "text/event-stream"}
    async with AiohttpClient(base_url=server.url) as client:
        assert (await client.get("/gzip")).json() == {"zipped": True}
        assert client._transport._streams is None  # made on the first event stream only
        async with client.stream("POST", "/stream", headers=sse) as response:
            # Read off httpcore's connection where that was proved.
            assert (take_over(response) is not None) == HTTPCORE_PATHS
        async with client.stream("POST", "/stream") as response:  # not an event-stream request
            assert take_over(response) is None
            assert b"".join([chunk async for chunk in response.aiter_raw()]) == SSE
    transport = AiohttpTransport(event_streams="aiohttp")
    async with (
        AiohttpClient(base_url=server.url, transport=transport) as client,
        client.stream("POST", "/stream", headers=sse) as response,
    ):
        assert take_over(response) is None
        assert b"".join([chunk async for chunk in response.aiter_raw()]) == SSE
    with (
        SyncAiohttpClient(base_url=server.url) as sync,
        sync.stream("POST", "/stream", headers=sse) as response,
    ):
        assert (take_over(response) is not None) == HTTPCORE_PATHS
    for bad in ("h11", ""):
        with pytest.raises(ValueError, match="event_streams"):
            AiohttpTransport(event_streams=bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="event_streams"):
            SyncAiohttpTransport(event_streams=bad)  # type: ignore[arg-type]


def test_exception_mapping_table() -> None:
    import aiohttp

    key = aiohttp.client_reqrep.ConnectionKey("h", 1, False, False, None, None, None)
    cases: list[tuple[BaseException, type[httpx.TransportError]]] = [
        (aiohttp.ConnectionTimeoutError("t"), httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError("t"), httpx.ReadTimeout),
        (asyncio.TimeoutError(), httpx.ReadTimeout),
        (aiohttp.ClientConnectorError(key, OSError(111, "refused")), httpx.ConnectError),
        (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError("cut"), httpx.RemoteProtocolError),
        (aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
        (aiohttp.NonHttpUrlClientError("ftp://x"), httpx.UnsupportedProtocol),
    ]
    for error, expected in cases:
        assert type(map_exception(error)) is expected, error


def test_header_items_match_httpx_multi_items() -> None:
    from lg_transport._aiohttp import _header_items

    for headers in (
        httpx.Headers({"x-api-key": "k", "Content-Type": "application/json"}),
        httpx.Headers([("x-a", "1"), ("X-A", "2")]),
        httpx.Headers({"x-name": "caf\u00e9".encode()}),  # not ASCII: httpx picks UTF-8
        httpx.Headers(),
    ):
        items = _header_items(headers)
        # httpx's values; names as given (what httpx's own transport sends), not lowercased.
        assert [(name.lower(), value) for name, value in items] == headers.multi_items()
        assert [name.encode() for name, _ in items] == [name for name, _ in headers.raw]


async def test_aiohttp_urls_are_remembered_per_url(server: ScriptedServer) -> None:
    transport = AiohttpTransport()
    first = transport._url(httpx.URL(server.url + "/threads?a=1"))
    assert transport._url(httpx.URL(server.url + "/threads?a=1")) is first
    assert str(first) == server.url + "/threads?a=1"
    assert str(transport._url(httpx.URL(server.url + "/x%20y"))) == server.url + "/x%20y"
