"""Fixtures for tests against the real Agent Server (see README.md beside this file).

- `agent_server_url` (session): installs the server's environment, starts one server on a free
  port, yields its base URL and stops it at the end of the session. Set
  `LANGGRAPH_AGENT_SERVER_URL` to use a server you started yourself instead.
- An autouse fixture resets the server's state before each test that requests
  `agent_server_url`; tests that do not request it never start the server.
- Every test runs twice, on the default httpx backend and on the aiohttp fast lane
  (`http_backend` fixture).
- Every test in this folder gets the `integration` marker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# --import-mode=importlib does not put this folder on sys.path.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import agent_server  # noqa: E402

URL_ENV = "LANGGRAPH_AGENT_SERVER_URL"
_LOG_KEY = pytest.StashKey[Path]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def agent_server_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """Base URL of the running Agent Server, e.g. `http://127.0.0.1:41234`."""
    external = os.environ.get(URL_ENV)
    if external:
        yield external.rstrip("/")
        return
    agent_server.ensure_installed()
    server = agent_server.AgentServer()
    request.config.stash[_LOG_KEY] = server.log_path
    with server as url:
        yield url


@pytest.fixture(scope="session")
def auth_server_url() -> Iterator[str]:
    """Base URL of a second server that serves the same graphs behind custom auth
    (`server/auth/`: tokens `token-alice` / `token-bob`). Started once, only when requested;
    never reset (each user sees only what they made)."""
    agent_server.ensure_installed()
    with agent_server.AgentServer(app_dir=agent_server.AUTH_APP_DIR) as url:
        yield url


@pytest.fixture(autouse=True, params=["httpx", "aiohttp"])
def http_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every integration test runs twice: on httpx's own stack and on the aiohttp fast lane.

    Clients built without an explicit ``http_backend=`` take the default this switches."""
    import lg_transport._connect

    backend: str = request.param
    monkeypatch.setattr(lg_transport._connect, "DEFAULT_HTTP_BACKEND", backend)
    return backend


@pytest.fixture(autouse=True)
def _reset_agent_server(request: pytest.FixtureRequest) -> None:
    if "agent_server_url" in request.fixturenames:
        agent_server.reset(request.getfixturevalue("agent_server_url"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    log = terminalreporter.config.stash.get(_LOG_KEY, None)
    if log is not None:
        terminalreporter.write_line(f"Agent Server log: {log}")
