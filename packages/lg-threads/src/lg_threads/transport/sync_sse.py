"""`SyncProtocolSseTransport`: the sync twin of `ProtocolSseTransport` (commands over HTTP,
each event stream its own SSE connection, read on the caller's thread)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from lg_threads.transport._pump import SseEvents
from lg_threads.transport.base import (
    SyncEventStreamHandle,
    build_event_stream_body,
    command_envelope,
    event_stream_headers,
    thread_paths,
)
from lg_transport import encode_json, errors

__all__ = ["SyncProtocolSseTransport"]


class SyncProtocolSseTransport:
    """Protocol transport of one thread over HTTP + SSE, on the caller's ``httpx.Client``."""

    def __init__(
        self,
        *,
        client: httpx.Client,
        thread_id: str,
        commands_path: str | None = None,
        stream_path: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._client = client
        self.thread_id = thread_id
        self._commands_url, self._stream_url = thread_paths(thread_id, commands_path, stream_path)
        self._default_headers: dict[str, str] = dict(headers or {})
        self._closed = False
        self._open_responses: list[httpx.Response] = []

    def send_command(self, command: dict[str, Any]) -> dict[str, Any] | None:
        """POST ``command``; its envelope, or None for 202/204 (errors as the async twin)."""
        self._check_open()
        response = self._client.post(
            self._commands_url,
            content=encode_json(command),
            headers={**self._default_headers, "content-type": "application/json"},
        )
        return command_envelope(response)

    def open_event_stream(self, params: dict[str, Any]) -> SyncEventStreamHandle:
        """Open one filtered event stream now: an error status raises its typed error, a
        response that is not an event stream `httpx.TransportError`."""
        self._check_open()
        request = self._client.build_request(
            "POST",
            self._stream_url,
            content=encode_json(build_event_stream_body(params)),
            headers=event_stream_headers(self._default_headers),
        )
        response = self._client.send(request, stream=True)
        if response.status_code >= 400:
            try:
                response.read()
            finally:
                response.close()
            raise errors.error_for_response(response)
        content_type = response.headers.get("content-type", "").partition(";")[0]
        if "text/event-stream" not in content_type:
            response.close()
            raise httpx.TransportError(
                "Expected response header Content-Type to contain "
                f"'text/event-stream', got {content_type!r}"
            )
        self._open_responses.append(response)
        closed = False
        failure: BaseException | None = None

        def events() -> Iterator[dict[str, Any]]:
            nonlocal failure
            sse = SseEvents()
            try:
                for chunk in response.iter_bytes():
                    if closed:
                        return
                    yield from sse.feed(chunk)
                yield from sse.finish()
            except BaseException as exc:
                if not closed:
                    failure = exc
                raise
            finally:
                with contextlib.suppress(ValueError):
                    self._open_responses.remove(response)
                response.close()

        def close() -> None:
            nonlocal closed
            closed = True
            with contextlib.suppress(Exception):
                response.close()

        return SyncEventStreamHandle(events=events(), error=lambda: failure, close=close)

    def close(self) -> None:
        """Close every open event stream; later calls raise. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for response in self._open_responses:
            with contextlib.suppress(Exception):
                response.close()
        self._open_responses.clear()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("Protocol transport is closed.")
