"""Python SDK for the LangGraph Agent Server REST API, a drop-in for the official `langgraph-sdk`.

    from langgraph_sdk import get_client

    client = get_client(url="http://localhost:8123")
    thread = await client.threads.create()
    async for part in client.runs.stream(thread["thread_id"], "agent", input={...}):
        print(part.event, part.data)

This package composes the workspace's micro-packages (`lg_schema`, `lg_transport`,
`lg_assistants`, `lg_threads`, `lg_runs`, `lg_crons`, `lg_store`, `lg_auth`) and re-exports them
under the official module paths.
"""

from langgraph_sdk._async.client import get_client
from langgraph_sdk._sync.client import get_sync_client
from langgraph_sdk.auth import Auth
from lg_transport import __version__

__all__ = ["Auth", "__version__", "get_client", "get_sync_client"]
