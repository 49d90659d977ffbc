"""A subscription's events over the SDK's own WebSocket client (`lg_threads._websocket`),
with the errors the ``websockets`` path reports, so that either client gives the same
events, errors and reconnections."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from lg_threads import _protocol
from lg_threads._websocket._async import open_websocket
from lg_threads._websocket.errors import ConnectionClosedOK, InvalidStatus, WebSocketError
from lg_threads._websocket_setup import websocket_failure
from lg_transport import client_tls_context, decode_json

__all__ = ["events"]

_ERRORS = (OSError, WebSocketError, TimeoutError)


async def events(
    client: httpx.AsyncClient,
    url: str,
    subscribe: str,
    headers: list[tuple[str, str]],
    request: httpx.Request,
) -> AsyncIterator[dict[str, Any]]:
    """Open ``url``, send ``subscribe``, yield the ``event`` frames until the server closes."""
    try:
        async with await open_websocket(
            url,
            headers=headers,
            ssl_context=client_tls_context(client) if url.startswith("wss:") else None,
            open_timeout=client.timeout.connect,
            max_size=None,
        ) as socket:
            await socket.send_text(subscribe)
            while (batch := await socket.read_batch()) is not None:
                for message in batch:
                    frame = decode_json(message)
                    if type(frame) is not dict:
                        continue
                    kind = frame.get("type")
                    if kind == "event":
                        yield frame
                    elif kind == "error":
                        raise _protocol.ProtocolCommandError("subscription.subscribe", frame)
    except _ERRORS as exc:
        raise websocket_failure(
            exc, request, refused=InvalidStatus, refusal=_refusal, closed_ok=ConnectionClosedOK
        ) from exc


def _refusal(exc: InvalidStatus) -> tuple[int, list[tuple[str, str]], bytes]:
    return exc.status_code, exc.headers, exc.body
