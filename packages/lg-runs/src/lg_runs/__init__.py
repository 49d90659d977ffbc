"""The LangGraph runs client, usable alone: ``pip install lg-runs``.

    from lg_runs import RunsClient

    async with RunsClient.connect(url="http://localhost:8123") as runs:
        async for part in runs.stream(None, "agent", input={"messages": []}):
            print(part.event, part.data)

`SyncRunsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lg_runs._async.runs import RunsClient

if TYPE_CHECKING:
    from lg_runs._sync.runs import SyncRunsClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncRunsClient": "lg_runs._sync.runs"}

__all__ = ["RunsClient", "SyncRunsClient"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
