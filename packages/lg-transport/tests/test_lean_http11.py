"""The sync pool's short HTTP/1.1 exchange (`lg_transport._internals.lean_http11`).

Every behaviour test runs the same calls through httpx's stock transport and through the lean
one, against a scripted loopback server, and expects the same outcome: the same request bytes
on the wire, the same status, reason, version, raw headers and body, or the same exception
(type and message), and the same reuse or closing of connections. The lean-only tests pin that
the short exchange is the one taken for plain calls, leaves h11 idle, and keeps event streams
on the raw reader.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from loopback_http import read_raw_request
from proven_paths import needs_httpcore_paths

from lg_transport._internals import lighten, take_over

BODY = b'{"assistant_id":"a1","name":"echo"}'
PLAIN = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (
    len(BODY),
    BODY,
)


@dataclass
class Answer:
    pieces: list[bytes]
    close: bool = False  # close the connection after the pieces
    pause: float = 0.0  # seconds between pieces


@dataclass
class ScriptedServer:
    """Answers each request with the next scripted `Answer` (or `PLAIN` once they run out);
    records every request's raw bytes and how many connections it accepted."""

    answers: list[Answer] = field(default_factory=list)
    requests: list[bytes] = field(default_factory=list)
    connections: int = 0
    open_now: int = 0
    most_open: int = 0

    def __post_init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                self.open_now += 1
                self.most_open = max(self.most_open, self.open_now)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        try:
            while True:
                read = read_raw_request(conn, buffer)
                if read is None:
                    return
                request, buffer = read
                with self.lock:
                    self.requests.append(request)
                    answer = self.answers.pop(0) if self.answers else Answer([PLAIN])
                for i, piece in enumerate(answer.pieces):
                    if i and answer.pause:
                        time.sleep(answer.pause)
                    conn.sendall(piece)
                if answer.close:
                    return
        except OSError:
            return
        finally:
            with self.lock:
                self.open_now -= 1
            conn.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


def client(url: str, lean: bool, **options: Any) -> httpx.Client:
    limits = options.pop("limits", httpx.Limits())
    transport = httpx.HTTPTransport(limits=limits)
    if lean:
        lighten(transport)
    return httpx.Client(base_url=url, transport=transport, **options)


def connection_types(http: httpx.Client) -> list[str]:
    pool: Any = http._transport._pool  # type: ignore[attr-defined]
    return [type(c._connection).__name__ for c in pool.connections]


def outcome(http: httpx.Client, method: str = "GET", **kwargs: Any) -> Any:
    """What a call gives: the answer's parts, or the exception's type and message."""
    try:
        response = http.request(method, "/assistants/a1", **kwargs)
    except httpx.HTTPError as exc:
        return type(exc).__name__, str(exc)
    return (
        response.status_code,
        response.reason_phrase,
        response.http_version,
        response.headers.raw,
        response.content,
    )


def both(answers: list[Answer], calls: int = 2, **kwargs: Any) -> list[tuple[Any, ...]]:
    """Run ``calls`` calls (a warm-up first: the exchange is lean from a connection's second
    request) on a stock and a lean client, each against its own server with ``answers``."""
    results = []
    for lean in (False, True):
        scripted = ScriptedServer(answers=[Answer([PLAIN]), *answers])
        try:
            with client(scripted.url, lean, timeout=2) as http:
                got = [outcome(http, **kwargs) for _ in range(calls)]
            time.sleep(0.05)  # the server's accept thread counts the last connection
            port = str(scripted.port).encode()  # each server has its own
            sent = [request.replace(port, b"PORT") for request in scripted.requests]
            results.append((got, sent, scripted.connections))
        finally:
            scripted.close()
    return results


def assert_same(answers: list[Answer], calls: int = 2, **kwargs: Any) -> Any:
    stock, lean = both(answers, calls, **kwargs)
    assert lean == stock
    return stock[0]


# --- the same outcome as httpcore and h11 ------------------------------------------------------


def test_plain_calls_send_the_same_bytes_and_get_the_same_answer() -> None:
    got = assert_same([], calls=3, headers={"X-Api-Key": "k", "Accept": "application/json"})
    assert got[1][4] == BODY


def test_a_body_is_sent_as_h11_sends_it() -> None:
    got = assert_same(
        [],
        calls=3,
        method="POST",
        content=b'{"limit": 10}',
        headers={"Content-Type": "application/json"},
    )
    assert got[1][0] == 200


@pytest.mark.parametrize(
    "answer",
    [
        # no reason phrase, odd header casing and spacing, a repeated header
        b"HTTP/1.1 201 \r\nX-A:  b  \r\nSet-Thing: 1\r\nSet-Thing: 2\r\nContent-Length: 2\r\n\r\nok",
        b"HTTP/1.1 200\r\ncontent-length: 0\r\n\r\n",
        b"HTTP/1.1 204 No Content\r\ncontent-length: 5\r\n\r\n",
        b"HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\n\r\nnot found",
        b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
        # handed to h11: chunked, 1xx first, HTTP/1.0, folded, bare \n, read to the close
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}",
        b"HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n{}",
        b"HTTP/1.1 200 OK\r\nx-a: b\r\n  folded\r\ncontent-length: 2\r\n\r\n{}",
        b"HTTP/1.1 200 OK\ncontent-length: 2\n\n{}",
        b"HTTP/1.1 200 OK\r\ncontent-length: 2, 2\r\n\r\n{}",
        # refused by h11: the same errors
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}",
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n{}",
        b"HTTP/1.1 200 OK\r\nbad header\r\ncontent-length: 2\r\n\r\n{}",
        b"HTTP/1.1 2000 OK\r\ncontent-length: 2\r\n\r\n{}",
        b"HTTP/1.1 200 OK\r\ncontent-length: x\r\n\r\n{}",
        b"\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}",
        b"NOPE\r\n\r\n",
    ],
)
def test_answers_read_as_httpcore_reads_them(answer: bytes) -> None:
    assert_same([Answer([answer], close=True)])


def test_answers_split_over_many_reads() -> None:
    pieces = [PLAIN[i : i + 7] for i in range(0, len(PLAIN), 7)]
    got = assert_same(
        [Answer(pieces, pause=0.002), Answer([PLAIN[:-5], PLAIN[-5:]], pause=0.01)], calls=3
    )
    assert got[1][4] == got[2][4] == BODY


def test_a_close_without_an_answer() -> None:
    got = assert_same([Answer([], close=True)])
    assert got[1] == ("RemoteProtocolError", "Server disconnected without sending a response.")


def test_a_close_in_the_head_and_in_the_body() -> None:
    assert_same([Answer([PLAIN[:20]], close=True)])
    got = assert_same([Answer([PLAIN[:-5]], close=True)])
    assert got[1][0] == "RemoteProtocolError"
    assert "received 30 bytes, expected 35" in got[1][1]


def test_a_stalled_answer_times_out_as_before() -> None:
    for pieces in ([PLAIN[:10], PLAIN[10:]], [PLAIN[:-5], PLAIN[-5:]]):
        stock, lean = both([Answer(pieces, pause=0.5)], timeout=httpx.Timeout(5, read=0.2))
        assert lean[0] == stock[0]
        assert lean[0][1][0] == "ReadTimeout"


def test_a_head_over_the_limit_is_refused_as_before() -> None:
    # h11 checks its 100 KiB limit only while a head is incomplete, and a read adds at most
    # 64 KiB: a head this long is still incomplete when the buffer first passes the limit,
    # however the socket splits it (a shorter one could arrive whole and be accepted).
    huge = (
        b"HTTP/1.1 200 OK\r\n" + b"x-filler: " + b"a" * 400_000 + b"\r\ncontent-length: 2\r\n\r\n{}"
    )
    got = assert_same([Answer([huge], close=True)])
    assert got[1][0] == "RemoteProtocolError"


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Bad": "a\x01b"},  # h11 refuses the value
        {"Bad Name": "x"},
        {"Connection": "close"},
        {"Expect": "100-continue"},
    ],
)
def test_requests_h11_frames_or_refuses_go_through_h11(headers: dict[str, str]) -> None:
    assert_same([], calls=2, method="POST", content=b"{}", headers=headers)


def test_a_streamed_body_goes_through_h11() -> None:
    got = assert_same(
        [], calls=2, method="PUT", content=[b"{", b"}"], headers={"Content-Length": "2"}
    )
    assert got[1][0] == 200


def test_connections_are_reused_or_closed_as_before() -> None:
    plans = [
        [],  # kept alive: one connection
        [Answer([PLAIN.replace(b"\r\n\r\n", b"\r\nconnection: close\r\n\r\n", 1)])],
    ]
    counts = []
    for answers in plans:
        stock, lean = both(answers, calls=4)
        assert lean == stock
        counts.append(lean[2])
    assert counts == [1, 2]


@needs_httpcore_paths
def test_bytes_after_a_body_never_answer_the_next_call() -> None:
    """A deliberate difference: h11 keeps what a server sent past a body's length and reads it
    as the answer to the connection's next request; the short exchange drops that connection
    (docs/compatibility.md)."""
    stock, lean = both([Answer([PLAIN + b"HTTP/1.1 200 OK\r\n"])], calls=3)
    assert stock[0][2][0] == "RemoteProtocolError"  # the next call read the stray bytes
    assert [got[4] for got in lean[0]] == [BODY] * 3
    assert lean[2] == 2  # a new connection for the next call


# --- the short exchange itself -------------------------------------------------------------------


@needs_httpcore_paths
def test_plain_calls_take_the_short_exchange_and_leave_h11_idle(server: ScriptedServer) -> None:
    with client(server.url, lean=True) as http:
        for _ in range(3):
            assert http.get("/a").content == BODY
        pool: Any = http._transport._pool  # type: ignore[attr-defined]
        (connection,) = pool._connections
        h11_state = connection._connection._h11_state
        assert connection_types(http) == ["LeanHTTP11Connection"]
        assert h11_state.our_state is h11_state.their_state  # both IDLE: h11 never ran
        assert h11_state.our_state.__name__ == "IDLE"
        assert connection._connection._request_count == 3
    assert server.connections == 1


@needs_httpcore_paths
def test_event_streams_on_a_lean_connection_are_still_read_raw(server: ScriptedServer) -> None:
    stream = (
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
    )
    server.answers += [Answer([PLAIN]), Answer([stream + b"5\r\nhello\r\n0\r\n\r\n"])]
    with client(server.url, lean=True) as http:
        http.get("/a")
        with http.stream("GET", "/stream") as response:
            assert connection_types(http) == ["LeanHTTP11Connection"]
            assert take_over(response) is not None
        assert http.get("/a").content == BODY


def test_stock_clients_are_left_alone(server: ScriptedServer) -> None:
    with client(server.url, lean=False) as http:
        http.get("/a")
        http.get("/a")
        assert connection_types(http) == ["HTTP11Connection"]


@needs_httpcore_paths
def test_threads_share_a_lean_pool_within_its_limits(server: ScriptedServer) -> None:
    limits = httpx.Limits(max_connections=4)
    errors: list[BaseException] = []

    def calls() -> None:
        try:
            for i in range(40):
                response = http.post("/a", content=b'{"i": %d}' % i) if i % 3 else http.get("/a")
                assert response.content == BODY
        except BaseException as exc:  # reported below
            errors.append(exc)

    with client(server.url, lean=True, limits=limits) as http:
        threads = [threading.Thread(target=calls) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert set(connection_types(http)) == {"LeanHTTP11Connection"}
    assert errors == []
    assert len(server.requests) == 16 * 40
    assert server.most_open <= 4


def test_an_unread_body_closes_its_connection_as_before() -> None:
    counts = []
    for lean in (False, True):
        scripted = ScriptedServer()
        with client(scripted.url, lean) as http:
            http.get("/a")
            with http.stream("GET", "/a"):
                pass  # closed unread
            http.get("/a")
        counts.append(scripted.connections)
        scripted.close()
    assert counts == [2, 2]
