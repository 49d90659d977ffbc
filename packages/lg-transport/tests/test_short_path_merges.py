"""The short-path clients remember URL and header merges; what they build equals httpx's own."""

from __future__ import annotations

import httpx
import pytest

from lg_transport._short_path import ShortPathAsyncClient, ShortPathClient

CLIENTS = [ShortPathAsyncClient, ShortPathClient]


def plain_twin(client: httpx.AsyncClient | httpx.Client) -> httpx.Client:
    return httpx.Client(base_url=client.base_url, headers=client.headers)


def built(client: httpx.AsyncClient | httpx.Client, **kwargs: object) -> list[tuple[bytes, bytes]]:
    request = client.build_request("POST", "/threads", content=b"{}", **kwargs)  # type: ignore[arg-type]
    return request.headers.raw


@pytest.mark.parametrize("cls", CLIENTS)
def test_same_headers_as_httpx_and_repeatable(cls: type) -> None:
    client = cls(base_url="http://test", headers={"x-api-key": "k", "User-Agent": "ua"})
    twin = plain_twin(client)
    call_headers = {"Content-Type": "application/json", "x-api-key": "override"}
    first = built(client, headers=call_headers)
    assert first == built(twin, headers=call_headers)
    assert built(client, headers=call_headers) == first  # from the cache
    assert built(client, headers={}) == built(twin, headers={})
    assert built(client) == built(twin)  # headers=None: httpx's own merge


@pytest.mark.parametrize("cls", CLIENTS)
def test_client_header_changes_are_seen(cls: type) -> None:
    client = cls(base_url="http://test", headers={"x-api-key": "a"})
    call_headers = {"Content-Type": "application/json"}
    assert (b"x-api-key", b"a") in built(client, headers=call_headers)
    client.headers["x-api-key"] = "b"  # in place
    assert (b"x-api-key", b"b") in built(client, headers=call_headers)
    client.headers = httpx.Headers({"x-api-key": "c"})  # replaced
    assert (b"x-api-key", b"c") in built(client, headers=call_headers)
    del client.headers["x-api-key"]
    assert not [h for h in built(client, headers=call_headers) if h[0] == b"x-api-key"]


@pytest.mark.parametrize("cls", CLIENTS)
def test_built_requests_do_not_share_headers(cls: type) -> None:
    client = cls(base_url="http://test")
    call_headers = {"Content-Type": "application/json"}
    one = client.build_request("GET", "/a", headers=call_headers)
    one.headers["x-mutated"] = "1"
    two = client.build_request("GET", "/a", headers=call_headers)
    assert "x-mutated" not in two.headers


@pytest.mark.parametrize("cls", CLIENTS)
def test_other_header_types_take_httpx_merge(cls: type) -> None:
    client = cls(base_url="http://test", headers={"a": "1"})
    twin = plain_twin(client)
    for headers in (
        [("b", "2"), ("b", "3")],
        httpx.Headers({"b": "2"}),
        {"b": b"bytes-value"},
    ):
        assert built(client, headers=headers) == built(twin, headers=headers)
