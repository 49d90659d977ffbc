"""In-process clients: ``url=None`` inside an Agent Server calls the server's own ASGI app.

How the server (langgraph-api) and the official SDK meet, kept here:
- the server calls `configure_loopback_transports(app)` once its app exists;
- a client made before that (the server imports the user's custom app and auth modules while
  building its own app, with ``__LANGGRAPH_DEFER_LOOPBACK_TRANSPORT=true`` during the former)
  gets a transport without an app, which that call completes;
- requests are mounted at ``/noauth``: the server skips authentication for them (an ASGI
  ``root_path`` cannot come from the network), since they come from the server's own code;
- the transport is the server's own `langgraph_api.asgi_transport.ASGITransport`, which runs
  the app on the server's main loop and hands the body over piece by piece (live streams);
  httpx's `ASGITransport`, the fallback, returns a body only once the app has finished.

Unlike the official, a process that does not run langgraph-api gets ``None`` here (the client
then goes to ``http://localhost:8123``) instead of a transport whose app never comes.
Sync clients get the same transport through `SyncLoopbackTransport`.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import httpx

#: The URL of in-process clients (the official's).
LOOPBACK_URL = "http://api"
#: Where the server mounts in-process requests; it skips authentication for them.
ROOT_PATH = "/noauth"
#: Set by the server while it imports modules that may make clients before its app exists.
DEFER_ENV = "__LANGGRAPH_DEFER_LOOPBACK_TRANSPORT"

_app: Any = None
# Transports made before the app existed; `configure_loopback_transports` completes them.
_waiting: weakref.WeakSet[Any] = weakref.WeakSet()


def configure_loopback_transports(app: Any) -> None:
    """Register the server's ASGI app for ``url=None`` clients (the server calls this)."""
    global _app
    _app = app
    for transport in list(_waiting):
        transport.app = app


def loopback_app() -> Any:
    """The registered in-process ASGI app, or ``None``."""
    return _app


def asgi_transport_class() -> Any:
    """The transport class in-process clients use: the server's own, else httpx's."""
    try:
        return importlib.import_module("langgraph_api.asgi_transport").ASGITransport
    except (ImportError, AttributeError):  # an older server, or an app registered by hand
        return httpx.ASGITransport


def _server_app() -> Any:
    """The app of the langgraph-api server running in this process, else ``None``."""
    try:
        return importlib.import_module("langgraph_api.server").app
    except Exception:  # still being imported: the server registers it when done
        return None


def loopback_transport() -> httpx.AsyncBaseTransport | None:
    """The transport of an async ``url=None`` client: in-process inside a server, else None."""
    app = _app
    deferred = os.environ.get(DEFER_ENV) == "true"
    if app is None and not deferred:
        if "langgraph_api" not in sys.modules:
            return None  # not inside a server: never import (and build) one
        app = _server_app()
    transport: httpx.AsyncBaseTransport = asgi_transport_class()(app=app, root_path=ROOT_PATH)
    if app is None:
        _waiting.add(transport)
    return transport


def sync_loopback_transport() -> httpx.BaseTransport | None:
    """The transport of a sync ``url=None`` client: in-process inside a server, else None."""
    transport = loopback_transport()
    return None if transport is None else SyncLoopbackTransport(transport)


class _LoopThread:
    """One event loop in a daemon thread that carries every sync in-process call."""

    _lock = threading.Lock()
    _instance: _LoopThread | None = None

    def __init__(self) -> None:
        import asyncio  # on first use: importing the SDK stays free of asyncio's import cost

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="lg-transport-loopback", daemon=True
        )
        self.thread.start()

    @classmethod
    def get(cls) -> _LoopThread:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def run(self, coro: Any) -> Any:
        import asyncio

        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()


def _check_not_on_the_servers_loop() -> None:
    """A sync call made on the loop that runs the app would wait for itself forever."""
    import asyncio

    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        return  # a plain thread (a sync node runs in one): fine
    try:
        server_loop = importlib.import_module("langgraph_api.asyncio").get_event_loop()
    except Exception:
        return
    if running is server_loop:
        raise RuntimeError(
            "get_sync_client() in-process calls cannot run on the server's event loop "
            "(they would wait for the loop they block): use get_client() in async code, "
            "or call the sync client from a sync node (the server runs those in threads)"
        )


class SyncLoopbackTransport(httpx.BaseTransport):
    """A sync transport over an async in-process one: each call runs on a loop thread of its
    own (the server's transport then schedules the app on the server's loop), and the body is
    handed over piece by piece, so sync streams are live too."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.transport = transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _check_not_on_the_servers_loop()
        # The async transport needs an async body; a sync request's body is read at once.
        async_request = httpx.Request(
            request.method,
            request.url,
            headers=request.headers,
            content=request.read(),
            extensions=request.extensions,
        )
        loop = _LoopThread.get()
        response: httpx.Response = loop.run(self.transport.handle_async_request(async_request))
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_SyncBody(response.stream, loop),
            extensions=response.extensions,
        )

    def close(self) -> None:
        _LoopThread.get().run(self.transport.aclose())


class _SyncBody(httpx.SyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, loop: _LoopThread) -> None:
        self._stream = stream
        self._loop = loop

    def __iter__(self) -> Iterator[bytes]:
        chunks = self._stream.__aiter__()
        while True:
            try:
                chunk: bytes = self._loop.run(chunks.__anext__())
            except StopAsyncIteration:
                return
            yield chunk

    def close(self) -> None:
        self._loop.run(self._stream.aclose())
