"""`StreamController`: many subscriptions of one thread multiplexed over one shared event
stream of a protocol transport (``langgraph_sdk.stream.controller``).

The shared stream's filter is the union of the live subscriptions' filters. A subscription the
current stream does not cover *rotates* it: the wider stream is opened first (resuming with
``since`` = the last sequence number seen), then the old one is closed; events both streams
deliver are de-duplicated by ``event_id``. One task (the fan-out) reads the shared stream and
hands each event to the subscriptions it matches. A dropped stream is reopened with ``since``
and exponential backoff.

Where this differs from the official controller (docs/compatibility.md): a subscription whose
queue is full is ended with `SubscriptionOverflowError` (the others go on) instead of events
being dropped silently, and a stream that cannot be reopened ends its subscriptions with that
error instead of a silent end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from lg_threads import _protocol
from lg_threads._controller_state import SeenEventIds, SharedStreamState
from lg_threads.filters import filter_covers, matches_subscription
from lg_threads.stream_errors import is_non_retryable_stream_error, stream_error_frame
from lg_threads.transport.base import AsyncProtocolTransport, EventStreamHandle
from lg_transport.official import reconnect_backoff

__all__ = ["StreamController", "SubscriptionOverflowError"]

# The official module's logger name, so logging set up for the official SDK applies.
_logger = logging.getLogger("langgraph_sdk.stream.controller")


class SubscriptionOverflowError(RuntimeError):
    """A subscription fell ``max_queue_size`` events behind the shared stream: it is ended
    (after what it had queued) so that the stream and the other subscriptions go on."""


_SeenEventIds = SeenEventIds  # the name the official tests reach for


@dataclass
class _Subscription:
    """One registered subscription: its filter and the queue the fan-out fills.

    ``ended`` is set once no more events will come (``None`` is queued when there is room);
    ``error`` is what ended the shared stream, if it failed for good."""

    id: int
    params: dict[str, Any]
    queue: asyncio.Queue[dict[str, Any] | None] = field(default_factory=asyncio.Queue)
    ended: bool = False
    error: BaseException | None = None

    def end(self, error: BaseException | None = None) -> None:
        if self.ended:
            return
        self.ended = True
        self.error = error
        # A full queue needs no sentinel: its reader checks `ended` once it has drained it.
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(None)

    def overflow(self, max_queue_size: int) -> None:
        """End the subscription with `SubscriptionOverflowError`: its reader gets what is
        queued, then the error."""
        self.ended = True
        self.error = SubscriptionOverflowError(
            f"subscription to {self.params.get('channels')} fell {max_queue_size} events "
            "behind the shared stream (max_queue_size) and was ended; read it concurrently "
            "with the others or raise max_queue_size"
        )


async def _close_after(handle: EventStreamHandle, *, delay: float = 0.0) -> None:
    """Close ``handle`` (after ``delay`` seconds): a rotated-out stream, closed off the path
    of the subscription that caused the rotation."""
    if delay:
        await asyncio.sleep(delay)
    await handle.close()


class StreamController(SharedStreamState):
    """Subscriptions of one thread over one shared event stream of ``transport``.

    Args:
        transport: the thread's protocol transport (`ProtocolSseTransport`,
            `ProtocolWebSocketTransport` or any `AsyncProtocolTransport`).
        run_start_gate: awaited (called with no arguments) before a stream is opened, so a
            subscription made while a run is being started opens after the server took it.
        max_queue_size: events buffered per subscription; a subscription further behind is
            ended with `SubscriptionOverflowError` (nothing is dropped silently).
        seen_event_ids_max: how many event ids are remembered to de-duplicate replays.
        max_reconnect_attempts: reopen attempts after the shared stream drops.
        reconnect_backoff_base, reconnect_backoff_cap: backoff between attempts, in seconds
            (``base * 2**attempt`` capped at ``cap``, plus up to 25% jitter).
    """

    def __init__(
        self,
        *,
        transport: AsyncProtocolTransport,
        run_start_gate: Callable[[], Awaitable[None]] | None = None,
        max_queue_size: int = 1024,
        seen_event_ids_max: int = 10_000,
        max_reconnect_attempts: int = 5,
        reconnect_backoff_base: float = 0.1,
        reconnect_backoff_cap: float = 2.0,
    ) -> None:
        self._transport = transport
        self._run_start_gate = run_start_gate
        self._max_queue_size = max_queue_size
        self._seen_event_ids = SeenEventIds(maxsize=seen_event_ids_max)
        self._max_reconnect_attempts = max_reconnect_attempts
        self._reconnect_backoff_base = reconnect_backoff_base
        self._reconnect_backoff_cap = reconnect_backoff_cap
        self._next_subscription_id = 1
        self._subscriptions: dict[int, _Subscription] = {}
        self._shared_stream: EventStreamHandle | None = None
        self._shared_stream_filter: dict[str, Any] | None = None
        self._fanout_task: asyncio.Task[None] | None = None
        self._rotation_close_tasks: set[asyncio.Task[None]] = set()
        self._cursor: int | None = None
        self._last_reconnect_error: BaseException | None = None
        self._closed = False

    # --- public ---------------------------------------------------------------------------

    def subscribe(
        self,
        channels: list[str],
        *,
        namespaces: list[list[str]] | None = None,
        depth: int | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Events of ``channels`` (under ``namespaces`` prefixes, ``depth`` levels deep) from
        the shared stream, until it ends; a stream that failed for good raises its error."""
        channels = _protocol.validate_channels(channels)
        _protocol.validate_namespaces(namespaces, depth)
        params: dict[str, Any] = {"channels": channels}
        if namespaces is not None:
            params["namespaces"] = [list(namespace) for namespace in namespaces]
        if depth is not None:
            params["depth"] = depth
        return self._subscription_iter(params)

    async def close(self) -> None:
        """Stop the fan-out, close the shared stream (and any being rotated out) and end every
        subscription. Idempotent."""
        if self._closed:
            return
        self._closed = True
        task = self._fanout_task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        shared, self._shared_stream = self._shared_stream, None
        try:
            if shared is not None:
                await shared.close()
        finally:
            if self._rotation_close_tasks:
                await asyncio.gather(*self._rotation_close_tasks, return_exceptions=True)
            for sub in list(self._subscriptions.values()):
                sub.end()

    def observe_applied_through_seq(self, seq: Any) -> None:
        """Move the resume cursor to ``seq`` (a command answer's ``applied_through_seq``)."""
        self._observe_seq(seq)

    # --- registry -------------------------------------------------------------------------

    def _register_subscription(self, params: dict[str, Any]) -> _Subscription:
        sub = _Subscription(
            id=self._next_subscription_id,
            params=params,
            queue=asyncio.Queue(maxsize=self._max_queue_size),
        )
        self._next_subscription_id += 1
        self._subscriptions[sub.id] = sub
        return sub

    def _unregister_subscription(self, subscription_id: int) -> None:
        self._subscriptions.pop(subscription_id, None)

    register_subscription = _register_subscription
    unregister_subscription = _unregister_subscription

    async def _subscription_iter(self, params: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
        sub = self._register_subscription(params)
        try:
            if self._closed:
                return
            await self._reconcile_stream(params)
            self._ensure_fanout_running()
            queue = sub.queue
            while True:
                if sub.ended and queue.empty():
                    break
                item = await queue.get()
                if item is None:
                    break
                yield item
            if sub.error is not None:
                raise sub.error
        finally:
            self._unregister_subscription(sub.id)

    # --- shared stream --------------------------------------------------------------------

    async def _reconcile_stream(self, candidate_filter: dict[str, Any]) -> None:
        """Make the shared stream cover ``candidate_filter``: keep it if it does, else open
        the union stream, wait until the server accepted it, and close the old one."""
        if (
            self._shared_stream is not None
            and self._shared_stream_filter is not None
            and filter_covers(self._shared_stream_filter, dict(candidate_filter))
        ):
            return
        if self._run_start_gate is not None:
            await self._run_start_gate()
            if self._is_closed():
                return  # closed while waiting: open nothing
        new_filter = self._compute_current_union(extra=candidate_filter)
        new_stream = self._transport.open_event_stream(self._filter_with_since(new_filter))
        old_stream, old_filter = self._shared_stream, self._shared_stream_filter
        self._shared_stream, self._shared_stream_filter = new_stream, new_filter
        try:
            await new_stream.ready
        except BaseException:
            # The old stream (if any) keeps serving; the subscriber gets the error.
            self._shared_stream, self._shared_stream_filter = old_stream, old_filter
            with contextlib.suppress(Exception):
                await new_stream.close()
            raise
        if old_stream is not None:
            task = asyncio.create_task(_close_after(old_stream))
            self._rotation_close_tasks.add(task)
            task.add_done_callback(self._rotation_close_tasks.discard)

    reconcile_stream = _reconcile_stream

    # --- fan-out --------------------------------------------------------------------------

    def _ensure_fanout_running(self) -> None:
        if self._fanout_task is None or self._fanout_task.done():
            self._fanout_task = asyncio.create_task(self._fanout())

    ensure_fanout_running = _ensure_fanout_running

    async def _fanout(self) -> None:
        """Read the shared stream into the subscriptions' queues, following rotations and
        reopening a dropped stream; end the subscriptions when it ends for good."""
        failure: BaseException | None = None
        shared: EventStreamHandle | None = None
        while not self._closed:
            shared = self._shared_stream
            if shared is None:
                break
            frame_error: BaseException | None = None
            try:
                async for event in self._dedup_iter(shared.events):
                    if self._is_closed():
                        break
                    if (frame := stream_error_frame(event)) is not None:
                        _logger.warning(
                            "Thread %s event stream failed: %s", self._transport.thread_id, frame
                        )
                        frame_error = frame
                        continue
                    for sub in list(self._subscriptions.values()):
                        if not sub.ended and matches_subscription(event, sub.params):
                            try:
                                sub.queue.put_nowait(event)
                            except asyncio.QueueFull:
                                sub.overflow(self._max_queue_size)
            except Exception as exc:
                _logger.debug("transport drop in fanout: %s: %s", type(exc).__name__, exc)
            if self._shared_stream is not shared:
                continue  # rotated: read the new stream
            ended_by = await shared.done
            if isinstance(ended_by, asyncio.CancelledError) or self._is_closed():
                break
            error = ended_by or frame_error
            if error is None:
                break  # the server ended the stream
            with contextlib.suppress(Exception):
                await shared.close()
            if is_non_retryable_stream_error(error) or not await self._reconnect_shared_stream():
                failure = self._last_reconnect_error or error
                break
        if shared is not None and self._shared_stream is shared:
            # Ended for good: a later subscription opens a new stream (resuming with `since`)
            # instead of reading this finished one.
            self._shared_stream = self._shared_stream_filter = None
        for sub in list(self._subscriptions.values()):
            sub.end(failure)

    async def _reconnect_sleep(self, attempt: int) -> None:
        await asyncio.sleep(
            reconnect_backoff(
                attempt, base=self._reconnect_backoff_base, cap=self._reconnect_backoff_cap
            )
        )

    async def _reconnect_shared_stream(self) -> bool:
        """Reopen the shared stream with the current union filter and ``since``; True once a
        stream is open, False when the attempts run out, the server refuses it for good (a
        4xx other than 408/429) or the controller closes."""
        base_filter = self._shared_stream_filter
        if base_filter is None:
            return False
        self._last_reconnect_error = None
        for attempt in range(self._max_reconnect_attempts):
            if self._closed:
                return False
            try:
                stream = self._transport.open_event_stream(self._filter_with_since(base_filter))
                await stream.ready
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._last_reconnect_error = exc
                _logger.debug(
                    "reconnect attempt %d failed: %s: %s", attempt, type(exc).__name__, exc
                )
                if is_non_retryable_stream_error(exc):
                    return False
                await self._reconnect_sleep(attempt)
                continue
            self._shared_stream = stream
            return True
        return False

    async def _dedup_iter(
        self, source: AsyncIterator[dict[str, Any]]
    ) -> AsyncIterator[dict[str, Any]]:
        seen = self._seen_event_ids
        async for event in source:
            event_id = event.get("event_id")
            if event_id is not None:
                if event_id in seen:
                    continue
                seen.add(event_id)
            self._observe_seq(event.get("seq"))
            yield event
