"""Run and thread streams that survive the network: rejoin after a cut, deliver each event once.

`StreamResumer.parts` reads a stream and, when the connection drops, goes silent for longer than
the idle window, or closes while the run is still live (asked with ``GET`` on the run), rejoins
it (`lg_transport._rejoin`) with ``Last-Event-ID`` just below the last id delivered, and lets
`lg_transport.dedupe.ExactlyOnce` drop what was already delivered. A stream that cannot be
resumed without a gap (not created resumable, or no run to rejoin) raises `StreamGapError`.
See docs/resilience.md for the rules and what was measured on the server.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any, Final

import httpx

from lg_schema import StreamPart
from lg_transport._async.body import body_chunks
from lg_transport._async.pause import pause
from lg_transport._failures import describe_error, is_transient, retry_after, wrap_transport_error
from lg_transport._internals import Turn
from lg_transport._rejoin import (
    LIVE_STATUSES,
    RunRef,
    StreamKind,
    StreamPlan,
    join_request,
    run_from_headers,
    run_status_request,
)
from lg_transport._request import ApiRequest
from lg_transport.dedupe import (
    START_OF_STREAM,
    ExactlyOnce,
    Verdict,
    parse_event_id,
    previous_event_id,
)
from lg_transport.errors import APIConnectionError, APIError
from lg_transport.resilience import ReconnectEvent, StreamGapError, reconnect_delay
from lg_transport.sse import EventStreamDecoder

if TYPE_CHECKING:
    from lg_transport._async.http import HttpClient

logger = logging.getLogger("langgraph_sdk")

OnResponse = Callable[[httpx.Response], None]
#: Before reading the stored log, wait until the newest id delivered is at least this old, so
#: that no event can still join its group (ids are milliseconds of the server's clock).
_SETTLE_SECONDS: Final = 0.005
#: Reading the stored log stops at the first newer event, at the end of the stream, or after
#: this long without data (the stored part is written in one burst).
_LOG_QUIET_SECONDS: Final = 1.0
_LOG_MIN_ATTEMPTS: Final = 3
#: Events that end a run's stream: after them, a clean close needs no check of the run.
_TERMINAL_EVENTS: Final = frozenset({"error", "end"})
_OBSERVED_EVENTS: Final = _TERMINAL_EVENTS | {"metadata"}


class StreamResumer:
    """One run or thread stream, resumed as often as the settings of ``http`` allow."""

    # Slots: a thousand streams waiting for a connection each hold one of these.
    __slots__ = (
        "_final_status",
        "_run_ended",
        "_saw_error_event",
        "_saw_terminal_event",
        "http",
        "on_response",
        "plan",
        "reconnections",
        "run",
        "tracker",
    )

    def __init__(self, http: HttpClient, plan: StreamPlan, on_response: OnResponse | None) -> None:
        self.http = http
        self.plan = plan
        self.on_response = on_response
        self.tracker = ExactlyOnce()
        self.run: RunRef | None = plan.run
        self.reconnections = 0
        self._saw_error_event = False
        self._saw_terminal_event = False
        # Set once the run is seen ended after a clean close.
        self._run_ended = False
        self._final_status: object = None

    async def parts(self, turn: Turn | None) -> AsyncGenerator[StreamPart, None]:
        """The stream's parts; ``turn``: its first request's place, let through
        (`HttpClient._line_up`)."""
        plan, tracker, http = self.plan, self.tracker, self.http
        request = plan.request
        sent_last_id = plan.caller_last_event_id
        replays_last_group = False
        attempts = 0
        server_retry_ms: int | None = None
        while True:
            failure: APIError | None = None
            progressed = False
            first = self.reconnections == 0
            try:
                response = await http._open_event_stream(
                    request, retry=first, timeout=http._idle_timeout(), turn=turn
                )
            except APIError as exc:
                if first or not is_transient(exc):
                    raise
                failure = exc
            else:
                turn = None  # spent: a rejoin queues like any call
                if first:
                    self.run = self.run or run_from_headers(response.headers)
                    if self.on_response is not None:
                        self.on_response(response)
                tracker.begin_connection(
                    replays_last_group=replays_last_group,
                    detect_restarts=plan.detect_restarts and sent_last_id is not None,
                )
                decoder = EventStreamDecoder()
                try:
                    async for chunk in body_chunks(response):
                        for part in decoder.feed(chunk):
                            verdict = tracker.accept(part)
                            if verdict is Verdict.DELIVER:
                                progressed = True
                                if part.event in _OBSERVED_EVENTS:
                                    self._observe(part)
                                yield part
                            elif verdict is Verdict.RESYNC:
                                for owed in await self._resync():
                                    progressed = True
                                    self._observe(owed)
                                    yield owed
                except APIError:
                    raise  # a typed failure of a nested call (`_resync`): not this body's
                except httpx.RequestError as exc:
                    failure = wrap_transport_error(exc, response.request)
                    failure.__cause__ = exc
                finally:
                    await response.aclose()
                server_retry_ms = decoder.retry
                # This connection's reads are delivered: drop them before the calls below,
                # which may queue behind other streams for a connection a good while.
                del response, decoder
                chunk = b""

            drain = False
            if failure is None:
                if plan.kind is StreamKind.THREAD_JOIN:
                    # The reference server never ends a thread stream: a close is a cut, when
                    # the events carried ids to resume from (else it is not that server).
                    if not tracker.saw_ids or tracker.saw_unidentified:
                        return
                    reason = "the server closed the stream"
                elif self.run is None or self._saw_terminal_event:
                    return  # nothing to ask about, or the stream said it ended: the end
                elif self._run_ended:
                    # A replay after the run ended: its close is the server's own.
                    lost = await self._lost_error_event()
                    if lost is not None:
                        yield lost
                    return
                else:
                    status = await self._run_status()
                    if status in LIVE_STATUSES:
                        reason = f"the stream closed while the run was {status}"
                    else:
                        self._run_ended, self._final_status = True, status
                        if self.reconnections == 0 or not self._replayable():
                            lost = await self._lost_error_event()
                            if lost is not None:
                                yield lost
                            return
                        # The stream was cut before: this close may have been one too, and
                        # the run ended since. Read what is left (a replay ends at once).
                        drain = True
                        reason = f"the run ended ({status})"
            else:
                reason = describe_error(failure)

            if not drain:
                await self._check_resumable(failure, reason)
                if progressed:
                    attempts = 0
                attempts += 1
                if attempts > http.stream_reconnect_attempts:
                    if failure is not None:
                        failure.attempts = attempts
                        raise failure
                    if plan.kind is StreamKind.THREAD_JOIN:
                        return  # the server keeps ending it: its decision
                    error = APIConnectionError(
                        message=f"{request.method} {request.path}: {reason}, "
                        f"{attempts - 1} times without a new event",
                        request=self._http_request(request),
                    )
                    error.attempts = attempts
                    raise error

            last_id = tracker.resume_id()
            replays_last_group = last_id is not None
            if last_id is None:
                last_id = self._first_resume_id()
            request = plan.rejoin_request(self.run, last_id)
            sent_last_id = last_id
            if drain:
                logger.debug("Reading the rest of %s after %s", plan.request.path, reason)
            else:
                delay = reconnect_delay(attempts, server_retry_ms)
                if failure is not None:
                    delay = max(delay, retry_after(failure) or 0.0)
                self._announce(request, attempts, reason, delay, last_id)
                await pause(delay)
            self.reconnections += 1

    def _observe(self, part: StreamPart) -> None:
        if part.event in _TERMINAL_EVENTS:
            self._saw_terminal_event = True
            self._saw_error_event |= part.event == "error"
        elif part.event == "metadata" and self.run is None and self.plan.thread_id is not None:
            # No Location header: the first event names the run.
            run_id = part.data.get("run_id") if isinstance(part.data, dict) else None
            if isinstance(run_id, str):
                self.run = RunRef(self.plan.thread_id, run_id)

    def _replayable(self) -> bool:
        """Whether the server stores this stream's events (a rejoin replays what was missed)."""
        tracker = self.tracker
        return not tracker.saw_unidentified and (self.plan.resumable or tracker.saw_ids)

    def _first_resume_id(self) -> str | None:
        """``Last-Event-ID`` of a rejoin when no event with an id was delivered yet."""
        if self.plan.kind is StreamKind.RUN_CREATE:
            return START_OF_STREAM  # the whole run is ours: replay it from its start
        # A join asked for what follows the caller's id, or for what comes from now on.
        return self.plan.caller_last_event_id

    async def _check_resumable(self, failure: APIError | None, reason: str) -> None:
        """Raise `StreamGapError` unless a rejoin can replay everything missed."""
        plan, tracker = self.plan, self.tracker
        if plan.kind is not StreamKind.THREAD_JOIN and self.run is None:
            problem = "the server named no run to rejoin (stateless runs cannot be)"
        elif tracker.saw_unidentified:
            problem = "the run was not created with stream_resumable=True"
        elif plan.resumable or tracker.saw_ids or await self._created_resumable():
            return
        else:
            problem = "the run was not created with stream_resumable=True"
        run = self.run
        error = StreamGapError(
            f"{plan.request.method} {plan.request.path}: {reason}, and events may have been "
            f"missed that cannot be replayed: {problem}. The run itself goes on; join it "
            "for its outcome.",
            request=self._http_request(plan.request),
            thread_id=run.thread_id if run else plan.thread_id,
            run_id=run.run_id if run else None,
            last_event_id=tracker.last_event_id,
        )
        if failure is not None:
            raise error from failure
        raise error

    async def _created_resumable(self) -> bool:
        """Whether a joined run (nothing received yet) stores its events, as its kwargs say."""
        if self.plan.kind is not StreamKind.RUN_JOIN:
            return False
        kwargs = (await self._get_run()).get("kwargs")
        return isinstance(kwargs, dict) and kwargs.get("resumable") is True

    async def _run_status(self) -> object:
        """The run's status after a clean close; a run that cannot be found counts as ended."""
        try:
            return (await self._get_run()).get("status")
        except APIError as exc:
            if is_transient(exc):
                raise
            logger.debug("Run status unavailable after the stream ended: %s", describe_error(exc))
            return None

    async def _get_run(self) -> dict[str, Any]:
        assert self.run is not None
        run = await self.http.send(run_status_request(self.run, self.plan.request.headers))
        return run if isinstance(run, dict) else {}

    async def _lost_error_event(self) -> StreamPart | None:
        """The ``error`` event a failed run ended with, if a rejoin could not replay it.

        The server publishes that event live only (it is not stored), so a rejoin after the
        run failed gets everything but it; the run's join result holds the same payload.
        """
        if (
            self._final_status != "error"
            or self.reconnections == 0
            or self._saw_error_event
            or not self.plan.error_expected
            or self.run is None
        ):
            return None
        result = await self.http.send(join_request(self.run, self.plan.request.headers))
        error = result.get("__error__") if isinstance(result, dict) else None
        if error is None:
            return None
        self._saw_error_event = True
        return StreamPart("error", error, None)

    async def _resync(self) -> list[StreamPart]:
        """Read the stored events of the resync window and return the ones still owed."""
        lo, hi = self.tracker.resync_window()
        hi_key = parse_event_id(hi)
        assert hi_key is not None
        await pause(_SETTLE_SECONDS)
        attempt = 0
        limit = max(_LOG_MIN_ATTEMPTS, self.http.stream_reconnect_attempts)
        while True:
            attempt += 1
            request = self.plan.authority_request(self.run, previous_event_id(lo))
            try:
                events = await self._read_stored(request, hi_key)
            except APIError as exc:
                if attempt >= limit or not is_transient(exc):
                    exc.attempts = attempt
                    raise
                await pause(reconnect_delay(attempt))
                continue
            owed = self.tracker.apply_authority(events)
            logger.debug(
                "Resynchronised event ids %s..%s with the stored log: %d owed", lo, hi, len(owed)
            )
            return owed

    async def _read_stored(self, request: ApiRequest, hi_key: tuple[int, int]) -> list[StreamPart]:
        base = self.http._idle_timeout() or self.http.client.timeout
        timeout = httpx.Timeout(
            connect=base.connect, read=_LOG_QUIET_SECONDS, write=base.write, pool=base.pool
        )
        response = await self.http._open_event_stream(request, retry=False, timeout=timeout)
        events: list[StreamPart] = []
        decoder = EventStreamDecoder()
        try:
            async for chunk in body_chunks(response):
                for part in decoder.feed(chunk):
                    key = parse_event_id(part.id) if part.id is not None else None
                    if key is None:
                        continue
                    if key > hi_key:
                        return events
                    events.append(part)
        except httpx.ReadTimeout as exc:
            if not events:  # not even the stored part came: try again
                raise wrap_transport_error(exc, response.request) from exc
        except httpx.RequestError as exc:
            raise wrap_transport_error(exc, response.request) from exc
        finally:
            await response.aclose()
        return events

    def _announce(
        self, request: ApiRequest, attempt: int, reason: str, delay: float, last_id: str | None
    ) -> None:
        run = self.run
        logger.info(
            "Reconnecting %s %s through GET %s after %s (attempt %d, Last-Event-ID %s), in %.2fs",
            self.plan.request.method,
            self.plan.request.path,
            request.path,
            reason,
            attempt,
            last_id,
            delay,
        )
        callback = self.http.on_reconnect
        if callback is not None:
            callback(
                ReconnectEvent(
                    attempt=attempt,
                    reason=reason,
                    delay=delay,
                    request=f"GET {request.path}",
                    last_event_id=last_id,
                    thread_id=run.thread_id if run else self.plan.thread_id,
                    run_id=run.run_id if run else None,
                )
            )

    def _http_request(self, request: ApiRequest) -> httpx.Request:
        """An httpx request for error reports (never sent)."""
        return self.http.client.build_request(request.method, request.path)
