"""HTTP and SSE transport for the LangGraph Agent Server API.

This module is what the resource packages build on (they import nothing else of lg-transport).
`HttpClient` (async) and `SyncHttpClient` send `ApiRequest`s built by the resource packages,
with retries, typed errors (`lg_transport.errors`) and incremental SSE decoding
(`lg_transport.sse`). `create_http_client` / `create_sync_http_client` build one from the same
connection options as `langgraph_sdk.get_client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_transport import errors, retries
from lg_transport._async.http import HttpClient
from lg_transport._async.pages import DEFAULT_PAGE_SIZE, ItemPager
from lg_transport._async.resource import ResourceClient
from lg_transport._connect import HttpBackend, create_http_client, create_sync_http_client
from lg_transport._internals import client_tls_context, client_uses_mounts
from lg_transport._json import decode_json, encode_json, parse_json
from lg_transport._loopback import configure_loopback_transports
from lg_transport._options import DEFAULT_TIMEOUT, DEFAULT_URL, TimeoutTypes
from lg_transport._paths import build_path, path_id
from lg_transport._request import ApiRequest, RetryClass, drop_none, merge_params
from lg_transport._sentinel import NOT_PROVIDED, NotGiven, given_or
from lg_transport._version import VERSION
from lg_transport.lazy import lazy_names
from lg_transport.resilience import ReconnectEvent, StreamGapError

if TYPE_CHECKING:
    from lg_transport._sync.http import SyncHttpClient
    from lg_transport._sync.pages import SyncItemPager
    from lg_transport._sync.resource import SyncResourceClient

# The sync executor loads when first reached (a sync client's first import reaches it): an
# async program never pays for its modules.
_LAZY = {
    "SyncHttpClient": "lg_transport._sync.http",
    "SyncItemPager": "lg_transport._sync.pages",
    "SyncResourceClient": "lg_transport._sync.resource",
}

__version__ = VERSION

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "DEFAULT_URL",
    "NOT_PROVIDED",
    "ApiRequest",
    "HttpBackend",
    "HttpClient",
    "ItemPager",
    "NotGiven",
    "ReconnectEvent",
    "ResourceClient",
    "RetryClass",
    "StreamGapError",
    "SyncHttpClient",
    "SyncItemPager",
    "SyncResourceClient",
    "TimeoutTypes",
    "build_path",
    "client_tls_context",
    "client_uses_mounts",
    "configure_loopback_transports",
    "create_http_client",
    "create_sync_http_client",
    "decode_json",
    "drop_none",
    "encode_json",
    "errors",
    "given_or",
    "merge_params",
    "parse_json",
    "path_id",
    "retries",
    "__version__",
]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
