"""Reconnection of plain event streams by the response's ``Location``. Pure: no I/O.

`HttpClient.stream` keeps the official client's contract for any stream that is not a run or
thread stream (those get `lg_transport._async.resume`): after a cut it reconnects with a
bodyless ``GET`` of the ``Location`` the response named, sending ``Last-Event-ID``; after a
clean close of a run's stream it asks the run whether it is still live. These functions decide
the URLs, headers and pauses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import httpx

from lg_transport._official import (
    reconnect_backoff,
    run_check_headers,
    run_url_from_stream_location,
    validate_reconnect_location,
)

__all__ = [
    "NO_CURSOR_WARNING",
    "backoff_seconds",
    "has_cursor",
    "reconnect_headers",
    "reconnect_location",
    "run_check_headers",
    "run_check_url",
]

#: Pauses before reconnection n (1-based), each plus up to a quarter of jitter: 1, 2, 4, 5, 5 s.
BACKOFF_BASE: Final = 1.0
BACKOFF_CAP: Final = 5.0
#: What the reconnection warns about when it has no cursor to resume from.
NO_CURSOR_WARNING: Final = (
    "Reconnecting without a Last-Event-ID: events sent while disconnected are not replayed "
    "(only runs created with stream_resumable=True send the event ids to resume from)."
)

_RUN = re.compile(r".*/threads/[^/]+/runs/[^/]+/?")
_BODY_HEADERS: Final = frozenset({"content-length", "content-type"})

#: The run behind a run-stream location (``.../threads/t/runs/r/stream``), without query;
#: ``None`` for any other stream.
run_check_url = run_url_from_stream_location


def reconnect_location(headers: httpx.Headers, base_url: httpx.URL) -> str | None:
    """Where to reconnect the stream of this response: its ``Location``, else the run its
    ``Content-Location`` names plus ``/stream``; ``None`` when it names neither.

    A location on another origin than ``base_url`` raises `ValueError` (reconnecting there
    would send the caller's credentials to a foreign server), as the official client does.
    """
    location: str | None = headers.get("location")
    if not location:
        content = headers.get("content-location")
        if not content or not _RUN.fullmatch(urlsplit(content).path):
            return None
        parts = urlsplit(content)
        location = str(urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/stream")))
    return validate_reconnect_location(base_url, location)


def reconnect_headers(caller: Mapping[str, str] | None, cursor: str | None) -> dict[str, str]:
    """The caller's headers for a bodyless reconnection.

    ``cursor`` is the last event id the stream sent: ``None`` until it sends one (the caller's
    own ``Last-Event-ID``, in any spelling, is then kept), ``""`` after an empty ``id:`` (no
    cursor at all).
    """
    headers = {k: v for k, v in (caller or {}).items() if k.lower() not in _BODY_HEADERS}
    if cursor is not None:
        headers = {k: v for k, v in headers.items() if k.lower() != "last-event-id"}
        if cursor:
            headers["Last-Event-ID"] = cursor
    return headers


def has_cursor(headers: Mapping[str, str]) -> bool:
    return any(k.lower() == "last-event-id" and v for k, v in headers.items())


def backoff_seconds(attempt: int) -> float:
    """Pause before reconnection ``attempt`` (1-based): the official client's schedule."""
    return reconnect_backoff(attempt - 1, base=BACKOFF_BASE, cap=BACKOFF_CAP)
