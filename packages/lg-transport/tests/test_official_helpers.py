"""The official SDK's private helper signatures (`lg_transport._official`) and dot segments."""

from __future__ import annotations

import uuid

import httpx
import pytest

from lg_transport import errors, path_id
from lg_transport._async.status import check_run as acheck_run
from lg_transport._async.status import raise_for_status_typed as araise_for_status_typed
from lg_transport._official import (
    body_for_error,
    default_port,
    extract_error_message,
    get_api_key,
    get_headers,
    map_status_error,
    provided_vals,
    quote_path_param,
    reconnect_backoff,
    run_check_headers,
    run_url_from_stream_location,
    validate_reconnect_location,
)
from lg_transport._sync.status import check_run as scheck_run
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


def test_reconnect_location_must_stay_on_the_origin() -> None:
    base = httpx.URL("https://api.example.com/prefix")
    assert (
        validate_reconnect_location(base, "/threads/t/runs/r/stream") == "/threads/t/runs/r/stream"
    )
    same = "https://api.example.com:443/threads/t/runs/r/stream"
    assert validate_reconnect_location(base, same) == same
    for other in (
        "https://evil.example.com/x",
        "http://api.example.com/x",
        "https://api.example.com:8443/x",
    ):
        with pytest.raises(ValueError, match="cross-origin"):
            validate_reconnect_location(base, other)
    assert default_port("https") == 443 and default_port("http") == 80


def test_run_url_and_check_headers() -> None:
    assert (
        run_url_from_stream_location("http://h/p/threads/t/runs/r/stream?x=1")
        == "http://h/p/threads/t/runs/r"
    )
    assert run_url_from_stream_location("/threads/t/runs/r/stream") == "/threads/t/runs/r"
    assert run_url_from_stream_location("/runs/r/stream") is None
    headers = run_check_headers(
        {"accept": "text/event-stream", "LAST-EVENT-ID": "3", "x-api-key": "k"}
    )
    assert headers == {"x-api-key": "k", "Accept": "application/json"}


def test_reconnect_backoff_doubles_to_the_cap_with_bounded_jitter() -> None:
    for attempt, expected in ((0, 0.5), (1, 1.0), (5, 4.0)):
        delay = reconnect_backoff(attempt, base=0.5, cap=4.0)
        assert expected <= delay <= expected * 1.25


def _run_server(status: int, body: object) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/threads/t/runs/r"
        assert request.headers["accept"] == "application/json"
        assert "last-event-id" not in request.headers
        return httpx.Response(status, json=body)

    return httpx.MockTransport(answer)


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        (200, {"status": "running"}, httpx.TransportError),
        (200, {"status": "pending"}, httpx.TransportError),
        (200, {"status": "success"}, None),
        (404, {"detail": "gone"}, None),
        (503, {"detail": "restarting"}, errors.InternalServerError),
        (429, {"detail": "slow down"}, errors.RateLimitError),
        (200, {"no": "status"}, None),
    ],
)
async def test_check_run_after_a_clean_close(
    status: int, body: object, outcome: type[BaseException] | None
) -> None:
    location = "/threads/t/runs/r/stream"
    headers = {"Last-Event-ID": "4", "Accept": "text/event-stream"}
    async with httpx.AsyncClient(base_url="http://h", transport=_run_server(status, body)) as c:
        result = await acheck_run(c, location, headers)
    with httpx.Client(base_url="http://h", transport=_run_server(status, body)) as sc:
        sync_result = scheck_run(sc, location, headers)
    for value in (result, sync_result):
        if outcome is None:
            assert value is None
        else:
            assert isinstance(value, outcome)
    async with httpx.AsyncClient(base_url="http://h") as c:
        assert await acheck_run(c, "/threads/t/stream", headers) is None
