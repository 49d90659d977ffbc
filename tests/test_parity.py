"""The sync clients offer exactly the async clients' surface: names, parameters, defaults, types.

The sync modules are generated from the async ones, so drift would mean the generator or a
hand edit went wrong; this test says where.
"""

from __future__ import annotations

import inspect
import re

import pytest

from langgraph_sdk.client import (
    AssistantsClient,
    CronClient,
    HttpClient,
    LangGraphClient,
    RunsClient,
    StoreClient,
    SyncAssistantsClient,
    SyncCronClient,
    SyncHttpClient,
    SyncLangGraphClient,
    SyncRunsClient,
    SyncStoreClient,
    SyncThreadsClient,
    ThreadsClient,
    get_client,
    get_sync_client,
)
from langgraph_sdk.stream import AsyncThreadStream, RunModule, SyncRunModule, SyncThreadStream
from lg_transport import ItemPager, SyncItemPager

PAIRS = [
    (AsyncThreadStream, SyncThreadStream),
    (RunModule, SyncRunModule),
    (AssistantsClient, SyncAssistantsClient),
    (ThreadsClient, SyncThreadsClient),
    (RunsClient, SyncRunsClient),
    (CronClient, SyncCronClient),
    (StoreClient, SyncStoreClient),
    (HttpClient, SyncHttpClient),
    (ItemPager, SyncItemPager),
    (LangGraphClient, SyncLangGraphClient),
]
ASYNC_ONLY_NAMES = {"aclose": "close", "__aenter__": "__enter__", "__aexit__": "__exit__"}


def _as_sync_text(text: str) -> str:
    """What an async annotation reads as in the sync twin."""
    text = text.replace("AsyncIterator", "Iterator").replace("httpx.AsyncClient", "httpx.Client")
    text = text.replace("httpx.AsyncBaseTransport", "httpx.BaseTransport")
    text = text.replace("AsyncThreadStream", "SyncThreadStream")
    text = re.sub(r"(?<![\w.])ItemPager\b", "SyncItemPager", text)
    return re.sub(r"(?<![\w.])(?!Sync)(\w*Client)\b", r"Sync\1", text)


def _public_methods(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(cls)
        if callable(member)
        and (
            not name.startswith("_")
            or name in {"__aenter__", "__aexit__", "__enter__", "__exit__", "__init__"}
        )
    }


def _describe(func: object) -> list[tuple[str, str, str, str]]:
    signature = inspect.signature(func)  # type: ignore[arg-type]
    params = [
        (p.name, str(p.kind), repr(p.default), str(p.annotation))
        for p in signature.parameters.values()
    ]
    params.append(("return", "", "", str(signature.return_annotation)))
    return params


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS, ids=lambda cls: cls.__name__)
def test_sync_twin_has_the_same_surface(async_cls: type, sync_cls: type) -> None:
    async_methods = _public_methods(async_cls)
    sync_methods = _public_methods(sync_cls)
    expected_names = {ASYNC_ONLY_NAMES.get(name, name) for name in async_methods}
    assert expected_names == set(sync_methods)
    for name, method in async_methods.items():
        sync_method = sync_methods[ASYNC_ONLY_NAMES.get(name, name)]
        expected = [
            (n, kind, default, _as_sync_text(annotation))
            for n, kind, default, annotation in _describe(method)
        ]
        assert _describe(sync_method) == expected, f"{async_cls.__name__}.{name}"


def test_async_methods_are_coroutines_or_async_iterators() -> None:
    for async_cls, sync_cls in PAIRS:
        for name in _public_methods(async_cls):
            sync_method = getattr(sync_cls, ASYNC_ONLY_NAMES.get(name, name))
            assert not inspect.iscoroutinefunction(sync_method), f"{sync_cls.__name__}.{name}"


def test_factories_match() -> None:
    expected = [
        (n, kind, default, _as_sync_text(annotation))
        for n, kind, default, annotation in _describe(get_client)
    ]
    assert _describe(get_sync_client) == expected
