"""Build a ready `HttpClient` / `SyncHttpClient` from the public connection options."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from lg_transport._async.http import HttpClient
from lg_transport._options import (
    DEFAULT_URL,
    LOOPBACK_URL,
    TimeoutTypes,
    build_headers,
    loopback_app,
    resolve_api_key,
    resolve_timeout,
)
from lg_transport._sentinel import NOT_PROVIDED, NotGiven
from lg_transport._sync.http import SyncHttpClient


def create_http_client(
    *,
    url: str | None = None,
    api_key: str | None | NotGiven = NOT_PROVIDED,
    headers: Mapping[str, str] | None = None,
    timeout: TimeoutTypes = None,
    max_retries: int = 2,
    transport: httpx.AsyncBaseTransport | None = None,
) -> HttpClient:
    """An async executor for ``url`` (see `lg_transport._options` for the resolution rules)."""
    default_headers = build_headers(resolve_api_key(api_key), headers)
    if url is None and transport is None and (app := loopback_app()) is not None:
        transport, url = httpx.ASGITransport(app), LOOPBACK_URL
    client = httpx.AsyncClient(
        base_url=url or DEFAULT_URL,
        transport=transport,
        timeout=resolve_timeout(timeout),
        headers=default_headers,
    )
    return HttpClient(client, max_retries=max_retries)


def create_sync_http_client(
    *,
    url: str | None = None,
    api_key: str | None | NotGiven = NOT_PROVIDED,
    headers: Mapping[str, str] | None = None,
    timeout: TimeoutTypes = None,
    max_retries: int = 2,
    transport: httpx.BaseTransport | None = None,
) -> SyncHttpClient:
    """A sync executor for ``url``. An ASGI app cannot be called from sync code in-process, so
    ``url=None`` always means ``http://localhost:8123`` here."""
    client = httpx.Client(
        base_url=url or DEFAULT_URL,
        transport=transport,
        timeout=resolve_timeout(timeout),
        headers=build_headers(resolve_api_key(api_key), headers),
    )
    return SyncHttpClient(client, max_retries=max_retries)
