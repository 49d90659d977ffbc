"""The clients at their official module paths (`_sync` is generated from `_async`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from langgraph_sdk._async.assistants import AssistantsClient
    from langgraph_sdk._async.client import LangGraphClient, get_client
    from langgraph_sdk._async.cron import CronClient
    from langgraph_sdk._async.http import HttpClient
    from langgraph_sdk._async.runs import RunsClient
    from langgraph_sdk._async.store import StoreClient
    from langgraph_sdk._async.threads import ThreadsClient

# Loaded on first use: `import langgraph_sdk` needs only the client module, and each of these
# official-path modules is one more file to find and load on every start-up.
_WHERE = {
    "AssistantsClient": "langgraph_sdk._async.assistants",
    "LangGraphClient": "langgraph_sdk._async.client",
    "get_client": "langgraph_sdk._async.client",
    "CronClient": "langgraph_sdk._async.cron",
    "HttpClient": "langgraph_sdk._async.http",
    "RunsClient": "langgraph_sdk._async.runs",
    "StoreClient": "langgraph_sdk._async.store",
    "ThreadsClient": "langgraph_sdk._async.threads",
}

__all__ = [
    "AssistantsClient",
    "CronClient",
    "HttpClient",
    "LangGraphClient",
    "RunsClient",
    "StoreClient",
    "ThreadsClient",
    "get_client",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE)
