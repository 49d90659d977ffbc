"""`lg_transport._internals.event_loops`: a call from a new event loop forgets the old loop's pooled
connections (httpx pools, the aiohttp lane's session), and fails at once while the old loop is
still running calls. The real pattern runs in integration-tests/tests/test_event_loops_api.py."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from proven_paths import SHORT_PATH

from lg_transport._connect import create_http_client
from lg_transport._internals import event_loops as _event_loops


def fake_client(requests: list[Any], loop: Any = None) -> Any:
    pool = SimpleNamespace(_connections=["conn"], _requests=requests)
    connector = SimpleNamespace(_conns={"k": ["c"]}, _acquired=set(), _closed=False)
    session = SimpleNamespace(connector=connector, closed=False)
    transport = SimpleNamespace(_pool=pool, _session=session, _loop=loop)
    return SimpleNamespace(_transport=transport, _mounts={}), pool, connector


def test_a_closed_loop_s_connections_and_session_are_forgotten() -> None:
    old = asyncio.new_event_loop()
    old.close()
    client, pool, connector = fake_client([], loop=old)
    _event_loops.move_to_loop(client, old)
    assert (pool._connections, pool._requests) == ([], [])
    assert connector._closed is True and connector._conns == {}
    assert client._transport._session is None


def test_calls_in_flight_in_a_running_loop_fail_at_once() -> None:
    other = asyncio.new_event_loop()
    try:
        client, pool, _ = fake_client(["in flight"], loop=other)
        with pytest.raises(RuntimeError, match="Make one client per event loop"):
            _event_loops.move_to_loop(client, other)
        assert pool._connections == ["conn"]  # nothing was taken from the other loop
    finally:
        other.close()


@pytest.mark.skipif(
    not SHORT_PATH,
    reason=f"httpx {httpx.__version__} is outside the short path's proven range: the client is "
    "httpx's own, which does not follow event loops (test_internals checks which is used)",
)
def test_the_client_follows_successive_asyncio_runs() -> None:
    http = create_http_client(
        url="http://test", transport=httpx.MockTransport(lambda r: httpx.Response(200, json=[]))
    )
    loops = []

    async def call() -> None:
        assert await http.get("/threads") == []
        loops.append(http.client._loop)  # type: ignore[attr-defined]

    asyncio.run(call())
    asyncio.run(call())
    assert loops[0] is not loops[1]
    asyncio.run(http.aclose())
