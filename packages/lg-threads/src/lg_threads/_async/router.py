"""Pull-based routing of one subscription's events to the objects built from them.

A projection such as ``thread.messages`` hands out one object per message while the message is
still streaming. Nothing runs in the background: whoever waits for data (the projection's loop,
or a caller reading one message's text) pulls the next event from the connection and routes
it, under a lock, until what it waits for is there. Where each event goes is decided by the
pure routes of `lg_threads._routing`; this module only pulls. The same code then serves the
sync client (generated from this module), where the lock is a thread lock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from lg_threads import _aio_views as _views
from lg_threads._async.subscription import Subscription
from lg_threads._decoding import Feed
from lg_threads._routing import Routes

T = TypeVar("T")


class Router:
    """Reads a subscription on demand and feeds each event to its routes.

    The routes are made by ``make_routes(router)``: the objects they create pull more events
    through this router."""

    def __init__(self, subscription: Subscription, make_routes: Callable[[Router], Routes]) -> None:
        self._subscription = subscription
        routes = make_routes(self)
        self._dispatch = routes.dispatch
        self._on_end = routes.end
        self._lock = _views.Lock()
        self.ended = False

    async def pump_until(self, ready: Callable[[], bool]) -> None:
        """Route events until ``ready()`` holds or the subscription ends."""
        while not ready() and not self.ended:
            async with self._lock:
                # Another reader may have routed what this one waits for meanwhile.
                if ready() or self.ended:
                    return
                event = await self._subscription.next_event()
                if event is None:
                    self.ended = True
                    self._on_end()
                    return
                self._dispatch(event)

    async def pump_once(self) -> bool:
        """Route one event (or none, if another reader just did); False once it has ended.

        The pull callback of langchain-core's chat-model streams (``set_arequest_more``)."""
        async with self._lock:
            if self.ended:
                return False
            event = await self._subscription.next_event()
            if event is None:
                self.ended = True
                self._on_end()
                return False
            self._dispatch(event)
            return True

    async def close(self) -> None:
        if not self.ended:
            self.ended = True
            self._on_end()
        await self._subscription.close()


async def yield_as_found(router: Router, found: list[T]) -> AsyncIterator[T]:
    """Yield what ``router``'s routes append to ``found``, pumping while there is none;
    the subscription is closed when the caller stops or the run ends."""
    index = 0
    try:
        while True:
            while index < len(found):
                yield found[index]
                index += 1
            if router.ended:
                break
            await router.pump_until(lambda: len(found) > index)  # noqa: B023 - read at once
    finally:
        await router.close()


class PulledFeed(Feed[T]):
    """A `Feed` whose readers route more events through ``router`` while they wait."""

    def __init__(self, router: Router | None = None) -> None:
        super().__init__()
        self.router = router

    async def wait_done(self) -> None:
        if self.router is not None:
            await self.router.pump_until(lambda: self.done)
        if not self.done:  # the connection ended first
            self.finish()

    async def iterate(self) -> AsyncIterator[T]:
        index = 0
        while True:
            while index < len(self.items):
                yield self.items[index]
                index += 1
            if self.done or self.router is None or self.router.ended:
                break
            await self.router.pump_until(
                lambda: len(self.items) > index or self.done  # noqa: B023 - read at once
            )
        if self.error is not None:
            raise self.error
