"""Transport failures keep the httpx classes the official SDK raises (it lets httpx's own
exceptions through), so `except httpx.ConnectError` / `except httpx.TimeoutException` written
for it still catch ours, while ours stay `APIConnectionError` / `APITimeoutError` with detail."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from lg_transport import (
    ApiRequest,
    HttpClient,
    SyncHttpClient,
    create_http_client,
    create_sync_http_client,
)
from lg_transport import errors as e
from lg_transport._connect import HttpBackend
from lg_transport._failures import wrap_transport_error

REQUEST = httpx.Request("GET", "http://t/threads/t1")


class _Cut(httpx.AsyncByteStream, httpx.SyncByteStream):
    """An event-stream body that sends one event, then fails with ``exc``."""

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"event: values\ndata: {}\n\n"
        raise self.exc

    def __iter__(self) -> Iterator[bytes]:
        yield b"event: values\ndata: {}\n\n"
        raise self.exc


def _clients(failure: Exception, *, mid_stream: bool = False) -> tuple[HttpClient, SyncHttpClient]:
    def handler(request: httpx.Request) -> httpx.Response:
        if not mid_stream:
            raise failure
        headers = {"content-type": "text/event-stream"}
        return httpx.Response(200, headers=headers, stream=_Cut(failure))

    options: dict[str, Any] = {"max_retries": 0, "stream_reconnect_attempts": 0}
    return (
        HttpClient(
            httpx.AsyncClient(base_url="http://t", transport=httpx.MockTransport(handler)),
            **options,
        ),
        SyncHttpClient(
            httpx.Client(base_url="http://t", transport=httpx.MockTransport(handler)), **options
        ),
    )


async def _failures(failure: Exception, *, stream: bool) -> list[BaseException]:
    """What a plain call (or a stream) raises for ``failure``, async then sync."""
    async_http, sync_http = _clients(failure, mid_stream=stream)
    request = ApiRequest("POST", "/runs/stream", json={}) if stream else ApiRequest("GET", "/x")
    caught: list[BaseException] = []
    with pytest.raises(e.APIConnectionError) as info:
        await (_drain(async_http, request) if stream else async_http.send(request))
    caught.append(info.value)
    with pytest.raises(e.APIConnectionError) as info:
        list(sync_http.stream_request(request)) if stream else sync_http.send(request)
    caught.append(info.value)
    return caught


async def _drain(http: HttpClient, request: ApiRequest) -> list[Any]:
    return [part async for part in http.stream_request(request)]


@pytest.mark.parametrize("stream", [False, True], ids=["call", "stream"])
@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("peer closed connection without sending complete body"),
        httpx.WriteError("broken pipe"),
    ],
    ids=lambda exc: type(exc).__name__,
)
async def test_a_network_failure_is_also_the_httpx_error_that_happened(
    failure: Exception, stream: bool
) -> None:
    for error in await _failures(failure, stream=stream):
        assert isinstance(error, type(failure))
        assert isinstance(error, httpx.TransportError)
        assert not isinstance(error, e.APITimeoutError)
        # The official never raises an HTTPStatusError without a response: neither do we.
        assert not isinstance(error, httpx.HTTPStatusError)
        assert error.__cause__ is not None and type(error.__cause__) is type(failure)
        assert str(failure) in str(error)
        assert error.request.url.host == "t"


@pytest.mark.parametrize("stream", [False, True], ids=["call", "stream"])
@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectTimeout("connect"),
        httpx.ReadTimeout("read"),
        httpx.WriteTimeout("write"),
        httpx.PoolTimeout("pool"),
    ],
    ids=lambda exc: type(exc).__name__,
)
async def test_a_timeout_is_also_the_httpx_timeout_that_expired(
    failure: Exception, stream: bool
) -> None:
    for error in await _failures(failure, stream=stream):
        assert isinstance(error, e.APITimeoutError)
        assert isinstance(error, httpx.TimeoutException)
        assert isinstance(error, type(failure))
        assert type(failure).__name__ in str(error)


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
async def test_a_refused_connection_is_caught_by_except_httpx_connect_error(
    backend: HttpBackend,
) -> None:
    """A real refused connection (nothing listens on the port), as a user would write it."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    http = create_http_client(url=url, max_retries=0, http_backend=backend)
    try:
        with pytest.raises(httpx.ConnectError) as caught:
            await http.get("/ok")
        assert isinstance(caught.value, e.APIConnectionError)
        assert isinstance(caught.value, e.LangGraphError)
    finally:
        await http.aclose()
    sync_http = create_sync_http_client(url=url, max_retries=0, http_backend=backend)
    try:
        with pytest.raises(httpx.ConnectError) as info:
            sync_http.get("/ok")
        assert isinstance(info.value, e.APIConnectionError)
    finally:
        sync_http.close()


def test_status_errors_stay_http_status_errors_and_not_transport_errors() -> None:
    response = httpx.Response(503, json={"detail": "down"}, request=REQUEST)
    response.read()
    error = e.error_for_response(response)
    assert isinstance(error, httpx.HTTPStatusError)
    assert not isinstance(error, httpx.TransportError)
    assert isinstance(error, httpx.HTTPError) and isinstance(error, e.APIError)


def test_the_tree_keeps_its_shape() -> None:
    assert issubclass(e.APITimeoutError, e.APIConnectionError)
    assert issubclass(e.APIConnectionError, e.APIError)
    assert issubclass(e.APIConnectionError, httpx.TransportError)
    assert issubclass(e.APITimeoutError, httpx.TimeoutException)
    assert issubclass(e.APIStatusError, httpx.HTTPStatusError)
    assert issubclass(e.APIResponseValidationError, httpx.HTTPStatusError)
    # Made without a cause (a stream that keeps closing early): still an httpx.HTTPError.
    plain = e.APIConnectionError(message="closed early", request=REQUEST)
    assert isinstance(plain, httpx.TransportError) and plain.request is REQUEST


def test_classes_are_made_once_per_cause_and_named_after_it() -> None:
    made = e.connection_error_type(httpx.ReadTimeout)
    assert made is e.connection_error_type(httpx.ReadTimeout)
    assert made.__name__ == "APIReadTimeout" and made.__module__ == "lg_transport.errors"
    assert made.__bases__ == (e.APITimeoutError, httpx.ReadTimeout)
    # The generic classes need no mixing: they are already what the cause is.
    assert e.connection_error_type(httpx.TransportError) is e.APIConnectionError
    assert e.connection_error_type(httpx.TimeoutException) is e.APITimeoutError


def test_a_transports_own_subclass_is_kept() -> None:
    class BackendConnectError(httpx.ConnectError):
        pass

    error = wrap_transport_error(BackendConnectError("no route"), REQUEST)
    assert isinstance(error, BackendConnectError) and isinstance(error, e.APIConnectionError)


def test_a_cause_that_cannot_be_mixed_in_falls_back_to_its_httpx_ancestor() -> None:
    class Final(httpx.ReadError):
        def __init_subclass__(cls, **kwargs: Any) -> None:
            raise TypeError("Final cannot be subclassed")

    made = e.connection_error_type(Final)
    assert made.__bases__ == (e.APIConnectionError, httpx.ReadError)


def test_wrapping_is_idempotent() -> None:
    first = wrap_transport_error(httpx.ConnectError("refused"), REQUEST)
    assert wrap_transport_error(first, REQUEST) is first
