"""``iter_*`` pagers over `httpx.MockTransport`: every item once, pages on demand, stop at the
short page, the official one-page methods untouched, bad arguments refused before sending."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client

ITEMS = [{"thread_id": f"t{i}", "n": i} for i in range(23)]


class PagedServer:
    """Serves ``ITEMS`` by limit/offset (body or query) and records each page asked for."""

    def __init__(self, items: list[Any] = ITEMS, wrap: str | None = None) -> None:
        self.items = items
        self.wrap = wrap
        self.calls: list[tuple[str, str, int, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            query = request.url.params
            limit, position = int(query["limit"]), int(query["offset"])
        else:
            body = json.loads(request.content)
            limit = body["limit"]
            position = body.get("offset", body.get("before"))
        self.calls.append((request.method, request.url.path, limit, position))
        if isinstance(position, dict):  # history: states older than the checkpoint given
            start = int(position["configurable"]["checkpoint_id"]) + 1
        else:
            start = position or 0
        page = self.items[start : start + limit]
        return httpx.Response(200, json={self.wrap: page} if self.wrap else page)


def clients(server: PagedServer) -> tuple[Any, Any]:
    return (
        get_client(url="http://test", api_key=None, transport=httpx.MockTransport(server)),
        get_sync_client(url="http://test", api_key=None, transport=httpx.MockTransport(server)),
    )


async def collect(flavour: str, pager: Any) -> list[Any]:
    if flavour == "async":
        return [item async for item in pager]
    return list(pager)


FLAVOURS = pytest.mark.parametrize("flavour", ["async", "sync"])


@FLAVOURS
async def test_iter_search_yields_every_thread_once_in_order(flavour: str) -> None:
    server = PagedServer()
    client = clients(server)[flavour == "sync"]
    items = await collect(flavour, client.threads.iter_search(status="idle", page_size=10))
    assert items == ITEMS
    assert [(c[2], c[3]) for c in server.calls] == [(10, 0), (10, 10), (10, 20)]
    assert {c[:2] for c in server.calls} == {("POST", "/threads/search")}


@FLAVOURS
async def test_a_full_last_page_costs_one_empty_request(flavour: str) -> None:
    server = PagedServer(ITEMS[:20])
    client = clients(server)[flavour == "sync"]
    items = await collect(flavour, client.threads.iter_search(page_size=10))
    assert items == ITEMS[:20]
    assert [c[3] for c in server.calls] == [0, 10, 20]


async def test_nothing_is_sent_until_iteration_and_break_stops_fetching() -> None:
    server = PagedServer()
    client = get_client(url="http://test", api_key=None, transport=httpx.MockTransport(server))
    pager = client.threads.iter_search(page_size=5)
    assert server.calls == []
    async for item in pager:
        if item["n"] == 6:
            break
    assert [c[3] for c in server.calls] == [0, 5]


def test_sync_pages_yields_lists_and_a_pager_can_be_iterated_again() -> None:
    server = PagedServer()
    client = get_sync_client(url="http://test", api_key=None, transport=httpx.MockTransport(server))
    pager = client.threads.iter_search(page_size=10, offset=3)
    assert [len(page) for page in pager.pages()] == [10, 10]
    assert pager.to_list() == ITEMS[3:]
    assert len(server.calls) == 6


@FLAVOURS
@pytest.mark.parametrize(
    ("resource", "method", "args", "kwargs", "http", "path", "wrap"),
    [
        ("assistants", "iter_search", (), {"graph_id": "g"}, "POST", "/assistants/search", None),
        ("assistants", "iter_versions", ("a1",), {}, "POST", "/assistants/a1/versions", None),
        ("runs", "iter_list", ("t1",), {}, "GET", "/threads/t1/runs", None),
        ("crons", "iter_search", (), {"enabled": True}, "POST", "/runs/crons/search", None),
        ("store", "iter_search_items", (["ns"],), {}, "POST", "/store/items/search", "items"),
        ("store", "iter_list_namespaces", (), {}, "POST", "/store/namespaces", "namespaces"),
    ],
)
async def test_every_search_and_list_has_a_pager(
    flavour: str,
    resource: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    http: str,
    path: str,
    wrap: str | None,
) -> None:
    server = PagedServer(wrap=wrap)
    client = clients(server)[flavour == "sync"]
    pager = getattr(getattr(client, resource), method)(*args, page_size=7, **kwargs)
    assert await collect(flavour, pager) == ITEMS
    assert [c[3] for c in server.calls] == [0, 7, 14, 21]
    assert {c[:3] for c in server.calls} == {(http, path, 7)}


@FLAVOURS
async def test_iter_history_pages_before_the_last_checkpoint(flavour: str) -> None:
    states = [{"checkpoint": {"checkpoint_id": str(i)}, "values": {}} for i in range(5)]
    server = PagedServer(states)
    client = clients(server)[flavour == "sync"]
    pager = client.threads.iter_history("t1", page_size=2)
    assert await collect(flavour, pager) == states
    assert [c[3] for c in server.calls] == [
        None,
        {"configurable": {"checkpoint_id": "1"}},
        {"configurable": {"checkpoint_id": "3"}},
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"page_size": 0}, ValueError, "page_size"),
        ({"page_size": 1001}, ValueError, "page_size"),
        ({"page_size": "10"}, TypeError, "page_size"),
        ({"offset": -1}, ValueError, "offset"),
        ({"status": "sleeping"}, ValueError, "status"),
        ({"metadata": "x"}, TypeError, "metadata"),
    ],
)
def test_bad_arguments_fail_at_the_call_before_any_request(
    kwargs: dict[str, Any], error: type[Exception], names: str
) -> None:
    server = PagedServer()
    client = get_sync_client(url="http://test", api_key=None, transport=httpx.MockTransport(server))
    with pytest.raises(error, match=names):
        client.threads.iter_search(**kwargs)
    assert server.calls == []


def test_history_select_without_checkpoint_is_refused() -> None:
    client = get_sync_client(
        url="http://test", api_key=None, transport=httpx.MockTransport(PagedServer())
    )
    with pytest.raises(ValueError, match="select must include 'checkpoint'"):
        client.threads.iter_history("t1", select=["values"])


def test_the_official_one_page_methods_are_unchanged() -> None:
    server = PagedServer()
    client = get_sync_client(url="http://test", api_key=None, transport=httpx.MockTransport(server))
    assert client.threads.search() == ITEMS[:10]
    assert [(c[2], c[3]) for c in server.calls] == [(10, 0)]


class VersionsServer(PagedServer):
    """Answers 404 for a page past the end, as the Agent Server does for assistant versions."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        response = super().__call__(request)
        if response.json() == [] or self.items == []:
            return httpx.Response(404, json={"detail": "Assistant a1 not found"})
        return response


@FLAVOURS
async def test_versions_404_past_the_end_ends_the_iteration(flavour: str) -> None:
    server = VersionsServer(ITEMS[:20])
    client = clients(server)[flavour == "sync"]
    assert await collect(flavour, client.assistants.iter_versions("a1", page_size=10)) == ITEMS[:20]
    assert [c[3] for c in server.calls] == [0, 10, 20]


@FLAVOURS
async def test_versions_404_on_the_first_page_is_raised(flavour: str) -> None:
    from langgraph_sdk.errors import NotFoundError

    client = clients(VersionsServer([]))[flavour == "sync"]
    with pytest.raises(NotFoundError, match="Assistant a1 not found"):
        await collect(flavour, client.assistants.iter_versions("a1", page_size=10))


async def test_other_pagers_raise_a_404_after_the_first_page() -> None:
    from langgraph_sdk.errors import NotFoundError

    client = clients(VersionsServer(ITEMS[:20]))[0]
    with pytest.raises(NotFoundError):
        await collect("async", client.runs.iter_list("t1", page_size=10))
