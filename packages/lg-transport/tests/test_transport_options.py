"""Connection options: URL, API key precedence, reserved headers, timeouts, user agent."""

from __future__ import annotations

import httpx
import pytest

from lg_transport import NOT_PROVIDED, create_http_client, create_sync_http_client
from lg_transport import _options as options
from lg_transport._version import VERSION

ENV_VARS = ("LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def test_api_key_argument_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGGRAPH_API_KEY", "env")
    assert options.resolve_api_key("arg") == "arg"


@pytest.mark.parametrize("winner", ENV_VARS)
def test_api_key_env_precedence(monkeypatch: pytest.MonkeyPatch, winner: str) -> None:
    for name in ENV_VARS[ENV_VARS.index(winner) :]:
        monkeypatch.setenv(name, f"key-{name}")
    assert options.resolve_api_key(NOT_PROVIDED) == f"key-{winner}"


def test_explicit_none_means_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGGRAPH_API_KEY", "env")
    assert options.resolve_api_key(None) is None
    assert "x-api-key" not in options.build_headers(None, None)


def test_env_key_is_trimmed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGSMITH_API_KEY", ' "lsv2-abc" \n')
    assert options.resolve_api_key(NOT_PROVIDED) == "lsv2-abc"


@pytest.mark.parametrize("name", ["x-api-key", "X-API-KEY", "X-Api-Key"])
def test_api_key_header_cannot_be_overridden(name: str) -> None:
    with pytest.raises(ValueError, match="api_key"):
        options.build_headers("k", {name: "other"})


def test_headers_and_user_agent() -> None:
    headers = options.build_headers("k", {"X-Tenant": "t1"})
    assert headers == {
        "User-Agent": f"langgraph-sdk-py/{VERSION}",
        "X-Tenant": "t1",
        "x-api-key": "k",
    }


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, httpx.Timeout(connect=5, read=300, write=300, pool=5)),
        (7.5, httpx.Timeout(7.5)),
        ((1, 2), httpx.Timeout(connect=1, read=2, write=300, pool=5)),
        ((1, 2, 3, 4), httpx.Timeout(connect=1, read=2, write=3, pool=4)),
        (httpx.Timeout(9), httpx.Timeout(9)),
    ],
)
def test_timeouts(given: options.TimeoutTypes, expected: httpx.Timeout) -> None:
    assert options.resolve_timeout(given) == expected


@pytest.mark.parametrize("bad", [(1, 2, 3), "10", True])
def test_bad_timeout_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="timeout"):
        options.resolve_timeout(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_bad_max_retries(bad: object) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        create_sync_http_client(url="http://x", max_retries=bad)  # type: ignore[arg-type]


def test_default_url_is_localhost_8123_for_both_flavours() -> None:
    assert str(create_http_client().client.base_url) == "http://localhost:8123"
    with create_sync_http_client().client as client:
        assert str(client.base_url) == "http://localhost:8123"


def test_api_key_is_not_in_reprs() -> None:
    http = create_sync_http_client(url="http://x", api_key="secret-key-123")
    try:
        assert "secret-key-123" not in repr(http)
        assert "secret-key-123" not in repr(http.client)
    finally:
        http.close()
