"""Checks of the connection options, run when a client is made (not at its first call).

Each raises `TypeError` or `ValueError` naming the option, with what was given and what would
work. The official SDK accepts these values and fails later, inside httpx, with a message that
names neither the option nor the value (docs/compatibility.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import httpx


def check_url(url: object) -> None:
    """An absolute ``http://`` or ``https://`` URL with a host (``None`` means the default)."""
    if url is None:
        return
    if not isinstance(url, (str, httpx.URL)):
        raise TypeError(f"url must be a str such as 'http://localhost:2024', got {_kind(url)}")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ValueError(f"url {str(url)!r} is not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        hint = ""
        if "://" not in str(url):
            hint = f" (did you mean 'http://{url}'?)"
        raise ValueError(f"url must start with http:// or https://, got {str(url)!r}{hint}")
    if not parsed.host:
        raise ValueError(f"url has no host: {str(url)!r}")


def check_api_key(api_key: object) -> None:
    """A str (``None``: send no key). A number or bytes is a mistake, not a key."""
    if api_key is not None and not isinstance(api_key, str):
        raise TypeError(f"api_key must be a str or None, got {_kind(api_key)}")


def check_headers(headers: object) -> None:
    """A mapping of header names to values, each a str (or bytes, as httpx allows)."""
    if headers is None:
        return
    if not isinstance(headers, Mapping):
        raise TypeError(f"headers must be a mapping of str to str, got {_kind(headers)}")
    for name, value in headers.items():
        if not isinstance(name, (str, bytes)):
            raise TypeError(f"headers: the name {name!r} must be a str, got {_kind(name)}")
        if not isinstance(value, (str, bytes)):
            raise TypeError(f"headers[{name!r}] must be a str, got {_kind(value)}")


def check_timeout_seconds(timeout: httpx.Timeout) -> None:
    """Every part of a resolved timeout is ``None`` or a number of seconds >= 0."""
    for part, value in timeout.as_dict().items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(
                f"timeout: {part} must be a number of seconds or None, got {_kind(value)}"
            )
        if math.isnan(value) or value < 0:
            raise ValueError(f"timeout: {part} must be >= 0 seconds, got {value!r}")


def _kind(value: Any) -> str:
    return (
        f"{type(value).__name__} {value!r}"
        if isinstance(value, (int, float))
        else type(value).__name__
    )
