"""The official SDK's private helper signatures (`lg_transport._official`) and dot segments."""

from __future__ import annotations

import uuid

import httpx
import pytest

from lg_transport import errors, path_id
from lg_transport._async.status import raise_for_status_typed as araise_for_status_typed
from lg_transport._official import (
    body_for_error,
    extract_error_message,
    get_api_key,
    get_headers,
    map_status_error,
    provided_vals,
    quote_path_param,
)
from lg_transport._sync.status import raise_for_status_typed as sraise_for_status_typed


@pytest.mark.parametrize(("value", "sent"), [(".", "%2E"), ("..", "%2E%2E"), ("...", "%2E" * 3)])
def test_dot_segments_stay_opaque_on_the_wire(value: str, sent: str) -> None:
    assert path_id(value, "thread_id") == sent
    assert quote_path_param(value) == sent
    url = httpx.URL(f"http://h/threads/{sent}/runs")
    assert url.raw_path == f"/threads/{sent}/runs".encode()


def test_quote_path_param_encodes_and_coerces() -> None:
    assert quote_path_param("a/b c") == "a%2Fb%20c"
    assert quote_path_param("agent.v1") == "agent.v1"
    assert quote_path_param(uuid.UUID(int=1)) == str(uuid.UUID(int=1))
    assert quote_path_param(7) == "7"
    with pytest.raises(TypeError, match="must not be None"):
        quote_path_param(None)
    with pytest.raises(TypeError, match="must not be bytes"):
        quote_path_param(b"x")


def test_get_api_key_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGSMITH_API_KEY", ' "from-env" ')
    assert get_api_key() == "from-env"
    assert get_api_key("explicit") == "explicit"
    assert get_api_key(None) is None
    monkeypatch.setenv("LANGGRAPH_API_KEY", "first")
    assert get_api_key() == "first"


def test_get_headers_adds_key_and_refuses_a_reserved_header() -> None:
    headers = get_headers("k", {"X-Custom": "1"})
    assert headers["x-api-key"] == "k" and headers["X-Custom"] == "1"
    assert headers["User-Agent"].startswith("langgraph-sdk-py/")
    assert "x-api-key" not in get_headers(None, None)
    with pytest.raises(ValueError, match="x-api-key"):
        get_headers("k", {"x-api-key": "other"})


def test_provided_vals_drops_only_none() -> None:
    assert provided_vals({"a": None, "b": 0, "c": "", "d": False}) == {"b": 0, "c": "", "d": False}


def _response(status: int, content: bytes, reason: bytes = b"") -> httpx.Response:
    extensions = {"reason_phrase": reason} if reason else {}
    return httpx.Response(
        status,
        content=content,
        request=httpx.Request("GET", "http://h/x"),
        extensions=extensions,
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"message": "m", "detail": "d"}, "m"),
        ({"detail": "d"}, "d"),
        ({"error": "e"}, "e"),
        ({"error": {"detail": "nested"}}, "nested"),
        ({"message": "", "other": 1}, "fallback"),
        ("text", "fallback"),
        (None, "fallback"),
    ],
)
def test_extract_error_message(body: object, message: str) -> None:
    assert extract_error_message(body, "fallback") == message


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, errors.BadRequestError),
        (404, errors.NotFoundError),
        (418, errors.APIStatusError),
        (429, errors.RateLimitError),
        (503, errors.InternalServerError),
    ],
)
async def test_raise_for_status_typed(status: int, error: type[errors.APIStatusError]) -> None:
    with pytest.raises(error) as caught:
        await araise_for_status_typed(_response(status, b'{"detail": "why"}'))
    with pytest.raises(error) as caught_sync:
        sraise_for_status_typed(_response(status, b'{"detail": "why"}'))
    for exc in (caught.value, caught_sync.value):
        assert type(exc) is error
        assert exc.message == "why" and exc.body == {"detail": "why"}
    await araise_for_status_typed(_response(200, b"ok"))
    sraise_for_status_typed(_response(302, b""))


def test_error_bodies_decode_as_json_then_text_else_none() -> None:
    assert map_status_error(_response(500, b""), None).message == "500 Internal Server Error"
    assert body_for_error(b"") is None
    assert body_for_error(b"[1]") == [1]
    assert body_for_error(b"plain") == "plain"
    assert body_for_error(b"\xff\xfe") is None
