"""The LangGraph runs client, usable alone: ``pip install lg-runs``.

    from lg_runs import RunsClient

    async with RunsClient.connect(url="http://localhost:8123") as runs:
        async for part in runs.stream(None, "agent", input={"messages": []}):
            print(part.event, part.data)

`SyncRunsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from lg_runs._async.runs import RunsClient
from lg_runs._sync.runs import SyncRunsClient

__all__ = ["RunsClient", "SyncRunsClient"]
