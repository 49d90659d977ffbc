"""``with_raw_response``: status, headers, request id and the parsed result of any call, async
and sync, through the resource clients and `LangGraphClient`; streams open and keep every part;
errors stay typed; the plain methods are untouched."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.errors import NotFoundError
from lg_threads import ThreadsClient
from lg_transport._async.raw import RawResponse
from lg_transport._sync.raw import RawResponse as SyncRawResponse

SSE = b'event: metadata\ndata: {"run_id": "r1"}\n\nevent: values\ndata: {"n": 1}\n\nevent: values\ndata: {"n": 2}\n\n'


def handler(request: httpx.Request) -> httpx.Response:
    headers = {"x-request-id": "req-42", "x-pagination-total": "7"}
    if request.url.path == "/threads/t1":
        if request.method == "DELETE":
            return httpx.Response(204, headers=headers)
        return httpx.Response(200, json={"thread_id": "t1"}, headers=headers)
    if request.url.path == "/threads/t1/runs/stream":
        return httpx.Response(
            200, content=SSE, headers={**headers, "content-type": "text/event-stream"}
        )
    if request.url.path == "/threads/search":
        return httpx.Response(200, json=[{"thread_id": "t1"}], headers=headers)
    return httpx.Response(404, json={"detail": "no such thing"}, headers=headers)


def clients() -> tuple[Any, Any]:
    transport = httpx.MockTransport(handler)
    return (
        get_client(url="http://test", api_key=None, transport=transport),
        get_sync_client(url="http://test", api_key=None, transport=transport),
    )


async def resolve(value: Any) -> Any:
    return await value if hasattr(value, "__await__") else value


FLAVOURS = pytest.mark.parametrize("flavour", ["async", "sync"])


@FLAVOURS
async def test_status_headers_request_id_and_parsed_result(flavour: str) -> None:
    client = clients()[flavour == "sync"]
    raw = await resolve(client.threads.with_raw_response.get("t1"))
    assert isinstance(raw, RawResponse if flavour == "async" else SyncRawResponse)
    assert raw.status_code == 200
    assert raw.headers["x-pagination-total"] == "7"
    assert raw.request_id == "req-42"
    assert (raw.method, str(raw.url)) == ("GET", "http://test/threads/t1")
    assert raw.parse() == {"thread_id": "t1"}
    assert isinstance(raw.http_response, httpx.Response)
    assert repr(raw) == "<RawResponse [200] GET /threads/t1>"


@FLAVOURS
async def test_from_the_top_level_client_and_for_a_bodyless_answer(flavour: str) -> None:
    client = clients()[flavour == "sync"]
    raw = await resolve(client.with_raw_response.threads.search(limit=1))
    assert raw.parse() == [{"thread_id": "t1"}]
    deleted = await resolve(client.threads.with_raw_response.delete("t1"))
    assert (deleted.status_code, deleted.parse()) == (204, None)


@FLAVOURS
async def test_a_stream_opens_and_keeps_every_part(flavour: str) -> None:
    client = clients()[flavour == "sync"]
    raw = await resolve(client.runs.with_raw_response.stream("t1", "agent", stream_mode="values"))
    assert raw.status_code == 200
    assert raw.request_id == "req-42"
    parts = raw.parse()
    events = [part async for part in parts] if flavour == "async" else list(parts)
    assert [(p.event, p.data) for p in events] == [
        ("metadata", {"run_id": "r1"}),
        ("values", {"n": 1}),
        ("values", {"n": 2}),
    ]


@FLAVOURS
async def test_errors_stay_typed(flavour: str) -> None:
    client = clients()[flavour == "sync"]
    with pytest.raises(NotFoundError, match="no such thing") as caught:
        await resolve(client.assistants.with_raw_response.get("a1"))
    assert caught.value.request_id == "req-42"


def test_bad_arguments_fail_before_sending_and_unknown_names_are_attribute_errors() -> None:
    client = clients()[1]
    with pytest.raises(ValueError, match="thread_id"):
        client.threads.with_raw_response.get("")
    with pytest.raises(AttributeError):
        _ = client.threads.with_raw_response.no_such_method
    with pytest.raises(AttributeError):
        _ = client.threads.with_raw_response._from_http


async def test_the_plain_methods_keep_their_executor() -> None:
    client = clients()[0]
    executor = client.threads.http
    await client.threads.with_raw_response.get("t1")
    assert client.threads.http is executor
    assert type(executor).__name__ == "HttpClient"
    assert await client.threads.get("t1") == {"thread_id": "t1"}
    standalone = ThreadsClient.connect(url="http://test", transport=httpx.MockTransport(handler))
    assert (await standalone.with_raw_response.get("t1")).request_id == "req-42"
