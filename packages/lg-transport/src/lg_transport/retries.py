"""When a failed call is tried again, and after how long. Pure functions, no I/O.

Two classes of call (`ApiRequest.retry_class`):
- "safe" calls read or are idempotent (GET, PUT, PATCH, DELETE, and the POSTs that only read:
  search, count, history, state by checkpoint, store search, namespaces). They are retried on
  any transport failure (connect, read, write, dropped keep-alive connection, timeout) and on
  408, 429, 500, 502, 503, 504.
- "create" calls start work (runs, batches, crons, state updates, copies). Retrying one whose
  request may have reached the server could start the work twice, so they are retried only
  when the server provably never saw the request (the connection or the pool slot could not be
  obtained) or refused it explicitly (429).
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping

import httpx

from lg_transport._request import RetryClass

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
#: A server asking for a longer pause than this gets the failure raised instead of a stall.
MAX_RETRY_AFTER = 60.0

SAFE_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
CREATE_RETRY_STATUSES = frozenset({429})

# Failures that happen before a single byte of the request is on the wire.
_NEVER_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
)


def status_is_retryable(retry_class: RetryClass, status: int) -> bool:
    allowed = SAFE_RETRY_STATUSES if retry_class == "safe" else CREATE_RETRY_STATUSES
    return status in allowed


def exception_is_retryable(retry_class: RetryClass, exc: BaseException) -> bool:
    if isinstance(exc, httpx.UnsupportedProtocol):
        return False  # a wrong URL does not fix itself
    if retry_class == "safe":
        return isinstance(exc, httpx.TransportError)
    return isinstance(exc, _NEVER_SENT)


def retry_after_seconds(headers: Mapping[str, str] | httpx.Headers) -> float | None:
    """The pause a server asked for through ``retry-after-ms`` or ``Retry-After``, if any."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(float(millis) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(float(email.utils.mktime_tz(parsed)) - time.time(), 0.0)


def backoff_seconds(attempt: int, retry_after: float | None = None) -> float:
    """Delay before retry number ``attempt`` (1-based): the server's wish, else jittered doubling."""
    if retry_after is not None and retry_after <= MAX_RETRY_AFTER:
        return retry_after
    base = min(INITIAL_BACKOFF * 2.0 ** (attempt - 1), MAX_BACKOFF)
    # "Equal jitter": at least half the base, so retries never stampede at zero delay.
    return base / 2 + random.uniform(0, base / 2)


def describe_failure(exc: BaseException | None, status: int | None) -> str:
    if status is not None:
        return f"status {status}"
    return type(exc).__name__ if exc is not None else "unknown failure"
