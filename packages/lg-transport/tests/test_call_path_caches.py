"""What the per-call shortcuts remember or build equals what httpx builds itself: an answer's
headers from raw bytes, the aiohttp URL of a repeated httpx URL, and templated requests whose
headers keep their encoding and their own Content-Length."""

from __future__ import annotations

import httpx
import pytest

from lg_transport._aiohttp import AiohttpTransport
from lg_transport._internals import client_classes, headers_from_raw, url_identity

RAW_ANSWERS: list[list[tuple[bytes, bytes]]] = [
    [],
    [(b"Content-Type", b"application/json"), (b"Content-Length", b"2")],
    [(b"Set-Cookie", b"a=1"), (b"set-cookie", b"b=2"), (b"X-Name", b"caf\xc3\xa9")],
    [(b"Location", b"/threads/t/runs/r/join"), (b"X-Latin", b"\xe9t\xe9")],
]


@pytest.mark.parametrize("raw", RAW_ANSWERS)
def test_answer_headers_from_raw_equal_httpx_headers(raw: list[tuple[bytes, bytes]]) -> None:
    ours, theirs = headers_from_raw(raw), httpx.Headers(raw)
    assert ours.raw == theirs.raw
    assert ours.multi_items() == theirs.multi_items()
    assert ours.encoding == theirs.encoding
    assert ("set-cookie" in ours) == ("set-cookie" in theirs)
    response = httpx.Response(200, headers=ours)
    assert response.headers.get_list("set-cookie") == theirs.get_list("set-cookie")


def test_copies_of_a_url_share_their_identity() -> None:
    url = httpx.URL("http://127.0.0.1:8123/threads")
    assert url_identity(httpx.Request("POST", url).url) is url_identity(url)
    assert url_identity(httpx.URL("http://127.0.0.1:8123/threads")) is not url_identity(url)


def test_aiohttp_urls_are_remembered_per_url_and_equal_by_text() -> None:
    transport = AiohttpTransport()
    url = httpx.URL("http://127.0.0.1:8123/threads?limit=2")
    first = transport._url(url)
    assert str(first) == str(url)
    assert transport._url(httpx.Request("GET", url).url) is first  # a copy: found by identity
    assert transport._url(httpx.URL(str(url))) is first  # another parse: found by text
    other = transport._url(httpx.URL("http://127.0.0.1:8123/assistants"))
    assert str(other) == "http://127.0.0.1:8123/assistants"


def test_aiohttp_urls_leave_credentials_to_the_authorization_header() -> None:
    transport = AiohttpTransport()
    url = httpx.URL("http://user:secret@127.0.0.1:8123/threads")
    for _ in range(2):
        found = transport._url(httpx.Request("GET", url).url)
        assert found.user is None and found.password is None
        assert str(found) == "http://127.0.0.1:8123/threads"


@pytest.mark.parametrize("cls", list(client_classes()))
def test_templated_requests_keep_the_headers_encoding(cls: type) -> None:
    # A non-ASCII header value makes the encoding utf-8: a templated copy must not fall back to
    # working it out (or to another one) when its headers are read or sent.
    headers = httpx.Headers([(b"x-name", "café".encode())])
    client = cls(base_url="http://test", headers=headers)
    twin = httpx.Client(base_url="http://test", headers=headers)
    call = {"headers": {"Content-Type": "application/json"}, "content": b"{}"}
    for _ in range(3):
        ours = client.build_request("POST", "/threads", **call)
        theirs = twin.build_request("POST", "/threads", **call)
        assert ours.headers.raw == theirs.headers.raw
        assert ours.headers.encoding == theirs.headers.encoding == "utf-8"
        assert ours.headers["x-name"] == theirs.headers["x-name"] == "café"


@pytest.mark.parametrize("cls", list(client_classes()))
def test_templated_requests_carry_their_own_content_length(cls: type) -> None:
    client = cls(base_url="http://test")
    twin = httpx.Client(base_url="http://test")
    call_headers = {"Content-Type": "application/json"}
    # More body sizes than a template keeps, each built twice, in an order that revisits sizes.
    sizes = [*range(0, 150, 3), *range(150, 0, -7), 2, 2]
    for size in sizes:
        body = b"x" * size
        ours = client.build_request("POST", "/threads", headers=call_headers, content=body)
        theirs = twin.build_request("POST", "/threads", headers=call_headers, content=body)
        assert ours.headers.raw == theirs.headers.raw
        assert ours.headers["content-length"] == str(size)
        assert ours.content == body
    # Each request owns its headers: changing one changes no template.
    ours.headers["content-length"] = "999"
    again = client.build_request("POST", "/threads", headers=call_headers, content=b"xx")
    assert again.headers["content-length"] == "2"
