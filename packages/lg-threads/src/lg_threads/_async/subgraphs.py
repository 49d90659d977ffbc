"""``thread.subgraphs``: one `ScopedStreamHandle` per child graph invocation, as it starts.

A child announces itself with a ``lifecycle`` ``started`` event in its own namespace (one
segment below its parent's, e.g. ``["child:1f0c..."]``) and ends with ``completed``,
``failed`` or ``interrupted`` there (routing: `lg_threads._routing.SubgraphRoutes`). A handle
offers the thread's projections scoped to the child: ``messages``, ``tool_calls``,
``subgraphs``, ``values``, ``extensions`` and ``output`` (the child's last state).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from lg_threads import _aio_views as _views
from lg_threads import _protocol
from lg_threads._async.extensions import ExtensionsProjection
from lg_threads._async.messages import MessagesProjection
from lg_threads._async.router import Router, yield_as_found
from lg_threads._async.subscription import SessionOwner, StreamSession
from lg_threads._async.tool_calls import ToolCallsProjection
from lg_threads._decoding import ChildParts
from lg_threads._routing import SubgraphRoutes


class ScopedStreamHandle(ChildParts, _views.AwaitsOutput):
    """One child graph invocation, found while the run streams."""

    def __init__(
        self,
        *,
        thread: StreamSession | SessionOwner,
        path: tuple[str, ...],
        graph_name: str | None,
        trigger_call_id: str | None,
        max_queue_size: int = 0,
    ) -> None:
        super().__init__(path=path, graph_name=graph_name, trigger_call_id=trigger_call_id)
        # ``thread`` is the official keyword: a thread stream, or (from the routes) its session.
        session = StreamSession.of(thread)
        self._session = session
        self.messages = MessagesProjection(session, self.namespace)
        self.tool_calls = ToolCallsProjection(session, self.namespace)
        self.subgraphs = SubgraphsProjection(session, self.path)
        self.subagents = self.subgraphs
        self.extensions = ExtensionsProjection(session, self.namespace)
        self.values = _views.StreamView(self._snapshots, self._last_values)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.graph_name!r} path={self.path!r} {self.status}>"

    @property
    def output(self) -> Any:
        """The child's last state once it has ended."""
        return _views.output_view(self._last_values)

    async def _snapshots(self) -> AsyncIterator[Any]:
        subscription = self._session.subscribe(
            ["values"], [self.namespace], 0, scope=self.namespace
        )
        async for event in subscription:
            yield _protocol.event_data(event)
        self._note_end(subscription.scope_end)

    async def _last_values(self) -> Any:
        last = None
        async for snapshot in self._snapshots():
            last = snapshot
        return last


class SubgraphsProjection:
    """Direct children of one namespace (the root for ``thread.subgraphs``)."""

    def __init__(self, session: StreamSession, scope: tuple[str, ...] = ()) -> None:
        self._session = session
        self._scope = tuple(scope)

    def __aiter__(self) -> AsyncIterator[ScopedStreamHandle]:
        return self._children()

    def _children(self) -> AsyncIterator[ScopedStreamHandle]:
        scope = list(self._scope)
        subscription = self._session.subscribe(["lifecycle"], [scope], 1, scope=scope or None)
        found: list[ScopedStreamHandle] = []
        routes = SubgraphRoutes(
            self._scope, partial(ScopedStreamHandle, thread=self._session), found.append
        )
        return yield_as_found(Router(subscription, lambda _router: routes), found)
