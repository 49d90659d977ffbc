"""The official `langgraph_sdk.client` module path: re-exports only (the sync ones lazily)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from langgraph_sdk._async.client import LangGraphClient, get_client
from lg_assistants import AssistantsClient
from lg_crons import CronClient
from lg_runs import RunsClient
from lg_store import StoreClient
from lg_threads import ThreadsClient
from lg_transport import HttpClient, configure_loopback_transports
from lg_transport.lazy import lazy_names
from lg_transport.official import adecode_response_json as _adecode_json
from lg_transport.official import aencode_request_json as _aencode_json

if TYPE_CHECKING:
    from langgraph_sdk._sync.client import SyncLangGraphClient, get_sync_client
    from lg_assistants import SyncAssistantsClient
    from lg_crons import SyncCronClient
    from lg_runs import SyncRunsClient
    from lg_store import SyncStoreClient
    from lg_threads import SyncThreadsClient
    from lg_transport import SyncHttpClient
    from lg_transport.official import decode_response_json as _decode_json
    from lg_transport.official import encode_request_json as _encode_json

# The sync clients load when first reached (`from langgraph_sdk.client import
# SyncLangGraphClient` included): an async program that imports this module for its types
# never pays for them.
_LAZY = {
    "SyncLangGraphClient": "langgraph_sdk._sync.client:SyncLangGraphClient",
    "get_sync_client": "langgraph_sdk._sync.client:get_sync_client",
    "SyncAssistantsClient": "lg_assistants:SyncAssistantsClient",
    "SyncCronClient": "lg_crons:SyncCronClient",
    "SyncRunsClient": "lg_runs:SyncRunsClient",
    "SyncStoreClient": "lg_store:SyncStoreClient",
    "SyncThreadsClient": "lg_threads:SyncThreadsClient",
    "SyncHttpClient": "lg_transport:SyncHttpClient",
    "_decode_json": "lg_transport.official:decode_response_json",
    "_encode_json": "lg_transport.official:encode_request_json",
}

__all__ = [
    "AssistantsClient",
    "CronClient",
    "HttpClient",
    "LangGraphClient",
    "RunsClient",
    "StoreClient",
    "SyncAssistantsClient",
    "SyncCronClient",
    "SyncHttpClient",
    "SyncLangGraphClient",
    "SyncRunsClient",
    "SyncStoreClient",
    "SyncThreadsClient",
    "ThreadsClient",
    "_adecode_json",
    "_aencode_json",
    "_decode_json",
    "_encode_json",
    "configure_loopback_transports",
    "get_client",
    "get_sync_client",
]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
