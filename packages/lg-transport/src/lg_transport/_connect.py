"""Build a ready `HttpClient` / `SyncHttpClient` from the public connection options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

import httpx

from lg_transport._async.http import HttpClient
from lg_transport._internals import client_classes, lighten_client, make_client
from lg_transport._loopback import LOOPBACK_URL, loopback_transport, sync_loopback_transport
from lg_transport._option_checks import check_api_key, check_url
from lg_transport._options import (
    DEFAULT_URL,
    TimeoutTypes,
    build_headers,
    resolve_api_key,
    resolve_timeout,
)
from lg_transport._request_log import configure_from_env
from lg_transport._sentinel import NOT_PROVIDED, NotGiven
from lg_transport.resilience import (
    DEFAULT_STREAM_IDLE_TIMEOUT,
    DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    OnReconnect,
)

if TYPE_CHECKING:
    from lg_transport._sync.http import SyncHttpClient

#: httpx's 100 connections, all of which may stay open while idle (httpx keeps 20): with more
#: than 20 calls in flight, httpx closes the extra connections as each call ends and opens new
#: ones for the next calls, a TCP (and TLS) handshake per call (64 concurrent sync creates:
#: ~2,600 -> ~3,500 calls/s). Idle connections are dropped after 4 s instead of 5: the Agent
#: Server (uvicorn) closes them after 5 s, and a call sent on one it is closing fails after it
#: may have been received, which a create cannot retry.
POOL_LIMITS: Final = httpx.Limits(
    max_connections=100, max_keepalive_connections=100, keepalive_expiry=4.0
)


#: Which HTTP stack carries the calls: httpx's own (the default), or aiohttp under httpx's
#: interface (the `aiohttp` extra: much faster streams and calls, same behaviour and errors).
HttpBackend = Literal["httpx", "aiohttp"]
#: What ``http_backend=None`` means; the integration tests switch it to run the suite twice.
DEFAULT_HTTP_BACKEND: HttpBackend = "httpx"
_EXTRA_HINT = "http_backend='aiohttp' needs the extra: pip install 'langgraph-sdk[aiohttp]'"


def _client_classes(backend: HttpBackend | None) -> tuple[Any, Any]:
    """The (async, sync) httpx client classes for ``backend``."""
    chosen = backend or DEFAULT_HTTP_BACKEND
    if chosen == "httpx":
        return client_classes()  # with the short send path where proved
    if chosen == "aiohttp":
        try:
            from lg_transport._aiohttp import AiohttpClient, SyncAiohttpClient
        except ImportError as exc:
            raise ImportError(_EXTRA_HINT) from exc
        return AiohttpClient, SyncAiohttpClient
    raise ValueError(f"http_backend must be 'httpx' or 'aiohttp', got {backend!r}")


def _client_options(
    url: str | None,
    api_key: str | None | NotGiven,
    headers: Mapping[str, str] | None,
    timeout: TimeoutTypes,
    transport: Any,
) -> dict[str, Any]:
    """The httpx client arguments both flavours build from the public options."""
    configure_from_env()
    check_url(url)
    check_api_key(api_key if not isinstance(api_key, NotGiven) else None)
    return {
        "base_url": url or DEFAULT_URL,
        "transport": transport,
        "timeout": resolve_timeout(timeout),
        "headers": build_headers(resolve_api_key(api_key), headers),
        "limits": POOL_LIMITS,
    }


def create_http_client(
    *,
    url: str | None = None,
    api_key: str | None | NotGiven = NOT_PROVIDED,
    headers: Mapping[str, str] | None = None,
    timeout: TimeoutTypes = None,
    max_retries: int = 2,
    transport: httpx.AsyncBaseTransport | None = None,
    stream_reconnect_attempts: int = DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT,
    on_reconnect: OnReconnect | None = None,
    http_backend: HttpBackend | None = None,
    total_timeout: float | None = None,
) -> HttpClient:
    """An async executor for ``url`` (see `lg_transport._options` for the resolution rules,
    `lg_transport.resilience` for the retry and reconnection settings)."""
    if url is None and transport is None:
        transport = loopback_transport()  # inside an Agent Server: its own app, in-process
        if transport is not None:
            url = LOOPBACK_URL
    client_class = _client_classes(http_backend)[0]
    client = make_client(client_class, _client_options(url, api_key, headers, timeout, transport))
    if transport is None:
        lighten_client(client)  # the pool httpx built for us
    return HttpClient(
        client,
        max_retries=max_retries,
        stream_reconnect_attempts=stream_reconnect_attempts,
        stream_idle_timeout=stream_idle_timeout,
        on_reconnect=on_reconnect,
        total_timeout=total_timeout,
    )


def create_sync_http_client(
    *,
    url: str | None = None,
    api_key: str | None | NotGiven = NOT_PROVIDED,
    headers: Mapping[str, str] | None = None,
    timeout: TimeoutTypes = None,
    max_retries: int = 2,
    transport: httpx.BaseTransport | None = None,
    stream_reconnect_attempts: int = DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT,
    on_reconnect: OnReconnect | None = None,
    http_backend: HttpBackend | None = None,
    total_timeout: float | None = None,
) -> SyncHttpClient:
    """A sync executor for ``url``. Inside an Agent Server, ``url=None`` calls it in-process
    as async clients do (the official's sync client goes to ``http://localhost:8123`` there)."""
    # Here, not at module level: an async program never loads the sync executor.
    from lg_transport._sync.http import SyncHttpClient

    if url is None and transport is None:
        transport = sync_loopback_transport()
        if transport is not None:
            url = LOOPBACK_URL
    client_class = _client_classes(http_backend)[1]
    client = make_client(client_class, _client_options(url, api_key, headers, timeout, transport))
    if transport is None:
        lighten_client(client)  # the pool httpx built for us
    return SyncHttpClient(
        client,
        max_retries=max_retries,
        stream_reconnect_attempts=stream_reconnect_attempts,
        stream_idle_timeout=stream_idle_timeout,
        on_reconnect=on_reconnect,
        total_timeout=total_timeout,
    )
