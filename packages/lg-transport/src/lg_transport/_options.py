"""Connection options shared by `get_client` and every resource package's own constructor.

Resolution rules (the official SDK's, kept exactly):
- ``url=None``: the Agent Server's own app, in-process, when running inside one (async and
  sync clients, `lg_transport._loopback`), else ``http://localhost:8123``.
- API key: the argument; when it is not given, ``LANGGRAPH_API_KEY``, ``LANGSMITH_API_KEY``,
  ``LANGCHAIN_API_KEY`` in that order; an explicit ``None`` sends no key. It travels as
  ``x-api-key`` and cannot be overridden through ``headers``.
- Timeout: a float, a 2- or 4-tuple (connect, read[, write, pool]) or an `httpx.Timeout`;
  by default connect 5 s, read 300 s, write 300 s, pool 5 s.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import httpx

from lg_transport._option_checks import check_headers, check_timeout_seconds
from lg_transport._sentinel import NotGiven
from lg_transport._version import VERSION

DEFAULT_URL = "http://localhost:8123"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=300.0, write=300.0, pool=5.0)
API_KEY_ENV_VARS = ("LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY")
USER_AGENT = f"langgraph-sdk-py/{VERSION}"
# Headers the SDK owns; a caller's ``headers=`` may not replace them.
RESERVED_HEADERS = frozenset({"x-api-key"})

TimeoutTypes = (
    float
    | tuple[float | None, float | None]
    | tuple[float | None, float | None, float | None, float | None]
    | httpx.Timeout
    | None
)


def resolve_api_key(api_key: str | None | NotGiven) -> str | None:
    if not isinstance(api_key, NotGiven):
        return api_key
    for name in API_KEY_ENV_VARS:
        value = os.environ.get(name)
        if value and value.strip():
            # Keys pasted into .env files often carry quotes or whitespace.
            return value.strip().strip("\"'")
    return None


def build_headers(
    api_key: str | None, headers: Mapping[str, str] | None, *, user_agent: bool = True
) -> dict[str, str]:
    """Default headers of a client; raises `ValueError` if ``headers`` sets a reserved one."""
    check_headers(headers)
    result = {"User-Agent": USER_AGENT} if user_agent else {}
    for name, value in (headers or {}).items():
        if name.lower() in RESERVED_HEADERS:
            raise ValueError(
                f"headers: {name!r} cannot be set through headers; pass api_key= instead"
            )
        result[name] = value
    if api_key:
        result["x-api-key"] = api_key
    return result


def resolve_timeout(timeout: TimeoutTypes) -> httpx.Timeout:
    """The `httpx.Timeout` for ``timeout``; a negative or non-numeric part is refused."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        check_timeout_seconds(timeout)
        return timeout
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool):
        resolved = httpx.Timeout(float(timeout))
        check_timeout_seconds(resolved)
        return resolved
    if isinstance(timeout, tuple) and len(timeout) in (2, 4):
        connect, read, *rest = timeout
        write, pool = rest if rest else (DEFAULT_TIMEOUT.write, DEFAULT_TIMEOUT.pool)
        resolved = httpx.Timeout(connect=connect, read=read, write=write, pool=pool)
        check_timeout_seconds(resolved)
        return resolved
    raise TypeError(
        "timeout must be a float, a (connect, read) or (connect, read, write, pool) tuple, "
        f"or an httpx.Timeout; got {timeout!r}"
    )


def validate_max_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError(f"max_retries must be an int >= 0, got {max_retries!r}")
    return max_retries
