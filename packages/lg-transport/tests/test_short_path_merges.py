"""The short-path clients remember URL and header merges; what they build equals httpx's own."""

from __future__ import annotations

import httpx
import pytest
from proven_paths import SHORT_PATH

from lg_transport._internals import client_classes

# The short-path clients where they were proved (httpx's own elsewhere: the same results).
CLIENTS = list(client_classes())


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


# --- requests built from templates (`RequestTemplates`) -----------------------------------------


def same_request(ours: httpx.Request, theirs: httpx.Request) -> None:
    assert ours.method == theirs.method
    assert ours.url == theirs.url
    assert ours.headers.raw == theirs.headers.raw
    assert ours.extensions == theirs.extensions
    assert ours.content == theirs.content
    assert b"".join(ours.stream) == b"".join(theirs.stream)  # type: ignore[arg-type]
    assert sorted(vars(ours)) == sorted(vars(theirs))


SHAPES = [
    ("POST", "/threads", {"Content-Type": "application/json"}, b"{}"),
    ("POST", "/threads", {"Content-Type": "application/json"}, b'{"metadata":{"a":1}}'),
    ("POST", "/threads/t/runs/stream", {"Accept": "text/event-stream"}, b"{}"),
    ("POST", "/threads/t/history", None, None),
    ("GET", "/assistants/a", None, None),
    ("GET", "/assistants/a", {"x-extra": "1"}, None),
    ("DELETE", "/threads/t", {}, None),
    ("PATCH", "/threads/t", {"Content-Type": "application/json"}, b"{}"),
]
TIMEOUTS: list[object] = [httpx.USE_CLIENT_DEFAULT, 3.0, httpx.Timeout(1.0, read=9.0), None]


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("timeout", TIMEOUTS)
def test_templated_requests_equal_httpx_requests(cls: type, timeout: object) -> None:
    client = cls(base_url="http://test:8123/base/", headers={"x-api-key": "k"}, timeout=5.0)
    twin = httpx.Client(base_url=client.base_url, headers=client.headers, timeout=5.0)
    for _ in range(3):  # the first of each shape is httpx's own, the others templated
        for method, path, headers, content in SHAPES:
            kwargs = {"headers": headers, "content": content, "timeout": timeout}
            same_request(
                client.build_request(method, path, **kwargs),
                twin.build_request(method, path, **kwargs),
            )
    # The templates were used where the short path is taken (httpx's own build elsewhere).
    templates = getattr(client, "_request_templates", None)
    assert bool(templates and templates._cache) == SHORT_PATH


@pytest.mark.parametrize("cls", CLIENTS)
def test_paths_share_a_template_and_hosts_do_not(cls: type) -> None:
    client = cls(base_url="http://test:8123/base/", headers={"x-api-key": "k"})
    twin = httpx.Client(base_url=client.base_url, headers=client.headers)
    call = {"headers": {"Content-Type": "application/json"}, "content": b"{}"}
    urls = [f"/threads/{n}/runs/stream" for n in range(20)]
    # Absolute URLs on other hosts and ports: their Host header is their own.
    urls += ["http://other/x", "http://other:81/x", "http://test:8123/y", "https://test/z"]
    for _ in range(2):
        for url in urls:
            same_request(
                client.build_request("POST", url, **call), twin.build_request("POST", url, **call)
            )
    templates = getattr(client, "_request_templates", None)
    if SHORT_PATH:  # one shape: one template, however many paths
        assert templates is not None and len(templates._cache) == 1
        client.build_request("POST", urls[0], **call)  # back on the base URL's host
        first = client.build_request("POST", urls[1], **call)
        second = client.build_request("POST", urls[2], **call)
        assert first.headers._list is not second.headers._list  # each request owns its list
        assert all(a is b for a, b in zip(first.headers._list, second.headers._list, strict=True))


@pytest.mark.parametrize("cls", CLIENTS)
def test_templates_follow_client_changes(cls: type) -> None:
    client = cls(base_url="http://a", headers={"x-api-key": "k"})
    call = {"headers": {"Content-Type": "application/json"}, "content": b"{}"}
    for _ in range(2):
        client.build_request("POST", "/threads", **call)
    client.headers["x-api-key"] = "other"
    assert client.build_request("POST", "/threads", **call).headers["x-api-key"] == "other"
    client.base_url = "http://b"
    assert client.build_request("POST", "/threads", **call).url == httpx.URL("http://b/threads")
    client.cookies.set("session", "s")
    request = client.build_request("POST", "/threads", **call)
    assert request.headers["cookie"] == "session=s"


@pytest.mark.parametrize("cls", CLIENTS)
def test_other_calls_are_built_by_httpx(cls: type) -> None:
    client = cls(base_url="http://a")
    twin = httpx.Client(base_url="http://a")
    calls: list[dict[str, object]] = [
        {"params": {"limit": 2}},
        {"json": {"a": 1}},
        {"content": "text"},
        {"content": b"x", "extensions": {"trace": None}},
        {"headers": [("x-a", "1"), ("x-a", "2")], "content": b"x"},
        {"headers": {"x-a": ["unhashable"]}},  # httpx refuses it the same way
    ]
    for kwargs in calls:
        for _ in range(2):
            try:
                theirs = twin.build_request("POST", "/x", **kwargs)  # type: ignore[arg-type]
            except Exception as exc:
                with pytest.raises(type(exc)):
                    client.build_request("POST", "/x", **kwargs)
                continue
            same_request(client.build_request("POST", "/x", **kwargs), theirs)
