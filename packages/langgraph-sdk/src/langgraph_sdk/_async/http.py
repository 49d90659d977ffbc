"""The official module path of `HttpClient` and its helpers (re-exported from lg_transport)."""

from lg_transport import HttpClient
from lg_transport.official import acheck_run as _acheck_run
from lg_transport.official import adecode_response_json as _adecode_json
from lg_transport.official import aencode_request_json as _aencode_json

__all__ = ["HttpClient", "_acheck_run", "_adecode_json", "_aencode_json"]
