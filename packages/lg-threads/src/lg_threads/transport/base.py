"""What every protocol transport shares: the handle of one event stream, the transport
interfaces, and the request shapes (subscription body, WebSocket URL and headers)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from lg_transport import decode_json, errors
from lg_transport.official import quote_path_param

__all__ = [
    "AsyncProtocolTransport",
    "EventStreamHandle",
    "SyncEventStreamHandle",
    "SyncProtocolTransport",
    "build_event_stream_body",
    "build_websocket_url",
    "websocket_headers",
]


@dataclass
class EventStreamHandle:
    """One open async event stream: ``events`` to iterate, ``ready`` resolved once the server
    accepted it (or failed with why not), ``done`` resolved with the error that ended it (None
    for a clean end), ``close()`` to stop it."""

    events: AsyncIterator[dict[str, Any]]
    ready: asyncio.Future[None]
    done: asyncio.Future[BaseException | None]
    close: Callable[[], Awaitable[None]]


@dataclass
class SyncEventStreamHandle:
    """One open sync event stream: ``events``, ``error()`` (what ended it, if anything) and
    ``close()``."""

    events: Iterator[dict[str, Any]]
    error: Callable[[], BaseException | None]
    close: Callable[[], None]


class AsyncProtocolTransport(Protocol):
    """Commands and event streams of one thread (async)."""

    thread_id: str

    async def send_command(self, command: dict[str, Any]) -> dict[str, Any] | None: ...

    def open_event_stream(self, params: dict[str, Any]) -> EventStreamHandle: ...

    async def close(self) -> None: ...


class SyncProtocolTransport(Protocol):
    """Commands and event streams of one thread (sync)."""

    thread_id: str

    def send_command(self, command: dict[str, Any]) -> dict[str, Any] | None: ...

    def open_event_stream(self, params: dict[str, Any]) -> SyncEventStreamHandle: ...

    def close(self) -> None: ...


def build_event_stream_body(params: dict[str, Any]) -> dict[str, Any]:
    """The subscription body: ``channels``, plus ``namespaces``/``depth`` when set and
    ``since`` when it is an int."""
    body: dict[str, Any] = {"channels": params["channels"]}
    for key in ("namespaces", "depth"):
        if params.get(key) is not None:
            body[key] = params[key]
    since = params.get("since")
    if isinstance(since, int):
        body["since"] = since
    return body


def build_websocket_url(base_url: httpx.URL, path: str) -> str:
    """``base_url`` (its path kept as a prefix) plus ``path`` as a ``ws``/``wss`` URL."""
    prefix = base_url.path.rstrip("/")
    full_path = prefix + (path if path.startswith("/") else f"/{path}")
    scheme = "wss" if base_url.scheme == "https" else "ws"
    return str(base_url.copy_with(scheme=scheme, path=full_path, query=None))


def websocket_headers(headers: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """Handshake headers as pairs."""
    return list(dict(headers or {}).items())


def thread_paths(
    thread_id: str, commands_path: str | None, stream_path: str | None
) -> tuple[str, str]:
    """The commands and events paths of ``thread_id`` unless given."""
    quoted = quote_path_param(thread_id)
    return (
        commands_path or f"/threads/{quoted}/commands",
        stream_path or f"/threads/{quoted}/stream/events",
    )


def command_envelope(response: httpx.Response) -> dict[str, Any] | None:
    """A command's answer: None for 202/204, the JSON envelope (an object with an ``id``)
    otherwise. A 4xx/5xx raises the typed error; anything else `RuntimeError`."""
    if response.status_code >= 400:
        raise errors.error_for_response(response)
    if response.status_code in (202, 204):
        return None
    try:
        payload = decode_json(response.content)
    except ValueError as exc:
        raise RuntimeError("Protocol command did not return a valid response.") from exc
    if not isinstance(payload, dict) or "id" not in payload:
        raise RuntimeError("Protocol command did not return a valid response.")
    return payload


def event_stream_headers(defaults: Mapping[str, str]) -> dict[str, str]:
    """Headers of an event-stream request; the fixed ones win over the caller's."""
    return {
        **defaults,
        "content-type": "application/json",
        "accept": "text/event-stream",
        "cache-control": "no-store",
    }


def cookie_header(client: httpx.AsyncClient | httpx.Client, path: str) -> str | None:
    """The client's cookies that apply to ``path`` on its base URL (jar rules, so cookies of
    other origins stay out of the WebSocket handshake)."""
    if not list(client.cookies.jar):
        return None
    request = httpx.Request("GET", client.base_url.copy_with(path=path))
    client.cookies.set_cookie_header(request)
    cookie: str | None = request.headers.get("Cookie")
    return cookie
