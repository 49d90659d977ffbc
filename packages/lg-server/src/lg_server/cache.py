"""A key/value cache shared by a LangGraph deployment (``langgraph_sdk.cache``).

The cache is the Agent Server's own: these functions hand over to ``langgraph_api.cache`` and
so work only in code the server runs (graphs, auth handlers, ...). Anywhere else they raise
`RuntimeError` when called, not when imported. Values must be JSON-serializable.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

CacheStatus = Literal["miss", "fresh", "stale", "expired"]

# Looked up once, at import, like the official module: tests and servers patch these names.
try:
    from langgraph_api.cache import (  # type: ignore[import-not-found, unused-ignore]
        cache_get as _cache_get,
    )
    from langgraph_api.cache import (  # type: ignore[import-not-found, unused-ignore]
        cache_set as _cache_set,
    )
except ImportError:
    _cache_get = None
    _cache_set = None

try:
    from langgraph_api.cache import SWRResult  # type: ignore[import-not-found, unused-ignore]
    from langgraph_api.cache import (  # type: ignore[import-not-found, unused-ignore]
        swr as _api_swr,
    )
except ImportError:
    _api_swr = None

    class SWRResult(Generic[T]):  # type: ignore[no-redef, unused-ignore]
        """What `swr` returns: ``value``, ``status`` and ``await result.mutate(...)``. Only the
        server creates these; outside one this class exists for annotations."""

        value: T
        status: CacheStatus

        async def mutate(self, value: T = ...) -> T:
            """Store ``value`` (or reload through the loader when omitted) and return it."""
            raise NotImplementedError("SWRResult is only produced inside the Agent Server")


__all__ = ["SWRResult", "cache_get", "cache_set", "swr"]

_OUTSIDE_SERVER = (
    "Cache is only available server-side within the LangGraph Agent Server "
    "(https://docs.langchain.com/langsmith/deployments)."
)
_MAX_AGE = timedelta(days=1)


async def cache_get(key: str) -> Any | None:
    """The value stored under ``key``, or ``None`` when missing or expired.
    Needs Agent Server runtime 0.7.29 or later."""
    if _cache_get is None:
        raise RuntimeError(_OUTSIDE_SERVER)
    return await _cache_get(key)


async def cache_set(key: str, value: Any, *, ttl: timedelta | None = None) -> None:
    """Store ``value`` (JSON-serializable) under ``key`` for ``ttl`` (``None`` or zero: one day,
    the cap). Needs Agent Server runtime 0.7.29 or later."""
    if _cache_set is None:
        raise RuntimeError(_OUTSIDE_SERVER)
    await _cache_set(key, value, ttl)


async def swr(
    key: str,
    loader: Callable[[], Awaitable[T]],
    *,
    fresh_for: timedelta | None = None,
    max_age: timedelta | None = None,
    model: type[T] | None = None,
) -> SWRResult[T]:
    """Stale-while-revalidate: a miss or an entry older than ``max_age`` (default one day)
    awaits ``loader()`` and stores the result; an entry younger than ``fresh_for`` (default 0)
    is returned as is; one in between is returned at once and refreshed in the background.
    ``model`` (a pydantic model class) stores values via ``model_dump(mode="json")`` and reads
    them back with ``model_validate``. Both durations are capped by the server."""
    if _api_swr is None:
        raise RuntimeError(_OUTSIDE_SERVER)
    return await _api_swr(  # type: ignore[no-any-return, unused-ignore]
        key,
        loader,
        fresh_for=timedelta(0) if fresh_for is None else fresh_for,
        max_age=_MAX_AGE if max_age is None else max_age,
        model=model,
    )
