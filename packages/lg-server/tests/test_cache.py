"""`lg_server.cache`: a clear error outside a server, a faithful hand-over inside one."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

import lg_server.cache as cache


async def test_outside_a_server_every_call_raises_runtime_error() -> None:
    async def loader() -> int:
        raise AssertionError("must not be called")

    assert cache._cache_get is None and cache._api_swr is None
    for call in (cache.cache_get("k"), cache.cache_set("k", 1), cache.swr("k", loader)):
        with pytest.raises(RuntimeError, match="only available server-side"):
            await call


@pytest.fixture
def server_cache() -> Iterator[tuple[Any, list[tuple[Any, ...]]]]:
    """`lg_server.cache` as loaded inside a server: a fake ``langgraph_api.cache`` is present."""
    calls: list[tuple[Any, ...]] = []
    store: dict[str, Any] = {}

    async def cache_get(key: str) -> Any:
        calls.append(("get", key))
        return store.get(key)

    async def cache_set(key: str, value: Any, ttl: timedelta | None = None) -> None:
        calls.append(("set", key, value, ttl))
        store[key] = value

    async def swr(key: str, loader: Any, *, fresh_for: Any, max_age: Any, model: Any) -> Any:
        calls.append(("swr", key, fresh_for, max_age, model))
        return await loader()

    api = types.ModuleType("langgraph_api")
    api_cache = types.ModuleType("langgraph_api.cache")
    api_cache.__dict__.update(cache_get=cache_get, cache_set=cache_set, swr=swr, SWRResult=object)
    saved = {name: sys.modules.get(name) for name in ("langgraph_api", "langgraph_api.cache")}
    sys.modules.update({"langgraph_api": api, "langgraph_api.cache": api_cache})
    try:
        yield importlib.reload(cache), calls
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        importlib.reload(cache)


async def test_inside_a_server_calls_are_handed_over(
    server_cache: tuple[Any, list[tuple[Any, ...]]],
) -> None:
    module, calls = server_cache
    assert module.SWRResult is object  # the server's class, not the stand-in

    async def loader() -> str:
        return "loaded"

    await module.cache_set("k", {"v": 1}, ttl=timedelta(minutes=5))
    assert await module.cache_get("k") == {"v": 1}
    assert await module.swr("s", loader) == "loaded"
    assert await module.swr("t", loader, fresh_for=timedelta(1), max_age=timedelta(2)) == "loaded"
    assert calls == [
        ("set", "k", {"v": 1}, timedelta(minutes=5)),
        ("get", "k"),
        ("swr", "s", timedelta(0), timedelta(days=1), None),
        ("swr", "t", timedelta(1), timedelta(2), None),
    ]
