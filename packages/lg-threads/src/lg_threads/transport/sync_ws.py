"""`SyncProtocolWebSocketTransport`: the sync twin of `ProtocolWebSocketTransport` (commands
over HTTP, each event stream a blocking WebSocket). Needs the ``websockets`` package."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx

from lg_threads.transport.base import (
    SyncEventStreamHandle,
    build_event_stream_body,
    build_websocket_url,
    command_envelope,
    cookie_header,
    thread_paths,
    websocket_headers,
)
from lg_transport import decode_json, encode_json

__all__ = ["SyncProtocolWebSocketTransport"]

_cookie_header = cookie_header


def _decode_frame(raw: Any) -> Any:
    """A frame's JSON value (a decoding error propagates and ends the stream)."""
    return decode_json(raw if isinstance(raw, (str, bytes)) else bytes(raw))


def default_connect() -> Callable[..., Any]:
    """websockets' blocking ``connect``, or an `ImportError` naming the extra to install."""
    try:
        from websockets.sync.client import connect
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the WebSocket transport needs the websockets package: "
            "pip install 'langgraph-sdk[websocket]' (or 'lg-threads[websocket]')"
        ) from exc
    return connect


class SyncProtocolWebSocketTransport:
    """Protocol transport of one thread: commands over HTTP on the caller's ``httpx.Client``,
    each event stream a WebSocket (``connect`` defaults to websockets' sync client)."""

    def __init__(
        self,
        *,
        client: httpx.Client,
        thread_id: str,
        commands_path: str | None = None,
        stream_path: str | None = None,
        headers: Mapping[str, str] | None = None,
        connect: Callable[..., Any] | None = None,
        ping_interval: float | None = 20.0,
        ping_timeout: float | None = 20.0,
    ) -> None:
        self._client = client
        self.thread_id = thread_id
        self._commands_url, self._stream_path = thread_paths(thread_id, commands_path, stream_path)
        self._default_headers: dict[str, str] = dict(headers or {})
        self._connect = connect or default_connect()
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._closed = False

    def send_command(self, command: dict[str, Any]) -> dict[str, Any] | None:
        """POST ``command`` over HTTP; as `SyncProtocolSseTransport.send_command`."""
        self._check_open()
        response = self._client.post(
            self._commands_url,
            content=encode_json(command),
            headers={**self._default_headers, "content-type": "application/json"},
        )
        return command_envelope(response)

    def open_event_stream(self, params: dict[str, Any]) -> SyncEventStreamHandle:
        """Connect now; subscribing and reading happen as ``events`` is iterated. Frames that
        are JSON objects are events."""
        self._check_open()
        handshake = websocket_headers(self._default_headers)
        cookies = cookie_header(self._client, self._stream_path)
        if cookies:
            handshake.append(("Cookie", cookies))
        connection = self._connect(
            build_websocket_url(self._client.base_url, self._stream_path),
            additional_headers=handshake,
            ping_interval=self._ping_interval,
            ping_timeout=self._ping_timeout,
        )
        socket = connection.__enter__()
        subscribe: dict[str, Any] = {
            "id": 1,
            "method": "subscription.subscribe",
            "params": build_event_stream_body(params),
        }
        closed = False
        failure: BaseException | None = None

        def events() -> Iterator[dict[str, Any]]:
            nonlocal failure
            try:
                socket.send(encode_json(subscribe).decode())
                for raw in socket:
                    if closed:
                        return
                    frame = _decode_frame(raw)
                    if isinstance(frame, dict):
                        yield frame
            except BaseException as exc:
                if not closed:
                    failure = exc
                raise
            finally:
                with contextlib.suppress(Exception):
                    connection.__exit__(None, None, None)

        def close() -> None:
            nonlocal closed
            closed = True
            with contextlib.suppress(Exception):
                socket.close()

        return SyncEventStreamHandle(events=events(), error=lambda: failure, close=close)

    def close(self) -> None:
        """Mark the transport closed (open streams end when closed or exhausted)."""
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("Protocol transport is closed.")
