"""``thread.subgraphs``: one `ScopedStreamHandle` per child graph invocation, as it starts.

A child announces itself with a ``lifecycle`` ``started`` event in its own namespace (one
segment below its parent's, e.g. ``["child:1f0c..."]``) and ends with ``completed``,
``failed`` or ``interrupted`` there. A handle offers the thread's projections scoped to the
child: ``messages``, ``tool_calls``, ``subgraphs``, ``values``, ``extensions`` and ``output``
(the child's last state).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from lg_threads import _aio_views as _views
from lg_threads import _protocol
from lg_threads._async.messages import MessagesProjection
from lg_threads._async.router import Router, yield_as_found
from lg_threads._async.tool_calls import ToolCallsProjection

if TYPE_CHECKING:
    from lg_threads._async.thread_stream import AsyncThreadStream


class ScopedStreamHandle(_views.AwaitsOutput):
    """One child graph invocation, found while the run streams."""

    def __init__(
        self,
        *,
        thread: AsyncThreadStream,
        path: tuple[str, ...],
        graph_name: str | None,
        trigger_call_id: str | None,
        max_queue_size: int = 0,
    ) -> None:
        from lg_threads._async.projections import ExtensionsProjection

        self.path = tuple(path)
        self.namespace = list(path)
        self.graph_name = graph_name
        #: The tool call that started this child, when a tool did.
        self.trigger_call_id = trigger_call_id
        #: ``started``, then ``completed``, ``failed`` or ``interrupted``.
        self.status = "started"
        self.error: str | None = None
        self._thread = thread
        self.messages = MessagesProjection(thread, self.namespace)
        self.tool_calls = ToolCallsProjection(thread, self.namespace)
        self.subgraphs = SubgraphsProjection(thread, self.path)
        self.subagents = self.subgraphs
        self.extensions = ExtensionsProjection(thread, self.namespace)
        self.values = _views.StreamView(self._snapshots, self._last_values)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.graph_name!r} path={self.path!r} {self.status}>"

    @property
    def output(self) -> Any:
        """The child's last state once it has ended."""
        return _views.output_view(self._last_values)

    async def _snapshots(self) -> AsyncIterator[Any]:
        subscription = self._thread._subscribe(
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

    def _note_end(self, event: dict[str, Any] | None) -> None:
        data = _protocol.event_data(event) if event is not None else None
        if isinstance(data, dict) and data.get("event") in _protocol.TERMINAL_LIFECYCLE:
            self.status = data["event"]
            error = data.get("error")
            self.error = str(error) if error else None


class SubgraphsProjection:
    """Direct children of one namespace (the root for ``thread.subgraphs``)."""

    def __init__(self, thread: AsyncThreadStream, scope: tuple[str, ...] = ()) -> None:
        self._thread = thread
        self._scope = tuple(scope)

    def __aiter__(self) -> AsyncIterator[ScopedStreamHandle]:
        return self._children()

    def _children(self) -> AsyncIterator[ScopedStreamHandle]:
        scope = list(self._scope)
        subscription = self._thread._subscribe(["lifecycle"], [scope], 1, scope=scope or None)
        found: list[ScopedStreamHandle] = []
        routes = SubgraphRoutes(self._thread, self._scope, found.append)
        router = Router(subscription, routes.dispatch)
        return yield_as_found(router, found)


class SubgraphRoutes:
    """Turns child ``lifecycle`` events into handles and keeps their status current."""

    def __init__(self, thread: AsyncThreadStream, scope: tuple[str, ...], on_start: Any) -> None:
        self._thread = thread
        self._scope = scope
        self._on_start = on_start
        self._handles: dict[tuple[str, ...], ScopedStreamHandle] = {}

    def dispatch(self, event: dict[str, Any]) -> None:
        if event.get("method") != "lifecycle":
            return
        path = tuple(_protocol.event_namespace(event))
        if len(path) != len(self._scope) + 1 or path[: len(self._scope)] != self._scope:
            return
        data = _protocol.event_data(event)
        status = data.get("event") if isinstance(data, dict) else None
        handle = self._handles.get(path)
        if handle is None:
            graph_name = data.get("graph_name") if isinstance(data, dict) else None
            cause = data.get("cause") if isinstance(data, dict) else None
            trigger = cause.get("tool_call_id") if isinstance(cause, dict) else None
            handle = ScopedStreamHandle(
                thread=self._thread,
                path=path,
                graph_name=graph_name
                if isinstance(graph_name, str)
                else _protocol.normalize_segment(path[-1]),
                trigger_call_id=trigger if isinstance(trigger, str) else None,
            )
            self._handles[path] = handle
            self._on_start(handle)
        if status in _protocol.TERMINAL_LIFECYCLE:
            handle._note_end(event)
