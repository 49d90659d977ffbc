"""Thread streams over WebSocket against the real Agent Server, with the connections cut.

The SDK reads WebSocket subscriptions with its own client (`lg_threads._websocket`). Here a
byte-level proxy forwards everything between the SDK and the server and cuts the first
WebSocket connections after a few hundred bytes from the server (a reset or a FIN, no close
frame): each subscription must reconnect with ``since`` and hand out every event once, in
order, async and sync.
"""

from __future__ import annotations

import select
import socket
import struct
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from langgraph_sdk import get_client, get_sync_client
from lg_threads._async import builtin_websocket as async_builtin
from lg_threads._sync import builtin_websocket as sync_builtin

pytestmark = pytest.mark.needs("thread_stream_v2")


class CuttingProxy:
    """Forwards TCP connections to ``upstream``; the first ``cuts`` WebSocket upgrades are cut
    after ``after`` bytes from the server, alternately with a reset and a FIN."""

    def __init__(self, upstream: str, cuts: int, after: int) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.cuts_left = cuts
        self.after = after
        self.cut = 0
        self.upgrades = 0
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        # One thread per connection, both directions in one select loop: a socket that another
        # thread is blocked reading would not really close (no FIN, no reset) when cut.
        server = socket.create_connection(self.upstream)
        cut_after: int | None = None
        seen_request = False
        sent = 0
        try:
            while True:
                readable, _, _ = select.select([client, server], [], [])
                if client in readable:
                    data = client.recv(65536)
                    if not data:
                        return
                    if not seen_request:
                        seen_request = True
                        if b"upgrade: websocket" in data.lower():
                            with self.lock:
                                self.upgrades += 1
                                if self.cuts_left > 0:
                                    self.cuts_left -= 1
                                    cut_after = self.after
                    server.sendall(data)
                if server in readable:
                    data = server.recv(65536)
                    if not data:
                        return
                    if cut_after is not None and sent + len(data) > cut_after:
                        client.sendall(data[: cut_after - sent])
                        self._cut(client)
                        return
                    client.sendall(data)
                    sent += len(data)
        except OSError:
            pass
        finally:
            client.close()
            server.close()

    def _cut(self, client: socket.socket) -> None:
        """Alternately a reset (SO_LINGER 0, then close) and a FIN."""
        with self.lock:
            self.cut += 1
            reset = self.cut % 2 == 1
        if reset:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            client.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def proxy(agent_server_url: str) -> Iterator[CuttingProxy]:
    cutting = CuttingProxy(agent_server_url, cuts=4, after=700)
    yield cutting
    cutting.close()


@pytest.fixture
def builtin_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each subscription opened through the built-in client."""
    calls: list[str] = []
    for module in (async_builtin, sync_builtin):
        real = module.events

        def counting(*args: Any, real: Any = real, **kwargs: Any) -> Any:
            calls.append(args[1])
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "events", counting)
    return calls


def check_every_event_once(events: list[dict[str, Any]]) -> None:
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))  # every event once, in order
    done = [e["params"]["data"].get("done") for e in events]
    assert [d for d in done if d is not None] == list(range(1, 13))  # and none missing


async def test_cut_websockets_resume_with_since_exactly_once(
    proxy: CuttingProxy, builtin_calls: list[str]
) -> None:
    client = get_client(url=proxy.url, api_key=None, stream_reconnect_attempts=20)
    async with client.threads.stream(assistant_id="slow", transport="websocket") as thread:
        await thread.run.start(input={"steps": 12, "delay": 0.01}, config={"recursion_limit": 40})
        events = [e async for e in thread.subscribe(["values"])]
        output = await thread.output
    await client.aclose()
    assert proxy.cut >= 3, proxy.cut
    assert len(builtin_calls) == proxy.upgrades  # every connection on the built-in client
    check_every_event_once(events)
    assert output["done"] == 12


def test_cut_websockets_resume_with_since_exactly_once_sync(
    proxy: CuttingProxy, builtin_calls: list[str]
) -> None:
    client = get_sync_client(url=proxy.url, api_key=None, stream_reconnect_attempts=20)
    with client.threads.stream(assistant_id="slow", transport="websocket") as thread:
        thread.run.start(input={"steps": 12, "delay": 0.01}, config={"recursion_limit": 40})
        events = list(thread.subscribe(["values"]))
        output = thread.output
    client.close()
    assert proxy.cut >= 3, proxy.cut
    assert len(builtin_calls) == proxy.upgrades
    check_every_event_once(events)
    assert output["done"] == 12
