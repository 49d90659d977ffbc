"""`SyncStreamController`: the sync twin of `lg_threads.controller.StreamController`
(``langgraph_sdk.stream.sync_controller``), with a fan-out thread instead of a task.

As in the official sync controller: the shared stream always carries ``lifecycle`` too, so the
end of the root run (its ``completed``/``failed`` lifecycle event) ends every subscription's
queue with ``None`` in order; a rotated-out stream is read to its end by a drain thread so
nothing it had buffered is lost; a refused stream (4xx other than 408/429) is not retried.

Where this differs from the official one (docs/compatibility.md): a stream that cannot be
reopened records its error on the subscriptions (``subscribe()`` raises it), event ids are
remembered in a bounded set, and ``close()`` also closes streams still being drained.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from queue import Queue
from typing import Any

from lg_threads import _protocol
from lg_threads._controller_state import SeenEventIds, SharedStreamState
from lg_threads.filters import (
    filter_covers,
    matches_subscription,
)
from lg_threads.filters import is_root_terminal_lifecycle as _is_root_terminal_lifecycle
from lg_threads.stream_errors import is_non_retryable_stream_error, stream_error_frame
from lg_threads.transport.base import SyncEventStreamHandle, SyncProtocolTransport
from lg_transport.official import reconnect_backoff

__all__ = ["SyncStreamController", "_is_root_terminal_lifecycle"]

# The official module's logger name, so logging set up for the official SDK applies.
_logger = logging.getLogger("langgraph_sdk.stream.sync_controller")

_DEFAULT_RUN_START_TIMEOUT = 30.0
# How long close() waits for the fan-out and drain threads before closing their streams.
_JOIN_TIMEOUT = 1.0


@dataclass
class _SyncSubscription:
    """One registered subscription: its filter, the queue the fan-out fills (``None`` marks
    an end) and the error that ended the shared stream for good, if any."""

    id: int
    params: dict[str, Any]
    queue: Queue[dict[str, Any] | None] = field(default_factory=Queue)
    error: BaseException | None = None


class SyncStreamController(SharedStreamState):
    """Subscriptions of one thread over one shared event stream of ``transport`` (sync).

    Args:
        transport: the thread's sync protocol transport.
        run_start_gate: when given, opening a stream waits until it is set (a run started).
        run_start_timeout: seconds to wait for ``run_start_gate``; `TimeoutError` after.
        max_reconnect_attempts: reopen attempts after the shared stream drops.
        reconnect_backoff_base, reconnect_backoff_cap: backoff between attempts, in seconds.
    """

    # The root run's end arrives on lifecycle, in order with everything else.
    _ALWAYS_SUBSCRIBED = ({"channels": ["lifecycle"]},)

    def __init__(
        self,
        transport: SyncProtocolTransport,
        *,
        run_start_gate: threading.Event | None = None,
        run_start_timeout: float = _DEFAULT_RUN_START_TIMEOUT,
        max_reconnect_attempts: int = 5,
        reconnect_backoff_base: float = 0.1,
        reconnect_backoff_cap: float = 10.0,
    ) -> None:
        self._transport = transport
        self._run_start_gate = run_start_gate
        self._run_start_timeout = run_start_timeout
        self._max_reconnect_attempts = max_reconnect_attempts
        self._reconnect_backoff_base = reconnect_backoff_base
        self._reconnect_backoff_cap = reconnect_backoff_cap
        self._next_subscription_id = 1
        self._subscriptions: dict[int, _SyncSubscription] = {}
        self._seen_event_ids = SeenEventIds()
        self._shared_stream: SyncEventStreamHandle | None = None
        self._shared_stream_filter: dict[str, Any] | None = None
        self._fanout_thread: threading.Thread | None = None
        self._drain_threads: set[threading.Thread] = set()
        self._draining: dict[threading.Thread, SyncEventStreamHandle] = {}
        self._cursor: int | None = None
        self._last_reconnect_error: BaseException | None = None
        self._closed = False
        # Guards the registry, the shared stream and the de-duplication + hand-off of an
        # event (so a drain thread and the fan-out never reorder what they both deliver).
        self._lock = threading.RLock()

    # --- public ---------------------------------------------------------------------------

    def subscribe(
        self,
        channels: list[str],
        *,
        namespaces: list[list[str]] | None = None,
        depth: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Events of ``channels`` from the shared stream until the root run or the stream
        ends; a stream that failed for good raises its error."""
        channels = _protocol.validate_channels(channels)
        _protocol.validate_namespaces(namespaces, depth)
        params: dict[str, Any] = {"channels": channels}
        if namespaces is not None:
            params["namespaces"] = [list(namespace) for namespace in namespaces]
        if depth is not None:
            params["depth"] = depth
        return self._subscription_iter(params)

    def register_subscription(self, params: dict[str, Any]) -> _SyncSubscription:
        with self._lock:
            sub = _SyncSubscription(id=self._next_subscription_id, params=params)
            self._next_subscription_id += 1
            self._subscriptions[sub.id] = sub
            return sub

    def unregister_subscription(self, subscription_id: int) -> None:
        with self._lock:
            self._subscriptions.pop(subscription_id, None)

    def signal_paused(self) -> None:
        """End every subscription's current iteration (``None``); the shared stream stays."""
        with self._lock:
            subs = list(self._subscriptions.values())
        for sub in subs:
            sub.queue.put(None)

    def reconcile_stream(self, candidate_filter: dict[str, Any]) -> None:
        """Make the shared stream cover ``candidate_filter``, rotating to the union stream
        when it does not (the old stream is drained to its end on a thread of its own)."""
        gate = self._run_start_gate
        if gate is not None and not gate.wait(timeout=self._run_start_timeout):
            raise TimeoutError(
                f"run_start_gate was not set within run_start_timeout={self._run_start_timeout}s"
            )
        with self._lock:
            if self._closed:
                raise RuntimeError("SyncStreamController is closed")
            if (
                self._shared_stream is not None
                and self._shared_stream_filter is not None
                and filter_covers(self._shared_stream_filter, dict(candidate_filter))
            ):
                return
            new_filter = self._compute_current_union(extra=candidate_filter)
            old_stream = self._shared_stream
            self._shared_stream = self._transport.open_event_stream(
                self._filter_with_since(new_filter)
            )
            self._shared_stream_filter = new_filter
            if old_stream is not None:
                drain = threading.Thread(
                    target=self._drain_and_close,
                    args=(old_stream,),
                    name="lg-threads-sync-rotation-drain",
                    daemon=True,
                )
                self._drain_threads.add(drain)
                self._draining[drain] = old_stream
                drain.start()

    def ensure_fanout_running(self) -> None:
        with self._lock:
            if self._fanout_thread is not None and self._fanout_thread.is_alive():
                return
            self._fanout_thread = threading.Thread(
                target=self._fanout, name="lg-threads-sync-stream-fanout", daemon=True
            )
            self._fanout_thread.start()

    def observe_applied_through_seq(self, seq: Any) -> None:
        """Move the resume cursor to ``seq`` (a command answer's ``applied_through_seq``)."""
        with self._lock:
            self._observe_seq(seq)

    def close(self) -> None:
        """End every subscription, close the shared stream, and wait (briefly) for the
        fan-out and drain threads; streams still draining then are closed. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            shared = self._shared_stream
            for sub in self._subscriptions.values():
                sub.queue.put(None)
        if shared is not None:
            with contextlib.suppress(Exception):
                shared.close()
        current = threading.current_thread()
        fanout = self._fanout_thread
        if fanout is not None and fanout is not current and fanout.is_alive():
            fanout.join(timeout=_JOIN_TIMEOUT)
        with self._lock:
            drains = list(self._drain_threads)
        for drain in drains:
            if drain is not current:
                drain.join(timeout=_JOIN_TIMEOUT)
        with self._lock:
            lingering = list(self._draining.values())
        for handle in lingering:
            with contextlib.suppress(Exception):
                handle.close()

    # --- internals ------------------------------------------------------------------------

    def _subscription_iter(self, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if self._closed:
            return
        sub = self.register_subscription(params)
        try:
            self.reconcile_stream(params)
            self.ensure_fanout_running()
            while (item := sub.queue.get()) is not None:
                yield item
            if sub.error is not None:
                raise sub.error
        finally:
            self.unregister_subscription(sub.id)

    def _deliver(self, event: dict[str, Any]) -> bool:
        """Hand ``event`` to the subscriptions it matches, unless its id was seen; True when
        delivered. Under the lock: de-duplication and hand-off are one step."""
        with self._lock:
            event_id = event.get("event_id")
            if event_id is not None:
                if event_id in self._seen_event_ids:
                    return False
                self._seen_event_ids.add(event_id)
            self._observe_seq(event.get("seq"))
            for sub in self._subscriptions.values():
                if matches_subscription(event, sub.params):
                    sub.queue.put(event)
            return True

    def _fanout(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
                shared = self._shared_stream
                if shared is None:
                    self._end_fanout(None, None)
                    return
            caught: BaseException | None = None
            frame_error: BaseException | None = None
            try:
                for event in shared.events:
                    if self._is_closed():
                        break
                    if (frame := stream_error_frame(event)) is not None:
                        _logger.warning(
                            "Thread %s event stream failed: %s", self._transport.thread_id, frame
                        )
                        frame_error = frame
                        continue
                    if self._deliver(event) and _is_root_terminal_lifecycle(event):
                        self.signal_paused()
            except Exception as exc:
                caught = exc
                _logger.debug("transport drop in fanout: %s: %s", type(exc).__name__, exc)
            # Whether to end is decided under the lock, in one step with ending: a
            # subscription that comes meanwhile either rotated the stream (read it) or
            # finds this thread gone and starts another.
            with self._lock:
                if self._shared_stream is not shared:
                    continue  # rotated: read the new stream
                if self._is_closed():
                    return
                error = shared.error() or caught or frame_error
                if error is None:  # the server ended the stream
                    self._end_fanout(shared, None)
                    return
            if is_non_retryable_stream_error(error) or not self._reconnect_shared_stream():
                with self._lock:
                    if self._shared_stream is not shared:
                        continue  # rotated while reconnecting: read the new stream
                    self._end_fanout(shared, self._last_reconnect_error or error)
                    return

    def _end_fanout(
        self, shared: SyncEventStreamHandle | None, failure: BaseException | None
    ) -> None:
        """End every subscription (with ``failure``, if any) and this fan-out thread; the
        caller holds the lock. A later subscription opens a new stream (with ``since``)."""
        if shared is not None and self._shared_stream is shared:
            self._shared_stream = self._shared_stream_filter = None
        if self._fanout_thread is threading.current_thread():
            self._fanout_thread = None
        for sub in self._subscriptions.values():
            sub.error = failure
            sub.queue.put(None)

    def _drain_and_close(self, handle: SyncEventStreamHandle) -> None:
        """Deliver what a rotated-out stream still has, then close it."""
        try:
            for event in handle.events:
                if stream_error_frame(event) is None:
                    self._deliver(event)
        except Exception as exc:
            _logger.debug("rotation drain ended: %s: %s", type(exc).__name__, exc)
        finally:
            with contextlib.suppress(Exception):
                handle.close()
            with self._lock:
                current = threading.current_thread()
                self._drain_threads.discard(current)
                self._draining.pop(current, None)

    def _reconnect_sleep(self, attempt: int) -> None:
        time.sleep(
            reconnect_backoff(
                attempt, base=self._reconnect_backoff_base, cap=self._reconnect_backoff_cap
            )
        )

    def _reconnect_shared_stream(self) -> bool:
        """Reopen the shared stream with ``since`` (backoff between attempts); True once open,
        False when the attempts run out, the server refuses it for good or on close."""
        base_filter = self._shared_stream_filter
        if base_filter is None:
            return False
        self._last_reconnect_error = None
        for attempt in range(self._max_reconnect_attempts):
            if self._closed:
                return False
            if attempt:
                self._reconnect_sleep(attempt - 1)
            try:
                stream = self._transport.open_event_stream(self._filter_with_since(base_filter))
            except Exception as exc:
                self._last_reconnect_error = exc
                _logger.debug(
                    "reconnect attempt %d failed: %s: %s", attempt, type(exc).__name__, exc
                )
                if is_non_retryable_stream_error(exc):
                    return False
                continue
            with self._lock:
                old, self._shared_stream = self._shared_stream, stream
            if old is not None:
                with contextlib.suppress(Exception):
                    old.close()
            return True
        return False
