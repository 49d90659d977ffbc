"""`ProtocolSseTransport`: one thread's protocol commands over HTTP, its events over SSE (async).

Commands are ``POST /threads/{thread_id}/commands``; each `open_event_stream` is its own
``POST /threads/{thread_id}/stream/events`` connection carrying the subscription in its body
(``since`` resumes after a cursor). A stream is read once: reconnecting is the caller's choice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import httpx

from lg_threads.transport._pump import PumpState, SseEvents, cancel_all, start_stream
from lg_threads.transport.base import (
    EventStreamHandle,
    build_event_stream_body,
    command_envelope,
    event_stream_headers,
    thread_paths,
)
from lg_transport import encode_json, errors

__all__ = ["ProtocolSseTransport"]

# The official module's alias of the body builder (its tests import it from here).
_build_event_stream_body = build_event_stream_body


class ProtocolSseTransport:
    """Protocol transport of one thread over HTTP + SSE, on the caller's ``httpx.AsyncClient``."""

    def __init__(
        self,
        *,
        client: httpx.AsyncClient,
        thread_id: str,
        commands_path: str | None = None,
        stream_path: str | None = None,
        headers: Mapping[str, str] | None = None,
        max_queue_size: int = 1024,
    ) -> None:
        self._client = client
        self.thread_id = thread_id
        self._commands_url, self._stream_url = thread_paths(thread_id, commands_path, stream_path)
        self._default_headers: dict[str, str] = dict(headers or {})
        self._max_queue_size = max_queue_size
        self._closed = False
        self._event_streams: set[asyncio.Task[None]] = set()

    async def send_command(self, command: dict[str, Any]) -> dict[str, Any] | None:
        """POST ``command``; its envelope, or None for 202/204. An error status raises its
        typed error; a closed transport or an answer without an envelope `RuntimeError`."""
        self._check_open()
        response = await self._client.post(
            self._commands_url,
            content=encode_json(command),
            headers={**self._default_headers, "content-type": "application/json"},
        )
        return command_envelope(response)

    def open_event_stream(self, params: dict[str, Any]) -> EventStreamHandle:
        """Open one filtered event stream (``params``: ``channels``, ``namespaces``, ``depth``,
        ``since``); must be called with an event loop running."""
        self._check_open()
        body = encode_json(build_event_stream_body(params))
        headers = event_stream_headers(self._default_headers)

        async def pump(state: PumpState) -> None:
            request = self._client.build_request(
                "POST", self._stream_url, content=body, headers=headers
            )
            response = await self._client.send(request, stream=True)
            try:
                if response.status_code >= 400:
                    await response.aread()
                    raise errors.error_for_response(response)
                state.mark_ready()
                sse = SseEvents()
                async for chunk in response.aiter_bytes():
                    if state.cancelled.is_set():
                        return
                    for event in sse.feed(chunk):
                        await state.queue.put(event)
                for event in sse.finish():
                    await state.queue.put(event)
            finally:
                await response.aclose()

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
