"""``total_timeout``: one bound, in wall time, on a whole call with its retries and rejoins.

``timeout`` bounds each network wait of each attempt (connect, every read, write, pool); with
retries, a waited run's rejoins and the server's 5-second heartbeats on ``runs.wait``, a call
can take many times that. ``total_timeout`` bounds the whole call:

- every attempt's timeouts are cut to the time left, and no attempt starts once it is spent;
- no pause between attempts goes past it (the call fails at once instead of sleeping);
- async calls are also cancelled when it is spent, even while a body trickles in.

When it is spent the call raises `APITimeoutError` naming the call and the bound. It applies
to calls that return a value (``runs.wait`` included), not to streams, which
``stream_idle_timeout`` watches instead. The normal path pays one ``is None`` check per call.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from lg_transport.errors import APITimeoutError

T = TypeVar("T")

#: The monotonic time at which the call in progress must be done (None: no bound).
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "lg_transport_deadline", default=None
)


class DeadlineReached(Exception):
    """Internal: the time left cannot cover the next pause or attempt."""


def check_total_timeout(total_timeout: object) -> float | None:
    if total_timeout is None:
        return None
    if isinstance(total_timeout, bool) or not isinstance(total_timeout, (int, float)):
        raise TypeError(
            f"total_timeout must be a number of seconds or None, got {type(total_timeout).__name__}"
        )
    if not total_timeout > 0:
        raise ValueError(f"total_timeout must be > 0 seconds, got {total_timeout!r}")
    return float(total_timeout)


def check_pause(seconds: float) -> None:
    """Raise `DeadlineReached` when a pause of ``seconds`` would end past the call's bound."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() + seconds >= deadline:
        raise DeadlineReached


def time_left() -> float | None:
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


class _Bounded:
    """Wraps an httpx client: each request's timeouts are cut to the time left."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def _clamp(self, request: httpx.Request) -> None:
        left = time_left()
        if left is None:
            return
        if left <= 0:
            raise httpx.PoolTimeout("total_timeout spent before the attempt", request=request)
        current = request.extensions.get("timeout") or self._client.timeout.as_dict()
        request.extensions["timeout"] = {
            part: left if value is None else min(value, left) for part, value in current.items()
        }


class BoundedClient(_Bounded):
    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self._clamp(request)
        return await self._client.send(request, **kwargs)  # type: ignore[no-any-return]


class SyncBoundedClient(_Bounded):
    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self._clamp(request)
        return self._client.send(request, **kwargs)  # type: ignore[no-any-return]


def _spent(seconds: float, method: str, path: str, client: Any) -> APITimeoutError:
    return APITimeoutError(
        client.build_request(method, path),
        message=f"{method} {path} did not finish within total_timeout={seconds:g}s "
        "(retries included)",
    )


class CallDeadline:
    """Runs an async call under ``total_timeout``."""

    @staticmethod
    async def run(
        seconds: float, method: str, path: str, client: Any, call: Callable[[], Awaitable[T]]
    ) -> T:
        import asyncio

        token = _deadline.set(time.monotonic() + seconds)
        try:
            # wait_for, not asyncio.timeout: the packages support Python 3.10.
            return await asyncio.wait_for(call(), seconds)
        except DeadlineReached:
            raise _spent(seconds, method, path, client) from None
        except APITimeoutError as exc:
            if (time_left() or 0) <= 0:
                raise _spent(seconds, method, path, client) from exc
            raise
        except asyncio.TimeoutError as exc:  # wait_for's own: the inner call raises typed errors
            raise _spent(seconds, method, path, client) from exc
        finally:
            _deadline.reset(token)


class SyncCallDeadline:
    """Runs a sync call under ``total_timeout`` (by its timeouts and pauses: no cancelling)."""

    @staticmethod
    def run(seconds: float, method: str, path: str, client: Any, call: Callable[[], T]) -> T:
        token = _deadline.set(time.monotonic() + seconds)
        try:
            return call()
        except DeadlineReached:
            raise _spent(seconds, method, path, client) from None
        except APITimeoutError as exc:
            if (time_left() or 0) <= 0:
                raise _spent(seconds, method, path, client) from exc
            raise
        finally:
            _deadline.reset(token)
