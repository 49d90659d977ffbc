"""A subscription's messages over the SDK's own WebSocket client (`lg_threads._websocket`),
with the errors the ``websockets`` path reports, so that either client gives the same
events, errors and reconnections."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import httpx

from lg_threads._websocket._async import open_websocket
from lg_threads._websocket.errors import ConnectionClosedOK, InvalidStatus, WebSocketError
from lg_threads._websocket_setup import websocket_failure
from lg_transport import client_tls_context

__all__ = ["events"]

_ERRORS = (OSError, WebSocketError, TimeoutError)


async def events(
    client: httpx.AsyncClient,
    url: str,
    subscribe: str,
    headers: list[tuple[str, str]],
    request: httpx.Request,
) -> AsyncGenerator[list[str | bytes], None]:
    """Open ``url``, send ``subscribe``, yield the messages until the server closes: those
    of one socket read at a time (a list, never empty), undecoded (`ResumePoint.events`
    decodes them as the reader takes them)."""
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
                yield batch
    except _ERRORS as exc:
        raise websocket_failure(
            exc, request, refused=InvalidStatus, refusal=_refusal, closed_ok=ConnectionClosedOK
        ) from exc


def _refusal(exc: InvalidStatus) -> tuple[int, list[tuple[str, str]], bytes]:
    return exc.status_code, exc.headers, exc.body
