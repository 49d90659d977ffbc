"""SDK logging: one DEBUG record per HTTP attempt (method, path, status, elapsed, attempt,
request id), secrets redacted, nothing done when DEBUG is off, and ``LANGGRAPH_SDK_LOG``."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap

import httpx
import pytest

from lg_transport import ApiRequest, _request_log, create_http_client, create_sync_http_client

SECRET = "sk-very-secret"


def flaky() -> httpx.MockTransport:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(503, headers={"Retry-After": "0", "x-request-id": "r-1"})
        return httpx.Response(200, json=[], headers={"x-request-id": "r-2"})

    return httpx.MockTransport(handler)


def records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "langgraph_sdk" and r.levelno == logging.DEBUG]


@pytest.mark.parametrize("flavour", ["async", "sync"])
async def test_one_record_per_attempt_with_the_facts_and_no_secret(
    flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    options = {
        "url": "http://test",
        "api_key": SECRET,
        "headers": {"Authorization": f"Bearer {SECRET}", "X-Team": "blue"},
        "transport": flaky(),
    }
    request = ApiRequest("POST", "/threads/search", json={}, params={"token": SECRET}, retry="safe")
    caplog.set_level(logging.DEBUG, logger="langgraph_sdk")
    if flavour == "async":
        assert await create_http_client(**options).send(request) == []  # type: ignore[arg-type]
    else:
        assert create_sync_http_client(**options).send(request) == []  # type: ignore[arg-type]
    found = records(caplog)
    assert [r.getMessage().split(" in ")[0] for r in found] == [
        "POST /threads/search -> 503",
        "POST /threads/search -> 200",
    ]
    assert found[1].getMessage().endswith("(attempt 2, request id r-2)")
    first, second = found
    assert (first.attempt, first.status_code, first.request_id) == (1, 503, "r-1")  # type: ignore[attr-defined]
    assert (second.http_method, second.path) == ("POST", "/threads/search")  # type: ignore[attr-defined]
    assert second.elapsed_ms >= 0  # type: ignore[attr-defined]
    headers = second.request_headers  # type: ignore[attr-defined]
    assert headers["x-api-key"] == headers["authorization"] == "[redacted]"
    assert headers["x-team"] == "blue"
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in repr(record.__dict__)


def test_transport_failures_are_logged_too(caplog: pytest.LogCaptureFixture) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    http = create_sync_http_client(
        url="http://test", transport=httpx.MockTransport(refuse), max_retries=0
    )
    caplog.set_level(logging.DEBUG, logger="langgraph_sdk")
    with pytest.raises(httpx.HTTPError):
        http.send(ApiRequest("GET", "/ok"))
    assert [r.getMessage().split(" in ")[0] for r in records(caplog)] == [
        "GET /ok -> failed (ConnectError)"
    ]


def test_nothing_is_formatted_when_debug_is_off(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("log_attempt ran with DEBUG off")

    import lg_transport._sync.http as sync_http

    monkeypatch.setattr(sync_http, "log_attempt", must_not_run)
    caplog.set_level(logging.INFO, logger="langgraph_sdk")
    http = create_sync_http_client(url="http://test", transport=flaky())
    assert http.send(ApiRequest("GET", "/ok")) == []
    assert records(caplog) == []


PROGRAM = textwrap.dedent(
    """
    import httpx
    from lg_transport import ApiRequest, create_sync_http_client
    handler = lambda request: httpx.Response(200, json=[], headers={"x-request-id": "abc"})
    http = create_sync_http_client(url="http://test", api_key="sk-hidden",
                                   transport=httpx.MockTransport(handler))
    http.send(ApiRequest("GET", "/assistants/a1"))
    """
)


def run_with_env(value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != _request_log.ENV_VAR}
    if value is not None:
        env[_request_log.ENV_VAR] = value
    return subprocess.run(
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_environment_variable_turns_logging_on() -> None:
    on = run_with_env("debug")
    assert on.returncode == 0, on.stderr
    assert "DEBUG langgraph_sdk: GET /assistants/a1 -> 200 in " in on.stderr
    assert "(attempt 1, request id abc)" in on.stderr
    assert "sk-hidden" not in on.stderr
    off = run_with_env(None)
    assert (off.returncode, off.stderr) == (0, "")


def test_a_bad_level_in_the_environment_warns() -> None:
    bad = run_with_env("loud")
    assert bad.returncode == 0
    assert "LANGGRAPH_SDK_LOG='loud' is not one of debug, info, warning, error" in bad.stderr
