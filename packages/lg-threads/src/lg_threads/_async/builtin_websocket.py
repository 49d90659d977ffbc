"""A subscription's events over the SDK's own WebSocket client (`lg_threads._websocket`),
with the errors the ``websockets`` path reports, so that either client gives the same
events, errors and reconnections."""

from __future__ import annotations

import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import httpx

from lg_threads import _protocol
from lg_threads._websocket._async import open_websocket
from lg_threads._websocket.errors import ConnectionClosedOK, InvalidStatus, WebSocketError
from lg_transport import client_tls_context, client_uses_mounts, decode_json, errors

__all__ = ["events", "fits"]

_ERRORS = (OSError, WebSocketError, TimeoutError)


def fits(client: httpx.AsyncClient, url: str) -> bool:
    """Whether the built-in client can make this connection as websockets would: not when a
    proxy may apply (httpx mounts, or proxy variables in the environment, which websockets
    honours) or the URL carries user info."""
    if client_uses_mounts(client):
        return False
    parsed = httpx.URL(url)
    if parsed.userinfo:
        return False
    proxies = urllib.request.getproxies()
    if not proxies:
        return True
    wanted = ("wss", "https", "all") if parsed.scheme == "wss" else ("ws", "http", "all")
    if not any(name in proxies for name in wanted):
        return True
    return bool(urllib.request.proxy_bypass(parsed.host))


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
        raise failure(exc, request) from exc


def failure(exc: BaseException, request: httpx.Request) -> errors.APIError:
    """As `event_source._websocket_failure`, for this client's errors."""
    if isinstance(exc, InvalidStatus):
        response = httpx.Response(
            exc.status_code, headers=exc.headers, content=exc.body, request=request
        )
        return errors.error_for_response(response)
    if isinstance(exc, ConnectionClosedOK):
        return errors.APIConnectionError(message="the server closed the WebSocket", request=request)
    if isinstance(exc, TimeoutError):
        return errors.APITimeoutError(request)
    return errors.APIConnectionError(
        message=f"WebSocket failure: {type(exc).__name__}: {exc}", request=request
    )
