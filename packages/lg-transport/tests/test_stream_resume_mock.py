"""Run and thread streams resumed by the transport, async and sync, on mock transports: what is
rejoined, with which request, when, how often, and that every event arrives once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from lg_schema import StreamPart
from lg_transport import ApiRequest, HttpClient, SyncHttpClient
from lg_transport import errors as e
from lg_transport._async import http as async_http
from lg_transport._async import resume as async_resume
from lg_transport._sync import http as sync_http
from lg_transport._sync import resume as sync_resume
from lg_transport.resilience import ReconnectEvent, StreamGapError

MS = 1_795_295_563_000
RUN_HEADERS = {
    "content-type": "text/event-stream; charset=utf-8",
    "location": "/threads/t1/runs/r1/stream",
    "content-location": "/threads/t1/runs/r1",
}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    delays: list[float] = []

    async def async_sleep(delay: float) -> None:
        delays.append(delay)

    def sync_sleep(delay: float) -> None:
        delays.append(delay)

    for module in (async_http, async_resume):
        monkeypatch.setattr(module, "pause", async_sleep)
    for module in (sync_http, sync_resume):
        monkeypatch.setattr(module, "pause", sync_sleep)
    return delays


def part(ms: int | None, event: str = "values", data: Any = None) -> StreamPart:
    return StreamPart(
        event, {"n": ms} if data is None else data, None if ms is None else f"{MS + ms}-0"
    )


def sse(*parts: StreamPart) -> bytes:
    out = b""
    for p in parts:
        out += f"event: {p.event}\r\ndata: {json.dumps(p.data, separators=(',', ':'))}\r\n".encode()
        if p.id is not None:
            out += f"id: {p.id}\r\n".encode()
        out += b"\r\n"
    return out


class Body(httpx.AsyncByteStream, httpx.SyncByteStream):
    """``chunks``, then ``exc`` (a cut) or a clean end."""

    def __init__(self, chunks: list[bytes], exc: Exception | None) -> None:
        self.chunks, self.exc = chunks, exc

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.exc is not None:
            raise self.exc

    async def __aiter__(self) -> Any:
        for chunk in self.chunks:
            yield chunk
        if self.exc is not None:
            raise self.exc


def stream(
    *parts: StreamPart, cut: Exception | None = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    # One chunk per event, and the last one split in two: decoding must not care.
    chunks = [sse(p) for p in parts]
    if chunks:
        last = chunks.pop()
        chunks += [last[:7], last[7:]]
    return httpx.Response(200, headers=headers or RUN_HEADERS, stream=Body(chunks, cut))


def run_status(status: str, resumable: bool = True) -> httpx.Response:
    return httpx.Response(
        200, json={"run_id": "r1", "status": status, "kwargs": {"resumable": resumable}}
    )


Responder = Callable[[httpx.Request, int], httpx.Response]


class Server:
    """Answers each request from ``routes`` by (method, path), numbering the calls per route.
    Both executors see the same script: `reset` starts it again."""

    def __init__(self, routes: dict[tuple[str, str], Responder]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []
        self.calls: dict[tuple[str, str], int] = {}

    def reset(self) -> None:
        self.requests, self.calls = [], {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        key = (request.method, request.url.path)
        if key not in self.routes:
            return httpx.Response(404, json={"detail": f"no route {key}"})
        count = self.calls.get(key, 0)
        self.calls[key] = count + 1
        return self.routes[key](request, count)


class Clients:
    def __init__(self, server: Server, **options: Any) -> None:
        self.server = server
        transport = httpx.MockTransport(server)
        self.async_http = HttpClient(
            httpx.AsyncClient(base_url="http://t", transport=transport, timeout=300), **options
        )
        self.sync_http = SyncHttpClient(
            httpx.Client(base_url="http://t", transport=transport, timeout=300), **options
        )

    async def each(
        self, request: ApiRequest, on_response: Any = None
    ) -> list[tuple[Any, list[httpx.Request]]]:
        """For the async then the sync executor: (events, or the error raised; requests)."""
        outcomes: list[tuple[Any, list[httpx.Request]]] = []
        for kind in ("async", "sync"):
            self.server.reset()
            got: list[StreamPart] = []
            try:
                if kind == "async":
                    async for p in self.async_http.stream_request(request, on_response):
                        got.append(p)
                else:
                    for p in self.sync_http.stream_request(request, on_response):
                        got.append(p)
                result: Any = got
            except e.APIError as exc:
                exc.delivered = got  # type: ignore[attr-defined]
                result = exc
            outcomes.append((result, list(self.server.requests)))
        return outcomes


CREATE = ApiRequest(
    "POST",
    "/threads/t1/runs/stream",
    json={"assistant_id": "a", "stream_mode": ["values", "updates"], "stream_resumable": True},
    headers={"X-Tenant": "acme"},
)
REJOIN = ("GET", "/threads/t1/runs/r1/stream")
STATUS = ("GET", "/threads/t1/runs/r1")
EVENTS = [part(1, "metadata", {"run_id": "r1"}), part(1), part(1, "updates"), part(2), part(3)]


def summary(requests: list[httpx.Request]) -> list[tuple[str, str, str | None]]:
    return [(r.method, r.url.path, r.headers.get("last-event-id")) for r in requests]


async def test_a_cut_run_stream_is_rejoined_and_delivered_once() -> None:
    def create(request: httpx.Request, n: int) -> httpx.Response:
        return stream(*EVENTS[:3], cut=httpx.ReadError("reset"))

    def rejoin(request: httpx.Request, n: int) -> httpx.Response:
        # The server replays the whole millisecond 1, then goes on.
        return stream(*EVENTS[:3][1:], *EVENTS[3:])

    events: list[ReconnectEvent] = []
    responses: list[httpx.Response] = []
    server = Server(
        {("POST", CREATE.path): create, REJOIN: rejoin, STATUS: lambda r, n: run_status("success")}
    )
    clients = Clients(server, on_reconnect=events.append)
    for got, requests in await clients.each(CREATE, responses.append):
        assert got == EVENTS
        assert summary(requests) == [
            ("POST", CREATE.path, None),
            ("GET", REJOIN[1], f"{MS}-18446744073709551615"),  # just below the last id
            ("GET", STATUS[1], None),
            # After a cut, the end is checked by replaying what follows (nothing, here).
            ("GET", REJOIN[1], f"{MS + 2}-18446744073709551615"),
        ]
        rejoin_request = requests[1]
        # No stream_mode filter (the run's own modes, metadata included), the caller's headers.
        assert rejoin_request.url.query == b""
        assert rejoin_request.headers["x-tenant"] == "acme"
        assert rejoin_request.headers["accept"] == "text/event-stream"
        assert rejoin_request.content == b""
    assert len(responses) == 2  # on_response once per call, for the first response
    assert [(ev.attempt, ev.reason, ev.run_id, ev.thread_id) for ev in events] == [
        (1, "ReadError", "r1", "t1")
    ] * 2
    assert events[0].request == "GET /threads/t1/runs/r1/stream"


async def test_many_cuts_each_with_progress_never_exhaust_the_attempts() -> None:
    events = [part(i) for i in range(1, 31)]

    def cut_after_one(request: httpx.Request, n: int) -> httpx.Response:
        # Each connection replays the last event delivered and adds one new one.
        return stream(*events[max(n, 0) : n + 2], cut=httpx.RemoteProtocolError("cut"))

    def create(request: httpx.Request, n: int) -> httpx.Response:
        return stream(events[0], cut=httpx.RemoteProtocolError("cut"))

    def rejoin(request: httpx.Request, n: int) -> httpx.Response:
        if n >= 28:
            return stream(*events[n:])
        return cut_after_one(request, n)

    server = Server(
        {("POST", CREATE.path): create, REJOIN: rejoin, STATUS: lambda r, n: run_status("success")}
    )
    clients = Clients(server, stream_reconnect_attempts=2)
    for got, requests in await clients.each(CREATE):
        assert got == events
        assert len([r for r in requests if r.url.path == REJOIN[1]]) == 29 + 1


async def test_attempts_without_progress_run_out_with_the_last_error() -> None:
    def rejoin(request: httpx.Request, n: int) -> httpx.Response:
        return httpx.Response(503, json={"detail": "busy"})

    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(EVENTS[0], cut=httpx.ReadError("reset")),
            REJOIN: rejoin,
        }
    )
    for result, requests in await Clients(server, stream_reconnect_attempts=3).each(CREATE):
        assert isinstance(result, e.InternalServerError)
        assert result.attempts == 4
        assert result.delivered == [EVENTS[0]]
        assert len(requests) == 1 + 3


async def test_retry_after_on_a_rejoin_is_honoured(no_sleep: list[float]) -> None:
    def rejoin(request: httpx.Request, n: int) -> httpx.Response:
        if n == 0:
            return httpx.Response(429, headers={"retry-after": "1.5"})
        return stream(*EVENTS[1:])

    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(EVENTS[0], cut=httpx.ReadError("reset")),
            REJOIN: rejoin,
            STATUS: lambda r, n: run_status("success"),
        }
    )
    for got, _ in await Clients(server).each(CREATE):
        assert got == EVENTS
    assert 1.5 in no_sleep
    assert all(d < 0.2 for d in no_sleep if d != 1.5)


async def test_a_clean_close_while_the_run_is_live_is_rejoined() -> None:
    def status(request: httpx.Request, n: int) -> httpx.Response:
        return run_status("running" if n == 0 else "success")

    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(*EVENTS[:2]),
            REJOIN: lambda r, n: stream(*EVENTS[1:]),
            STATUS: status,
        }
    )
    events: list[ReconnectEvent] = []
    for got, requests in await Clients(server, on_reconnect=events.append).each(CREATE):
        assert got == EVENTS
        assert [r.url.path for r in requests] == [
            CREATE.path,
            STATUS[1],
            REJOIN[1],
            STATUS[1],
            REJOIN[1],
        ]
    assert events[0].reason == "the stream closed while the run was running"


async def test_a_clean_close_of_a_finished_run_is_the_end() -> None:
    # No cut before: the close is the server's, no replay needed.
    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(*EVENTS),
            STATUS: lambda r, n: run_status("success"),
        }
    )
    for got, requests in await Clients(server).each(CREATE):
        assert got == EVENTS
        assert [r.url.path for r in requests] == [CREATE.path, STATUS[1]]


async def test_a_run_that_cannot_be_found_after_the_end_counts_as_ended() -> None:
    server = Server({("POST", CREATE.path): lambda r, n: stream(*EVENTS)})
    for got, _ in await Clients(server).each(CREATE):
        assert got == EVENTS


async def test_the_idle_window_is_the_streams_read_timeout() -> None:
    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(EVENTS[0], cut=httpx.ReadTimeout("idle")),
            REJOIN: lambda r, n: stream(*EVENTS),
            STATUS: lambda r, n: run_status("success"),
        }
    )
    events: list[ReconnectEvent] = []
    clients = Clients(server, stream_idle_timeout=2.5, on_reconnect=events.append)
    for got, requests in await clients.each(CREATE):
        assert got == EVENTS
        assert [r.extensions["timeout"]["read"] for r in requests] == [2.5, 2.5, 300, 2.5]
    assert events[0].reason == "ReadTimeout"


async def test_a_stream_not_created_resumable_reports_the_gap() -> None:
    plain = [part(None, "metadata", {"run_id": "r1"}), part(None)]
    request = ApiRequest("POST", "/threads/t1/runs/stream", json={"assistant_id": "a"})
    server = Server(
        {("POST", request.path): lambda r, n: stream(*plain, cut=httpx.ReadError("reset"))}
    )
    for result, requests in await Clients(server).each(request):
        assert isinstance(result, StreamGapError)
        assert isinstance(result, e.APIConnectionError)
        assert (result.thread_id, result.run_id) == ("t1", "r1")
        assert "stream_resumable=True" in str(result)
        assert isinstance(result.__cause__, e.APIConnectionError)
        assert result.delivered == plain
        assert len(requests) == 1


async def test_a_clean_close_of_a_live_unresumable_run_reports_the_gap() -> None:
    plain = [part(None, "metadata", {"run_id": "r1"})]
    request = ApiRequest("POST", "/threads/t1/runs/stream", json={"assistant_id": "a"})
    server = Server(
        {
            ("POST", request.path): lambda r, n: stream(*plain),
            STATUS: lambda r, n: run_status("running", False),
        }
    )
    for result, _ in await Clients(server).each(request):
        assert isinstance(result, StreamGapError)
        assert "closed while the run was running" in str(result)


async def test_a_stateless_stream_cannot_be_rejoined() -> None:
    request = ApiRequest(
        "POST", "/runs/stream", json={"assistant_id": "a", "stream_resumable": True}
    )
    headers = {**RUN_HEADERS, "location": "/runs/r1/stream", "content-location": "/runs/r1"}
    server = Server(
        {
            ("POST", request.path): lambda r, n: stream(
                EVENTS[0], cut=httpx.ReadError("x"), headers=headers
            )
        }
    )
    for result, requests in await Clients(server).each(request):
        assert isinstance(result, StreamGapError)
        assert "no run to rejoin" in str(result)
        assert len(requests) == 1


async def test_reconnection_can_be_turned_off() -> None:
    server = Server(
        {("POST", CREATE.path): lambda r, n: stream(EVENTS[0], cut=httpx.ReadError("reset"))}
    )
    for result, requests in await Clients(server, stream_reconnect_attempts=0).each(CREATE):
        assert type(result).__bases__ == (e.APIConnectionError, httpx.ReadError)
        assert len(requests) == 1


async def test_a_create_that_fails_before_its_headers_is_not_resent() -> None:
    def create(request: httpx.Request, n: int) -> httpx.Response:
        raise httpx.ReadError("reset")

    server = Server({("POST", CREATE.path): create})
    for result, requests in await Clients(server).each(CREATE):
        assert isinstance(result, e.APIConnectionError)
        assert len(requests) == 1


async def test_without_location_the_metadata_event_names_the_run() -> None:
    headers = {"content-type": "text/event-stream"}
    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(
                *EVENTS[:2], cut=httpx.ReadError("x"), headers=headers
            ),
            REJOIN: lambda r, n: stream(*EVENTS[1:]),
            STATUS: lambda r, n: run_status("success"),
        }
    )
    for got, requests in await Clients(server).each(CREATE):
        assert got == EVENTS
        assert requests[1].url.path == REJOIN[1]


async def test_a_failed_run_keeps_its_error_event_across_a_rejoin() -> None:
    boom = {"error": "ValueError", "message": "boom"}
    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(*EVENTS[:2], cut=httpx.ReadError("x")),
            # The run failed while we were away: the error event was live-only, not stored.
            REJOIN: lambda r, n: stream(*EVENTS[1:]),
            STATUS: lambda r, n: run_status("error"),
            ("GET", "/threads/t1/runs/r1/join"): lambda r, n: httpx.Response(
                200, json={"__error__": boom}
            ),
        }
    )
    for got, _ in await Clients(server).each(CREATE):
        assert got == [*EVENTS, StreamPart("error", boom, None)]


async def test_an_error_event_already_delivered_is_not_repeated() -> None:
    boom = part(4, "error", {"error": "ValueError", "message": "boom"})
    server = Server(
        {
            ("POST", CREATE.path): lambda r, n: stream(*EVENTS[:2], cut=httpx.ReadError("x")),
            REJOIN: lambda r, n: stream(*EVENTS[1:], boom),
            STATUS: lambda r, n: run_status("error"),
        }
    )
    for got, requests in await Clients(server).each(CREATE):
        assert got == [*EVENTS, boom]
        assert not any(r.url.path.endswith("/join") for r in requests)


JOIN = ApiRequest(
    "GET",
    "/threads/t1/runs/r1/stream",
    params={"cancel_on_disconnect": True, "stream_mode": "values"},
    headers={"Last-Event-ID": f"{MS}-0"},
)


async def test_a_run_join_is_rejoined_with_its_own_query() -> None:
    def join(request: httpx.Request, n: int) -> httpx.Response:
        if n == 0:
            return stream(EVENTS[3], cut=httpx.ReadError("x"))
        return stream(*EVENTS[3:])

    server = Server({REJOIN: join, STATUS: lambda r, n: run_status("success")})
    for got, requests in await Clients(server).each(JOIN):
        assert got == EVENTS[3:]
        assert summary(requests) == [
            ("GET", REJOIN[1], f"{MS}-0"),  # the caller's id, as given
            ("GET", REJOIN[1], f"{MS + 1}-18446744073709551615"),
            ("GET", STATUS[1], None),
            ("GET", REJOIN[1], f"{MS + 2}-18446744073709551615"),
        ]
        assert requests[0].url.query == requests[1].url.query


async def test_a_repeat_at_the_seam_is_settled_by_the_stored_log() -> None:
    x, y = part(5, data="x"), part(5, data="y")

    def join(request: httpx.Request, n: int) -> httpx.Response:
        if request.url.params.get("cancel_on_disconnect") == "false":
            return stream(x, y, part(6))  # the stored log (and something newer)
        if n == 0:
            return stream(EVENTS[3], cut=httpx.ReadError("x"))
        # Replay of the gap, then the live part starts again at y.
        return stream(x, y, y, part(6))

    server = Server({REJOIN: join, STATUS: lambda r, n: run_status("success")})
    for got, requests in await Clients(server).each(JOIN):
        assert got == [EVENTS[3], x, y, part(6)]
        log_reads = [r for r in requests if r.url.params.get("cancel_on_disconnect") == "false"]
        assert len(log_reads) == 1  # never cancel the run by closing a log read
        assert log_reads[0].headers["last-event-id"] == f"{MS + 4}-18446744073709551615"


async def test_the_stored_log_keeps_an_event_the_run_really_sent_twice() -> None:
    space = part(5, "messages", [" "])

    def join(request: httpx.Request, n: int) -> httpx.Response:
        if request.url.params.get("cancel_on_disconnect") == "false":
            return stream(space, space, part(6))
        return stream(space, space, part(6))

    server = Server({REJOIN: join, STATUS: lambda r, n: run_status("success")})
    request = ApiRequest("GET", JOIN.path, params=JOIN.params, headers={"Last-Event-ID": f"{MS}-0"})
    for got, _ in await Clients(server).each(request):
        assert got == [space, space, part(6)]


async def test_a_join_of_an_unresumable_run_reports_the_gap() -> None:
    request = ApiRequest("GET", JOIN.path)
    server = Server(
        {
            REJOIN: lambda r, n: stream(part(None), cut=httpx.ReadError("x")),
            STATUS: lambda r, n: run_status("running", False),
        }
    )
    for result, _ in await Clients(server).each(request):
        assert isinstance(result, StreamGapError)


async def test_a_join_cut_before_any_event_asks_the_run_if_it_stores_events() -> None:
    request = ApiRequest("GET", JOIN.path)

    def join(request: httpx.Request, n: int) -> httpx.Response:
        if n == 0:
            return stream(cut=httpx.ReadError("x"))
        return stream(*EVENTS)

    server = Server({REJOIN: join, STATUS: lambda r, n: run_status("success", True)})
    for got, requests in await Clients(server).each(request):
        assert got == EVENTS
        # Nothing was delivered: the rejoin asks for what comes from now on, like the join did.
        assert summary(requests)[:3] == [
            ("GET", REJOIN[1], None),
            ("GET", STATUS[1], None),
            ("GET", REJOIN[1], None),
        ]


THREAD = ApiRequest("GET", "/threads/t1/stream", params={"stream_mode": "run_modes"})


async def test_a_thread_stream_is_rejoined_after_cuts_and_closes() -> None:
    def thread(request: httpx.Request, n: int) -> httpx.Response:
        headers = {"content-type": "text/event-stream"}
        if n == 0:
            return stream(*EVENTS[:2], cut=httpx.ReadError("x"), headers=headers)
        if n == 1:
            return stream(*EVENTS[1:4], headers=headers)  # closed cleanly: still a cut
        if n == 2:
            return stream(*EVENTS[3:], headers=headers)
        return stream(*EVENTS[4:], headers=headers)  # nothing new: the attempts run out

    server = Server({("GET", THREAD.path): thread})
    for got, requests in await Clients(server, stream_reconnect_attempts=2).each(THREAD):
        assert got == EVENTS
        assert all(r.url.query == b"stream_mode=run_modes" for r in requests)
        assert [r.headers.get("last-event-id") for r in requests[:3]] == [
            None,
            f"{MS}-18446744073709551615",
            f"{MS + 1}-18446744073709551615",
        ]
        assert len(requests) == 5  # 3 with progress, then 2 attempts without


async def test_a_thread_stream_without_ids_just_ends() -> None:
    server = Server(
        {
            ("GET", THREAD.path): lambda r, n: stream(
                part(None), headers={"content-type": "text/event-stream"}
            )
        }
    )
    for got, requests in await Clients(server).each(THREAD):
        assert got == [part(None)]
        assert len(requests) == 1


async def test_other_streams_without_a_location_are_read_once() -> None:
    # (With a Location they reconnect there: test_plain_stream.py.)
    request = ApiRequest("POST", "/custom/stream", json={})
    plain = {"content-type": "text/event-stream"}
    server = Server(
        {
            ("POST", request.path): lambda r, n: stream(
                EVENTS[0], cut=httpx.ReadError("x"), headers=plain
            )
        }
    )
    for result, requests in await Clients(server).each(request):
        assert type(result).__bases__ == (e.APIConnectionError, httpx.ReadError)
        assert len(requests) == 1


@pytest.mark.parametrize("terminal", ["error", "end"])
async def test_a_terminal_event_needs_no_check_of_the_run(terminal: str) -> None:
    last = part(4, terminal, {"error": "ValueError", "message": "boom"})
    server = Server({("POST", CREATE.path): lambda r, n: stream(*EVENTS, last)})
    for got, requests in await Clients(server).each(CREATE):
        assert got == [*EVENTS, last]
        assert len(requests) == 1
