"""What both flavours of the WebSocket event source share, written once: the URL and handshake
headers of a subscription, which client makes the connection, and how a failure becomes the
SDK's typed error. No I/O here; the connections are opened in ``_async``/``_sync.event_source``.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

import httpx

from lg_transport import HttpClient, client_uses_mounts, errors

if TYPE_CHECKING:  # annotations only: an async program never loads the sync executor
    from lg_transport import SyncHttpClient

__all__ = ["fits_builtin_client", "websocket_failure", "websocket_headers", "websocket_url"]

RefusedT = TypeVar("RefusedT", bound=BaseException)

#: The handshake sets these itself.
_HANDSHAKE_OWN = frozenset(
    {"host", "connection", "upgrade", "content-length", "accept", "accept-encoding"}
)


def websocket_url(base_url: httpx.URL, path: str) -> str:
    """``http(s)://host/prefix`` + ``path`` as a ``ws(s)://`` URL."""
    scheme = "wss" if base_url.scheme == "https" else "ws"
    prefix = base_url.raw_path.decode("ascii").split("?")[0].rstrip("/")
    return str(base_url.copy_with(scheme=scheme, raw_path=(prefix + path).encode("ascii")))


def websocket_headers(
    http: HttpClient | SyncHttpClient, headers: Mapping[str, str] | None
) -> list[tuple[str, str]]:
    """The client's own headers (API key, user agent, custom ones) for the WebSocket handshake."""
    merged = httpx.Headers(http.client.headers)
    for source in (http.extra_headers, headers):
        if source:
            merged.update(source)
    return [(k, v) for k, v in merged.multi_items() if k.lower() not in _HANDSHAKE_OWN]


def fits_builtin_client(client: httpx.AsyncClient | httpx.Client, url: str) -> bool:
    """Whether the built-in client (`lg_threads._websocket`) can make this connection as
    websockets would: not when a proxy may apply (httpx mounts, or proxy variables in the
    environment, which websockets honours) or the URL carries user info."""
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


def websocket_failure(
    exc: BaseException,
    request: httpx.Request,
    *,
    refused: type[RefusedT],
    refusal: Callable[[RefusedT], tuple[int, list[tuple[str, str]], bytes]],
    closed_ok: type[BaseException],
) -> errors.APIError:
    """A WebSocket failure as the SDK's typed error, for either client's exception classes.

    ``refused`` is the client's refused-handshake error, ``refusal`` reads its status, headers
    and body (kept: the typed error is the one the same HTTP response would give);
    ``closed_ok`` is its clean-close error (the server closed before the run ended)."""
    if isinstance(exc, refused):
        status, headers, body = refusal(exc)
        response = httpx.Response(status, headers=headers, content=body, request=request)
        return errors.error_for_response(response)
    if isinstance(exc, closed_ok):
        return errors.APIConnectionError(message="the server closed the WebSocket", request=request)
    if isinstance(exc, TimeoutError):
        return errors.APITimeoutError(request)
    return errors.APIConnectionError(
        message=f"WebSocket failure: {type(exc).__name__}: {exc}", request=request
    )
