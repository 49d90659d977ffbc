"""The official SDK's private helpers (``langgraph_sdk._shared.utilities``) with their exact
signatures, for code and test suites that import them; each is a thin layer over ours."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlparse, urlsplit, urlunsplit

import httpx
import orjson

from lg_transport import errors
from lg_transport._options import build_headers, resolve_api_key
from lg_transport._sentinel import NOT_PROVIDED, NotGiven

__all__ = [
    "body_for_error",
    "default_port",
    "extract_error_message",
    "get_api_key",
    "get_headers",
    "map_status_error",
    "provided_vals",
    "quote_path_param",
    "reconnect_backoff",
    "run_check_headers",
    "run_url_from_stream_location",
    "validate_reconnect_location",
]


def get_api_key(api_key: str | None | NotGiven = NOT_PROVIDED) -> str | None:
    """``api_key`` when it is a str; from the environment when not given; else None."""
    if isinstance(api_key, str):
        return api_key
    return resolve_api_key(api_key) if isinstance(api_key, NotGiven) else None


def get_headers(
    api_key: str | None | NotGiven, custom_headers: Mapping[str, str] | None
) -> dict[str, str]:
    """A client's default headers: User-Agent, ``custom_headers``, then ``x-api-key`` (from
    ``api_key`` or, when not given, the environment). Setting ``x-api-key`` in
    ``custom_headers`` raises `ValueError`."""
    return build_headers(get_api_key(api_key), custom_headers)


def provided_vals(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` without its None entries."""
    return {key: value for key, value in values.items() if value is not None}


def quote_path_param(value: Any) -> str:
    """``value`` (a str, UUID, int, ...) as one percent-encoded path segment; ``/`` is encoded,
    and an all-dots segment becomes ``%2E``s so no HTTP stack collapses it as ``.``/``..``.
    None and bytes raise `TypeError` (they would make misleading paths)."""
    if value is None:
        raise TypeError("path parameter must not be None")
    if isinstance(value, (bytes, bytearray)):
        raise TypeError("path parameter must not be bytes; pass a str or uuid.UUID")
    quoted = quote(str(value), safe="")
    if quoted and quoted.count(".") == len(quoted):
        return "%2E" * len(quoted)
    return quoted


def extract_error_message(body: object | None, fallback: str) -> str:
    """The first non-empty str among ``message``, ``detail``, ``error`` of a JSON object body
    (then ``error.message``, ``error.detail``), else ``fallback``."""
    if isinstance(body, dict):
        for key in ("message", "detail", "error"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
        nested = body.get("error")
        if isinstance(nested, dict):
            for key in ("message", "detail"):
                value = nested.get(key)
                if isinstance(value, str) and value:
                    return value
    return fallback


def map_status_error(response: httpx.Response, body: object | None) -> errors.APIStatusError:
    """The typed error for an error ``response`` whose decoded ``body`` is given; the message
    is the body's own (see `extract_error_message`) or ``"<status> <reason>"``."""
    status = response.status_code
    cls = errors._STATUS_ERRORS.get(status) or (
        errors.InternalServerError if status >= 500 else errors.APIStatusError
    )
    message = extract_error_message(body, f"{status} {response.reason_phrase or 'HTTP Error'}")
    return cls(message, response=response, body=body)


def body_for_error(content: bytes) -> object | None:
    """An error body as JSON, else as text, else None (empty or undecodable)."""
    if not content:
        return None
    try:
        decoded: object = orjson.loads(content)
        return decoded
    except orjson.JSONDecodeError:
        try:
            return content.decode()
        except UnicodeDecodeError:
            return None


# The official reconnect loop's helpers, for code that imports them. Plain streams reconnect
# with them (`lg_transport._location`, `_async.plain_stream`); run and thread streams have their
# own rejoin logic (`lg_transport._rejoin`, `_async.resume`).

_RUN_STREAM_PATH = re.compile(r"(.*/threads/[^/]+/runs/[^/]+)/stream")


def default_port(scheme: str) -> int:
    """443 for ``https``, else 80."""
    return 443 if scheme == "https" else 80


def validate_reconnect_location(base_url: httpx.URL, location: str) -> str:
    """``location`` if it is relative or on ``base_url``'s origin (scheme, host, port with
    defaults filled in); `ValueError` otherwise, so credentials never go to another server."""
    parsed = urlparse(location)
    if not parsed.scheme and not parsed.netloc:
        return location
    scheme = str(base_url.scheme)
    base_origin = (scheme, str(base_url.host), base_url.port or default_port(scheme))
    location_origin = (
        parsed.scheme,
        parsed.hostname or "",
        parsed.port or default_port(parsed.scheme),
    )
    if base_origin != location_origin:
        raise ValueError(
            f"Refusing to follow cross-origin reconnect Location: {location!r} "
            f"(origin {location_origin}) does not match base URL origin {base_origin}"
        )
    return location


def run_url_from_stream_location(location: str) -> str | None:
    """The run's URL for a ``.../threads/{t}/runs/{r}/stream`` location (query dropped), else
    None."""
    url = urlsplit(location)
    match = _RUN_STREAM_PATH.fullmatch(url.path)
    return urlunsplit((url.scheme, url.netloc, match[1], "", "")) if match else None


def run_check_headers(reconnect_headers: Mapping[str, str]) -> dict[str, str]:
    """A stream's reconnect headers for a JSON ``GET`` of its run: without ``Accept`` and
    ``Last-Event-ID`` (any case), with ``Accept: application/json``."""
    kept = {
        key: value
        for key, value in reconnect_headers.items()
        if key.lower() not in ("accept", "last-event-id")
    }
    return {**kept, "Accept": "application/json"}


def reconnect_backoff(attempt: int, *, base: float, cap: float) -> float:
    """Seconds before reconnect ``attempt`` (0-based): ``base * 2**attempt`` capped at ``cap``,
    plus up to 25% jitter."""
    delay: float = min(cap, base * 2.0**attempt)
    return delay + random.uniform(0, delay * 0.25)
