"""One async client across event loops: the notebook pattern.

``client = get_client()`` once, then ``asyncio.run(client.threads.search())`` in one cell and
``asyncio.run(...)`` again in the next: each run has its own event loop, and the first run's
loop is closed when it ends. The pooled connections belong to that loop; using one from the
next loop fails with ``RuntimeError: Event loop is closed`` (only when a kept-alive connection
is picked, so at random).

The async client notes the loop of its last call. When a call comes from another loop, the
connections of the old loop are forgotten (their sockets are closed by the garbage collector)
and new ones are opened in the new loop. If the old loop is still running calls of its own
(another thread), the call fails at once with a `RuntimeError` saying why and what to do.
The check is one identity comparison per call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

IN_USE_ELSEWHERE = (
    "this async client has calls in flight in another event loop that is still running "
    "(another thread?); an async client serves one event loop at a time. Make one client per "
    "event loop or thread (get_client() is cheap), or use get_sync_client() from threads."
)


def _first_running_loop() -> Any:
    # asyncio is imported only once a call is made (a loop is then running, so it is loaded).
    global running_loop
    from asyncio.events import _get_running_loop

    running_loop = _get_running_loop
    return _get_running_loop()


#: The running event loop (``None`` outside one); resolved on the first call.
running_loop: Callable[[], Any] = _first_running_loop


def move_to_loop(client: Any, old_loop: Any) -> None:
    """Forget what ``client``'s transports hold for ``old_loop`` (see the module docstring).

    Raises `RuntimeError` when ``old_loop`` still runs calls through them.
    """
    transports = [client._transport, *client._mounts.values()]
    still_running = old_loop is not None and not old_loop.is_closed()
    if still_running and any(_busy(transport) for transport in transports):
        raise RuntimeError(IN_USE_ELSEWHERE)
    for transport in transports:
        _forget(transport, old_loop)


def _pools(transport: Any) -> list[Any]:
    """The httpcore pools behind an httpx transport (and the aiohttp lane's stream transport)."""
    pools = []
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_connections"):
        pools.append(pool)
    streams = getattr(transport, "_streams", None)  # the aiohttp lane's event-stream transport
    if streams is not None:
        pools.extend(_pools(streams))
    return pools


def _busy(transport: Any) -> bool:
    if any(pool._requests for pool in _pools(transport)):
        return True
    session = getattr(transport, "_session", None)
    connector = getattr(session, "connector", None)
    return bool(getattr(connector, "_acquired", None))


def _forget(transport: Any, old_loop: Any) -> None:
    for pool in _pools(transport):
        pool._connections = []
        pool._requests = []
    session = getattr(transport, "_session", None)
    if session is not None and getattr(transport, "_loop", None) is old_loop:
        retire_session(session)
        transport._session = None


def retire_session(session: Any) -> None:
    """Mark an aiohttp session of a finished loop closed without awaiting (its loop cannot run
    anything any more): aiohttp would otherwise print "Unclosed client session" at exit."""
    connector = session.connector
    if connector is None:
        return
    try:
        connector._conns.clear()
        connector._acquired.clear()
        connector._closed = True
    except AttributeError:  # pragma: no cover - another aiohttp layout: leave it be
        return
