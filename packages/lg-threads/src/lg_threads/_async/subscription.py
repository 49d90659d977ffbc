"""One subscription of a thread stream: a connection bound to the run it was opened for.

It yields the events its filter selects and ends by itself when that run ends (its root
``completed``, ``failed`` or ``interrupted`` lifecycle event), so ``async for`` loops over a
run terminate. A subscription opened before the stream started any run, on a thread named by
the caller, follows the thread until the stream is closed instead. Which events those are is
decided by `lg_threads._run_window.RunWindow`; this module reads the connection.

`StreamSession` is what the projections get from the stream: the connection settings and the
run tracker every subscription shares, and the one thing projections do with them, opening a
subscription.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Sequence
from typing import Any, Protocol

from lg_threads._async.event_source import TransportKind, open_events
from lg_threads._run_tracker import RunTracker
from lg_threads._run_window import RunWindow
from lg_transport import HttpClient


class SessionOwner(Protocol):
    """A thread stream, as the official ``ScopedStreamHandle(thread=...)`` takes it."""

    _session: StreamSession


class StreamSession:
    """One thread stream's shared state: where its connections go, what its runs did so far,
    which subscriptions are open."""

    def __init__(
        self,
        *,
        http: HttpClient,
        thread_id: str,
        headers: dict[str, str] | None,
        transport_kind: TransportKind,
        explicit_thread_id: bool,
        owner_name: str,
    ) -> None:
        self.http = http
        self.thread_id = thread_id
        self.headers = headers
        self.transport_kind: TransportKind = transport_kind
        #: The caller named the thread: before any run of its own, the stream follows it.
        self.explicit_thread_id = explicit_thread_id
        self.tracker = RunTracker()
        self.subscriptions: set[Subscription] = set()
        self.entered = False
        self.closed = False
        self._owner_name = owner_name

    def require_entered(self) -> None:
        if self.closed:
            raise RuntimeError(f"{self._owner_name} is closed")
        if not self.entered:
            raise RuntimeError(f"{self._owner_name} not entered — use `async with`.")

    def subscribe(
        self,
        channels: Sequence[str],
        namespaces: Sequence[Sequence[str]] | None = None,
        depth: int | None = None,
        scope: Sequence[str] | None = None,
    ) -> Subscription:
        """A new subscription (checked filter) of the stream's current run."""
        self.require_entered()
        return Subscription(self, channels, namespaces, depth, scope=scope)

    def open_events(self, body: dict[str, Any]) -> AsyncGenerator[Iterator[dict[str, Any]], None]:
        """The events of one filter (``body``) in batches, resumed across reconnections."""
        return open_events(self.http, self.transport_kind, self.thread_id, body, self.headers)

    @staticmethod
    def of(owner: StreamSession | SessionOwner) -> StreamSession:
        """``owner`` itself, or the session of the thread stream ``owner``."""
        return owner if isinstance(owner, StreamSession) else owner._session

    async def close(self) -> None:
        self.closed = True
        for subscription in list(self.subscriptions):
            await subscription.close()


class Subscription(RunWindow):
    """Events of one filter, from the start of the current run to its end."""

    def __init__(
        self,
        session: StreamSession,
        channels: Sequence[str],
        namespaces: Sequence[Sequence[str]] | None = None,
        depth: int | None = None,
        *,
        scope: Sequence[str] | None = None,
    ) -> None:
        super().__init__(
            session.tracker,
            channels,
            namespaces,
            depth,
            scope=scope,
            follows_thread=session.explicit_thread_id,
        )
        self._session = session
        self.finished = False
        self._batches = session.open_events(self.filter_body())
        #: The batch being handed out (events decoded as they are taken); the connection is
        #: read again only once it is used up.
        self._pending: Iterator[dict[str, Any]] = iter(())
        session.subscriptions.add(self)

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._each()

    async def __anext__(self) -> dict[str, Any]:
        event = await self.next_event()
        if event is None:
            raise StopAsyncIteration
        return event

    async def next_event(self) -> dict[str, Any] | None:
        """The next event for the caller, or None once the run (or the stream) has ended."""
        session = self._session
        while not self.finished:
            if self._pending_end or session.closed:
                await self.close()
                break
            event = next(self._pending, None)
            if event is None:
                await self._read_batch()
            elif self.admit(event):
                return event
        return None

    async def _each(self) -> AsyncIterator[dict[str, Any]]:
        """`next_event` for ``async for``: one generator step per event, the batch read in
        place (they share the pending batch, so both can read the same subscription)."""
        session = self._session
        admit = self.admit
        while not await self._ended():
            pending = self._pending
            for event in pending:
                if admit(event):
                    yield event
                if self._pending_end or session.closed or self.finished:
                    break
            else:
                if self._pending is pending:  # not already replaced by `next_event`
                    await self._read_batch()

    async def _ended(self) -> bool:
        """Whether the subscription is over, closing it when its run (or the stream) ended."""
        if self.finished:
            return True
        if self._pending_end or self._session.closed:
            await self.close()
            return True
        return False

    async def _read_batch(self) -> None:
        """The connection's next batch of events; closes the subscription at its end."""
        try:
            self._pending = await self._batches.__anext__()
        except StopAsyncIteration:
            await self.close()

    async def close(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._session.subscriptions.discard(self)
        # A generator being read by another task cannot be closed from here; its reader
        # sees `finished` on its next step and stops.
        if not getattr(self._batches, "ag_running", False):
            await self._batches.aclose()
