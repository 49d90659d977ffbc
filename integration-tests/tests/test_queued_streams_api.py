"""Many run streams on one async client with fewer connections than streams, against the real
server: every stream gets all its events, and the calls beyond the pool's connections queued
in the pool's gate (`lg_transport._internals.pool_gate`) before their requests were built."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client
from lg_transport._async.http import HttpClient
from lg_transport._internals import async_admission

pytestmark = pytest.mark.integration
ECHO = {"messages": [{"role": "user", "content": "hi"}]}
STREAMS = 24
CONNECTIONS = 3


@pytest.mark.needs("end_event")
async def test_streams_beyond_the_pool_all_finish_in_turn(
    agent_server_url: str, http_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No bound on the wait for a connection: a call whose pool timeout ran out goes on to
    # httpcore's queue (and is retried), which this test is not about.
    client = get_client(url=agent_server_url, timeout=httpx.Timeout(60.0, pool=None))
    http: Any = client.http
    gated = http_backend == "httpx"
    pool = http.client._transport._pool if gated else None
    if gated:
        pool._max_connections = pool._max_keepalive_connections = CONNECTIONS
    threads = [await client.threads.create() for _ in range(STREAMS)]
    alone = [
        part.event async for part in client.runs.stream(threads[0]["thread_id"], "echo", input=ECHO)
    ]

    building = {"now": 0, "most": 0}
    build = HttpClient._build

    def counted_build(self: HttpClient, *args: Any, **kwargs: Any) -> Any:
        building["now"] = len(pool._requests) + 1 if pool is not None else 0
        building["most"] = max(building["most"], building["now"])
        return build(self, *args, **kwargs)

    monkeypatch.setattr(HttpClient, "_build", counted_build)

    async def stream(thread: dict[str, Any]) -> list[str]:
        return [
            part.event async for part in client.runs.stream(thread["thread_id"], "echo", input=ECHO)
        ]

    results = await asyncio.gather(*(stream(thread) for thread in threads))
    assert all(events == alone for events in results)
    gate = async_admission(http.client)
    if not gated:
        assert gate is None
    else:
        # No request was built while the pool already held as many as it has connections.
        assert building["most"] <= CONNECTIONS
        assert gate is not None
        assert (gate._holders, gate._reserved, len(gate._waiters)) == (0, 0, 0)
    await client.aclose()
