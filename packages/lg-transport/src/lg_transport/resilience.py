"""Settings, callback payload and error of stream reconnection (see docs/resilience.md).

Settings (on `get_client`, every resource client's ``connect``, and ``with_options``):

- ``max_retries`` (2): retries of a failed call, by the rules of `lg_transport.retries`.
- ``stream_reconnect_attempts`` (5): reconnections of a run or thread stream in a row without
  a new event in between (any new event resets the count); 0 turns reconnection off.
- ``stream_idle_timeout`` (20 s): a run or thread stream (or a waited run) silent for longer
  is taken for a dead connection and resumed. The server sends a heartbeat every 5 s, so
  silence means a half-open socket or a stuck proxy; ``None`` keeps only the read timeout.
- ``on_reconnect``: called with a `ReconnectEvent` before each reconnection.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import httpx

from lg_transport.errors import APIConnectionError

__all__ = [
    "DEFAULT_STREAM_IDLE_TIMEOUT",
    "DEFAULT_STREAM_RECONNECT_ATTEMPTS",
    "OnReconnect",
    "ReconnectEvent",
    "StreamGapError",
    "StreamReconnectError",
    "reconnect_delay",
]

DEFAULT_STREAM_RECONNECT_ATTEMPTS: Final = 5
DEFAULT_STREAM_IDLE_TIMEOUT: Final = 20.0
#: First reconnection after about this long: a live stream must not wait a second per cut.
RECONNECT_INITIAL_DELAY: Final = 0.05
RECONNECT_MAX_DELAY: Final = 2.0


@dataclass(frozen=True, slots=True)
class ReconnectEvent:
    """What `on_reconnect` is told before a stream (or a waited run) is rejoined."""

    #: Reconnection number since the last new event (1 for the first).
    attempt: int
    #: Why: ``"ReadError"``, ``"idle for 20.0s"``, ``"closed while the run was running"``, ...
    reason: str
    #: Seconds until the reconnection is sent.
    delay: float
    #: Method and path of the rejoin request, e.g. ``"GET /threads/t/runs/r/stream"``.
    request: str
    #: The ``Last-Event-ID`` it sends, if any.
    last_event_id: str | None
    thread_id: str | None
    run_id: str | None


OnReconnect = Callable[[ReconnectEvent], None]


class StreamGapError(APIConnectionError):
    """A stream broke and could not be resumed without losing events.

    Raised instead of silently skipping: the run was not created with
    ``stream_resumable=True`` (the server cannot replay what was missed), or the server gave
    no path to rejoin it (stateless runs). The run itself may well go on: ``run_id`` and
    ``thread_id`` (when known) let the caller ``join`` it for its final state.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request,
        thread_id: str | None = None,
        run_id: str | None = None,
        last_event_id: str | None = None,
    ) -> None:
        super().__init__(message=message, request=request)
        self.thread_id = thread_id
        self.run_id = run_id
        self.last_event_id = last_event_id


def reconnect_delay(attempt: int, server_retry_ms: int | None = None) -> float:
    """Pause before reconnection ``attempt`` (1-based): ~50 ms doubling to 2 s, jittered.

    An SSE ``retry:`` field from the server sets the first pause instead.
    """
    first = RECONNECT_INITIAL_DELAY if server_retry_ms is None else server_retry_ms / 1000.0
    base = min(first * 2 ** (attempt - 1), max(RECONNECT_MAX_DELAY, first))
    return float(base / 2 + random.uniform(0, base / 2))


def validate_reconnect_attempts(value: int) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"stream_reconnect_attempts must be an int >= 0, got {value!r}")
    return value


def validate_idle_timeout(value: float | None) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float) or not value > 0:
        raise ValueError(f"stream_idle_timeout must be a number > 0 or None, got {value!r}")
    return float(value)


def validate_on_reconnect(value: OnReconnect | None) -> OnReconnect | None:
    if value is not None and not callable(value):
        raise TypeError(f"on_reconnect must be callable, got {type(value).__name__}")
    return value


class StreamReconnectError(APIConnectionError):
    """A plain event stream kept failing: its reconnections ran out without progress.

    An ``httpx.TransportError`` (as every `APIConnectionError`), as the official client's error
    is; ``__cause__`` is the last failure (a typed error), so callers see why.
    """
