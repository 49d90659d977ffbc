"""Event streams read past httpx (`lg_transport._internals.raw_body`, `lg_transport._chunked`).

The chunked decoder alone (any split of the bytes, the grammar's corners, malformed bodies),
then the whole path against a scripted loopback server, async and sync: the same events as
httpx's own reader, the connection back in the pool afterwards, httpx's errors (typed by the
executor) for cut, reset, stalled or malformed bodies, and the fall back to httpx for what the
fast path does not take (content-encoding, a body not chunked, proxies, mock transports, trace
hooks, a body already read).
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from loopback_http import read_request
from proven_paths import HTTPCORE_PATHS, needs_httpcore_paths

from lg_transport import ApiRequest, HttpClient, SyncHttpClient
from lg_transport import errors as e
from lg_transport._async.body import body_chunks
from lg_transport._chunked import ChunkedBodyError, ChunkedDecoder
from lg_transport._internals import take_first, take_over
from lg_transport._internals.raw_body import DECODING_PIECE, decoding_pieces
from lg_transport._sync.body import body_chunks as sync_body_chunks
from lg_transport.sse import EventStreamDecoder

SSE = (Path(__file__).parent / "data" / "sse" / "echo-multimode.sse").read_bytes()


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def chunked(data: bytes, size: int, trailer: bytes = b"") -> bytes:
    body = b"".join(chunk(data[i : i + size]) for i in range(0, len(data), size))
    return body + b"0\r\n" + trailer + b"\r\n"


def dechunk(pieces: list[bytes]) -> tuple[bytes, ChunkedDecoder]:
    decoder = ChunkedDecoder()
    return b"".join(decoder.feed(piece) for piece in pieces), decoder


# --- the chunked decoder -----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(1, 700),
    cuts=st.lists(st.integers(0, len(chunked(SSE, 1))), max_size=40),
    trailer=st.sampled_from([b"", b"x-checksum: 1\r\n", b"a: 1\r\nb: 2\r\n"]),
)
def test_any_split_gives_the_body(size: int, cuts: list[int], trailer: bytes) -> None:
    wire = chunked(SSE, size, trailer)
    points = sorted({c for c in cuts if c < len(wire)} | {0, len(wire)})
    pieces = [wire[a:b] for a, b in pairwise(points)]
    body, decoder = dechunk(pieces)
    assert body == SSE
    assert decoder.done
    assert decoder.leftover == b""


def test_byte_at_a_time() -> None:
    wire = chunked(SSE[:500], 7, b"t: 1\r\n")
    body, decoder = dechunk([wire[i : i + 1] for i in range(len(wire))])
    assert body == SSE[:500]
    assert decoder.done


def test_grammar_corners() -> None:
    # Extensions and trailing whitespace after the size, upper-case hex, leading zeros.
    wire = b"A;name=value\r\n0123456789\r\n0005 \t\r\nabcde\r\n0;last\r\n\r\n"
    body, decoder = dechunk([wire])
    assert body == b"0123456789abcde"
    assert decoder.done


def test_trailer_with_bare_lf_ends_the_body() -> None:
    _, decoder = dechunk([b"1\r\nx\r\n0\r\nx-a: 1\n\n"])
    assert decoder.done


def test_bytes_after_the_body_are_kept_apart() -> None:
    body, decoder = dechunk([b"1\r\nx\r\n0\r\n\r\nHTTP/1.1", b" 200"])
    assert body == b"x"
    assert decoder.leftover == b"HTTP/1.1 200"


@pytest.mark.parametrize(
    "wire",
    [
        b"0x1\r\nx\r\n",  # int() would take these four
        b"+1\r\nx\r\n",
        b" 1\r\nx\r\n",
        b"1_0\r\n",
        b"\r\n",
        b"g\r\n",
        b"123456789012345678901\r\n",  # more than 20 digits
        b"1\r\nxy\r\n",  # data longer than announced
        b"1\r\nx\n",
        b"1\r\nxX",
    ],
)
def test_malformed_bodies_are_refused(wire: bytes) -> None:
    with pytest.raises(ChunkedBodyError):
        dechunk([wire])


def test_endless_size_line_is_refused() -> None:
    decoder = ChunkedDecoder()
    with pytest.raises(ChunkedBodyError):
        decoder.feed(b"1" * 20_000)


def test_incomplete_body_is_not_done() -> None:
    body, decoder = dechunk([b"5\r\nab"])
    assert body == b"ab"
    assert not decoder.done


# --- pieces for the SSE decoder ------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    sizes=st.lists(
        st.one_of(st.integers(0, 300), st.integers(DECODING_PIECE, 40_000)), max_size=120
    ),
    terminator=st.sampled_from([b"\n", b"\r\n", b"\r"]),
)
def test_decoding_pieces_cut_only_after_line_ends(sizes: list[int], terminator: bytes) -> None:
    payload = b"".join(b"x" * size + terminator for size in sizes)
    pieces = list(decoding_pieces(payload))
    assert b"".join(pieces) == payload
    for piece in pieces[:-1]:
        assert piece.endswith(b"\n")
        assert len(piece) <= 2 * DECODING_PIECE
    assert all(pieces)
    assert pieces or not payload


def test_decoding_pieces_of_small_events() -> None:
    event = b"event: messages\r\ndata: " + b"x" * 80 + b"\r\n\r\n"
    payload = event * 3000  # ~300 KiB, one socket read of small events
    pieces = list(decoding_pieces(payload))
    assert b"".join(pieces) == payload
    assert len(pieces) == pytest.approx(len(payload) / DECODING_PIECE, abs=2)
    small = event * 10
    assert list(decoding_pieces(small)) == [small]
    assert next(decoding_pieces(small)) is small  # no copy


def test_decoding_pieces_never_cut_a_large_event() -> None:
    large = b"data: " + b"y" * 50_000 + b"\r\n\r\n"
    payload = large * 5
    # The first line is longer than a piece: the whole read goes at once.
    assert list(decoding_pieces(payload)) == [payload]
    mixed = b"data: 1\n\n" * 2000 + payload
    pieces = list(decoding_pieces(mixed))
    assert b"".join(pieces) == mixed
    assert pieces[-1].endswith(payload)


# --- a scripted HTTP/1.1 server ----------------------------------------------------------------

Step = bytes | float | str  # bytes to send, seconds to wait, or "close" / "reset" / "hang"
HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"


def stream_steps(extra_head: bytes = b"", body: bytes | None = None) -> list[Step]:
    """An SSE response whose chunks are written in separate reads, cut at odd places."""
    wire = chunked(SSE, 97) if body is None else body
    steps: list[Step] = [HEAD + extra_head + b"\r\n" + wire[:150]]
    for start in range(150, len(wire), 1000):
        steps += [0.002, wire[start : start + 1000]]
    return steps


ROUTES: dict[str, Callable[[], list[Step]]] = {
    "/stream": stream_steps,
    "/trailers": lambda: stream_steps(body=chunked(SSE, 300, b"x-checksum: abc\r\n")),
    "/truncated": lambda: [HEAD + b"\r\n" + chunked(SSE, 97)[:2000], 0.01, "close"],
    "/reset": lambda: [HEAD + b"\r\n" + chunked(SSE, 97)[:2000], 0.01, "reset"],
    "/stall": lambda: [HEAD + b"\r\n" + chunked(SSE, 97)[:2000], "hang"],
    "/malformed": lambda: [HEAD + b"\r\n" + chunk(SSE[:200]) + b"zz\r\n", 0.01, "close"],
    "/leftover": lambda: [HEAD + b"\r\n" + chunked(SSE, 97) + b"HTTP/1.1 200 OK\r\n"],
    "/connection-close": lambda: [*stream_steps(b"connection: close\r\n"), "close"],
    "/gzip": lambda: stream_steps(b"content-encoding: gzip\r\n", chunked(gzip.compress(SSE), 500)),
    "/length": lambda: [
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
        b"content-length: %d\r\n\r\n%s" % (len(SSE), SSE)
    ],
    "/ok": lambda: [
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"
    ],
}


class ScriptedServer:
    """Plays each path's steps; keeps connections alive; records each request line."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.request_lines: list[str] = []
        self.connections = 0
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        with conn:
            while True:
                request = read_request(conn, buffer)
                if request is None:
                    return
                request_line, buffer = request
                self.request_lines.append(request_line)
                target = request_line.split(" ")[1]
                path = (
                    "/" + target.split("://", 1)[-1].split("/", 1)[-1]
                    if "://" in target
                    else target
                )
                for step in ROUTES[path.partition("?")[0]]():
                    if isinstance(step, bytes):
                        try:
                            conn.sendall(step)
                        except OSError:  # the client went away (a test stopping early)
                            return
                    elif isinstance(step, float):
                        time.sleep(step)
                    elif step == "close":
                        return
                    elif step == "reset":
                        conn.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                        return
                    else:  # hang
                        self.stop.wait(5)
                        return

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


EXPECTED = EventStreamDecoder().feed(SSE)


def pool_states(client: httpx.AsyncClient | httpx.Client) -> list[str]:
    pool = client._transport._pool  # type: ignore[attr-defined]
    return [repr(connection) for connection in pool.connections]


async def read_async(client: httpx.AsyncClient, path: str) -> tuple[list[Any], bool]:
    """The events of ``path`` through `body_chunks`, and whether the fast path took it."""
    async with client.stream("GET", path) as response:
        taken = take_over(response) is not None
        if taken:  # give it back untouched: take_over only looked
            response.is_stream_consumed = False
        decoder = EventStreamDecoder()
        parts = []
        async for data in body_chunks(response):
            parts += decoder.feed(data)
    return parts, taken


def read_sync(client: httpx.Client, path: str) -> tuple[list[Any], bool]:
    with client.stream("GET", path) as response:
        taken = take_over(response) is not None
        if taken:
            response.is_stream_consumed = False
        decoder = EventStreamDecoder()
        parts = []
        for data in sync_body_chunks(response):
            parts += decoder.feed(data)
    return parts, taken


# --- the fast path, end to end ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/stream", "/trailers"])
async def test_async_events_and_connection_reuse(server: ScriptedServer, path: str) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        parts, taken = await read_async(client, path)
        assert taken == HTTPCORE_PATHS
        assert parts == EXPECTED
        # The connection went back to the pool and carries the next call.
        assert [s for s in pool_states(client) if "IDLE" in s]
        assert (await client.get("/ok")).json() == {}
        assert len(pool_states(client)) == 1
        assert "Request Count: 2" in pool_states(client)[0]


@needs_httpcore_paths
async def test_the_first_bytes_are_kept_once(server: ScriptedServer) -> None:
    # While the stream is read, h11 keeps no second copy of the bytes it received first.
    async with httpx.AsyncClient(base_url=server.url) as client:
        async with client.stream("GET", "/stream") as response:
            raw = take_over(response)
            assert raw is not None
            state = raw.h11_state
            assert bytes(state._receive_buffer) == raw.first != b""
            first = take_first(raw)
            assert first and raw.first == b""
            assert bytes(state._receive_buffer) == b""
        # Closed before its end: the connection is dropped, the next call opens another.
        assert (await client.get("/ok")).json() == {}


@pytest.mark.parametrize("path", ["/stream", "/trailers"])
def test_sync_events_and_connection_reuse(server: ScriptedServer, path: str) -> None:
    with httpx.Client(base_url=server.url) as client:
        parts, taken = read_sync(client, path)
        assert taken == HTTPCORE_PATHS
        assert parts == EXPECTED
        assert client.get("/ok").json() == {}
        assert len(pool_states(client)) == 1
        assert "Request Count: 2" in pool_states(client)[0]


@needs_httpcore_paths
async def test_bytes_after_the_body_close_the_connection(server: ScriptedServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        parts, taken = await read_async(client, "/leftover")
        assert taken and parts == EXPECTED
        assert pool_states(client) == []  # not reused: those bytes belong to nothing


async def test_server_closing_after_the_body_is_not_reused(server: ScriptedServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        parts, taken = await read_async(client, "/connection-close")
        assert (taken, parts) == (HTTPCORE_PATHS, EXPECTED)
        assert pool_states(client) == []  # h11 saw "connection: close"
        assert (await client.get("/ok")).json() == {}


@needs_httpcore_paths
async def test_unrestored_h11_state_closes_the_connection(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # If h11's internals ever change so that give_back cannot finish the exchange, httpcore
    # sees an unfinished response and closes the connection: slower, never wrong.
    import lg_transport._async.body as async_body

    monkeypatch.setattr(async_body, "give_back", lambda raw, leftover: None)
    async with httpx.AsyncClient(base_url=server.url) as client:
        parts, taken = await read_async(client, "/stream")
        assert taken and parts == EXPECTED
        assert pool_states(client) == []
        assert (await client.get("/ok")).json() == {}


async def test_stream_stopped_early_closes_the_connection(server: ScriptedServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        async with client.stream("GET", "/stream") as response:
            async for _ in body_chunks(response):
                break
        assert pool_states(client) == []
        assert (await client.get("/ok")).json() == {}


@pytest.mark.parametrize("path", ["/gzip", "/length"])
async def test_other_bodies_take_the_httpx_path(server: ScriptedServer, path: str) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        parts, taken = await read_async(client, path)
    assert not taken
    assert parts == EXPECTED


@pytest.mark.parametrize("path", ["/gzip", "/length"])
def test_other_bodies_take_the_httpx_path_sync(server: ScriptedServer, path: str) -> None:
    with httpx.Client(base_url=server.url) as client:
        parts, taken = read_sync(client, path)
    assert not taken
    assert parts == EXPECTED


async def test_proxy_takes_the_httpx_path(server: ScriptedServer) -> None:
    # The scripted server answers the proxy's absolute-form requests itself.
    async with httpx.AsyncClient(proxy=server.url) as client:
        parts, taken = await read_async(client, "http://example.invalid/stream")
    assert not taken
    assert parts == EXPECTED


async def test_event_hooks(server: ScriptedServer) -> None:
    seen: list[int] = []

    async def log(response: httpx.Response) -> None:
        seen.append(response.status_code)

    class Counting(httpx.AsyncByteStream):
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        async def __aiter__(self) -> Any:
            async for data in self.inner:
                yield data

        async def aclose(self) -> None:
            await self.inner.aclose()

    async def wrap(response: httpx.Response) -> None:
        response.stream = Counting(response.stream)

    # A hook that only looks leaves the fast path; one that wraps the stream turns it off.
    async with httpx.AsyncClient(base_url=server.url, event_hooks={"response": [log]}) as client:
        parts, taken = await read_async(client, "/stream")
        assert (taken, parts, seen) == (HTTPCORE_PATHS, EXPECTED, [200])
    async with httpx.AsyncClient(base_url=server.url, event_hooks={"response": [wrap]}) as client:
        parts, taken = await read_async(client, "/stream")
        assert (taken, parts) == (False, EXPECTED)


async def test_trace_extension_takes_the_httpx_path(server: ScriptedServer) -> None:
    seen: list[str] = []

    async def trace(name: str, info: dict[str, Any]) -> None:
        seen.append(name)

    async with httpx.AsyncClient(base_url=server.url) as client:
        request = client.build_request("GET", "/stream", extensions={"trace": trace})
        response = await client.send(request, stream=True)
        assert take_over(response) is None
        await response.aclose()
    assert seen  # httpcore reported to the hook: it is still the one reading


async def test_mock_transport_and_read_body_take_the_httpx_path(server: ScriptedServer) -> None:
    mock = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"transfer-encoding": "chunked"}, content=SSE)
    )
    async with httpx.AsyncClient(transport=mock, base_url="http://test") as client:
        response = await client.send(client.build_request("GET", "/"), stream=True)
        assert take_over(response) is None
        await response.aclose()
    async with (
        httpx.AsyncClient(base_url=server.url) as client,
        client.stream("GET", "/stream") as response,
    ):
        await response.aread()
        assert take_over(response) is None
        decoder = EventStreamDecoder()
        parts = [p async for data in body_chunks(response) for p in decoder.feed(data)]
        assert parts == EXPECTED


async def test_http_errors_async(server: ScriptedServer) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=httpx.Timeout(5, read=0.3)) as client:
        for path, kind in [
            ("/truncated", httpx.RemoteProtocolError),
            ("/reset", httpx.ReadError),
            ("/stall", httpx.ReadTimeout),
            ("/malformed", httpx.RemoteProtocolError),
        ]:
            with pytest.raises(kind) as caught:
                await read_async(client, path)
            assert caught.value.request.url.path == path


def test_http_errors_sync(server: ScriptedServer) -> None:
    with httpx.Client(base_url=server.url, timeout=httpx.Timeout(5, read=0.3)) as client:
        for path, kind in [
            ("/truncated", httpx.RemoteProtocolError),
            ("/reset", httpx.ReadError),
            ("/stall", httpx.ReadTimeout),
            ("/malformed", httpx.RemoteProtocolError),
        ]:
            with pytest.raises(kind) as caught:
                read_sync(client, path)
            assert caught.value.request.url.path == path


# --- through the executor: typed errors ------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/stream", None),
        ("/truncated", e.APIConnectionError),
        ("/reset", e.APIConnectionError),
        ("/stall", e.APITimeoutError),
        ("/malformed", e.APIConnectionError),
    ],
)
async def test_executor_types_the_errors(
    server: ScriptedServer, path: str, kind: type[e.APIError] | None
) -> None:
    request = ApiRequest("GET", path)
    timeout = httpx.Timeout(5, read=0.3)
    http = HttpClient(httpx.AsyncClient(base_url=server.url, timeout=timeout), max_retries=0)
    sync_http = SyncHttpClient(httpx.Client(base_url=server.url, timeout=timeout), max_retries=0)
    try:
        if kind is None:
            assert [p async for p in http.stream_request(request)] == EXPECTED
            parts = await asyncio.to_thread(lambda: list(sync_http.stream_request(request)))
            assert parts == EXPECTED
            return
        with pytest.raises(kind) as caught:
            async for _ in http.stream_request(request):
                pass
        assert isinstance(caught.value.__cause__, httpx.RequestError)

        def sync_read() -> None:
            for _ in sync_http.stream_request(request):
                pass

        with pytest.raises(kind):
            await asyncio.to_thread(sync_read)
    finally:
        await http.aclose()
        sync_http.close()


def test_importing_the_transport_does_not_import_httpcore() -> None:
    # httpx 0.28 loads httpcore when its transport first runs (0.27 on import); the fast paths
    # must not load it sooner (~12 ms of `import langgraph_sdk`).
    import subprocess
    import sys

    def loaded_after(module: str) -> str:
        code = f"import sys, {module}; print('httpcore' in sys.modules, 'h11' in sys.modules)"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    assert loaded_after("lg_transport") == loaded_after("httpx")
