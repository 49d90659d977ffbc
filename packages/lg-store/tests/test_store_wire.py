"""Store calls send the official SDK's wire requests (reference wire table), async and sync."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest

from lg_store import StoreClient, SyncStoreClient
from lg_transport import HttpClient, SyncHttpClient

# (method name, args, kwargs, expected method, path, query, body)
ROWS: list[tuple[str, tuple[Any, ...], dict[str, Any], str, str, str, Any]] = [
    (
        "put_item",
        (["a", "b"], "k", {"v": 1}),
        {},
        "PUT",
        "/store/items",
        "",
        '{"namespace":["a","b"],"key":"k","value":{"v":1}}',
    ),
    (
        "put_item",
        (["a"], "k", {"v": 1}),
        {"index": False, "ttl": 5},
        "PUT",
        "/store/items",
        "",
        '{"namespace":["a"],"key":"k","value":{"v":1},"index":false,"ttl":5}',
    ),
    ("get_item", (["a", "b"], "k"), {}, "GET", "/store/items", "namespace=a.b&key=k", None),
    (
        "get_item",
        (["a", "b"], "k"),
        {"refresh_ttl": True},
        "GET",
        "/store/items",
        "namespace=a.b&key=k&refresh_ttl=true",
        None,
    ),
    (
        "delete_item",
        (["a", "b"], "k"),
        {},
        "DELETE",
        "/store/items",
        "",
        '{"namespace":["a","b"],"key":"k"}',
    ),
    (
        "search_items",
        (["a"],),
        {},
        "POST",
        "/store/items/search",
        "",
        '{"namespace_prefix":["a"],"limit":10,"offset":0}',
    ),
    (
        "search_items",
        (["a"],),
        {"filter": {"x": 1}, "query": "q", "refresh_ttl": False},
        "POST",
        "/store/items/search",
        "",
        '{"namespace_prefix":["a"],"filter":{"x":1},"limit":10,"offset":0,"query":"q","refresh_ttl":false}',
    ),
    ("list_namespaces", (), {}, "POST", "/store/namespaces", "", '{"limit":100,"offset":0}'),
    (
        "list_namespaces",
        (),
        {"prefix": ["a"], "suffix": ["z"], "max_depth": 2},
        "POST",
        "/store/namespaces",
        "",
        '{"prefix":["a"],"suffix":["z"],"max_depth":2,"limit":100,"offset":0}',
    ),
]


def _recorder() -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [], "namespaces": []})

    return seen, httpx.MockTransport(handler)


def _check(request: httpx.Request, method: str, path: str, query: str, body: str | None) -> None:
    assert request.method == method
    assert request.url.path == path
    assert request.url.query.decode() == query
    if body is None:
        assert request.content == b""
    else:
        assert request.content == body.encode()  # byte-exact: key order included
        assert orjson.loads(request.content) == orjson.loads(body)


@pytest.mark.parametrize(("name", "args", "kwargs", "method", "path", "query", "body"), ROWS)
async def test_async_wire(
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    method: str,
    path: str,
    query: str,
    body: str | None,
) -> None:
    seen, transport = _recorder()
    client = StoreClient(HttpClient(httpx.AsyncClient(base_url="http://t", transport=transport)))
    await getattr(client, name)(*args, **kwargs)
    _check(seen[0], method, path, query, body)


@pytest.mark.parametrize(("name", "args", "kwargs", "method", "path", "query", "body"), ROWS)
def test_sync_wire(
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    method: str,
    path: str,
    query: str,
    body: str | None,
) -> None:
    seen, transport = _recorder()
    client = SyncStoreClient(SyncHttpClient(httpx.Client(base_url="http://t", transport=transport)))
    getattr(client, name)(*args, **kwargs)
    _check(seen[0], method, path, query, body)


def _answering(status: int, body: object) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


@pytest.mark.parametrize(
    ("status", "body"),
    [(200, None), (404, {"detail": "Item not found"})],
    ids=["langgraph-200-null", "aegra-404"],
)
async def test_a_missing_item_is_none_whichever_way_the_server_says_it(
    status: int, body: object
) -> None:
    transport = _answering(status, body)
    async with StoreClient(
        HttpClient(httpx.AsyncClient(base_url="http://t", transport=transport))
    ) as store:
        assert await store.get_item(["a"], "k") is None
    with SyncStoreClient(
        SyncHttpClient(httpx.Client(base_url="http://t", transport=transport))
    ) as sync_store:
        assert sync_store.get_item(["a"], "k") is None


def test_a_store_the_server_lacks_still_raises() -> None:
    from lg_transport.errors import NotImplementedByServerError

    transport = _answering(404, {"detail": "Not Found"})
    with (
        SyncStoreClient(
            SyncHttpClient(httpx.Client(base_url="http://t", transport=transport))
        ) as store,
        pytest.raises(NotImplementedByServerError, match="does not implement GET /store/items"),
    ):
        store.get_item(["a"], "k")
