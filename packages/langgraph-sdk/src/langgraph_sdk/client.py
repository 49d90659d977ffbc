"""The official `langgraph_sdk.client` module path: re-exports only."""

from langgraph_sdk._async.client import LangGraphClient, get_client
from langgraph_sdk._sync.client import SyncLangGraphClient, get_sync_client
from lg_assistants import AssistantsClient, SyncAssistantsClient
from lg_crons import CronClient, SyncCronClient
from lg_runs import RunsClient, SyncRunsClient
from lg_store import StoreClient, SyncStoreClient
from lg_threads import SyncThreadsClient, ThreadsClient
from lg_transport import HttpClient, SyncHttpClient, configure_loopback_transports
from lg_transport.official import adecode_response_json as _adecode_json
from lg_transport.official import aencode_request_json as _aencode_json
from lg_transport.official import decode_response_json as _decode_json
from lg_transport.official import encode_request_json as _encode_json

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
