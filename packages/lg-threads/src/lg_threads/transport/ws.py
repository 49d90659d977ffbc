"""`ProtocolWebSocketTransport`: one thread's commands over HTTP, its events over a WebSocket
per stream (async). Needs the ``websockets`` package (the ``websocket`` extra)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from lg_threads.transport._pump import PumpState, cancel_all, start_stream
from lg_threads.transport.base import (
    EventStreamHandle,
    build_event_stream_body,
    build_websocket_url,
    command_envelope,
    cookie_header,
    thread_paths,
    websocket_headers,
)
from lg_transport import decode_json, encode_json

__all__ = ["ProtocolWebSocketTransport"]


def _decode_frame(raw: Any, done: asyncio.Future[BaseException | None]) -> dict[str, Any] | None:
    """A frame as an event dict; a frame that is not a JSON object ends the stream (``done``
    gets the `RuntimeError` saying why) and gives None."""
    try:
        payload = decode_json(raw if isinstance(raw, (str, bytes)) else bytes(raw))
    except ValueError as exc:
        problem: RuntimeError | None = RuntimeError(f"WS frame is not valid JSON: {exc!r}")
    else:
        if isinstance(payload, dict):
            return payload
        problem = RuntimeError(f"WS frame is not a JSON object: {type(payload).__name__}")
    if not done.done():
        done.set_result(problem)
    return None


_cookie_header = cookie_header


def default_connect() -> Callable[..., Any]:
    """websockets' asyncio ``connect``, or an `ImportError` naming the extra to install."""
    try:
        from websockets.asyncio.client import connect
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the WebSocket transport needs the websockets package: "
            "pip install 'langgraph-sdk[websocket]' (or 'lg-threads[websocket]')"
        ) from exc
    return connect


class ProtocolWebSocketTransport:
    """Protocol transport of one thread: commands over HTTP on the caller's
    ``httpx.AsyncClient``, each event stream a WebSocket (``connect`` defaults to websockets')."""

    def __init__(
        self,
        *,
        client: httpx.AsyncClient,
        thread_id: str,
        commands_path: str | None = None,
        stream_path: str | None = None,
        headers: Mapping[str, str] | None = None,
        connect: Callable[..., Any] | None = None,
        max_queue_size: int = 1024,
        ping_interval: float | None = 20.0,
        ping_timeout: float | None = 20.0,
    ) -> None:
        self._client = client
        self.thread_id = thread_id
        self._commands_url, self._stream_path = thread_paths(thread_id, commands_path, stream_path)
        self._default_headers: dict[str, str] = dict(headers or {})
        self._connect = connect or default_connect()
        self._max_queue_size = max_queue_size
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._closed = False
        self._event_streams: set[asyncio.Task[None]] = set()

    async def send_command(self, command: dict[str, Any]) -> dict[str, Any] | None:
        """POST ``command`` over HTTP; as `ProtocolSseTransport.send_command`."""
        self._check_open()
        response = await self._client.post(
            self._commands_url,
            content=encode_json(command),
            headers={**self._default_headers, "content-type": "application/json"},
        )
        return command_envelope(response)

    def open_event_stream(self, params: dict[str, Any]) -> EventStreamHandle:
        """Open a WebSocket, subscribe with ``params``, and stream its event frames. The
        server closing normally ends the stream cleanly (``done`` is None)."""
        self._check_open()
        from websockets.exceptions import ConnectionClosedOK

        subscribe = encode_json(
            {"id": 1, "method": "subscription.subscribe", "params": build_event_stream_body(params)}
        ).decode()

        async def pump(state: PumpState) -> None:
            url = build_websocket_url(self._client.base_url, self._stream_path)
            handshake = websocket_headers(self._default_headers)
            cookies = cookie_header(self._client, self._stream_path)
            if cookies:
                handshake.append(("Cookie", cookies))
            try:
                async with self._connect(
                    url,
                    additional_headers=handshake,
                    ping_interval=self._ping_interval,
                    ping_timeout=self._ping_timeout,
                ) as socket:

                    async def close_socket() -> None:
                        await socket.close(code=1000, reason="client close")

                    state.on_close = close_socket
                    await socket.send(subscribe)
                    state.mark_ready()
                    async for raw in socket:
                        if state.cancelled.is_set():
                            return
                        event = _decode_frame(raw, state.done)
                        if event is not None:
                            await state.queue.put(event)
            except ConnectionClosedOK:
                return
            finally:
                state.on_close = None

        return start_stream(pump, self._max_queue_size, self._event_streams)

    async def close(self) -> None:
        """Stop every open event stream; later calls raise. Idempotent."""
        if self._closed:
            return
        self._closed = True
        await cancel_all(self._event_streams)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("Protocol transport is closed.")
