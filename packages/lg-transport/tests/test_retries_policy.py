"""The pure retry policy (`lg_transport.retries`) and reconnection pacing: which failures are
retried for each class of call, how long to wait, what the server may ask for."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from lg_transport import ApiRequest, retries
from lg_transport._rejoin import (
    StreamKind,
    is_long_wait,
    plan_stream,
    run_from_headers,
    stream_kind,
)
from lg_transport.resilience import (
    RECONNECT_MAX_DELAY,
    reconnect_delay,
    validate_idle_timeout,
    validate_reconnect_attempts,
)

TRANSIENT = [408, 429, 500, 502, 503, 504]
FINAL = [400, 401, 403, 404, 409, 422, 501]


@pytest.mark.parametrize("status", TRANSIENT)
def test_safe_calls_retry_transient_statuses(status: int) -> None:
    assert retries.status_is_retryable("safe", status)


@pytest.mark.parametrize("status", FINAL)
def test_no_call_retries_final_statuses(status: int) -> None:
    assert not retries.status_is_retryable("safe", status)
    assert not retries.status_is_retryable("create", status)


@pytest.mark.parametrize("status", TRANSIENT)
def test_creates_retry_only_an_explicit_refusal(status: int) -> None:
    assert retries.status_is_retryable("create", status) is (status == 429)


SENT_MAYBE = [
    httpx.ReadError("reset"),
    httpx.WriteError("broken pipe"),
    httpx.RemoteProtocolError("Server disconnected without sending a response."),
    httpx.ReadTimeout("slow"),
    httpx.WriteTimeout("slow"),
]
NEVER_SENT = [
    httpx.ConnectError("refused"),
    httpx.ConnectTimeout("slow"),
    httpx.PoolTimeout("full"),
]


@pytest.mark.parametrize("exc", SENT_MAYBE + NEVER_SENT, ids=lambda e: type(e).__name__)
def test_safe_calls_retry_every_transport_failure(exc: Exception) -> None:
    assert retries.exception_is_retryable("safe", exc)


@pytest.mark.parametrize("exc", NEVER_SENT, ids=lambda e: type(e).__name__)
def test_creates_retry_what_never_left(exc: Exception) -> None:
    assert retries.exception_is_retryable("create", exc)


@pytest.mark.parametrize("exc", SENT_MAYBE, ids=lambda e: type(e).__name__)
def test_creates_never_retry_what_may_have_arrived(exc: Exception) -> None:
    assert not retries.exception_is_retryable("create", exc)


def test_a_bad_url_is_never_retried() -> None:
    exc = httpx.UnsupportedProtocol("ftp")
    assert not retries.exception_is_retryable("safe", exc)
    assert not retries.exception_is_retryable("create", exc)


def test_retry_classes_default_by_method() -> None:
    assert ApiRequest("GET", "/x").retry_class == "safe"
    assert ApiRequest("PUT", "/x", json={}).retry_class == "safe"
    assert ApiRequest("PATCH", "/x", json={}).retry_class == "safe"
    assert ApiRequest("DELETE", "/x").retry_class == "safe"
    assert ApiRequest("POST", "/x", json={}).retry_class == "create"
    assert ApiRequest("POST", "/x/search", json={}, retry="safe").retry_class == "safe"


def test_retry_after_forms() -> None:
    assert retries.retry_after_seconds(httpx.Headers({"retry-after": "3"})) == 3.0
    assert retries.retry_after_seconds(httpx.Headers({"retry-after": "1.5"})) == 1.5
    assert retries.retry_after_seconds(httpx.Headers({"retry-after-ms": "250"})) == 0.25
    # retry-after-ms wins: it is the more precise of the two.
    both = httpx.Headers({"retry-after-ms": "100", "retry-after": "9"})
    assert retries.retry_after_seconds(both) == 0.1
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 27 <= (retries.retry_after_seconds(httpx.Headers({"retry-after": date})) or 0) <= 30
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    assert retries.retry_after_seconds(httpx.Headers({"retry-after": past})) == 0.0
    assert retries.retry_after_seconds(httpx.Headers({"retry-after": "soon"})) is None
    assert retries.retry_after_seconds(httpx.Headers({"retry-after": "-4"})) == 0.0
    assert retries.retry_after_seconds(httpx.Headers()) is None


def test_backoff_doubles_with_jitter_and_caps() -> None:
    for attempt, base in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (9, 8.0)]:
        delays = [retries.backoff_seconds(attempt) for _ in range(200)]
        assert all(base / 2 <= d <= base for d in delays)
        assert len(set(delays)) > 1  # jittered


def test_backoff_takes_the_servers_pause_up_to_the_cap() -> None:
    assert retries.backoff_seconds(1, 7.0) == 7.0
    assert retries.backoff_seconds(1, 0.0) == 0.0
    assert retries.backoff_seconds(1, retries.MAX_RETRY_AFTER + 1) <= 0.5


def test_reconnections_start_in_tens_of_milliseconds() -> None:
    first = [reconnect_delay(1) for _ in range(200)]
    assert all(0.025 <= d <= 0.05 for d in first)
    assert all(d <= RECONNECT_MAX_DELAY for d in (reconnect_delay(n) for n in range(1, 30)))
    # An SSE `retry:` field sets the first pause.
    assert all(0.15 <= reconnect_delay(1, 300) <= 0.3 for _ in range(50))


def test_setting_validation() -> None:
    assert validate_reconnect_attempts(0) == 0
    assert validate_idle_timeout(None) is None
    assert validate_idle_timeout(3) == 3.0
    for bad in (-1, True, 1.5, "3"):
        with pytest.raises(ValueError, match="stream_reconnect_attempts"):
            validate_reconnect_attempts(bad)  # type: ignore[arg-type]
    for bad_timeout in (0, -1.0, True, "3"):
        with pytest.raises(ValueError, match="stream_idle_timeout"):
            validate_idle_timeout(bad_timeout)  # type: ignore[arg-type]


# Which requests are resumed, and from where: derived from the request alone.


def test_stream_plans() -> None:
    create = plan_stream(
        ApiRequest("POST", "/threads/t1/runs/stream", json={"stream_resumable": True})
    )
    assert create is not None
    assert (create.kind, create.thread_id, create.resumable) == (StreamKind.RUN_CREATE, "t1", True)
    stateless = plan_stream(ApiRequest("POST", "/runs/stream", json={}))
    assert stateless is not None
    assert (stateless.thread_id, stateless.resumable) == (None, False)
    join = plan_stream(
        ApiRequest(
            "GET",
            "/threads/t1/runs/r1/stream",
            params={"stream_mode": "values"},
            headers={"Last-Event-ID": "5-0"},
        )
    )
    assert join is not None
    assert join.kind is StreamKind.RUN_JOIN
    assert join.run is not None and (join.run.thread_id, join.run.run_id) == ("t1", "r1")
    assert join.caller_last_event_id == "5-0"
    assert not join.error_expected  # a filtered join does not carry the error event
    unfiltered = plan_stream(
        ApiRequest("GET", "/threads/t1/runs/r1/stream", params={"stream_mode": ""})
    )
    assert unfiltered is not None and unfiltered.error_expected
    thread = plan_stream(ApiRequest("GET", "/threads/t1/stream"))
    assert thread is not None and thread.kind is StreamKind.THREAD_JOIN
    assert plan_stream(ApiRequest("POST", "/threads/t1/runs", json={})) is None
    assert plan_stream(ApiRequest("GET", "/other/stream")) is None


@pytest.mark.parametrize(
    "request_",
    [
        ApiRequest("POST", "/threads/t1/runs/stream", json={}),
        ApiRequest("POST", "/runs/stream", json={}),
        ApiRequest("POST", "/threads/t1/runs/stream/", json={}),
        ApiRequest("GET", "/threads/t1/runs/r1/stream"),
        ApiRequest("GET", "/threads/t1/stream"),
        ApiRequest("POST", "/threads/t1/runs", json={}),
        ApiRequest("POST", "/threads/t1/stream", json={}),
        ApiRequest("GET", "/threads/t1/runs/stream"),
        ApiRequest("GET", "/other/stream"),
        ApiRequest("DELETE", "/threads/t1/runs/r1/stream"),
    ],
    ids=lambda request: f"{request.method} {request.path}",
)
def test_stream_kind_names_exactly_the_streams_that_are_planned(request_: ApiRequest) -> None:
    plan = plan_stream(request_)
    assert stream_kind(request_) is (None if plan is None else plan.kind)


def test_rejoin_requests() -> None:
    create = plan_stream(
        ApiRequest(
            "POST",
            "/threads/t1/runs/stream",
            json={"stream_mode": ["values", "updates"]},
            params={"x": 1},
            headers={"X-Tenant": "a"},
        )
    )
    assert create is not None
    run = run_from_headers(httpx.Headers({"location": "/threads/t1/runs/r1/stream"}))
    assert run is not None
    rejoin = create.rejoin_request(run, "9-0")
    assert (rejoin.method, rejoin.path, rejoin.params) == (
        "GET",
        "/threads/t1/runs/r1/stream",
        None,
    )
    assert rejoin.headers == {"X-Tenant": "a", "Last-Event-ID": "9-0"}
    join = plan_stream(
        ApiRequest(
            "GET",
            "/threads/t1/runs/r1/stream",
            params={"cancel_on_disconnect": True, "stream_mode": "values"},
            headers={"last-event-id": "1-0"},
        )
    )
    assert join is not None
    again = join.rejoin_request(join.run, "8-0")
    assert again.params == {"cancel_on_disconnect": True, "stream_mode": "values"}
    assert again.headers == {"Last-Event-ID": "8-0"}
    log = join.authority_request(join.run, "7-0")
    assert httpx.QueryParams(log.params).get("cancel_on_disconnect") == "false"


def test_run_names_in_headers() -> None:
    for headers in (
        {"location": "/threads/t1/runs/r1/stream"},
        {"content-location": "/threads/t1/runs/r1"},
        {"location": "https://host/prefix/threads/t1/runs/r1/stream"},
    ):
        run = run_from_headers(httpx.Headers(headers))
        assert run is not None and (run.thread_id, run.run_id) == ("t1", "r1")
    assert run_from_headers(httpx.Headers({"location": "/runs/r1/stream"})) is None


def test_long_waits() -> None:
    assert is_long_wait(ApiRequest("POST", "/threads/t/runs/wait", json={}))
    assert is_long_wait(ApiRequest("POST", "/runs/wait", json={}))
    assert is_long_wait(ApiRequest("GET", "/threads/t/runs/r/join"))
    assert is_long_wait(ApiRequest("POST", "/threads/t/runs/r/cancel", params={"wait": 1}))
    assert not is_long_wait(ApiRequest("POST", "/threads/t/runs/r/cancel", params={"wait": 0}))
    assert not is_long_wait(ApiRequest("GET", "/threads/t/runs/r"))
