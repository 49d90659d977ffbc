"""The LangGraph threads client, usable alone: ``pip install lg-threads``.

    from lg_threads import ThreadsClient

    async with ThreadsClient.connect(url="http://localhost:2024") as threads:
        thread = await threads.create(metadata={"user": "u1"})
        state = await threads.get_state(thread["thread_id"])

`SyncThreadsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from lg_threads._async.threads import ThreadsClient
from lg_threads._sync.threads import SyncThreadsClient

__all__ = ["SyncThreadsClient", "ThreadsClient"]
