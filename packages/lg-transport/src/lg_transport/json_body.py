"""A JSON request body with its headers, and a response's body as JSON, async and sync: the
official SDK's ``_aencode_json`` / ``_adecode_json`` / ``_encode_json`` / ``_decode_json``,
which `langgraph_sdk.client` re-exports under those names."""

from lg_transport._async.json_body import decode_response_json as adecode_response_json
from lg_transport._async.json_body import encode_request_json as aencode_request_json
from lg_transport._sync.json_body import decode_response_json, encode_request_json

__all__ = [
    "adecode_response_json",
    "aencode_request_json",
    "decode_response_json",
    "encode_request_json",
]
