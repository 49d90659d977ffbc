"""Thread-stream failures as the official SDK classifies them (``langgraph_sdk.stream.errors``):
protocol error envelopes, the unsolicited error frame a server sends before closing a stream,
and which failures reopening a stream cannot fix."""

from __future__ import annotations

import sys
from typing import Any

import httpx

__all__ = ["is_non_retryable_stream_error", "protocol_error", "stream_error_frame"]


def protocol_error(response: dict[str, Any]) -> RuntimeError:
    """The error of a ``{"type": "error"}`` envelope: ``Protocol error [<code>]: <message>``."""
    return RuntimeError(
        f"Protocol error [{response.get('error', 'unknown')}]: {response.get('message', '')}"
    )


def stream_error_frame(event: Any) -> RuntimeError | None:
    """The error carried by an unsolicited ``{"type": "error", "id": null}`` frame, else None."""
    if isinstance(event, dict) and event.get("type") == "error" and event.get("id") is None:
        return protocol_error(event)
    return None


def is_non_retryable_stream_error(error: BaseException | None) -> bool:
    """Whether reopening would fail the same way: a 4xx other than 408/429, as an HTTP status,
    a refused WebSocket upgrade, or a WebSocket close code ``4000 + status``."""
    status: int | None = None
    if isinstance(error, httpx.HTTPStatusError):
        status = error.response.status_code
    else:
        # websockets is optional: its errors can only exist once it is imported.
        ws = sys.modules.get("websockets.exceptions")
        if ws is not None and isinstance(error, ws.InvalidStatus):
            status = error.response.status_code
        elif ws is not None and isinstance(error, ws.ConnectionClosed) and error.rcvd is not None:
            status = error.rcvd.code - 4000
    return status is not None and 400 <= status < 500 and status not in (408, 429)
