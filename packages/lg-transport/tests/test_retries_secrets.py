"""The API key never shows: not in a log line (every logger, DEBUG), a repr, an error message, or
a reconnection event, through retries, reconnections, rejoins and final errors."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lg_transport import ApiRequest, create_http_client, create_sync_http_client
from lg_transport import errors as e
from lg_transport._async import http as async_http
from lg_transport._async import resume as async_resume
from lg_transport._sync import http as sync_http
from lg_transport._sync import resume as sync_resume
from lg_transport.resilience import ReconnectEvent

KEY = "lsv2_sk_0123456789abcdef_do_not_leak"


class Cut(httpx.AsyncByteStream, httpx.SyncByteStream):
    def __init__(self, body: bytes) -> None:
        self.body = body

    def __iter__(self) -> Iterator[bytes]:
        yield self.body
        raise httpx.ReadError("connection reset")

    async def __aiter__(self) -> Any:
        yield self.body
        raise httpx.ReadError("connection reset")


def event(n: int, resumable: bool = True) -> bytes:
    line = f"event: values\r\ndata: {json.dumps({'n': n})}\r\n"
    return (line + (f"id: {n}-0\r\n" if resumable else "") + "\r\n").encode()


SSE = {"content-type": "text/event-stream", "location": "/threads/t/runs/r/stream"}
seen_keys: list[str | None] = []


def handler(request: httpx.Request) -> httpx.Response:
    seen_keys.append(request.headers.get("x-api-key"))
    path = request.url.path
    calls = sum(1 for _ in seen_keys)
    if path == "/retry":
        return httpx.Response(503 if calls % 2 else 200, json={"detail": "busy"})
    if path == "/unauthorized":
        return httpx.Response(401, json={"detail": "Invalid API key"})
    if path == "/threads/t/runs":
        return httpx.Response(500, text="Internal Server Error")
    if path == "/threads/t/runs/stream":
        resumable = request.headers.get("x-case") != "plain"
        return httpx.Response(200, headers=SSE, stream=Cut(event(1, resumable)))
    if path == "/threads/t/runs/r/stream":
        return httpx.Response(200, headers=SSE, content=event(1) + event(2))
    if path == "/threads/t/runs/r":
        return httpx.Response(200, json={"status": "success"})
    if path == "/threads/t/runs/wait":
        return httpx.Response(
            200,
            headers={"location": "/threads/t/runs/r/join"},
            stream=Cut(b"\n"),
        )
    if path == "/threads/t/runs/r/join":
        return httpx.Response(200, json={"ok": True})
    return httpx.Response(404)


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    async def async_sleep(delay: float) -> None:
        return None

    for module in (async_http, async_resume):
        monkeypatch.setattr(module, "pause", async_sleep)
    for module in (sync_http, sync_resume):
        monkeypatch.setattr(module, "pause", lambda delay: None)


async def test_the_api_key_is_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    reconnects: list[ReconnectEvent] = []
    shown: list[str] = []
    transport = httpx.MockTransport(handler)
    async_client = create_http_client(
        url="http://t", api_key=KEY, transport=transport, on_reconnect=reconnects.append
    )
    sync_client = create_sync_http_client(
        url="http://t", api_key=KEY, transport=transport, on_reconnect=reconnects.append
    )
    create = ApiRequest("POST", "/threads/t/runs/stream", json={"stream_resumable": True})
    plain = ApiRequest("POST", "/threads/t/runs/stream", json={}, headers={"x-case": "plain"})
    calls: list[ApiRequest] = [
        ApiRequest("GET", "/retry"),
        ApiRequest("GET", "/unauthorized"),
        ApiRequest("POST", "/threads/t/runs", json={}),
        ApiRequest("POST", "/threads/t/runs/wait", json={}),
    ]
    with caplog.at_level(logging.DEBUG):
        for call in calls:
            for send in (async_client.send, sync_client.send):
                try:
                    result = send(call)
                    if not isinstance(result, dict):
                        await result
                except e.APIError as exc:
                    shown += [str(exc), repr(exc), repr(exc.args), repr(exc.__cause__)]
        for request in (create, plain):
            try:
                shown.append(repr([p async for p in async_client.stream_request(request)]))
            except e.APIError as exc:
                shown += [str(exc), repr(exc), repr(exc.__cause__)]
            try:
                shown.append(repr(list(sync_client.stream_request(request))))
            except e.APIError as exc:
                shown += [str(exc), repr(exc), repr(exc.__cause__)]
    shown += [repr(async_client), repr(sync_client), repr(async_client.client)]
    shown += [repr(event) for event in reconnects]
    shown += [record.getMessage() for record in caplog.records]
    shown.append(caplog.text)
    assert seen_keys and all(key == KEY for key in seen_keys)  # it was sent on every request
    assert len(reconnects) >= 4  # two stream rejoins and two wait rejoins
    assert any("Retrying" in record.getMessage() for record in caplog.records)
    assert any("Reconnecting" in record.getMessage() for record in caplog.records)
    for text in shown:
        assert KEY not in text
        assert KEY[:16] not in text
    await async_client.aclose()
    sync_client.close()
