"""A queue in front of httpcore's async pool: a call that would wait for a connection waits
before its request is built.

httpcore queues a request only once it is fully made: the `httpx.Request` and the httpcore
request with their header lists, the pool's request record with its events, and a chain of
coroutine frames from httpx's transport down to asyncio. With a thousand streams on a pool of a
hundred connections, nine hundred such sets wait at once. Here a call that would only wait
instead waits on one future, before any of that exists, and is let through when a connection
comes free. A run or thread stream takes its place (`Turn`) before even its resumer and its
first send are made (`HttpClient._line_up`), so a queued stream holds little more than its
request.

The rules are the pool's own:

- **Room** is what httpcore counts: the requests in the pool (``len(pool._requests)``, every
  caller's, whichever path they took) against its live ``max_connections``.
- **Order**: first come, first served; a new call never passes one already waiting, except a
  stream's follow-up call (``ApiRequest.follow_up``: its run's status, a rejoin), which goes
  ahead of the waiting calls, so that streams under way end before new ones start (and what
  each holds is freed sooner).
- **Pool timeout**: a call waits here at most its ``pool`` timeout (and what is left of
  ``total_timeout``); the caller gives httpcore only what is left of it, so the whole wait for
  a connection is bounded as before, and an expired wait ends in httpcore's own
  `httpx.PoolTimeout`, raised and retried as before.
- **Never stuck**: a call waits only while another call let through here is still in flight,
  whose end lets the next one through. Connections held by anything else (a response nobody
  closes, another path) make a call wait in httpcore's queue instead, as without the gate.
- **Cancellation** of a waiting call takes it out of the queue (and passes its turn on).

Only httpx's default transport over httpcore's pool (the lean pool: `lean_pool`), without
mounts (proxies) and without HTTP/2 (one connection carries many requests there), on the event
loop that made the gate; any other client has no gate (`async_admission` gives ``None``). The
sync client has none either: a waiting thread holds its own stack whatever it has built.
"""

from __future__ import annotations

import time
from collections import deque
from contextlib import suppress
from typing import Any, Protocol

import httpx

from lg_transport._internals import event_loops as _event_loops
from lg_transport._sentinel import NOT_PROVIDED

__all__ = [
    "AsyncPoolGate",
    "SyncPoolGate",
    "Turn",
    "async_admission",
    "leave_on_close",
    "set_pool_timeout",
    "sync_admission",
]

#: Where a client keeps its gate (a tuple: the transport it was made for, then the gate or
#: ``None`` when that transport cannot have one).
_ATTRIBUTE = "_lg_pool_gate"


class AsyncPoolGate:
    """The queue in front of one pool, on one event loop (see the module docstring)."""

    __slots__ = ("_holders", "_pool", "_reserved", "_waiters", "loop")

    def __init__(self, pool: Any, loop: Any) -> None:
        self._pool = pool
        self.loop = loop
        #: Calls let through and not yet over (their response closed, or their send failed).
        self._holders = 0
        #: Calls woken but not yet in the pool (they run after the call that woke them).
        self._reserved = 0
        self._waiters: deque[Any] = deque()

    def try_enter(self) -> bool:
        """Let a call through at once if nobody waits and the pool has room for it."""
        if self._waiters or (self._holders and self._full()):
            return False
        self._holders += 1
        return True

    async def enter(self, wait: float | None, *, ahead: bool = False) -> float:
        """Wait for a turn, at most ``wait`` seconds (``None``: no bound); the seconds waited.
        ``ahead``: before the calls already waiting (a stream's follow-up call).

        Once this returns the call is let through (`leave` must follow), even if the wait ran
        out: httpcore then gives it a connection at once or raises its own `PoolTimeout`.
        """
        turn = Turn(self, None, wait)
        ready = self.line_up(turn, ahead=ahead)
        try:
            woken = await ready
        except BaseException:
            self.give_up(turn)
            raise
        self.arrive(turn, woken)
        return turn.waited

    def line_up(self, turn: Turn, *, ahead: bool = False) -> Any:
        """Queue ``turn`` for at most its ``pool_wait``; the future to await, after which
        `arrive` must follow with its result (or `give_up`, if the await raised). These three
        are `enter` in parts, for a caller that waits in its own frame."""
        turn.started = time.monotonic()
        ready = turn.ready = self.loop.create_future()
        if ahead:
            self._waiters.appendleft(ready)
        else:
            self._waiters.append(ready)
        wait = turn.pool_wait
        if wait is not None:
            turn.expiry = self.loop.call_later(wait, _expire, self, ready)
        return ready

    def arrive(self, turn: Turn, woken: bool) -> None:
        """``turn``'s wait is over (``woken``: its turn came; else its wait ran out): the call
        is let through."""
        if turn.expiry is not None:
            turn.expiry.cancel()
        if woken:
            self._reserved -= 1
        else:
            self._holders += 1  # the wait ran out: on to httpcore's queue
        turn.waited = time.monotonic() - turn.started
        turn.ready = turn.expiry = None

    def give_up(self, turn: Turn) -> None:
        """The call waiting on ``turn`` was cancelled: out of the queue, and if it had been
        woken already, its turn goes on."""
        if turn.expiry is not None:
            turn.expiry.cancel()
        ready = turn.ready
        if ready.done() and not ready.cancelled() and ready.result():
            self._reserved -= 1
            self.leave()
        else:
            self._remove(ready)

    def leave(self) -> None:
        """A call let through is over: let the next ones in while there is room."""
        self._holders -= 1
        waiters = self._waiters
        while waiters and not (self._holders and self._full()):
            turn = waiters.popleft()
            if turn.done():
                continue
            turn.set_result(True)
            self._holders += 1
            self._reserved += 1

    def _full(self) -> bool:
        pool = self._pool
        in_pool: int = len(pool._requests) + self._reserved
        return in_pool >= pool._max_connections  # type: ignore[no-any-return]

    def _remove(self, turn: Any) -> None:
        with suppress(ValueError):  # gone already (woken or expired)
            self._waiters.remove(turn)


def _expire(gate: AsyncPoolGate, turn: Any) -> None:
    if not turn.done():
        gate._remove(turn)
        turn.set_result(False)


class SyncPoolGate(Protocol):
    """What the sync client's executor would call (it never gets a gate: `sync_admission`)."""

    def try_enter(self) -> bool: ...

    def enter(self, wait: float | None, *, ahead: bool = False) -> float: ...

    def line_up(self, turn: Turn, *, ahead: bool = False) -> Any: ...

    def arrive(self, turn: Turn, woken: bool) -> None: ...

    def give_up(self, turn: Turn) -> None: ...

    def leave(self) -> None: ...


class Turn:
    """A call's place in the gate, and what its first attempt starts from.

    A stream takes one before its first request exists (`HttpClient._line_up`), so that it
    waits holding only this. ``gate`` is the gate it was taken at (``None``: the client has
    none), entered once the wait is over; ``content`` the encoded body; ``pool_wait`` the
    call's whole wait for a connection (``NOT_PROVIDED``: it did not queue) and ``waited``
    what went by in the gate. ``ready``, ``expiry`` and ``started``: the wait under way."""

    __slots__ = ("content", "expiry", "gate", "pool_wait", "ready", "started", "waited")

    def __init__(
        self,
        gate: Any,  # the executor's own kind: AsyncPoolGate or SyncPoolGate, or None
        content: bytes | None,
        pool_wait: Any = NOT_PROVIDED,
    ) -> None:
        self.gate = gate
        self.content = content
        self.pool_wait = pool_wait
        self.waited = 0.0
        self.ready: Any = None
        self.expiry: Any = None
        self.started = 0.0


def async_admission(client: Any) -> AsyncPoolGate | None:
    """The gate of ``client``'s pool on the running event loop, or ``None`` if it has none."""
    transport = getattr(client, "_transport", None)
    kept = getattr(client, _ATTRIBUTE, None)
    if kept is not None and kept[0] is transport:
        gate: AsyncPoolGate | None = kept[1]
        if gate is None or gate.loop is _event_loops.running_loop():
            return gate
    gate = _make_gate(client, transport)
    with suppress(AttributeError):  # a client that takes no attributes: decided on each call
        setattr(client, _ATTRIBUTE, (transport, gate))
    return gate


def sync_admission(client: Any) -> SyncPoolGate | None:
    """The sync client has no gate (see the module docstring)."""
    return None


def leave_on_close(gate: AsyncPoolGate | SyncPoolGate, response: httpx.Response) -> None:
    """``gate.leave()`` once ``response`` is closed: now if it is (its body was read), else
    when its stream closes (the short path's stream calls it: its connection is free then).
    A stream that cannot call it leaves now; its connection still counts as the pool's."""
    stream: Any = response.stream
    if not response.is_closed and getattr(stream, "_gate", False) is None:
        stream._gate = gate
    else:
        gate.leave()


def set_pool_timeout(request: httpx.Request, wait: float | None, waited: float) -> None:
    """Give httpcore what is left of the call's wait for a connection (``waited`` went by in
    the gate), so that both waits together stay within it."""
    timeouts = request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        left = None if wait is None else max(wait - waited, 0.0)
        request.extensions["timeout"] = {**timeouts, "pool": left}


def _make_gate(client: Any, transport: Any) -> AsyncPoolGate | None:
    from lg_transport._internals.lean_pool import lean_pool_types

    if type(transport) is not httpx.AsyncHTTPTransport or getattr(client, "_mounts", True):
        return None
    pool = getattr(transport, "_pool", None)
    if type(pool) not in lean_pool_types() or getattr(pool, "_http2", True):
        return None
    if not isinstance(getattr(pool, "_requests", None), list):
        return None
    if not isinstance(getattr(pool, "_max_connections", None), int):
        return None
    return AsyncPoolGate(pool, _event_loops.running_loop())
