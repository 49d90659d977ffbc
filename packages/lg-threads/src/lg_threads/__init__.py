"""The LangGraph threads client, usable alone: ``pip install lg-threads``.

    from lg_threads import ThreadsClient

    async with ThreadsClient.connect(url="http://localhost:2024") as threads:
        thread = await threads.create(metadata={"user": "u1"})
        state = await threads.get_state(thread["thread_id"])

`SyncThreadsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lg_threads._async.threads import ThreadsClient

if TYPE_CHECKING:
    from lg_threads._sync.threads import SyncThreadsClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncThreadsClient": "lg_threads._sync.threads"}

__all__ = ["SyncThreadsClient", "ThreadsClient"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
