"""The connections of a thread stream: commands over HTTP, events over SSE or a WebSocket.

Each subscription is its own connection. The server numbers a thread's events with a ``seq``
that is the same on every connection, so a connection that breaks is reopened with
``since=<last seq>`` and nothing is lost or repeated; a subscription opened late replays the
run from its start the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Iterator, Mapping
from typing import Any, Literal

import httpx

from lg_threads import _protocol
from lg_threads._async import builtin_websocket
from lg_threads._resume_point import ResumePoint
from lg_threads._websocket_setup import (
    fits_builtin_client,
    websocket_failure,
    websocket_headers,
    websocket_url,
)
from lg_transport import ApiRequest, HttpClient, build_path, encode_json, errors, parse_json
from lg_transport.resilience import ReconnectEvent, reconnect_delay

logger = logging.getLogger("langgraph_sdk")

TransportKind = Literal["sse", "websocket"]
TRANSPORT_KINDS = ("sse", "websocket")

# Breaks worth reopening a connection for; anything else (4xx, protocol errors) is final.
_RESUMABLE = (errors.APIConnectionError, errors.InternalServerError, EOFError)


async def send_command(
    http: HttpClient,
    thread_id: str,
    body: dict[str, Any],
    headers: Mapping[str, str] | None,
) -> Any:
    """POST one protocol command and return the server's envelope (success or error)."""
    # A command that starts a run must not be sent twice: "create" retries only when the
    # server provably never received it.
    request = ApiRequest(
        "POST",
        build_path("/threads/{thread_id}/commands", thread_id=thread_id),
        json=body,
        headers=headers,
        retry="create",
    )
    try:
        return await http.send(request)
    except errors.BadRequestError as exc:
        # A malformed envelope is answered 400 with a protocol error body.
        if isinstance(exc.body, Mapping) and exc.body.get("type") == "error":
            return exc.body
        raise


async def open_events(
    http: HttpClient,
    kind: TransportKind,
    thread_id: str,
    filter_body: dict[str, Any],
    headers: Mapping[str, str] | None,
) -> AsyncGenerator[Iterator[dict[str, Any]], None]:
    """The events of one subscription, reconnecting with ``since`` after a break.

    They come a batch at a time (what one socket read brought), each batch an iterator that
    decodes its events as they are taken (`ResumePoint.events`): the reader hands them out
    without re-entering the connection's generators per event.
    ``filter_body`` holds ``channels``/``namespaces``/``depth`` and the initial ``since``.
    Reconnections stop after ``http.stream_reconnect_attempts`` in a row without a new event.
    """
    resume = ResumePoint(filter_body.get("since"), parse_json)
    decoded = kind != "websocket"
    while True:
        body = dict(filter_body)
        if resume.since is not None:
            body["since"] = resume.since
        try:
            if kind == "websocket":
                connection = _websocket_events(http, thread_id, body, headers)
            else:
                connection = _sse_events(http, thread_id, body, headers)
            async for batch in connection:
                yield resume.events(batch, decoded=decoded)
                if resume.failure is not None:  # an error frame, or one that is not JSON
                    failure, resume.failure = resume.failure, None
                    # Closes the socket as raising inside the connection would: a failure to
                    # close takes the place of this one, there too.
                    await connection.aclose()
                    raise failure
            raise EOFError("the server closed the event stream")
        except _RESUMABLE as exc:
            resume.failures += 1
            if resume.failures > http.stream_reconnect_attempts:
                if isinstance(exc, EOFError):
                    # The run may still be going: ending quietly would pass for its end.
                    raise errors.APIConnectionError(
                        message="the event stream kept closing before the run ended",
                        request=httpx.Request(
                            "POST",
                            http.client.base_url.join(
                                build_path(
                                    "/threads/{thread_id}/stream/events", thread_id=thread_id
                                )
                            ),
                        ),
                    ) from exc
                raise
            delay = reconnect_delay(resume.failures)
            _report(http, thread_id, kind, resume.failures, exc, delay, resume.since)
            await asyncio.sleep(delay)


def _report(
    http: HttpClient,
    thread_id: str,
    kind: TransportKind,
    attempt: int,
    exc: BaseException,
    delay: float,
    since: int | None,
) -> None:
    reason = str(exc) or type(exc).__name__
    logger.info(
        "thread stream %s: reconnecting (%d) in %.2fs after %s", thread_id, attempt, delay, reason
    )
    if http.on_reconnect is not None:
        http.on_reconnect(
            ReconnectEvent(
                attempt=attempt,
                reason=reason,
                delay=delay,
                request=f"{'WS' if kind == 'websocket' else 'POST'} "
                f"/threads/{thread_id}/stream/events",
                last_event_id=None if since is None else str(since),
                thread_id=thread_id,
                run_id=None,
            )
        )


async def _sse_events(
    http: HttpClient,
    thread_id: str,
    body: dict[str, Any],
    headers: Mapping[str, str] | None,
) -> AsyncGenerator[list[Any], None]:
    """The subscription's SSE parts' data (decoded by the SSE reader), those of one read of
    the body at a time; `ResumePoint.events` keeps the ``event`` frames."""
    # Opening a subscription changes nothing on the server: safe to retry.
    request = ApiRequest(
        "POST",
        build_path("/threads/{thread_id}/stream/events", thread_id=thread_id),
        json=body,
        headers=headers,
        retry="safe",
    )
    async for parts in http.stream_batches(request):
        yield [part.data for part in parts]


def _websocket_events(
    http: HttpClient,
    thread_id: str,
    body: dict[str, Any],
    headers: Mapping[str, str] | None,
) -> AsyncGenerator[list[Any], None]:
    """One subscription over a WebSocket, its messages (JSON texts) a batch at a time: the
    SDK's own client (`lg_threads._websocket`) when it can make the connection, the
    websockets library otherwise (a proxy)."""
    path = build_path("/threads/{thread_id}/stream/events", thread_id=thread_id)
    url = websocket_url(http.client.base_url, path)
    fake_request = httpx.Request("GET", url.replace("ws", "http", 1))
    subscribe = _json_text(_protocol.command(1, "subscription.subscribe", body))
    handshake_headers = websocket_headers(http, headers)
    if fits_builtin_client(http.client, url):
        return builtin_websocket.events(
            http.client, url, subscribe, handshake_headers, fake_request
        )
    return _websockets_library_events(http, url, subscribe, handshake_headers, fake_request)


async def _websockets_library_events(
    http: HttpClient,
    url: str,
    subscribe: str,
    handshake_headers: list[tuple[str, str]],
    fake_request: httpx.Request,
) -> AsyncGenerator[list[Any], None]:
    connect = websocket_connector()
    try:
        async with connect(
            url,
            additional_headers=handshake_headers,
            max_size=None,
            open_timeout=http.client.timeout.connect,
        ) as socket:
            await socket.send(subscribe)
            async for message in socket:
                yield [message]
    except _websocket_errors() as exc:
        from websockets.exceptions import ConnectionClosedOK, InvalidStatus

        raise websocket_failure(
            exc,
            fake_request,
            refused=InvalidStatus,
            refusal=_refusal,
            closed_ok=ConnectionClosedOK,
        ) from exc


def _refusal(exc: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of websockets' ``InvalidStatus``."""
    raw = exc.response
    return raw.status_code, list(raw.headers.raw_items()), raw.body or b""


def _json_text(value: Any) -> str:
    return encode_json(value).decode()


def websocket_connector() -> Any:
    try:
        from websockets.asyncio.client import connect
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "transport='websocket' needs the websockets package: "
            "pip install 'langgraph-sdk[websocket]' (or 'lg-threads[websocket]')"
        ) from exc
    return connect


def _websocket_errors() -> tuple[type[BaseException], ...]:
    from websockets.exceptions import InvalidHandshake, WebSocketException

    return (OSError, WebSocketException, InvalidHandshake, TimeoutError)
