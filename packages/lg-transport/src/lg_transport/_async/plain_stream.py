"""Plain event streams: the official ``HttpClient.stream`` contract (`lg_transport._location`).

Any stream that is not a run or thread stream (those are resumed exactly once by
`lg_transport._async.resume`) is read here. After the connection drops, it reconnects with a
bodyless ``GET`` of the ``Location`` the response named, with ``Last-Event-ID``; when a run's
stream closes cleanly without an ``end`` or ``error`` event, it asks the run and reconnects
while the run is pending or running. Reconnections back off 1, 2, 4, 5, 5 s and give up after
``stream_reconnect_attempts`` in a row without a new event. A failure of the first request, or
a drop before any ``Location`` was named, is raised as it is; so is a 4xx on a reconnection.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Final

import httpx

from lg_schema import StreamPart
from lg_transport import _location
from lg_transport._async.body import body_chunks
from lg_transport._async.pause import pause
from lg_transport._failures import describe_error, wrap_transport_error
from lg_transport._json import decode_json
from lg_transport._request import ApiRequest
from lg_transport.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
)
from lg_transport.resilience import ReconnectEvent, StreamReconnectError
from lg_transport.sse import EventStreamDecoder

if TYPE_CHECKING:
    from lg_transport._async.http import HttpClient

logger = logging.getLogger("langgraph_sdk")

OnResponse = Callable[[httpx.Response], None]
_END_EVENTS: Final = frozenset({"end", "error"})
_LIVE: Final = frozenset({"pending", "running"})


class PlainStream:
    """One plain event stream, reconnected by its ``Location`` as the official client does."""

    def __init__(self, http: HttpClient, request: ApiRequest, on_response: OnResponse | None):
        self.http = http
        self.request = request
        self.on_response = on_response

    async def parts(self) -> AsyncIterator[StreamPart]:
        async for batch in self.batches():
            for part in batch:
                yield part

    async def batches(self) -> AsyncIterator[list[StreamPart]]:
        """The stream's parts, those of one read of the body at a time (a list, never empty)."""
        http, request = self.http, self.request
        location: str | None = None
        cursor: str | None = None  # the last event id the stream sent ("" after an empty id:)
        attempts = 0
        run_ended = False
        while True:
            failure: APIError | None = None
            response: httpx.Response | None = None
            if location is None:
                response = await http._open_event_stream(request, retry=True, timeout=None)
                if self.on_response is not None:
                    self.on_response(response)
            else:
                try:
                    response = await http._open_event_stream(
                        self._reconnection(location, cursor), retry=False, timeout=None
                    )
                except APIError as exc:
                    if not _worth_another_try(exc):
                        raise
                    failure = exc
            if response is not None:
                named = _location.reconnect_location(response.headers, http.client.base_url)
                location = named or location
                decoder = EventStreamDecoder(last_event_id=cursor, official=True)
                try:
                    async for chunk in body_chunks(response):
                        batch = decoder.feed(chunk)
                        if batch:
                            attempts = 0
                            # Only a stream that can reconnect asks whether its run ended.
                            if location is not None and not run_ended:
                                run_ended = _ends_run(batch)
                            yield batch
                except httpx.RequestError as exc:
                    failure = wrap_transport_error(exc, response.request)
                    failure.__cause__ = exc
                    if location is None:
                        raise failure from exc
                else:
                    batch = decoder.finish()
                    if batch:
                        attempts = 0
                        run_ended = run_ended or _ends_run(batch)
                        yield batch
                finally:
                    await response.aclose()
                    if decoder.last_event_id is not None:
                        cursor = decoder.last_event_id
            if failure is None:
                if location is None or run_ended:
                    return
                failure = await self._check_run(location, cursor)
                if failure is None:
                    return
            if location is None:  # pragma: no cover - a failure before any Location was raised
                raise failure
            attempts += 1
            limit = http.stream_reconnect_attempts
            if limit == 0:
                raise failure
            if attempts > limit:
                raise StreamReconnectError(
                    message=(
                        f"Exceeded maximum SSE reconnection attempts ({limit}) for "
                        f"{request.method} {request.path}: {failure}"
                    ),
                    request=failure.request,
                ) from failure
            await self._before_reconnecting(location, cursor, attempts, failure)

    def _reconnection(self, location: str, cursor: str | None) -> ApiRequest:
        headers = _location.reconnect_headers(self.request.headers, cursor)
        if not _location.has_cursor(headers):
            warnings.warn(_location.NO_CURSOR_WARNING, UserWarning, stacklevel=4)
        return ApiRequest("GET", location, headers=headers or None)

    async def _check_run(self, location: str, cursor: str | None) -> APIError | None:
        """After a clean close: an error to reconnect on if the run is still live, else None."""
        url = _location.run_check_url(location)
        if url is None:
            return None
        headers = _location.run_check_headers(
            _location.reconnect_headers(self.request.headers, cursor)
        )
        check = ApiRequest("GET", url, headers=headers)
        try:
            response = await self.http._send_with_retries(check, stream=False, max_retries=0)
        except APIError as exc:
            # A restart that cut the stream can fail the check too; any other answer ends it.
            return exc if _worth_another_try(exc) else None
        try:
            run = decode_json(response.content)
        except ValueError:
            return None
        status = run.get("status") if isinstance(run, dict) else None
        if status not in _LIVE:
            return None
        return APIConnectionError(
            message=f"Stream closed while the run was still pending or running ({status})",
            request=response.request,
        )

    async def _before_reconnecting(
        self, location: str, cursor: str | None, attempt: int, failure: APIError
    ) -> None:
        delay = _location.backoff_seconds(attempt)
        reason = describe_error(failure)
        logger.info(
            "Reconnecting %s %s through GET %s after %s (attempt %d), in %.2fs",
            self.request.method,
            self.request.path,
            location,
            reason,
            attempt,
            delay,
        )
        on_reconnect = self.http.on_reconnect
        if on_reconnect is not None:
            on_reconnect(
                ReconnectEvent(
                    attempt=attempt,
                    reason=reason,
                    delay=delay,
                    request=f"GET {location}",
                    last_event_id=cursor or None,
                    thread_id=None,
                    run_id=None,
                )
            )
        await pause(delay)


def _ends_run(parts: list[StreamPart]) -> bool:
    return any(part.event in _END_EVENTS for part in parts)


def _worth_another_try(error: APIError) -> bool:
    """A reconnection that fails like a restarting server (no connection, 429, 5xx, or an
    answer that is not an event stream) is tried again; any other 4xx is raised."""
    if isinstance(error, APIResponseValidationError):
        return True
    status = getattr(error, "status_code", None)
    if status is not None:
        return bool(status == 429 or status >= 500)
    return isinstance(error, APIConnectionError)
