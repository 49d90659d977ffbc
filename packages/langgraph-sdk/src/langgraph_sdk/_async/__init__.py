"""The clients at their official module paths (`_sync` is generated from `_async`)."""

from langgraph_sdk._async.assistants import AssistantsClient
from langgraph_sdk._async.client import LangGraphClient, get_client
from langgraph_sdk._async.cron import CronClient
from langgraph_sdk._async.http import HttpClient
from langgraph_sdk._async.runs import RunsClient
from langgraph_sdk._async.store import StoreClient
from langgraph_sdk._async.threads import ThreadsClient

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
