"""httpcore's pools with a lazy sweep (`lg_transport._internals.lean_pool`), against a loopback server.

The lean pools must keep every rule of httpcore's own: the behaviour tests run on both (stock and
lean) and expect the same outcome. The lean-only tests pin what the laziness must never cost: a
call is never sent on a connection the server closed, or whose keep-alive expired, even when no
sweep has run since.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from loopback_http import read_request
from proven_paths import HTTPCORE_PATHS, needs_httpcore_paths

from lg_transport import create_http_client, create_sync_http_client
from lg_transport._aiohttp import AiohttpTransport
from lg_transport._internals import lighten
from lg_transport._internals.lean_pool import lean_pool_types

OK = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"


class KeepAliveServer:
    """Answers ``{}`` to every request on kept-alive connections (``/slow`` after 0.1 s).

    Records how many connections it accepted and every request line; `close_idle` closes, from
    the server's side, each connection waiting for its next request (as uvicorn does after 5 s).
    """

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.requests: list[str] = []
        self._idle: set[socket.socket] = set()
        self._accepted: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._accepted.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        with conn:
            with self._lock:
                self._idle.add(conn)
            while True:
                request = read_request(conn, buffer)
                if request is None:
                    return
                with self._lock:
                    self._idle.discard(conn)
                request_line, buffer = request
                self.requests.append(request_line)
                if request_line.split(" ")[1] == "/slow":
                    time.sleep(0.1)
                with self._lock:  # idle from now on: before the client can see the answer
                    self._idle.add(conn)
                try:
                    conn.sendall(OK)
                except OSError:
                    return

    def close_idle(self, *, spare_first: bool = False) -> None:
        """Close the idle connections (but the first one accepted, with ``spare_first``)."""
        with self._lock:
            idle = self._idle - {self._accepted[0]} if spare_first else set(self._idle)
            self._idle -= idle
        for conn in idle:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        time.sleep(0.05)  # the FIN reaches the client's sockets

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def server() -> Iterator[KeepAliveServer]:
    keep_alive = KeepAliveServer()
    yield keep_alive
    keep_alive.close()


def async_client(url: str, lean: bool, **limits: Any) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(**limits))
    if lean:
        lighten(transport)
    return httpx.AsyncClient(base_url=url, transport=transport)


def sync_client(url: str, lean: bool, **limits: Any) -> httpx.Client:
    transport = httpx.HTTPTransport(limits=httpx.Limits(**limits))
    if lean:
        lighten(transport)
    return httpx.Client(base_url=url, transport=transport)


def pool_of(client: httpx.AsyncClient | httpx.Client) -> Any:
    return client._transport._pool  # type: ignore[union-attr]


def no_sweep_for_a_while(client: httpx.AsyncClient | httpx.Client) -> None:
    pool_of(client)._lean_next_sweep = time.monotonic() + 3600


# --- which pools are made lean ------------------------------------------------------------------


def test_clients_built_here_get_lean_pools(server: KeepAliveServer) -> None:
    executor = create_http_client(url=server.url)
    sync_executor = create_sync_http_client(url=server.url)
    lean = "Lean" if HTTPCORE_PATHS else ""  # lean where proved, httpcore's own elsewhere
    assert type(pool_of(executor.client)).__name__ == f"{lean}AsyncConnectionPool"
    assert type(pool_of(sync_executor.client)).__name__ == f"{lean}ConnectionPool"
    assert all(
        isinstance(pool_of(c.client), lean_pool_types()) == HTTPCORE_PATHS
        for c in (executor, sync_executor)
    )
    sync_executor.close()


def test_other_transports_and_pools_are_left_alone(server: KeepAliveServer) -> None:
    given = httpx.AsyncHTTPTransport()
    executor = create_http_client(url=server.url, transport=given)
    assert type(given._pool).__name__ == "AsyncConnectionPool"  # a caller's transport as given
    assert executor.client._transport is given
    proxied = httpx.AsyncHTTPTransport(proxy="http://127.0.0.1:9")
    lighten(proxied)
    assert type(proxied._pool).__name__ == "AsyncHTTPProxy"
    aiohttp_transport = AiohttpTransport()
    lighten(aiohttp_transport)  # not an httpx transport: nothing to do, no error
    assert not hasattr(aiohttp_transport, "_pool")


# --- the pool's rules, stock and lean alike ----------------------------------------------------


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_connections_are_reused(server: KeepAliveServer, lean: bool) -> None:
    async with async_client(server.url, lean) as client:
        for _ in range(5):
            assert (await client.post("/threads", json={})).json() == {}
    assert server.connections == 1


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_queued_calls_wait_for_a_free_connection(server: KeepAliveServer, lean: bool) -> None:
    async with async_client(server.url, lean, max_connections=2) as client:
        answers = await asyncio.gather(*(client.get("/slow") for _ in range(6)))
    assert [a.json() for a in answers] == [{}] * 6
    assert server.connections == 2


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_queued_calls_to_two_origins_all_complete(
    server: KeepAliveServer, lean: bool
) -> None:
    other = KeepAliveServer()
    try:
        async with async_client(server.url, lean, max_connections=2) as client:
            calls = [
                client.get(f"{origin.url}/slow")
                for _ in range(4)
                for origin in (server, other, other)
            ]
            answers = await asyncio.gather(*calls)
        assert [a.json() for a in answers] == [{}] * 12
        assert len(server.requests) == 4
        assert len(other.requests) == 8
    finally:
        other.close()


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_pool_timeout_when_every_connection_is_busy(
    server: KeepAliveServer, lean: bool
) -> None:
    async with async_client(server.url, lean, max_connections=1) as client:
        busy = asyncio.create_task(client.get("/slow"))
        await asyncio.sleep(0.02)
        with pytest.raises(httpx.PoolTimeout):
            await client.get("/ok", timeout=httpx.Timeout(5.0, pool=0.01))
        assert (await busy).json() == {}


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_idle_connections_over_the_keepalive_limit_are_closed(
    server: KeepAliveServer, lean: bool
) -> None:
    async with async_client(server.url, lean, max_keepalive_connections=1) as client:
        await asyncio.gather(*(client.get("/slow") for _ in range(4)))
        assert len(pool_of(client).connections) == 1


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_expired_keepalive_is_not_reused(server: KeepAliveServer, lean: bool) -> None:
    async with async_client(server.url, lean, keepalive_expiry=0.05) as client:
        await client.get("/ok")
        await asyncio.sleep(0.1)
        if lean:
            no_sweep_for_a_while(client)  # only the check of the chosen connection can see it
        await client.get("/ok")
        assert len(pool_of(client).connections) == 1
    assert server.connections == 2


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
async def test_a_create_never_goes_out_on_a_connection_the_server_closed(
    server: KeepAliveServer, lean: bool
) -> None:
    async with async_client(server.url, lean) as client:
        await asyncio.gather(*(client.get("/slow") for _ in range(3)))
        server.close_idle()
        if lean:
            no_sweep_for_a_while(client)
        for _ in range(3):
            assert (await client.post("/threads", json={})).json() == {}
    # One fresh connection carried all three creates, each received exactly once.
    assert server.connections == 4
    assert server.requests.count("POST /threads HTTP/1.1") == 3


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
def test_sync_pool_rules(server: KeepAliveServer, lean: bool) -> None:
    with sync_client(server.url, lean, max_connections=2) as client:
        with ThreadPoolExecutor(6) as threads:
            answers = list(threads.map(lambda _: client.get("/slow"), range(6)))
        assert [a.json() for a in answers] == [{}] * 6
        assert server.connections == 2
        server.close_idle()
        if lean:
            no_sweep_for_a_while(client)
        assert client.post("/threads", json={}).json() == {}
        assert len(pool_of(client).connections) == 1
    assert server.connections == 3
    assert server.requests.count("POST /threads HTTP/1.1") == 1


@pytest.mark.parametrize("lean", [False, True], ids=["stock", "lean"])
def test_sync_keepalive_limit(server: KeepAliveServer, lean: bool) -> None:
    with sync_client(server.url, lean, max_keepalive_connections=1) as client:
        with ThreadPoolExecutor(4) as threads:
            list(threads.map(lambda _: client.get("/slow"), range(4)))
        assert len(pool_of(client).connections) == 1


# --- the lazy sweep -----------------------------------------------------------------------------


@needs_httpcore_paths
async def test_without_a_sweep_dead_idle_connections_wait_in_the_pool(
    server: KeepAliveServer,
) -> None:
    async with async_client(server.url, lean=True) as client:
        await asyncio.gather(*(client.get("/slow") for _ in range(3)))
        server.close_idle(spare_first=True)
        no_sweep_for_a_while(client)
        assert (await client.post("/threads", json={})).json() == {}
        # The first connection, still open, carried the call; the two the server closed were
        # not looked at (no sweep), which is the saving.
        assert len(pool_of(client).connections) == 3
    assert server.connections == 3


@needs_httpcore_paths
async def test_the_chosen_connection_is_checked_and_dead_ones_before_it_dropped(
    server: KeepAliveServer,
) -> None:
    async with async_client(server.url, lean=True) as client:
        await asyncio.gather(*(client.get("/slow") for _ in range(3)))
        server.close_idle()
        no_sweep_for_a_while(client)
        assert (await client.post("/threads", json={})).json() == {}
        # Each connection it tried was found closed and dropped; a new one carried the call.
        assert len(pool_of(client).connections) == 1
    assert server.connections == 4
    assert server.requests.count("POST /threads HTTP/1.1") == 1


@needs_httpcore_paths
async def test_the_sweep_releases_every_dead_idle_connection(server: KeepAliveServer) -> None:
    async with async_client(server.url, lean=True) as client:
        await asyncio.gather(*(client.get("/slow") for _ in range(3)))
        server.close_idle(spare_first=True)
        pool_of(client)._lean_next_sweep = 0.0  # the interval has passed
        await client.get("/ok")
        assert len(pool_of(client).connections) == 1
        assert pool_of(client)._lean_next_sweep > time.monotonic()
