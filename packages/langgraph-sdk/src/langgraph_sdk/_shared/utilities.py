"""The official ``langgraph_sdk._shared.utilities`` path: its helpers, re-exported from the
packages that own the behaviour. Helpers of the official reconnect loop and of its in-process
transport that have no counterpart here are listed in docs/compatibility.md."""

from lg_crons.official import timezone_name as _resolve_timezone
from lg_runs.official import run_created_metadata as _get_run_metadata_from_response
from lg_runs.official import v2_from_event as _sse_to_v2_dict
from lg_transport import configure_loopback_transports
from lg_transport.official import NOT_PROVIDED, RESERVED_HEADERS
from lg_transport.official import get_api_key as _get_api_key
from lg_transport.official import get_headers as _get_headers
from lg_transport.official import orjson_default as _orjson_default
from lg_transport.official import provided_vals as _provided_vals
from lg_transport.official import quote_path_param as _quote_path_param

__all__ = [
    "NOT_PROVIDED",
    "RESERVED_HEADERS",
    "_get_api_key",
    "_get_headers",
    "_get_run_metadata_from_response",
    "_orjson_default",
    "_provided_vals",
    "_quote_path_param",
    "_resolve_timezone",
    "_sse_to_v2_dict",
    "configure_loopback_transports",
]
