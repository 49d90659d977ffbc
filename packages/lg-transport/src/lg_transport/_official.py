"""The official SDK's private helpers (``langgraph_sdk._shared.utilities``) with their exact
signatures, for code and test suites that import them; each is a thin layer over ours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from lg_transport import errors
from lg_transport._options import build_headers, resolve_api_key
from lg_transport._sentinel import NOT_PROVIDED, NotGiven

__all__ = [
    "body_for_error",
    "extract_error_message",
    "get_api_key",
    "get_headers",
    "map_status_error",
    "provided_vals",
    "quote_path_param",
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
