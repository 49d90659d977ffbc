"""The executor's plain behaviour, async and sync: bodies, decoding, typed errors, options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from lg_transport import ApiRequest, HttpClient, SyncHttpClient
from lg_transport import errors as e

Handler = Callable[[httpx.Request], httpx.Response]


class Both:
    """Runs one scenario through the async and the sync executor."""

    def __init__(self, handler: Handler, **kwargs: Any) -> None:
        self.async_http = HttpClient(
            httpx.AsyncClient(base_url="http://t", transport=httpx.MockTransport(handler)), **kwargs
        )
        self.sync_http = SyncHttpClient(
            httpx.Client(base_url="http://t", transport=httpx.MockTransport(handler)), **kwargs
        )

    async def send(self, request: ApiRequest, on_response: Any = None) -> list[Any]:
        return [
            await self.async_http.send(request, on_response),
            self.sync_http.send(request, on_response),
        ]

    async def stream(self, request: ApiRequest) -> list[list[Any]]:
        return [
            [part async for part in self.async_http.stream_request(request)],
            list(self.sync_http.stream_request(request)),
        ]


async def _both_raise(both: Both, request: ApiRequest, exc: type[Exception]) -> list[Exception]:
    caught = []
    with pytest.raises(exc) as info:
        await both.async_http.send(request)
    caught.append(info.value)
    with pytest.raises(exc) as info:
        both.sync_http.send(request)
    caught.append(info.value)
    return caught


async def test_json_body_query_and_headers_are_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": 1})

    both = Both(handler)
    request = ApiRequest(
        "POST", "/x", json={"b": 2, "a": [1]}, params={"q": "v"}, headers={"H": "1"}
    )
    assert await both.send(request) == [{"ok": 1}, {"ok": 1}]
    for sent in seen:
        assert sent.content == b'{"b":2,"a":[1]}'
        assert sent.headers["content-type"] == "application/json"
        assert sent.headers["h"] == "1"
        assert sent.url.query == b"q=v"


async def test_no_body_means_no_content_type() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    both = Both(handler)
    assert await both.send(ApiRequest("POST", "/threads/t/copy")) == [None, None]
    assert all(r.content == b"" and "content-type" not in r.headers for r in seen)


async def test_on_response_sees_the_response() -> None:
    statuses: list[int] = []
    both = Both(lambda request: httpx.Response(201, json={}))
    await both.send(ApiRequest("GET", "/x"), lambda response: statuses.append(response.status_code))
    assert statuses == [201, 201]


async def test_non_json_success_body_is_a_validation_error() -> None:
    both = Both(lambda request: httpx.Response(200, text="<html>"))
    for error in await _both_raise(both, ApiRequest("GET", "/x"), e.APIResponseValidationError):
        assert isinstance(error, e.APIResponseValidationError)
        assert error.body == "<html>"


async def test_status_errors_are_typed_and_not_retried_when_not_transient() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(404, json={"detail": "Thread not found"})

    both = Both(handler)
    for error in await _both_raise(both, ApiRequest("GET", "/threads/t"), e.NotFoundError):
        assert "Thread not found" in str(error)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (httpx.ConnectError("refused"), e.APIConnectionError),
        (httpx.ReadTimeout("slow"), e.APITimeoutError),
        (httpx.RemoteProtocolError("dropped"), e.APIConnectionError),
    ],
)
async def test_transport_failures_are_wrapped(raised: Exception, expected: type[Exception]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise raised

    both = Both(handler, max_retries=0)
    for error in await _both_raise(both, ApiRequest("GET", "/x"), expected):
        assert error.__cause__ is raised


async def test_stream_decodes_events_and_checks_content_type() -> None:
    body = b'event: metadata\r\ndata: {"run_id":"r"}\r\n\r\nevent: values\r\ndata: {"a":1}\r\n\r\n'

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept"] == "text/event-stream"
        if request.url.path == "/bad":
            return httpx.Response(200, json={"not": "sse"})
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    both = Both(handler)
    for parts in await both.stream(ApiRequest("POST", "/s", json={})):
        assert [(p.event, p.data) for p in parts] == [
            ("metadata", {"run_id": "r"}),
            ("values", {"a": 1}),
        ]
    with pytest.raises(e.APIResponseValidationError, match="event stream"):
        [p async for p in both.async_http.stream_request(ApiRequest("GET", "/bad"))]
    with pytest.raises(e.APIResponseValidationError, match="event stream"):
        list(both.sync_http.stream_request(ApiRequest("GET", "/bad")))


async def test_stream_error_status_is_typed() -> None:
    both = Both(lambda request: httpx.Response(409, json={"detail": "Thread is busy"}))
    with pytest.raises(e.ConflictError, match="busy"):
        [p async for p in both.async_http.stream_request(ApiRequest("POST", "/s", json={}))]
    with pytest.raises(e.ConflictError, match="busy"):
        list(both.sync_http.stream_request(ApiRequest("POST", "/s", json={})))


async def test_with_options_shares_the_pool_and_adds_headers_and_timeout() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    both = Both(handler)
    derived = both.async_http.with_options(max_retries=0, timeout=3.0, headers={"X-T": "1"})
    assert derived.client is both.async_http.client
    assert derived.max_retries == 0
    await derived.get("/x")
    assert seen[-1].headers["x-t"] == "1"
    assert seen[-1].extensions["timeout"] == httpx.Timeout(3.0).as_dict()
    await both.async_http.get("/x")
    assert "x-t" not in seen[-1].headers


async def test_official_verbs() -> None:
    seen: list[tuple[str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.content))
        return httpx.Response(200, json={"m": request.method})

    http = Both(handler).async_http
    assert await http.get("/x") == {"m": "GET"}
    assert await http.post("/x", json={"a": 1}) == {"m": "POST"}
    assert await http.put("/x", json={"a": 1}) == {"m": "PUT"}
    assert await http.patch("/x", json={"a": 1}) == {"m": "PATCH"}
    assert await http.delete("/x", json={"a": 1}) is None
    assert [m for m, _ in seen] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert seen[-1][1] == b'{"a":1}'
