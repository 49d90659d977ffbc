"""Which events of a connection one subscription delivers, and when it ends: pure, no I/O.

A subscription follows the run that was current when it was opened: the server replays from
``since``, so the first events it reads may be the previous run's tail; they are skipped.
The subscription ends after its run's root terminal lifecycle event (or, for a child graph's
handle, after that child's own terminal event). The connection itself lives in
`lg_threads._async.subscription`, which builds on this class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lg_threads import _protocol
from lg_threads._run_tracker import RunTracker

__all__ = ["RunWindow"]

#: Channels `_protocol.event_matches` decides on more than the event's method.
_NOT_PLAIN = frozenset({"custom", "input"})


class RunWindow:
    """The filter of one subscription and where its run starts and ends."""

    def __init__(
        self,
        tracker: RunTracker,
        channels: Sequence[str],
        namespaces: Sequence[Sequence[str]] | None,
        depth: int | None,
        *,
        scope: Sequence[str] | None,
        follows_thread: bool,
    ) -> None:
        self._tracker = tracker
        self.channels = list(channels)
        self.namespaces = None if namespaces is None else [list(n) for n in namespaces]
        self.depth = depth
        #: Also end when this namespace's own lifecycle ends (a subgraph's handle).
        self._scope = None if scope is None else list(scope)
        self._epoch = tracker.epoch
        self._floor = tracker.floor
        # Opened before the stream started a run of its own, on a thread the caller named.
        self._follow = tracker.epoch == 0 and follows_thread
        self._saw_running = False
        self._pending_end = False
        #: The lifecycle event that ended ``scope``, once seen.
        self.scope_end: dict[str, Any] | None = None
        # Per-event fast path of `matches`: channels whose events match on their method
        # alone, when no namespace filter applies (``custom`` and ``input`` need more).
        unfiltered = namespaces is None and depth is None
        self._plain_channels = (
            frozenset(c for c in self.channels if c not in _NOT_PLAIN and ":" not in c)
            if unfiltered
            else frozenset()
        )
        # `admit`'s fast path: methods that neither change the run's state (the tracker reads
        # only ``lifecycle`` and ``input.requested``) nor end a subscription.
        self._quick_methods = self._plain_channels - {"lifecycle", "input.requested"}
        # Nothing to tell stale until the run's ``running`` event (see `_is_stale`).
        self._never_stale = self._follow or self._epoch == 0

    def admit(self, event: dict[str, Any]) -> bool:
        """Take ``event`` off the connection: the run tracker observes it, then whether this
        subscription delivers it (after a run-ending one, ``_pending_end`` is set).

        The same as `RunTracker.observe`, `_is_stale`, `_ends_run` and `matches` in turn,
        with the usual event (a plain channel's, in the run) decided in one step."""
        seq = event.get("seq")
        if (
            type(seq) is int
            and event.get("method") in self._quick_methods
            and (self._saw_running or self._never_stale)
        ):
            tracker = self._tracker
            if seq > tracker.cursor:
                tracker.cursor = seq  # all that observing such an event changes
            return True
        self._tracker.observe(event)
        if self._is_stale(event):
            return False
        self._pending_end = self._ends_run(event)
        return self.matches(event)

    def matches(self, event: dict[str, Any]) -> bool:
        """Whether this subscription's filter receives ``event``."""
        method = event.get("method")
        if type(method) is str and method in self._plain_channels:
            return True
        return _protocol.event_matches(event, self.channels, self.namespaces, self.depth)

    def filter_body(self) -> dict[str, Any]:
        """The subscription body the connection sends (``channels``, ..., ``since``)."""
        # The server filters by namespace only when the root passes the filter: the root's
        # lifecycle events are how this subscription knows that its run ended.
        root_visible = _protocol.namespace_matches([], self.namespaces, self.depth)
        return _protocol.subscription_body(
            self.channels,
            self.namespaces if root_visible else None,
            self.depth if root_visible else None,
            since=self._floor if (self._floor or self._tracker.epoch) else None,
        )

    def _is_stale(self, event: dict[str, Any]) -> bool:
        """Whether ``event`` belongs to a run before the one this subscription follows.

        After a run command, what the server replays between the floor and the new run's
        root ``running`` event is the previous run's tail (its last ``values``, its end).
        """
        if self._follow or self._saw_running or self._epoch == 0:
            return False
        tracker = self._tracker
        if _protocol.root_lifecycle(event) == "running":
            return tracker.other_runs_start(event)
        if tracker.running_seq is not None and tracker.epoch == self._epoch:
            seq = event.get("seq")
            return tracker.is_stale(seq if isinstance(seq, int) else None, self._epoch)
        return True

    def _ends_run(self, event: dict[str, Any]) -> bool:
        """Whether the subscription ends after ``event`` (which it still delivers)."""
        if event.get("method") != "lifecycle":  # only lifecycle events end a subscription
            return False
        status = _protocol.root_lifecycle(event)
        if status == "running":
            self._saw_running = True
            return False
        if status in _protocol.TERMINAL_LIFECYCLE:
            return self._saw_running and not self._follow
        if self._scope:
            data = _protocol.event_data(event)
            if (
                _protocol.event_namespace(event) == self._scope
                and isinstance(data, dict)
                and data.get("event") in _protocol.TERMINAL_LIFECYCLE
            ):
                self.scope_end = event
                return True
        return False
