"""The official ``langgraph_sdk._shared.utilities`` path: its helpers, re-exported from the
packages that own the behaviour (docs/compatibility.md lists the one absent, and why)."""

from lg_crons.official import timezone_name as _resolve_timezone
from lg_runs.official import run_created_metadata as _get_run_metadata_from_response
from lg_runs.official import v2_from_event as _sse_to_v2_dict
from lg_transport import configure_loopback_transports
from lg_transport.official import NOT_PROVIDED, RESERVED_HEADERS
from lg_transport.official import asgi_transport_class as get_asgi_transport
from lg_transport.official import default_port as _default_port
from lg_transport.official import get_api_key as _get_api_key
from lg_transport.official import get_headers as _get_headers
from lg_transport.official import orjson_default as _orjson_default
from lg_transport.official import provided_vals as _provided_vals
from lg_transport.official import quote_path_param as _quote_path_param
from lg_transport.official import reconnect_backoff as _reconnect_delay
from lg_transport.official import run_check_headers as _run_check_headers
from lg_transport.official import run_url_from_stream_location as _run_url_from_stream_location
from lg_transport.official import validate_reconnect_location as _validate_reconnect_location

__all__ = [
    "NOT_PROVIDED",
    "RESERVED_HEADERS",
    "_default_port",
    "_get_api_key",
    "_get_headers",
    "_get_run_metadata_from_response",
    "_orjson_default",
    "_provided_vals",
    "_quote_path_param",
    "_reconnect_delay",
    "_resolve_timezone",
    "_run_check_headers",
    "_run_url_from_stream_location",
    "_sse_to_v2_dict",
    "_validate_reconnect_location",
    "configure_loopback_transports",
    "get_asgi_transport",
]
