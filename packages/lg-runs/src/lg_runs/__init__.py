"""The LangGraph runs client, usable alone: ``pip install lg-runs``.

    from lg_runs import RunsClient

    async with RunsClient.connect(url="http://localhost:8123") as runs:
        async for part in runs.stream(None, "agent", input={"messages": []}):
            print(part.event, part.data)

`SyncRunsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_runs._async.runs import RunsClient
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_runs._sync.runs import SyncRunsClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncRunsClient": "lg_runs._sync.runs"}

__all__ = ["RunsClient", "SyncRunsClient"]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
