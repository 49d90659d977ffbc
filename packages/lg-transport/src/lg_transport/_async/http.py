"""The executor: sends `ApiRequest`s through an `httpx.AsyncClient`.

Everything about *what* to send is decided elsewhere (pure request builders); this module only
sends, retries by the rules of `lg_transport.retries`, decodes, and turns every failure into the
typed errors of `lg_transport.errors`. Run and thread streams are resumed after a cut by
`lg_transport._async.resume`; a waited run whose long answer is cut is rejoined through the
``Location`` its response named (see docs/resilience.md).
"""

from __future__ import annotations

import copy
import logging
import time
import warnings
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import httpx

from lg_schema import QueryParamTypes, StreamPart
from lg_transport import _location, _rejoin, retries
from lg_transport._async.body import body_chunks, read_body
from lg_transport._async.pause import pause
from lg_transport._async.plain_stream import PlainStream
from lg_transport._async.resume import StreamResumer
from lg_transport._deadline import BoundedClient, CallDeadline, check_total_timeout, time_left
from lg_transport._failures import describe_error, is_transient, wrap_transport_error
from lg_transport._internals import (
    Turn,
    async_admission,
    leave_on_close,
    set_pool_timeout,
)
from lg_transport._json import decode_json, encode_json
from lg_transport._json_culprit import unserializable_error
from lg_transport._options import (
    TimeoutTypes,
    build_headers,
    resolve_timeout,
    validate_max_retries,
)
from lg_transport._request import NO_BODY, ApiRequest
from lg_transport._request_log import log_attempt
from lg_transport._request_log import logger as request_logger
from lg_transport._sentinel import NOT_PROVIDED, NotGiven
from lg_transport.errors import APIError, APIResponseValidationError, error_for_response
from lg_transport.resilience import (
    DEFAULT_STREAM_IDLE_TIMEOUT,
    DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    OnReconnect,
    ReconnectEvent,
    validate_idle_timeout,
    validate_on_reconnect,
    validate_reconnect_attempts,
)
from lg_transport.sse import EventStreamDecoder

logger = logging.getLogger("langgraph_sdk")

OnResponse = Callable[[httpx.Response], None]
_JSON_HEADERS = {"Content-Type": "application/json"}
_SSE_HEADERS = {"Accept": "text/event-stream", "Cache-Control": "no-store"}


class HttpClient:
    """Sends API calls with retries and typed errors; the wrapped client is ``.client``.

    ``max_retries`` applies to every call; ``stream_reconnect_attempts``,
    ``stream_idle_timeout`` and ``on_reconnect`` to run and thread streams and to waited runs
    (`lg_transport.resilience`). ``timeout`` bounds each network wait of each attempt;
    ``total_timeout`` bounds a whole call, retries included (`lg_transport._deadline`).
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        max_retries: int = 2,
        timeout: TimeoutTypes = None,
        headers: Mapping[str, str] | None = None,
        stream_reconnect_attempts: int = DEFAULT_STREAM_RECONNECT_ATTEMPTS,
        stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT,
        on_reconnect: OnReconnect | None = None,
        total_timeout: float | None = None,
    ) -> None:
        self.client = client
        self.total_timeout = check_total_timeout(total_timeout)
        self.max_retries = validate_max_retries(max_retries)
        self.stream_reconnect_attempts = validate_reconnect_attempts(stream_reconnect_attempts)
        self.stream_idle_timeout = validate_idle_timeout(stream_idle_timeout)
        self.on_reconnect = validate_on_reconnect(on_reconnect)
        # Per-executor overrides (from with_options); None defers to the httpx client's own.
        self._timeout = None if timeout is None else resolve_timeout(timeout)
        self._headers = build_headers(None, headers, user_agent=False) if headers else None
        # (idle window, base timeout, their combination): one `httpx.Timeout` shared by streams.
        self._idle_timeouts: tuple[float, httpx.Timeout, httpx.Timeout] | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.client.base_url)!r}>"

    @property
    def extra_headers(self) -> Mapping[str, str] | None:
        """The headers this executor adds to the httpx client's own (from `with_options`)."""
        return self._headers

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes = None,
        headers: Mapping[str, str] | None = None,
        stream_reconnect_attempts: int | None = None,
        stream_idle_timeout: float | None | NotGiven = NOT_PROVIDED,
        on_reconnect: OnReconnect | None | NotGiven = NOT_PROVIDED,
        total_timeout: float | None | NotGiven = NOT_PROVIDED,
    ) -> HttpClient:
        """A copy with other settings that shares this one's connection pool.

        ``headers`` are added to (not substituted for) the ones this executor already sends.
        ``stream_idle_timeout=None``, ``on_reconnect=None`` and ``total_timeout=None`` turn
        those off; leaving them out keeps this executor's.
        """
        merged = {**(self._headers or {}), **(headers or {})}
        return type(self)(
            self.client,
            max_retries=self.max_retries if max_retries is None else max_retries,
            timeout=self._timeout if timeout is None else timeout,
            headers=merged or None,
            stream_reconnect_attempts=(
                self.stream_reconnect_attempts
                if stream_reconnect_attempts is None
                else stream_reconnect_attempts
            ),
            stream_idle_timeout=(
                self.stream_idle_timeout
                if isinstance(stream_idle_timeout, NotGiven)
                else stream_idle_timeout
            ),
            on_reconnect=(
                self.on_reconnect if isinstance(on_reconnect, NotGiven) else on_reconnect
            ),
            total_timeout=(
                self.total_timeout if isinstance(total_timeout, NotGiven) else total_timeout
            ),
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    # The official SDK's verbs, kept for drop-in use.

    async def get(
        self,
        path: str,
        *,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        return await self.send(ApiRequest("GET", path, params=params, headers=headers), on_response)

    async def post(
        self,
        path: str,
        *,
        json: dict[str, Any] | list[Any] | None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        body = NO_BODY if json is None else json
        request = ApiRequest("POST", path, json=body, params=params, headers=headers)
        return await self.send(request, on_response)

    async def put(
        self,
        path: str,
        *,
        json: dict[str, Any],
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        request = ApiRequest("PUT", path, json=json, params=params, headers=headers)
        return await self.send(request, on_response)

    async def patch(
        self,
        path: str,
        *,
        json: dict[str, Any],
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        request = ApiRequest("PATCH", path, json=json, params=params, headers=headers)
        return await self.send(request, on_response)

    async def delete(
        self,
        path: str,
        *,
        json: Any | None = None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> None:
        body = NO_BODY if json is None else json
        request = ApiRequest("DELETE", path, json=body, params=params, headers=headers)
        await self.send(request, on_response)

    async def request_reconnect(
        self,
        path: str,
        method: str,
        *,
        json: dict[str, Any] | None = None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
        reconnect_limit: int = 5,
    ) -> Any:
        """Send a call whose long answer may be cut: if it is, and the response named a run to
        join (``Location: .../join``), that join is requested up to ``reconnect_limit`` times."""
        body = NO_BODY if json is None else json
        request = ApiRequest(method, path, json=body, params=params, headers=headers)
        response = await self._fetch(request, on_response, rejoin_attempts=reconnect_limit)
        return _decode(response, request)

    def stream(
        self,
        path: str,
        method: str,
        *,
        json: dict[str, Any] | None = None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> AsyncIterator[StreamPart]:
        body = NO_BODY if json is None else json
        request = ApiRequest(method, path, json=body, params=params, headers=headers)
        return self.stream_request(request, on_response)

    # The executor proper.

    async def send(self, request: ApiRequest, on_response: OnResponse | None = None) -> Any:
        """Send ``request`` (retrying by its retry class) and return its decoded JSON body."""
        if self.total_timeout is not None:
            return await self._send_within(self.total_timeout, request, on_response)
        response = await self._fetch(request, on_response, self.stream_reconnect_attempts)
        return _decode(response, request)

    async def _send_within(
        self, seconds: float, request: ApiRequest, on_response: OnResponse | None
    ) -> Any:
        """`send` bounded to ``seconds`` of wall time, retries included (`lg_transport._deadline`)."""
        bounded = copy.copy(self)
        bounded.total_timeout = None
        bounded.client = BoundedClient(self.client)  # type: ignore[assignment]
        return await CallDeadline.run(
            seconds,
            request.method,
            request.path,
            self.client,
            lambda: bounded.send(request, on_response),
        )

    def stream_request(
        self, request: ApiRequest, on_response: OnResponse | None = None
    ) -> AsyncIterator[StreamPart]:
        """Open an event stream and yield its parts as they arrive.

        Run and thread streams are resumed after a cut, each event delivered once
        (`lg_transport._async.resume`); any other stream is reconnected through the
        ``Location`` its response named, as the official client does
        (`lg_transport._async.plain_stream`).
        """
        if _rejoin.stream_kind(request) is None:
            return PlainStream(self, request, on_response).parts()
        return self._planned_stream(request, on_response)

    def stream_batches(
        self, request: ApiRequest, on_response: OnResponse | None = None
    ) -> AsyncIterator[list[StreamPart]]:
        """As `stream_request`, the parts a list at a time (never empty): those one read of
        the body completed, for readers that take many events per step. Run and thread
        streams, resumed part by part, come one part per list."""
        if _rejoin.stream_kind(request) is None:
            return PlainStream(self, request, on_response).batches()
        return _one_per_list(self._planned_stream(request, on_response))

    def _planned_stream(
        self, request: ApiRequest, on_response: OnResponse | None
    ) -> AsyncIterator[StreamPart]:
        if self.stream_reconnect_attempts == 0:
            return self._stream_once(request, on_response, self._idle_timeout())
        return self._resumed_stream(request, on_response)

    async def _resumed_stream(
        self, request: ApiRequest, on_response: OnResponse | None
    ) -> AsyncIterator[StreamPart]:
        """`StreamResumer.parts`, made once the first request has its turn: a stream waiting
        for a connection holds only this frame, its request and its place in the gate."""
        turn = self._line_up(request, self._idle_timeout())
        # unasync: async only (the sync client has no pool gate: its turn is never queued)
        if turn.ready is not None:  # `gate.enter`, in this frame (no coroutine held per wait)
            try:
                woken = await turn.ready
            except BaseException:
                turn.gate.give_up(turn)
                raise
            turn.gate.arrive(turn, woken)
        # unasync: end
        plan = _rejoin.plan_stream(request)
        assert plan is not None, "a run or thread stream (`stream_kind`)"
        parts = StreamResumer(self, plan, on_response).parts(turn)
        del turn  # the first attempt's now: its body is not kept for the stream's life
        try:
            async for part in parts:
                yield part
        finally:
            await parts.aclose()  # at once, not when the collector finds it

    async def _stream_once(
        self,
        request: ApiRequest,
        on_response: OnResponse | None,
        timeout: httpx.Timeout | None,
    ) -> AsyncIterator[StreamPart]:
        response = await self._open_event_stream(request, retry=True, timeout=timeout)
        try:
            if on_response is not None:
                on_response(response)
            decoder = EventStreamDecoder()
            try:
                async for chunk in body_chunks(response):
                    for part in decoder.feed(chunk):
                        yield part
            except httpx.RequestError as exc:
                raise wrap_transport_error(exc, response.request) from exc
            for part in decoder.flush():
                yield part
        finally:
            await response.aclose()

    async def _open_event_stream(
        self,
        request: ApiRequest,
        *,
        retry: bool,
        timeout: httpx.Timeout | None,
        turn: Turn | None = None,
    ) -> httpx.Response:
        """Send a stream request and check that an event stream came back; the body is unread.

        ``retry``: by the request's retry class; otherwise one attempt (rejoins count their own).
        ``turn``: taken by `_line_up` for this request.
        """
        response = await self._send_with_retries(
            request,
            stream=True,
            extra_headers=_SSE_HEADERS,
            timeout=timeout,
            max_retries=None if retry else 0,
            turn=turn,
        )
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/event-stream"):
            try:
                await response.aread()
            finally:
                await response.aclose()
            raise APIResponseValidationError(
                response,
                response.text,
                message=f"expected an event stream from {request.path}, got {content_type!r}",
            )
        return response

    def _line_up(self, request: ApiRequest, timeout: httpx.Timeout | None) -> Turn:
        """``request``'s turn for a connection, taken before anything of its send exists:
        let through at once, or queued (await ``turn.ready``, then ``gate.arrive``). The turn
        goes to `_send_with_retries` (through `_open_event_stream`) with no await in between
        once it is let through (else the call would hold a place it never uses)."""
        # Encoded now: a body that cannot be sent fails before any wait, and what is sent is
        # the body as it was when the stream started, however long it waits.
        content = self._body(request)
        gate = async_admission(self.client)
        if gate is None or gate.try_enter():
            return Turn(gate, content)
        turn = Turn(gate, content, self._pool_wait(timeout))
        gate.line_up(turn, ahead=request.follow_up)
        return turn

    def _idle_timeout(self) -> httpx.Timeout | None:
        """The request timeout whose read part is the stream idle window, if one is set."""
        idle = self.stream_idle_timeout
        if idle is None:
            return None
        base = self._timeout if self._timeout is not None else self.client.timeout
        kept = self._idle_timeouts
        if kept is not None and kept[0] == idle and kept[1] is base:
            return kept[2]
        read = idle if base.read is None else min(base.read, idle)
        timeout = httpx.Timeout(connect=base.connect, read=read, write=base.write, pool=base.pool)
        self._idle_timeouts = (idle, base, timeout)
        return timeout

    async def _fetch(
        self, request: ApiRequest, on_response: OnResponse | None, rejoin_attempts: int
    ) -> httpx.Response:
        """Send a call and read its whole body; follow ``Location: .../join`` if the body is cut."""
        long_wait = _rejoin.is_long_wait(request)
        timeout = self._idle_timeout() if long_wait else None
        try:
            response = await self._send_with_retries(
                request, stream=False, timeout=timeout, rejoinable=long_wait
            )
        except _CutAfterHeaders as cut:
            if on_response is not None:
                on_response(cut.response)
            return await self._rejoin_run(request, cut.run, cut.error, rejoin_attempts)
        if on_response is not None:
            on_response(response)
        return response

    async def _rejoin_run(
        self, request: ApiRequest, run: _rejoin.RunRef, error: APIError, attempts: int
    ) -> httpx.Response:
        """Wait for ``run`` through ``GET .../join`` after its waiting request was cut."""
        join = _rejoin.join_request(run, request.headers)
        # The official client warns here too: a caller may want to know the answer was cut.
        warnings.warn(
            f"The answer to {request.method} {request.path} was cut ({describe_error(error)}); "
            f"attempting reconnect to Location: {join.path}",
            UserWarning,
            stacklevel=4,
        )
        attempt = 0
        while True:
            attempt += 1
            if attempt > attempts:
                error.attempts = attempt
                raise error
            # The official schedule (1, 2, 4, 5, 5 s): a join waits for the run's end anyway.
            delay = _location.backoff_seconds(attempt)
            reason = describe_error(error)
            logger.info(
                "Rejoining %s %s through GET %s after %s (attempt %d), in %.2fs",
                request.method,
                request.path,
                join.path,
                reason,
                attempt,
                delay,
            )
            if self.on_reconnect is not None:
                self.on_reconnect(
                    ReconnectEvent(
                        attempt=attempt,
                        reason=reason,
                        delay=delay,
                        request=f"GET {join.path}",
                        last_event_id=None,
                        thread_id=run.thread_id,
                        run_id=run.run_id,
                    )
                )
            await pause(delay)
            try:
                return await self._send_with_retries(
                    join, stream=False, timeout=self._idle_timeout(), max_retries=0, rejoinable=True
                )
            except _CutAfterHeaders as cut:
                error = cut.error
            except APIError as exc:
                if not is_transient(exc):
                    raise
                error = exc

    async def _send_with_retries(
        self,
        request: ApiRequest,
        *,
        stream: bool,
        extra_headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        max_retries: int | None = None,
        rejoinable: bool = False,
        turn: Turn | None = None,
    ) -> httpx.Response:
        """Send ``request`` until it succeeds or fails for good; with ``stream=False`` the body
        is read too.

        ``rejoinable`` (calls that wait for a run): the body is read after the headers, and if
        it is cut while the response names a run to join, `_CutAfterHeaders` is raised (that
        run is then joined instead of resending the request). Any other call has its body read
        by the client with the headers (one step on the aiohttp lane); a cut body is then a
        transport error like any other, retried for safe calls only, as below.

        ``turn``: the first attempt's place, taken by `_line_up`.
        """
        # The pool timeout, looked up once a call has to queue.
        pool_wait: float | None | NotGiven = NOT_PROVIDED
        if turn is None:
            content = self._body(request)  # a body that cannot be sent fails before any wait
            gate = async_admission(self.client)
        else:
            content, gate, pool_wait = turn.content, turn.gate, turn.pool_wait
        http_request: httpx.Request | None = None
        retry_class = request.retry_class
        limit = self.max_retries if max_retries is None else max_retries
        read_at_once = not (stream or rejoinable)
        log = request_logger.isEnabledFor(logging.DEBUG)  # asked once; off: no record is built
        attempt = 0
        while True:
            attempt += 1
            waited = 0.0
            if turn is not None:  # let through already
                waited, turn = turn.waited, None
            elif gate is not None and not gate.try_enter():
                # Queued before the request exists (`lg_transport._internals.pool_gate`).
                if pool_wait is NOT_PROVIDED:
                    pool_wait = self._pool_wait(timeout)
                waited = await gate.enter(pool_wait, ahead=request.follow_up)
            if http_request is None:
                try:
                    http_request = self._build(request, extra_headers, timeout, content)
                except BaseException:
                    if gate is not None:  # let through, never sent: the next call's turn
                        gate.leave()
                    raise
            if pool_wait is not NOT_PROVIDED:
                set_pool_timeout(http_request, pool_wait, waited)
            started = time.perf_counter() if log else 0.0
            try:
                response = await self.client.send(http_request, stream=not read_at_once)
            except BaseException as exc:
                if gate is not None:
                    gate.leave()
                if not isinstance(exc, httpx.RequestError):
                    raise
                if log:
                    log_attempt(http_request, attempt, started, error=exc)
                error: APIError = wrap_transport_error(exc, http_request)
                if attempt > limit or not retries.exception_is_retryable(retry_class, exc):
                    error.attempts = attempt
                    raise error from exc
                delay = retries.backoff_seconds(attempt)
                _log_retry(http_request, attempt, type(exc).__name__, delay)
                await pause(delay)
                continue
            if gate is not None:
                leave_on_close(gate, response)
            if log:
                log_attempt(http_request, attempt, started, response=response)
            if response.status_code < 400:
                if stream or read_at_once:
                    return response
                try:
                    await read_body(response)
                except httpx.RequestError as exc:
                    error = wrap_transport_error(exc, http_request)
                    error.__cause__ = exc
                    run = _rejoin.join_from_headers(response.headers)
                    if run is not None:
                        raise _CutAfterHeaders(response, run, error) from exc
                    # The server got the request: only a safe call may be sent again.
                    if attempt > limit or retry_class != "safe":
                        error.attempts = attempt
                        raise error from exc
                    delay = retries.backoff_seconds(attempt)
                    _log_retry(http_request, attempt, type(exc).__name__, delay)
                    await pause(delay)
                    continue
                finally:
                    await response.aclose()
                return response
            try:
                await read_body(response)
            except httpx.RequestError as exc:
                raise wrap_transport_error(exc, http_request) from exc
            finally:
                await response.aclose()
            if response.status_code >= 500:
                await _forget_connection(response)
            error = error_for_response(response)
            retry_after = retries.retry_after_seconds(response.headers)
            if (
                attempt > limit
                or not retries.status_is_retryable(retry_class, response.status_code)
                or (retry_after is not None and retry_after > retries.MAX_RETRY_AFTER)
            ):
                error.attempts = attempt
                raise error
            delay = retries.backoff_seconds(attempt, retry_after)
            _log_retry(http_request, attempt, f"status {response.status_code}", delay)
            await pause(delay)

    def _pool_wait(self, timeout: httpx.Timeout | None) -> float | None:
        """How long a call may wait for a connection: the pool timeout it is sent with,
        within what is left of ``total_timeout``."""
        if timeout is None:
            timeout = self._timeout if self._timeout is not None else self.client.timeout
        wait = timeout.pool
        left = time_left()
        if left is not None:
            wait = max(left, 0.0) if wait is None else min(wait, max(left, 0.0))
        return wait

    @staticmethod
    def _body(request: ApiRequest) -> bytes | None:
        """``request``'s JSON body, encoded (``None`` without one)."""
        if not request.has_body:
            return None
        try:
            return encode_json(request.json)
        except TypeError as exc:
            raise unserializable_error(request.json, exc) from None

    def _build(
        self,
        request: ApiRequest,
        extra_headers: Mapping[str, str] | None,
        timeout: httpx.Timeout | None,
        content: bytes | None,
    ) -> httpx.Request:
        headers: dict[str, str] = dict(self._headers) if self._headers else {}
        if request.has_body:
            headers.update(_JSON_HEADERS)
        if extra_headers:
            headers.update(extra_headers)
        if request.headers:
            headers.update(request.headers)
        if timeout is None:
            timeout = self._timeout
        return self.client.build_request(
            request.method,
            request.path,
            params=request.params,
            headers=headers,
            content=content,
            timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )


class _CutAfterHeaders(Exception):
    """The body of a response naming a run to join was cut (internal signal)."""

    def __init__(self, response: httpx.Response, run: _rejoin.RunRef, error: APIError) -> None:
        super().__init__(str(error))
        self.response = response
        self.run = run
        self.error = error


async def _one_per_list(parts: AsyncIterator[StreamPart]) -> AsyncIterator[list[StreamPart]]:
    async for part in parts:
        yield [part]


async def _forget_connection(response: httpx.Response) -> None:
    """Close the HTTP/1.1 connection a 5xx came on, so that no later call is sent on it.

    The Agent Server closes the connection after a 500 without saying so; a call sent on it
    meanwhile would fail after it may have been received, which a create cannot retry.
    """
    stream = response.extensions.get("network_stream")
    if stream is None or response.http_version != "HTTP/1.1":
        return
    try:
        await stream.aclose()
    except Exception:  # pragma: no cover - best effort: the pool drops a broken one anyway
        logger.debug("could not close the connection of a %d response", response.status_code)


def _decode(response: httpx.Response, request: ApiRequest) -> Any:
    try:
        return decode_json(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(
            response, response.text, message=f"the response to {request.path} is not JSON"
        ) from exc


def _log_retry(request: httpx.Request, attempt: int, reason: str, delay: float) -> None:
    logger.info(
        "Retrying %s %s after %s (attempt %d), in %.2fs",
        request.method,
        request.url.path,
        reason,
        attempt,
        delay,
    )
