"""httpcore's connection pools, with the per-call sweep of idle sockets made lazy.

On the start and the end of every request, httpcore's pool sweeps all its connections: each
idle one is asked ``has_expired()``, which polls its socket (a ``select`` call) to see whether
the server closed it; it also counts the connections once per idle connection (quadratic). With
64 calls in flight that is ~128 system calls and ~8,000 Python calls per request, most of a
request's cost: 64 concurrent ``threads.create`` ran at ~1,000 calls/s, the same as bare httpx.

The lean pools keep the pool's rules and change when the costly check runs:

- the connection about to be reused is checked (``has_expired``) right before it is chosen, so
  no request is ever sent on an expired or server-closed connection (as before);
- the full sweep of every connection still runs, at most once per `SWEEP_INTERVAL` seconds, so
  idle connections the server closed are still released soon after;
- closed connections are dropped, and idle ones over ``max_keepalive_connections`` closed, on
  every call, as before (counted once, not once per connection).

Measured on 2 cores, 64 concurrent creates: ~1,000 -> ~1,900 calls/s async, ~3,650 -> ~3,950
sync. `lighten` swaps the class of a stock pool in place (a lean pool adds no state of its own
beyond the sweep time); any other pool, such as httpcore's proxies, is left as it is.
"""

from __future__ import annotations

import time
from contextlib import suppress
from typing import Any

import httpx

#: Seconds between full sweeps of the pool's connections.
SWEEP_INTERVAL = 1.0

_lean_classes: dict[type, type] | None = None


def _assign_requests_to_connections(pool: Any) -> list[Any]:
    """httpcore's assignment step (same name and contract: returns the connections to close)."""
    closing: list[Any] = []
    connections: list[Any] = pool._connections
    now = time.monotonic()
    sweep = now >= pool._lean_next_sweep
    if sweep:
        pool._lean_next_sweep = now + SWEEP_INTERVAL
    keepalive = pool._max_keepalive_connections
    for connection in list(connections):
        if connection.is_closed():
            connections.remove(connection)
        elif (sweep and connection.has_expired()) or (
            len(connections) > keepalive and connection.is_idle()
        ):
            connections.remove(connection)
            closing.append(connection)

    # `PoolRequest.is_queued` is ``connection is None``: read here without a call per request
    # (with many threads waiting, the queue is scanned twice per request).
    for pool_request in [request for request in pool._requests if request.connection is None]:
        origin = pool_request.request.url.origin
        chosen = None
        for connection in list(connections):
            if not (connection.can_handle_request(origin) and connection.is_available()):
                continue
            if not sweep and connection.has_expired():  # the sweep just checked it otherwise
                connections.remove(connection)
                closing.append(connection)
                continue
            chosen = connection
            break
        if chosen is None:
            if len(connections) >= pool._max_connections:
                idle = next((c for c in connections if c.is_idle()), None)
                if idle is None:
                    continue  # the request waits for a connection to come free
                connections.remove(idle)
                closing.append(idle)
            chosen = pool.create_connection(origin)
            connections.append(chosen)
        pool_request.assign_to_connection(chosen)
    return closing


def _with_lean_connections(stock: type) -> Any:
    """``create_connection`` for the lean subclass of the sync pool ``stock``: its connections
    take the short HTTP/1.1 exchange (`lg_transport._internals.lean_http11`)."""
    from lg_transport._internals.lean_http11 import lean_connection

    create = stock.create_connection  # type: ignore[attr-defined]

    def create_connection(pool: Any, origin: Any) -> Any:
        return lean_connection(create(pool, origin))

    return create_connection


def _classes() -> dict[type, type]:
    """Stock pool class -> its lean subclass (empty if httpcore is laid out differently)."""
    global _lean_classes
    if _lean_classes is not None:
        return _lean_classes
    _lean_classes = {}
    try:
        from httpcore._async.connection_pool import AsyncConnectionPool
        from httpcore._sync.connection_pool import ConnectionPool
    except ImportError:  # another httpcore layout: stock pools
        return _lean_classes
    for stock in (AsyncConnectionPool, ConnectionPool):
        if not callable(getattr(stock, "_assign_requests_to_connections", None)):
            continue  # same reason
        members: dict[str, Any] = {
            "__doc__": "httpcore's pool with a lazy sweep (`lg_transport._internals.lean_pool`).",
            "__module__": __name__,
            "_lean_next_sweep": 0.0,
            "_assign_requests_to_connections": _assign_requests_to_connections,
        }
        if stock is ConnectionPool:
            # If httpcore's connection classes moved, its own exchange.
            with suppress(ImportError):
                members["create_connection"] = _with_lean_connections(stock)
        lean = type(f"Lean{stock.__name__}", (stock,), members)
        _lean_classes[stock] = lean
    return _lean_classes


def lean_pool_types() -> tuple[type, ...]:
    """The lean pool classes (for code that checks a pool's exact type)."""
    return tuple(_classes().values())


def lighten(transport: httpx.AsyncBaseTransport | httpx.BaseTransport) -> None:
    """Make the pool of httpx's default transport lean; leave any other transport alone."""
    if type(transport) not in (httpx.AsyncHTTPTransport, httpx.HTTPTransport):
        return
    pool = getattr(transport, "_pool", None)
    lean = _classes().get(type(pool))
    if lean is not None and _has_pool_state(pool):
        pool.__class__ = lean


def _has_pool_state(pool: Any) -> bool:
    """Whether ``pool`` has the attributes the lean assignment step reads."""
    return all(
        hasattr(pool, name)
        for name in (
            "_connections",
            "_requests",
            "_max_connections",
            "_max_keepalive_connections",
            "create_connection",
        )
    )
