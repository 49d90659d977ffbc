"""The official SDK's private helpers, for `langgraph_sdk` to re-export under the official
module paths (``langgraph_sdk.client``, ``.errors``, ``._async.http``, ``._shared.utilities``),
where code and test suites written for the official SDK import them. The ``a`` prefix marks
the async twin of a sync helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_transport._async.json_body import decode_response_json as adecode_response_json
from lg_transport._async.json_body import encode_request_json as aencode_request_json
from lg_transport._async.status import check_run as acheck_run
from lg_transport._async.status import raise_for_status_typed as araise_for_status_typed
from lg_transport._async.status import read_error_body as aread_error_body
from lg_transport._json import _default as orjson_default
from lg_transport._loopback import asgi_transport_class
from lg_transport._official import (
    default_port,
    extract_error_message,
    get_api_key,
    get_headers,
    map_status_error,
    provided_vals,
    quote_path_param,
    reconnect_backoff,
    run_check_headers,
    run_url_from_stream_location,
    validate_reconnect_location,
)
from lg_transport._options import RESERVED_HEADERS
from lg_transport._sentinel import NOT_PROVIDED
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_transport._sync.json_body import decode_response_json, encode_request_json
    from lg_transport._sync.status import check_run, raise_for_status_typed, read_error_body

# The sync helpers load when first reached: `langgraph_sdk.errors` imports this module, and an
# async program never needs the sync executor's modules.
_LAZY = {
    "decode_response_json": "lg_transport._sync.json_body",
    "encode_request_json": "lg_transport._sync.json_body",
    "check_run": "lg_transport._sync.status",
    "raise_for_status_typed": "lg_transport._sync.status",
    "read_error_body": "lg_transport._sync.status",
}

__all__ = [
    "NOT_PROVIDED",
    "RESERVED_HEADERS",
    "acheck_run",
    "adecode_response_json",
    "aencode_request_json",
    "araise_for_status_typed",
    "aread_error_body",
    "asgi_transport_class",
    "check_run",
    "decode_response_json",
    "default_port",
    "encode_request_json",
    "extract_error_message",
    "get_api_key",
    "get_headers",
    "map_status_error",
    "orjson_default",
    "provided_vals",
    "quote_path_param",
    "raise_for_status_typed",
    "read_error_body",
    "reconnect_backoff",
    "run_check_headers",
    "run_url_from_stream_location",
    "validate_reconnect_location",
]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
