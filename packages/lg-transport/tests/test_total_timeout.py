"""``total_timeout`` bounds a whole call, retries included, in wall time (async and sync); the
bad values are refused when the client is made; without it nothing changes."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from lg_transport import ApiRequest, create_http_client, create_sync_http_client
from lg_transport.errors import APITimeoutError, InternalServerError

SEARCH = ApiRequest("POST", "/threads/search", json={}, retry="safe")


def always_503(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503, json={"detail": "busy"})


async def test_async_retries_stop_at_the_bound() -> None:
    http = create_http_client(
        url="http://test",
        transport=httpx.MockTransport(always_503),
        max_retries=10,
        total_timeout=0.4,
    )
    started = time.monotonic()
    with pytest.raises(
        APITimeoutError, match=r"POST /threads/search did not finish within total_timeout=0.4s"
    ) as caught:
        await http.send(SEARCH)
    assert time.monotonic() - started < 1.0  # the bound, plus slack for a loaded machine
    assert isinstance(caught.value.request, httpx.Request)
    assert caught.value.request.url == "http://test/threads/search"


def test_sync_retries_stop_at_the_bound() -> None:
    http = create_sync_http_client(
        url="http://test",
        transport=httpx.MockTransport(always_503),
        max_retries=10,
        total_timeout=0.4,
    )
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match=r"total_timeout=0\.4s"):
        http.send(SEARCH)
    assert time.monotonic() - started < 1.0  # the bound, plus slack for a loaded machine


def test_without_a_bound_the_retries_run_their_course() -> None:
    calls: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(time.monotonic())
        return httpx.Response(503, json={"detail": "busy"}, headers={"Retry-After": "0"})

    http = create_sync_http_client(
        url="http://test", transport=httpx.MockTransport(handler), max_retries=2
    )
    with pytest.raises(InternalServerError):
        http.send(SEARCH)
    assert len(calls) == 3


async def test_async_slow_answer_is_cancelled_at_the_bound() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200, json=[])

    http = create_http_client(
        url="http://test", transport=httpx.MockTransport(slow), total_timeout=0.3
    )
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match=r"total_timeout=0\.3s"):
        await http.send(SEARCH)
    assert time.monotonic() - started < 1.0


def test_each_attempt_timeouts_are_cut_to_the_time_left() -> None:
    seen: list[dict[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=[])

    http = create_sync_http_client(
        url="http://test",
        transport=httpx.MockTransport(handler),
        timeout=(0.1, 300),
        total_timeout=2,
    )
    assert http.send(SEARCH) == []
    assert seen[0]["connect"] == 0.1
    assert 1.5 < seen[0]["read"] <= 2.0
    assert 1.5 < seen[0]["pool"] <= 2.0


async def test_a_call_within_the_bound_returns_and_with_options_changes_it() -> None:
    http = create_http_client(
        url="http://test",
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json=[1])),
        total_timeout=5,
    )
    assert await http.send(SEARCH) == [1]
    assert http.with_options(total_timeout=None).total_timeout is None
    assert http.with_options(max_retries=1).total_timeout == 5.0


@pytest.mark.parametrize(
    ("value", "error"), [(0, ValueError), (-1, ValueError), ("5", TypeError), (True, TypeError)]
)
def test_bad_total_timeout_is_refused_when_the_client_is_made(
    value: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="total_timeout"):
        create_sync_http_client(url="http://test", total_timeout=value)  # type: ignore[arg-type]
