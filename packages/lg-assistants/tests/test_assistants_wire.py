"""Each row of the official 0.4.14 wire table for assistants, through the async and the sync
client over `httpx.MockTransport`: method, path, query, body bytes (key order included) and
headers must be exactly the official client's."""

from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from lg_assistants import AssistantsClient, SyncAssistantsClient
from lg_transport import HttpClient, SyncHttpClient


class Recorder:
    """A MockTransport handler that keeps every request and answers with ``reply``."""

    def __init__(self, reply: Any = None, headers: dict[str, str] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.reply = reply
        self.headers = headers or {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.reply is None:
            return httpx.Response(204, headers=self.headers)
        return httpx.Response(200, json=self.reply, headers=self.headers)

    @property
    def only(self) -> httpx.Request:
        assert len(self.requests) == 1, self.requests
        return self.requests[0]


def async_client(recorder: Recorder) -> AssistantsClient:
    transport = httpx.MockTransport(recorder)
    return AssistantsClient(
        HttpClient(httpx.AsyncClient(base_url="http://test", transport=transport))
    )


def sync_client(recorder: Recorder) -> SyncAssistantsClient:
    transport = httpx.MockTransport(recorder)
    return SyncAssistantsClient(
        SyncHttpClient(httpx.Client(base_url="http://test", transport=transport))
    )


async def call(flavour: str, recorder: Recorder, method: str, *args: Any, **kwargs: Any) -> Any:
    if flavour == "async":
        return await getattr(async_client(recorder), method)(*args, **kwargs)
    return getattr(sync_client(recorder), method)(*args, **kwargs)


FLAVOURS = pytest.mark.parametrize("flavour", ["async", "sync"])

# (method, args, kwargs, HTTP method, path, query, body): transcribed from
# reference/official-wire-0.4.14.md. body None: no body at all.
WIRE_ROWS: list[tuple[str, tuple[Any, ...], dict[str, Any], str, str, str, str | None]] = [
    ("get", ("a1",), {}, "GET", "/assistants/a1", "", None),
    ("get_graph", ("a1",), {"xray": 1}, "GET", "/assistants/a1/graph", "xray=1", None),
    ("get_schemas", ("a1",), {}, "GET", "/assistants/a1/schemas", "", None),
    ("get_subgraphs", ("a1",), {}, "GET", "/assistants/a1/subgraphs", "recurse=false", None),
    (
        "get_subgraphs",
        ("a1", "ns"),
        {"recurse": True},
        "GET",
        "/assistants/a1/subgraphs/ns",
        "recurse=true",
        None,
    ),
    (
        "create",
        ("graph",),
        {
            "config": {"configurable": {"x": 1}},
            "metadata": {"m": 1},
            "name": "n",
            "if_exists": "do_nothing",
        },
        "POST",
        "/assistants",
        "",
        '{"graph_id":"graph","config":{"configurable":{"x":1}},"metadata":{"m":1},'
        '"if_exists":"do_nothing","name":"n"}',
    ),
    (
        "update",
        ("a1",),
        {"graph_id": "g", "metadata": {"m": 1}},
        "PATCH",
        "/assistants/a1",
        "",
        '{"graph_id":"g","metadata":{"m":1}}',
    ),
    ("delete", ("a1",), {}, "DELETE", "/assistants/a1", "", None),
    (
        "delete",
        ("a1",),
        {"delete_threads": True},
        "DELETE",
        "/assistants/a1",
        "delete_threads=true",
        None,
    ),
    ("search", (), {}, "POST", "/assistants/search", "", '{"limit":10,"offset":0}'),
    (
        "search",
        (),
        {
            "metadata": {"a": 1},
            "graph_id": "g",
            "name": "n",
            "sort_by": "created_at",
            "sort_order": "desc",
            "select": ["assistant_id"],
        },
        "POST",
        "/assistants/search",
        "",
        '{"limit":10,"offset":0,"metadata":{"a":1},"graph_id":"g","name":"n",'
        '"sort_by":"created_at","sort_order":"desc","select":["assistant_id"]}',
    ),
    ("count", (), {"graph_id": "g"}, "POST", "/assistants/count", "", '{"graph_id":"g"}'),
    (
        "get_versions",
        ("a1",),
        {},
        "POST",
        "/assistants/a1/versions",
        "",
        '{"limit":10,"offset":0}',
    ),
    ("set_latest", ("a1", 3), {}, "POST", "/assistants/a1/latest", "", '{"version":3}'),
]


def row_id(row: tuple[Any, ...]) -> str:
    return f"{row[0]}-{','.join(map(str, row[1]))}-{','.join(row[2])}"


@FLAVOURS
@pytest.mark.parametrize("row", WIRE_ROWS, ids=[row_id(row) for row in WIRE_ROWS])
async def test_official_wire_row(flavour: str, row: tuple[Any, ...]) -> None:
    name, args, kwargs, method, path, query, body = row
    recorder = Recorder(reply={})
    await call(flavour, recorder, name, *args, **kwargs)
    request = recorder.only
    assert request.method == method
    assert request.url.path == path
    assert request.url.query.decode() == query
    if body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.content.decode() == body
        # Same document and the same key order as the official client.
        assert list(json.loads(request.content)) == list(json.loads(body))
        assert request.headers["content-type"] == "application/json"


@FLAVOURS
async def test_caller_headers_and_params_are_sent(flavour: str) -> None:
    recorder = Recorder(reply={})
    await call(
        flavour,
        recorder,
        "get_graph",
        "a1",
        xray=True,
        headers={"x-trace": "t1"},
        params={"extra": "1"},
    )
    request = recorder.only
    assert request.headers["x-trace"] == "t1"
    assert request.url.query.decode() == "xray=true&extra=1"


@FLAVOURS
async def test_delete_with_params_only(flavour: str) -> None:
    recorder = Recorder()
    result = await call(flavour, recorder, "delete", "a1", params={"x": "y"})
    assert result is None
    assert recorder.only.url.query.decode() == "x=y"


@FLAVOURS
async def test_ids_are_percent_encoded(flavour: str) -> None:
    recorder = Recorder(reply={})
    await call(flavour, recorder, "get_subgraphs", "a/1", "parent|child")
    assert recorder.only.url.raw_path.decode().startswith(
        "/assistants/a%2F1/subgraphs/parent%7Cchild?"
    )


@FLAVOURS
@pytest.mark.parametrize(
    ("next_header", "expected_next"), [({"X-Pagination-Next": "20"}, "20"), ({}, None)]
)
async def test_search_object_format_reads_next_cursor(
    flavour: str, next_header: dict[str, str], expected_next: str | None
) -> None:
    assistants = [{"assistant_id": "a1"}]
    recorder = Recorder(reply=assistants, headers=next_header)
    result = await call(flavour, recorder, "search", limit=10, offset=10, response_format="object")
    assert result == {"assistants": assistants, "next": expected_next}
    # response_format shapes the result only: it never reaches the server.
    assert recorder.only.content == b'{"limit":10,"offset":10}'


@FLAVOURS
async def test_search_array_format_returns_the_list(flavour: str) -> None:
    assistants = [{"assistant_id": "a1"}, {"assistant_id": "a2"}]
    recorder = Recorder(reply=assistants, headers={"X-Pagination-Next": "2"})
    assert await call(flavour, recorder, "search") == assistants


@FLAVOURS
async def test_count_returns_the_number(flavour: str) -> None:
    recorder = Recorder(reply=3)
    assert await call(flavour, recorder, "count") == 3
    assert recorder.only.content == b"{}"


@FLAVOURS
async def test_validation_fails_before_any_request(flavour: str) -> None:
    recorder = Recorder(reply={})
    with pytest.raises(ValueError, match="assistant_id"):
        await call(flavour, recorder, "get", "")
    with pytest.raises(ValueError, match="sort_by"):
        await call(flavour, recorder, "search", sort_by="nope")
    assert recorder.requests == []


def _shape(function: Any) -> list[tuple[str, Any, Any]]:
    """Parameter names, kinds and defaults: what callers see, annotations aside."""
    parameters = inspect.signature(function).parameters.values()
    return [(p.name, p.kind, p.default) for p in parameters]


def test_sync_and_async_surfaces_match() -> None:
    public = {name for name in dir(AssistantsClient) if not name.startswith("_")}
    assert public - {"aclose"} == {
        n for n in dir(SyncAssistantsClient) if not n.startswith("_")
    } - {"close"}
    for name in sorted(public - {"aclose", "http", "with_raw_response"}):
        assert _shape(getattr(AssistantsClient, name)) == _shape(
            getattr(SyncAssistantsClient, name)
        ), name
