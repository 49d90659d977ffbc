"""Reconnection of plain event streams by the response's ``Location``. Pure: no I/O.

`HttpClient.stream` keeps the official client's contract for any stream that is not a run or
thread stream (those get `lg_transport._async.resume`): after a cut it reconnects with a
bodyless ``GET`` of the ``Location`` the response named, sending ``Last-Event-ID``; after a
clean close of a run's stream it asks the run whether it is still live. These functions decide
the URLs, headers and pauses.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import httpx

#: Pauses before reconnection n (1-based), each plus up to a quarter of jitter: 1, 2, 4, 5, 5 s.
BACKOFF_BASE: Final = 1.0
BACKOFF_CAP: Final = 5.0
#: What the reconnection warns about when it has no cursor to resume from.
NO_CURSOR_WARNING: Final = (
    "Reconnecting without a Last-Event-ID: events sent while disconnected are not replayed "
    "(only runs created with stream_resumable=True send the event ids to resume from)."
)

_RUN_STREAM = re.compile(r"(?P<run>.*/threads/[^/]+/runs/[^/]+)/stream/?")
_RUN = re.compile(r".*/threads/[^/]+/runs/[^/]+/?")
_BODY_HEADERS: Final = frozenset({"content-length", "content-type"})


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
    _check_same_origin(location, base_url)
    return location


def _check_same_origin(location: str, base_url: httpx.URL) -> None:
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        return
    wanted = (base_url.scheme, base_url.host, base_url.port or _default_port(base_url.scheme))
    try:
        port = parts.port
    except ValueError:
        port = None
    found = (parts.scheme, parts.hostname or "", port or _default_port(parts.scheme))
    if found != wanted:
        raise ValueError(
            f"refusing to reconnect a stream to {location!r}: not the origin of the client's "
            f"base URL ({base_url.scheme}://{base_url.netloc.decode()})"
        )


def _default_port(scheme: str) -> int | None:
    return {"http": 80, "https": 443}.get(scheme)


def run_check_url(location: str) -> str | None:
    """The run behind a run-stream location (``.../threads/t/runs/r/stream``), without query;
    ``None`` for any other stream."""
    parts = urlsplit(location)
    match = _RUN_STREAM.fullmatch(parts.path)
    if match is None:
        return None
    return str(urlunsplit((parts.scheme, parts.netloc, match.group("run"), "", "")))


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


def run_check_headers(reconnect: Mapping[str, str]) -> dict[str, str]:
    """Headers of the run check: the caller's, asking for JSON, without the stream cursor."""
    headers = {k: v for k, v in reconnect.items() if k.lower() not in ("accept", "last-event-id")}
    headers["Accept"] = "application/json"
    return headers


def backoff_seconds(attempt: int) -> float:
    """Pause before reconnection ``attempt`` (1-based): the official client's schedule."""
    delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))
    return float(delay + random.uniform(0, delay / 4))
