"""Retries of ordinary calls through the executor, async and sync, on mock transports: how many
requests each rule sends, how long it waits, what it logs, and what it finally raises."""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from lg_transport import ApiRequest, HttpClient, SyncHttpClient
from lg_transport import errors as e
from lg_transport._async import http as async_http
from lg_transport._sync import http as sync_http
from lg_transport.resilience import ReconnectEvent

Handler = Callable[[httpx.Request], httpx.Response]


class Sleeps:
    """Records every pause the executors take instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def async_sleep(self, delay: float) -> None:
        self.delays.append(delay)

    def sync_sleep(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    recorder = Sleeps()
    monkeypatch.setattr(async_http, "pause", recorder.async_sleep)
    monkeypatch.setattr(sync_http, "pause", recorder.sync_sleep)
    return recorder


class Both:
    """One scripted server, seen through an async and a sync executor."""

    def __init__(self, handler: Handler, **options: Any) -> None:
        self.requests: list[httpx.Request] = []
        self.handler = handler

        def record(request: httpx.Request) -> httpx.Response:
            request.read()
            self.requests.append(request)
            return handler(request)

        transport = httpx.MockTransport(record)
        self.async_http = HttpClient(
            httpx.AsyncClient(base_url="http://t", transport=transport, timeout=300), **options
        )
        self.sync_http = SyncHttpClient(
            httpx.Client(base_url="http://t", transport=transport, timeout=300), **options
        )

    async def send_each(self, request: ApiRequest) -> Iterator[tuple[Any, int]]:
        """(result or raised error, requests sent) for the async then the sync executor."""
        results = []
        for kind in ("async", "sync"):
            if isinstance(self.handler, script):
                self.handler.reset()
            before = len(self.requests)
            try:
                if kind == "async":
                    result: Any = await self.async_http.send(request)
                else:
                    result = self.sync_http.send(request)
            except e.APIError as exc:
                result = exc
            results.append((result, len(self.requests) - before))
        return iter(results)


Outcome = httpx.Response | Exception | Callable[[], httpx.Response]


class script:
    """A handler answering with ``outcomes`` in turn, from the start again after `reset` (each
    executor of `Both` gets the whole script). Responses are copied for each use; a callable
    makes a fresh one."""

    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = outcomes
        self.queue: list[Outcome] = []
        self.reset()

    def reset(self) -> None:
        self.queue = list(self.outcomes)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        outcome = self.queue.pop(0) if len(self.queue) > 1 else self.queue[0]
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, httpx.Response):
            return httpx.Response(
                outcome.status_code, headers=outcome.headers, content=outcome.content
            )
        return outcome()


def ok() -> httpx.Response:
    return httpx.Response(200, json={"ok": True})


GET = ApiRequest("GET", "/threads/t")
CREATE = ApiRequest("POST", "/threads/t/runs", json={"assistant_id": "a"})
WAIT = ApiRequest("POST", "/threads/t1/runs/wait", json={"assistant_id": "a"})


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_safe_calls_retry_transient_statuses(status: int, sleeps: Sleeps) -> None:
    both = Both(script(httpx.Response(status), httpx.Response(status), ok()))
    for result, sent in await both.send_each(GET):
        assert result == {"ok": True}
        assert sent == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_final_statuses_are_raised_at_once(status: int, sleeps: Sleeps) -> None:
    both = Both(script(httpx.Response(status, json={"detail": "no"}), ok()))
    for request in (GET, CREATE):
        for result, sent in await both.send_each(request):
            assert isinstance(result, e.APIStatusError)
            assert result.status_code == status
            assert result.attempts == 1
            assert sent == 1
    assert sleeps.delays == []


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
async def test_a_create_is_never_resent_after_the_server_answered(
    status: int, sleeps: Sleeps
) -> None:
    both = Both(script(httpx.Response(status), ok()))
    for result, sent in await both.send_each(CREATE):
        assert isinstance(result, e.APIStatusError)
        assert result.status_code == status
        assert sent == 1  # one call, one run


async def test_a_create_is_resent_after_an_explicit_refusal(sleeps: Sleeps) -> None:
    both = Both(script(httpx.Response(429, headers={"retry-after": "2"}), ok()))
    for result, sent in await both.send_each(CREATE):
        assert result == {"ok": True}
        assert sent == 2
    assert sleeps.delays == [2.0, 2.0]


@pytest.mark.parametrize(
    "exc",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("full")],
    ids=lambda exc: type(exc).__name__,
)
async def test_a_create_is_resent_when_it_never_left(exc: Exception, sleeps: Sleeps) -> None:
    both = Both(script(exc, ok()))
    for result, sent in await both.send_each(CREATE):
        assert result == {"ok": True}
        assert sent == 2


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ReadError("reset"),
        httpx.WriteError("broken pipe"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadTimeout("slow"),
    ],
    ids=lambda exc: type(exc).__name__,
)
async def test_transport_failures_after_sending(exc: Exception, sleeps: Sleeps) -> None:
    both = Both(script(exc, ok()))
    for result, sent in await both.send_each(GET):
        assert result == {"ok": True}  # a read is simply sent again
        assert sent == 2
    for result, sent in await both.send_each(CREATE):
        assert isinstance(result, e.APIConnectionError)  # it may have reached the server
        assert result.__cause__ is exc
        assert sent == 1


async def test_a_post_that_only_reads_is_safe(sleeps: Sleeps) -> None:
    search = ApiRequest("POST", "/threads/search", json={}, retry="safe")
    both = Both(script(httpx.Response(500), httpx.ReadError("reset"), ok()))
    for result, sent in await both.send_each(search):
        assert result == {"ok": True}
        assert sent == 3


async def test_the_last_attempts_error_is_raised_with_the_count(sleeps: Sleeps) -> None:
    both = Both(script(httpx.Response(503), httpx.Response(502), httpx.Response(500)))
    for result, sent in await both.send_each(GET):
        assert isinstance(result, e.InternalServerError)
        assert result.status_code == 500
        assert result.attempts == 3
        assert "(after 3 attempts)" in str(result)
        assert sent == 3


async def test_max_retries_is_configurable_and_zero_disables(sleeps: Sleeps) -> None:
    both = Both(lambda request: httpx.Response(503), max_retries=5)
    for result, sent in await both.send_each(GET):
        assert isinstance(result, e.InternalServerError)
        assert (result.attempts, sent) == (6, 6)
    none = Both(lambda request: httpx.Response(503), max_retries=0)
    for result, sent in await none.send_each(GET):
        assert (result.attempts, sent) == (1, 1)
    # A derived client shares the pool and changes only what it is given.
    derived = both.async_http.with_options(max_retries=1)
    assert derived.client is both.async_http.client
    with pytest.raises(e.InternalServerError) as info:
        await derived.send(GET)
    assert info.value.attempts == 2
    sync_derived = both.sync_http.with_options(max_retries=0, stream_idle_timeout=None)
    assert sync_derived.stream_reconnect_attempts == both.sync_http.stream_reconnect_attempts
    assert sync_derived.stream_idle_timeout is None
    with pytest.raises(e.InternalServerError) as info:
        sync_derived.send(GET)
    assert info.value.attempts == 1


async def test_backoff_is_jittered_doubling(sleeps: Sleeps) -> None:
    both = Both(lambda request: httpx.Response(503), max_retries=4)
    await both.send_each(GET)
    for delays in (sleeps.delays[:4], sleeps.delays[4:]):
        for delay, base in zip(delays, [0.5, 1.0, 2.0, 4.0], strict=True):
            assert base / 2 <= delay <= base


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after-ms": "40"}, 0.04),
        ({"retry-after": "0"}, 0.0),
    ],
)
async def test_retry_after_is_honoured(
    headers: dict[str, str], expected: float, sleeps: Sleeps
) -> None:
    both = Both(script(httpx.Response(503, headers=headers), ok()))
    for result, _ in await both.send_each(GET):
        assert result == {"ok": True}
    assert sleeps.delays == [expected, expected]


async def test_retry_after_as_a_date(sleeps: Sleeps) -> None:
    date = email.utils.formatdate(time.time() + 5, usegmt=True)
    both = Both(script(httpx.Response(429, headers={"retry-after": date}), ok()))
    for result, _ in await both.send_each(GET):
        assert result == {"ok": True}
    assert all(2 <= delay <= 5 for delay in sleeps.delays)


async def test_a_pause_beyond_the_cap_is_raised_not_waited(sleeps: Sleeps) -> None:
    both = Both(script(httpx.Response(503, headers={"retry-after": "3600"}), ok()))
    for result, sent in await both.send_each(GET):
        assert isinstance(result, e.InternalServerError)
        assert sent == 1
    assert sleeps.delays == []


async def test_each_retry_is_logged_at_info(
    sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    both = Both(script(httpx.Response(503), httpx.ConnectError("refused"), ok()))
    with caplog.at_level(logging.INFO, logger="langgraph_sdk"):
        await both.send_each(GET)
    lines = [r.getMessage() for r in caplog.records if r.name == "langgraph_sdk"]
    assert lines[0].startswith("Retrying GET /threads/t after status 503 (attempt 1), in ")
    assert lines[1].startswith("Retrying GET /threads/t after ConnectError (attempt 2), in ")
    assert len(lines) == 4
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name == "langgraph_sdk")


class CutBody(httpx.AsyncByteStream, httpx.SyncByteStream):
    """A body that sends ``chunks`` and then fails with ``exc``."""

    def __init__(self, chunks: list[bytes], exc: Exception) -> None:
        self.chunks = chunks
        self.exc = exc

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        raise self.exc

    async def __aiter__(self) -> Any:
        for chunk in self.chunks:
            yield chunk
        raise self.exc


def cut(headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        200, headers=headers or {}, stream=CutBody([b"\n"], httpx.RemoteProtocolError("cut"))
    )


async def test_a_cut_body_is_resent_only_when_safe(sleeps: Sleeps) -> None:
    both = Both(script(cut, ok()))
    for result, sent in await both.send_each(GET):
        assert result == {"ok": True}
        assert sent == 2
    for result, sent in await both.send_each(CREATE):
        assert isinstance(result, e.APIConnectionError)
        assert sent == 1


JOIN_LOCATION = {
    "location": "/threads/t1/runs/r1/join",
    "content-location": "/threads/t1/runs/r1",
}


@pytest.mark.parametrize(
    "request_",
    [
        ApiRequest("POST", "/threads/t1/runs/wait", json={"assistant_id": "a"}),
        ApiRequest("POST", "/threads/t1/runs/r1/cancel", params={"wait": 1}, retry="safe"),
    ],
    ids=["wait", "cancel-wait"],
)
async def test_a_cut_wait_rejoins_the_run(request_: ApiRequest, sleeps: Sleeps) -> None:
    events: list[ReconnectEvent] = []
    responses: list[httpx.Response] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/join"):
            if len([r for r in both.requests if r.url.path.endswith("/join")]) % 2:
                return cut(JOIN_LOCATION)  # the first rejoin is cut too
            return httpx.Response(200, json={"done": 1}, headers=JOIN_LOCATION)
        return cut(JOIN_LOCATION)

    both = Both(handler, on_reconnect=events.append)
    with pytest.warns(UserWarning, match="attempting reconnect to Location") as warned:
        assert await both.async_http.send(request_, responses.append) == {"done": 1}
    with pytest.warns(UserWarning, match="attempting reconnect to Location") as warned_sync:
        assert both.sync_http.send(request_, responses.append) == {"done": 1}
    assert len(warned) == len(warned_sync) == 1  # once per cut call, not per rejoin
    assert [(r.method, r.url.path) for r in both.requests] == [
        (request_.method, request_.path),
        ("GET", "/threads/t1/runs/r1/join"),
        ("GET", "/threads/t1/runs/r1/join"),
    ] * 2
    assert [r.headers.get("location") for r in responses] == ["/threads/t1/runs/r1/join"] * 2
    assert [(ev.attempt, ev.reason, ev.run_id) for ev in events] == [
        (1, "RemoteProtocolError", "r1"),
        (2, "RemoteProtocolError", "r1"),
    ] * 2
    # The official schedule: 1 s, then 2 s, each plus up to a quarter of jitter.
    assert [round(delay) for delay in sleeps.delays] == [1, 2] * 2
    assert all(base <= d <= base * 1.25 for base, d in zip([1, 2] * 2, sleeps.delays, strict=True))


async def test_a_waited_run_uses_the_idle_window_as_read_timeout(sleeps: Sleeps) -> None:
    both = Both(lambda request: ok(), stream_idle_timeout=7.0)
    await both.send_each(ApiRequest("POST", "/runs/wait", json={}))
    await both.send_each(GET)
    timeouts = [r.extensions["timeout"]["read"] for r in both.requests]
    assert timeouts == [7.0, 7.0, 300.0, 300.0]


async def test_rejoining_a_wait_gives_up_after_the_reconnect_attempts(sleeps: Sleeps) -> None:
    both = Both(lambda request: cut(JOIN_LOCATION), stream_reconnect_attempts=2)
    for result, sent in await both.send_each(WAIT):
        assert isinstance(result, e.APIConnectionError)
        assert result.attempts == 3
        assert sent == 3  # the wait, then two joins
    both = Both(lambda request: cut(JOIN_LOCATION), stream_reconnect_attempts=0)
    for result, sent in await both.send_each(WAIT):
        assert isinstance(result, e.APIConnectionError)
        assert sent == 1


async def test_request_reconnect_follows_the_join(sleeps: Sleeps) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/join"):
            return httpx.Response(200, json={"done": 2})
        return cut(JOIN_LOCATION)

    both = Both(handler)
    result = await both.async_http.request_reconnect("/threads/t1/runs/wait", "POST", json={})
    assert result == {"done": 2}
    assert both.sync_http.request_reconnect("/threads/t1/runs/wait", "POST", json={}) == {"done": 2}


async def test_a_5xx_gets_its_connection_closed() -> None:
    closed: list[bool] = []

    class NetworkStream:
        async def aclose(self) -> None:
            closed.append(True)

        def close(self) -> None:
            closed.append(True)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            500, extensions={"network_stream": NetworkStream(), "http_version": b"HTTP/1.1"}
        )

    both = Both(handler, max_retries=0)
    for result, _ in await both.send_each(CREATE):
        assert isinstance(result, e.InternalServerError)
    assert closed == [True, True]
