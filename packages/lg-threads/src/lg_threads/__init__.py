"""The LangGraph threads client, usable alone: ``pip install lg-threads``.

    from lg_threads import ThreadsClient

    async with ThreadsClient.connect(url="http://localhost:2024") as threads:
        thread = await threads.create(metadata={"user": "u1"})
        state = await threads.get_state(thread["thread_id"])

`SyncThreadsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_threads._async.threads import ThreadsClient
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_threads._sync.threads import SyncThreadsClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncThreadsClient": "lg_threads._sync.threads"}

__all__ = ["SyncThreadsClient", "ThreadsClient"]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
