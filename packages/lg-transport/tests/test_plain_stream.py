"""`HttpClient.stream` / `SyncHttpClient.stream` on plain streams: the official contract.

A plain stream (any path that is not a run or thread stream) reconnects through the
``Location`` its response named, with ``Last-Event-ID``; a run's stream that closes cleanly is
checked against its run; reconnections back off and give up after five in a row without a new
event. Every test runs the async and the sync executor against the same scripted server.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from lg_schema import StreamPart
from lg_transport import ApiRequest, HttpClient, SyncHttpClient
from lg_transport import errors as e
from lg_transport._async import plain_stream as async_plain
from lg_transport._sync import plain_stream as sync_plain
from lg_transport.resilience import ReconnectEvent, StreamReconnectError

SSE = {"content-type": "text/event-stream"}
DROP = httpx.RemoteProtocolError("incomplete chunked read")
RUN_STREAM = "/threads/t1/runs/r1/stream"
RUN = "/threads/t1/runs/r1"
END = b"event: end\ndata: null\n\n"

Step = Callable[[httpx.Request], httpx.Response]


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body sent in ``chunks``, then cut by ``error`` if one is given."""

    def __init__(self, chunks: list[bytes], error: Exception | None = None) -> None:
        self.chunks, self.error = chunks, error

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.error is not None:
            raise self.error

    async def __aiter__(self) -> Any:
        for chunk in self.chunks:
            yield chunk
        if self.error is not None:
            raise self.error


def ok(*chunks: bytes, drop: bool = False, location: str | None = None, **more: str) -> Step:
    headers = {**SSE, **more}
    if location:
        headers["location"] = location
    return lambda request: httpx.Response(
        200, headers=headers, stream=Body(list(chunks), DROP if drop else None)
    )


def status(code: int) -> Step:
    return lambda request: httpx.Response(code, json={"detail": "upstream"})


def run_status(value: str) -> Step:
    return lambda request: httpx.Response(200, json={"status": value})


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def event(i: int, *, with_id: bool = True) -> bytes:
    head = f"id: {i}\n" if with_id else ""
    return f"{head}event: values\ndata: {i}\n\n".encode()


class Sleeps:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def async_pause(self, delay: float) -> None:
        self.delays.append(delay)

    def sync_pause(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    recorder = Sleeps()
    monkeypatch.setattr(async_plain, "pause", recorder.async_pause)
    monkeypatch.setattr(sync_plain, "pause", recorder.sync_pause)
    return recorder


Outcome = tuple[list[StreamPart], list[httpx.Request], BaseException | None]


async def run_both(
    steps: list[Step],
    *,
    headers: dict[str, str] | None = None,
    method: str = "POST",
    path: str = "/stream",
    **options: Any,
) -> list[Outcome]:
    """(parts, requests, error raised) for the async then the sync executor."""
    outcomes: list[Outcome] = []
    for kind in ("async", "sync"):
        seen: list[httpx.Request] = []
        parts: list[StreamPart] = []

        def handler(request: httpx.Request, seen: list[httpx.Request] = seen) -> httpx.Response:
            request.read()
            seen.append(request)
            if len(seen) > len(steps):
                raise AssertionError(f"unexpected request {request.method} {request.url}")
            return steps[len(seen) - 1](request)

        transport = httpx.MockTransport(handler)
        json = {"input": 1} if method == "POST" else None
        error: BaseException | None = None
        try:
            if kind == "async":
                async with httpx.AsyncClient(base_url="http://t", transport=transport) as c:
                    async for part in HttpClient(c, **options).stream(
                        path, method, json=json, headers=headers
                    ):
                        parts.append(part)
            else:
                with httpx.Client(base_url="http://t", transport=transport) as c:
                    for part in SyncHttpClient(c, **options).stream(
                        path, method, json=json, headers=headers
                    ):
                        parts.append(part)
        except (Exception, AssertionError) as exc:
            error = exc
        outcomes.append((parts, seen, error))
    return outcomes


def wire(seen: list[httpx.Request]) -> list[tuple[str, str, str | None]]:
    return [(r.method, r.url.path, r.headers.get("last-event-id")) for r in seen]


async def test_a_cut_stream_reconnects_through_its_location(sleeps: Sleeps) -> None:
    steps = [ok(event(1), drop=True, location="/resume"), ok(event(2), END)]
    for parts, seen, error in await run_both(steps):
        assert error is None
        assert parts == [
            StreamPart("values", 1, "1"),
            StreamPart("values", 2, "2"),
            StreamPart("end", None, "2"),  # the id persists, as in the official client
        ]
        assert wire(seen) == [("POST", "/stream", None), ("GET", "/resume", "1")]
        reconnect = seen[1]
        assert reconnect.content == b""
        assert "content-type" not in reconnect.headers
        assert "content-length" not in reconnect.headers
        assert reconnect.headers["accept"] == "text/event-stream"
        assert reconnect.headers["cache-control"] == "no-store"
    assert len(sleeps.delays) == 2
    assert all(1.0 <= d <= 1.25 for d in sleeps.delays)


async def test_content_location_of_a_run_is_rejoined_by_its_stream(sleeps: Sleeps) -> None:
    steps = [ok(event(1), drop=True, **{"content-location": RUN}), ok(END)]
    for parts, seen, error in await run_both(steps):
        assert error is None
        assert [p.event for p in parts] == ["values", "end"]
        assert wire(seen) == [("POST", "/stream", None), ("GET", RUN_STREAM, "1")]


async def test_on_response_sees_only_the_first_response_and_on_reconnect_each_rejoin(
    sleeps: Sleeps,
) -> None:
    for kind in ("async", "sync"):
        answers = iter([ok(event(1), drop=True, location="/resume"), ok(END)])
        events: list[ReconnectEvent] = []
        responses: list[httpx.Response] = []
        transport = httpx.MockTransport(lambda request, answers=answers: next(answers)(request))
        if kind == "async":
            async with httpx.AsyncClient(base_url="http://t", transport=transport) as c:
                http = HttpClient(c, on_reconnect=events.append)
                parts = [
                    p async for p in http.stream("/stream", "GET", on_response=responses.append)
                ]
        else:
            with httpx.Client(base_url="http://t", transport=transport) as c:
                sync = SyncHttpClient(c, on_reconnect=events.append)
                parts = list(sync.stream("/stream", "GET", on_response=responses.append))
        assert len(parts) == 2
        assert len(responses) == 1
        assert [(ev.attempt, ev.request, ev.last_event_id) for ev in events] == [
            (1, "GET /resume", "1")
        ]


async def test_a_clean_close_of_a_live_run_reconnects_after_asking_the_run(sleeps: Sleeps) -> None:
    for check in (run_status("pending"), run_status("running"), status(503), refused):
        steps = [ok(event(0), location=RUN_STREAM), check, ok(event(1)), run_status("success")]
        for parts, seen, error in await run_both(steps, headers={"Authorization": "Bearer x"}):
            assert error is None
            assert [p.data for p in parts] == [0, 1]
            assert wire(seen) == [
                ("POST", "/stream", None),
                ("GET", RUN, None),
                ("GET", RUN_STREAM, "0"),
                ("GET", RUN, None),
            ]
            run_check = seen[1]
            assert run_check.headers["accept"] == "application/json"
            assert run_check.headers["authorization"] == "Bearer x"


async def test_a_clean_close_of_an_ended_run_ends_the_stream(sleeps: Sleeps) -> None:
    ends = [run_status("success"), run_status("error"), status(404), status(403)]
    ends += [
        lambda request: httpx.Response(200, text="<html>"),
        lambda r: httpx.Response(200, json={}),
    ]
    for check in ends:
        for parts, seen, error in await run_both([ok(event(1), location=RUN_STREAM), check]):
            assert error is None
            assert [p.data for p in parts] == [1]
            assert wire(seen) == [("POST", "/stream", None), ("GET", RUN, None)]


async def test_no_run_check_after_an_end_event_or_for_other_locations(sleeps: Sleeps) -> None:
    cases = [
        [ok(event(1), END, location=RUN_STREAM)],
        [ok(event(1), b"event: error\ndata: {}\n\n", location=RUN_STREAM)],
        [ok(event(1), b"event: end\ndata: null\n", location=RUN_STREAM)],  # unterminated
        [ok(event(1), location="/threads/t1/stream")],
        [ok(event(1), location="/runs/r1/stream")],
        [ok(event(1), END, drop=True, location=RUN_STREAM), ok()],
    ]
    for steps in cases:
        for _, seen, error in await run_both(steps):
            assert error is None
            assert [r.url.path for r in seen if not r.url.path.endswith("/stream")] == []


async def test_gives_up_after_five_reconnections_without_progress(sleeps: Sleeps) -> None:
    steps = [ok(event(1), drop=True, location="/resume"), *[status(502)] * 5]
    for _, seen, error in await run_both(steps):
        assert isinstance(error, StreamReconnectError)
        assert isinstance(error, httpx.TransportError)  # as the official client's error
        assert isinstance(error, e.APIConnectionError)
        assert "Exceeded maximum SSE reconnection attempts" in str(error)
        assert isinstance(error.__cause__, e.InternalServerError)
        assert len(seen) == 6
    for slept, base in zip(sleeps.delays, [1, 2, 4, 5, 5] * 2, strict=True):
        assert base <= slept <= base * 1.25


async def test_a_stalled_live_run_gives_up_too(sleeps: Sleeps) -> None:
    steps = [ok(event(1), location=RUN_STREAM)]
    steps += [run_status("running"), ok()] * 5 + [run_status("running")]
    for _, _, error in await run_both(steps):
        assert isinstance(error, StreamReconnectError)
        assert "still pending or running" in str(error.__cause__)


async def test_progress_resets_the_attempts(sleeps: Sleeps) -> None:
    steps = [ok(event(0), drop=True, location="/resume")]
    steps += [ok(event(i), drop=True) for i in range(1, 8)] + [ok(END)]
    for parts, seen, error in await run_both(steps):
        assert error is None
        assert [p.data for p in parts] == [*range(8), None]
        assert [r.headers.get("last-event-id") for r in seen] == [None, *map(str, range(8))]


async def test_a_client_error_on_reconnection_is_raised(sleeps: Sleeps) -> None:
    steps = [ok(event(1), drop=True, location="/resume"), status(404)]
    for _, seen, error in await run_both(steps):
        assert isinstance(error, e.NotFoundError)
        assert len(seen) == 2


async def test_transient_reconnection_failures_are_retried(sleeps: Sleeps) -> None:
    not_sse = lambda request: httpx.Response(200, text="<html>")  # noqa: E731
    for failure in (status(429), status(503), refused, not_sse):
        steps = [ok(event(1), drop=True, location="/resume"), failure, ok(event(2), END)]
        for parts, seen, error in await run_both(steps):
            assert error is None
            assert [p.event for p in parts] == ["values", "values", "end"]
            assert [r.headers.get("last-event-id") for r in seen] == [None, "1", "1"]


async def test_a_failed_first_request_or_a_cut_without_location_is_raised(sleeps: Sleeps) -> None:
    first_503 = lambda request: httpx.Response(  # noqa: E731
        503, headers={"location": "/resume"}, json={"detail": "down"}
    )
    for _, seen, error in await run_both([first_503]):
        assert isinstance(error, e.InternalServerError)
        assert len(seen) == 1  # a POST stream is not resent
    for parts, seen, error in await run_both([ok(event(1), drop=True)]):
        assert isinstance(error, e.APIConnectionError)
        assert isinstance(error, httpx.RemoteProtocolError)  # the cut, typed
        assert len(parts) == 1 and len(seen) == 1


async def test_zero_reconnect_attempts_raise_the_cut(sleeps: Sleeps) -> None:
    steps = [ok(event(1), drop=True, location="/resume")]
    for _, seen, error in await run_both(steps, stream_reconnect_attempts=0):
        assert isinstance(error, e.APIConnectionError)
        assert isinstance(error, httpx.RemoteProtocolError)  # the cut, typed
        assert len(seen) == 1


@pytest.mark.parametrize(
    ("chunks", "headers", "cursor", "warns"),
    [
        ([event(1)], None, "1", False),
        ([event(1, with_id=False)], None, None, True),
        ([event(1, with_id=False)], {"Last-Event-ID": "5"}, "5", False),  # kept until an id
        ([event(1)], {"last-event-id": "5"}, "1", False),  # a lowercase caller cursor replaced
        ([event(1), b"id:\n\n"], {"Last-Event-ID": "5"}, None, True),  # an empty id clears
        ([event(1), b"id:\nevent: values\ndata: 2\n\n"], None, None, True),
    ],
    ids=["stream-id", "none", "caller", "lowercase-caller", "empty-id-alone", "empty-id-event"],
)
async def test_the_reconnection_cursor(
    chunks: list[bytes],
    headers: dict[str, str] | None,
    cursor: str | None,
    warns: bool,
    sleeps: Sleeps,
) -> None:
    steps = [ok(*chunks, drop=True, location="/resume"), ok(END)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcomes = await run_both(steps, headers=headers)
    for _, seen, error in outcomes:
        assert error is None
        assert seen[1].headers.get_list("last-event-id") == ([cursor] if cursor else [])
    about_cursor = [w for w in caught if "Last-Event-ID" in str(w.message)]
    assert all(w.category is UserWarning for w in about_cursor)
    assert len(about_cursor) == (2 if warns else 0)


async def test_parts_follow_the_official_semantics(sleeps: Sleeps) -> None:
    body = b'data: null\n\ndata:\n\nevent: ping\n\nid: 7\n\nevent: foo\ndata: {"bar": 1}\n'
    for parts, _, error in await run_both([ok(body)], method="GET"):
        assert error is None
        assert parts == [
            StreamPart("", None),  # no event name: "" (not "message")
            StreamPart("", None),  # empty data is delivered
            StreamPart("ping", None),  # a named event without data too
            StreamPart("foo", {"bar": 1}, "7"),  # the trailing event is flushed at the end
        ]


async def test_a_cross_origin_location_is_refused(sleeps: Sleeps) -> None:
    steps = [ok(event(1), location="https://elsewhere.example/resume")]
    for parts, _, error in await run_both(steps):
        assert isinstance(error, ValueError)
        assert "elsewhere.example" in str(error)
        assert parts == []


async def test_stream_batches_hand_out_the_parts_of_one_read_together(sleeps: Sleeps) -> None:
    """`stream_batches`: the parts one read of a plain stream completed come in one list
    (never an empty one), with the same reconnections; planned streams one part per list."""
    plain = [ok(event(1) + event(2), b"", event(3), drop=True, location="/resume"), ok(END)]
    run_create = [ok(event(1) + event(2))]
    for steps, path, expected in [
        (plain, "/stream", [[1, 2], [3], [None]]),
        (run_create, "/threads/t1/runs/stream", [[1], [2]]),
    ]:
        for kind in ("async", "sync"):
            seen: list[httpx.Request] = []

            def handler(
                request: httpx.Request,
                seen: list[httpx.Request] = seen,
                steps: list[Step] = steps,
            ) -> Any:
                seen.append(request)
                return steps[len(seen) - 1](request)

            transport = httpx.MockTransport(handler)
            request = ApiRequest("POST", path, json={"input": 1})
            batches: list[list[StreamPart]] = []
            if kind == "async":
                async with httpx.AsyncClient(base_url="http://t", transport=transport) as c:
                    async for batch in HttpClient(c).stream_batches(request):
                        batches.append(batch)
            else:
                with httpx.Client(base_url="http://t", transport=transport) as c:
                    batches.extend(SyncHttpClient(c).stream_batches(request))
            assert [[part.data for part in batch] for batch in batches] == expected, kind
            assert len(seen) == len(steps)
