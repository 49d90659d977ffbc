"""A JSON request body with its headers, and a response's body as JSON: the official SDK's
``_aencode_json`` / ``_adecode_json`` (``langgraph_sdk.client`` exports them; helper code and
test suites call them). Encoding runs inline, as everywhere in this SDK."""

from typing import Any

import httpx

from lg_transport._json import decode_json, encode_json


async def encode_request_json(json: Any) -> tuple[dict[str, str], bytes | None]:
    """``(headers, body)`` for ``json``: ``({}, None)`` when it is None, else the body with its
    ``Content-Length`` and ``Content-Type: application/json`` headers."""
    if json is None:
        return {}, None
    body = encode_json(json)
    return {"Content-Length": str(len(body)), "Content-Type": "application/json"}, body


async def decode_response_json(response: httpx.Response) -> Any:
    """The response's body (read to the end) parsed as JSON; an empty body is None."""
    return decode_json(await response.aread())
