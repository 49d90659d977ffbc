"""One subscription of a thread stream: a connection bound to the run it was opened for.

It yields the events its filter selects and ends by itself when that run ends (its root
``completed``, ``failed`` or ``interrupted`` lifecycle event), so ``async for`` loops over a
run terminate. A subscription opened before the stream started any run, on a thread named by
the caller, follows the thread until the stream is closed instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

from lg_threads import _protocol
from lg_threads._async.event_source import open_events

if TYPE_CHECKING:
    from lg_threads._async.thread_stream import AsyncThreadStream


class Subscription:
    """Events of one filter, from the start of the current run to its end."""

    def __init__(
        self,
        owner: AsyncThreadStream,
        channels: Sequence[str],
        namespaces: Sequence[Sequence[str]] | None = None,
        depth: int | None = None,
        *,
        scope: Sequence[str] | None = None,
    ) -> None:
        tracker = owner._tracker
        self._owner = owner
        self.channels = list(channels)
        self.namespaces = None if namespaces is None else [list(n) for n in namespaces]
        self.depth = depth
        #: Also end when this namespace's own lifecycle ends (a subgraph's handle).
        self._scope = None if scope is None else list(scope)
        self._epoch = tracker.epoch
        self._floor = tracker.floor
        self._follow = tracker.epoch == 0 and owner._explicit_thread_id
        self._saw_running = False
        self._pending_end = False
        self.finished = False
        #: The lifecycle event that ended ``scope``, once seen.
        self.scope_end: dict[str, Any] | None = None
        # The server filters by namespace only when the root passes the filter: the root's
        # lifecycle events are how this subscription knows that its run ended.
        root_visible = _protocol.namespace_matches([], self.namespaces, depth)
        body = _protocol.subscription_body(
            self.channels,
            self.namespaces if root_visible else None,
            depth if root_visible else None,
            since=self._floor if (self._floor or tracker.epoch) else None,
        )
        self._events = open_events(
            owner._http, owner._transport_kind, owner.thread_id, body, owner._headers
        )
        owner._subscriptions.add(self)

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self

    async def __anext__(self) -> dict[str, Any]:
        event = await self.next_event()
        if event is None:
            raise StopAsyncIteration
        return event

    async def next_event(self) -> dict[str, Any] | None:
        """The next event for the caller, or None once the run (or the stream) has ended."""
        tracker = self._owner._tracker
        while not self.finished:
            if self._pending_end or self._owner._closed:
                await self.close()
                break
            try:
                event = await self._events.__anext__()
            except StopAsyncIteration:
                await self.close()
                break
            tracker.observe(event)
            if self._is_stale(event):
                continue
            self._pending_end = self._ends_run(event)
            if _protocol.event_matches(event, self.channels, self.namespaces, self.depth):
                return event
        return None

    def _is_stale(self, event: dict[str, Any]) -> bool:
        """Whether ``event`` belongs to a run before the one this subscription follows.

        After a run command, what the server replays between the floor and the new run's
        root ``running`` event is the previous run's tail (its last ``values``, its end).
        """
        if self._follow or self._saw_running or self._epoch == 0:
            return False
        tracker = self._owner._tracker
        if _protocol.root_lifecycle(event) == "running":
            return tracker.other_runs_start(event)
        if tracker.running_seq is not None and tracker.epoch == self._epoch:
            seq = event.get("seq")
            return tracker.is_stale(seq if isinstance(seq, int) else None, self._epoch)
        return True

    def _ends_run(self, event: dict[str, Any]) -> bool:
        status = _protocol.root_lifecycle(event)
        if status == "running":
            self._saw_running = True
            return False
        if status in _protocol.TERMINAL_LIFECYCLE:
            return self._saw_running and not self._follow
        if self._scope and event.get("method") == "lifecycle":
            data = _protocol.event_data(event)
            if (
                _protocol.event_namespace(event) == self._scope
                and isinstance(data, dict)
                and data.get("event") in _protocol.TERMINAL_LIFECYCLE
            ):
                self.scope_end = event
                return True
        return False

    async def close(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._owner._subscriptions.discard(self)
        # A generator being read by another task cannot be closed from here; its reader
        # sees `finished` on its next step and stops.
        if not getattr(self._events, "ag_running", False):
            await self._events.aclose()
