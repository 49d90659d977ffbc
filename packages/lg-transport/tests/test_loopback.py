"""``url=None`` inside an Agent Server: the server's own app, in-process, async and sync
(`lg_transport._loopback`). The real server's side is in the integration tests
(`test_in_process_clients.py`); here a minimal ASGI app stands in for it."""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from lg_transport import _loopback, create_http_client, create_sync_http_client

Scope = dict[str, Any]


class App:
    """A minimal ASGI app that answers the path and root path it was called with."""

    def __init__(self) -> None:
        self.scopes: list[Scope] = []

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        self.scopes.append(scope)
        body = b'{"path": "%s", "root_path": "%s"}' % (
            scope["path"].encode(),
            scope["root_path"].encode(),
        )
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@pytest.fixture(autouse=True)
def _no_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts outside any server, and leaves no app registered."""
    monkeypatch.setattr(_loopback, "_app", None)
    monkeypatch.delenv(_loopback.DEFER_ENV, raising=False)
    for name in [name for name in sys.modules if name.startswith("langgraph_api")]:
        monkeypatch.delitem(sys.modules, name)
    yield
    _loopback.configure_loopback_transports(None)


async def test_outside_a_server_url_none_is_localhost_8123() -> None:
    http = create_http_client()
    assert str(http.client.base_url) == "http://localhost:8123"
    await http.aclose()
    with create_sync_http_client().client as client:
        assert str(client.base_url) == "http://localhost:8123"


async def test_a_registered_app_serves_url_none_async_and_sync() -> None:
    app = App()
    _loopback.configure_loopback_transports(app)
    http = create_http_client()
    try:
        assert await http.get("/threads/t1") == {"path": "/threads/t1", "root_path": "/noauth"}
    finally:
        await http.aclose()
    assert str(http.client.base_url) == "http://api"
    sync_http = create_sync_http_client()
    try:
        # A sync call from a thread, as the server runs sync nodes.
        got = await asyncio.to_thread(sync_http.post, "/runs/search", json={})
        assert got == {"path": "/runs/search", "root_path": "/noauth"}
    finally:
        sync_http.close()
    assert [scope["method"] for scope in app.scopes] == ["GET", "POST"]


async def test_an_explicit_url_never_goes_in_process() -> None:
    _loopback.configure_loopback_transports(App())
    http = create_http_client(url="http://example.test:9")
    assert str(http.client.base_url) == "http://example.test:9"
    await http.aclose()


async def test_clients_made_before_the_app_exists_get_it_when_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The server sets this while importing a custom app, which may make module-level clients.
    monkeypatch.setenv(_loopback.DEFER_ENV, "true")
    early_async, early_sync = create_http_client(), create_sync_http_client()
    monkeypatch.delenv(_loopback.DEFER_ENV)
    app = App()
    _loopback.configure_loopback_transports(app)
    try:
        assert (await early_async.get("/ok"))["root_path"] == "/noauth"
        assert (await asyncio.to_thread(early_sync.get, "/ok"))["path"] == "/ok"
    finally:
        await early_async.aclose()
        early_sync.close()
    assert len(app.scopes) == 2


def _fake_server_modules(monkeypatch: pytest.MonkeyPatch, app: Any, loop: Any) -> None:
    """Stand-ins for the langgraph-api modules the loopback reads (`server.app`, its loop)."""
    package = types.ModuleType("langgraph_api")
    package.__path__ = []
    server = types.ModuleType("langgraph_api.server")
    server.app = app  # type: ignore[attr-defined]
    server_asyncio = types.ModuleType("langgraph_api.asyncio")
    server_asyncio.get_event_loop = lambda: loop  # type: ignore[attr-defined]
    for module in (package, server, server_asyncio):
        monkeypatch.setitem(sys.modules, module.__name__, module)


async def test_inside_a_server_that_has_not_registered_yet_its_app_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = App()
    _fake_server_modules(monkeypatch, app, asyncio.get_running_loop())
    http = create_http_client()
    try:
        assert (await http.get("/assistants/a"))["root_path"] == "/noauth"
    finally:
        await http.aclose()
    assert len(app.scopes) == 1


async def test_a_sync_call_on_the_servers_own_loop_is_refused_not_deadlocked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = App()
    _fake_server_modules(monkeypatch, app, asyncio.get_running_loop())
    _loopback.configure_loopback_transports(app)
    sync_http = create_sync_http_client()
    try:
        with pytest.raises(RuntimeError, match="use get_client"):
            sync_http.get("/ok")
    finally:
        sync_http.close()
    assert app.scopes == []
