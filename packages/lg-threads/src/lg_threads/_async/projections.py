"""The projections of a thread stream, and ``interleave_projections`` over several at once.

A projection turns raw events into what an application reads: states (``values``), message
streams (`lg_threads._async.messages`), tool calls (`lg_threads._async.tool_calls`), child
graphs (`lg_threads._async.subgraphs`) and custom events (``extensions``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from lg_threads import _protocol
from lg_threads._async.messages import MessageRoutes, MessagesProjection, MessageStream
from lg_threads._async.router import Router, yield_as_found
from lg_threads._async.subgraphs import ScopedStreamHandle, SubgraphRoutes, SubgraphsProjection
from lg_threads._async.tool_calls import ToolCallHandle, ToolCallRoutes, ToolCallsProjection
from lg_transport.validate import check_str

if TYPE_CHECKING:
    from lg_threads._async.thread_stream import AsyncThreadStream

__all__ = [
    "ExtensionsProjection",
    "MessageStream",
    "MessagesProjection",
    "ScopedStreamHandle",
    "SubgraphsProjection",
    "ToolCallHandle",
    "ToolCallsProjection",
    "interleave",
]

#: Names `interleave_projections` accepts (besides ``custom:<name>``).
INTERLEAVE_CHANNELS = (
    "values",
    "messages",
    "tool_calls",
    "subgraphs",
    "updates",
    "checkpoints",
    "tasks",
    "custom",
)
# Wire channels behind each name.
_WIRE = {"tool_calls": "tools", "subgraphs": "lifecycle"}


class ExtensionsProjection:
    """``thread.extensions["name"]``: payloads of the custom events named ``name``."""

    def __init__(self, thread: AsyncThreadStream, namespace: list[str]) -> None:
        self._thread = thread
        self._namespace = list(namespace)
        self._by_name: dict[str, ExtensionProjection] = {}

    def __getitem__(self, name: str) -> ExtensionProjection:
        check_str("name", name)
        if name not in self._by_name:
            self._by_name[name] = ExtensionProjection(
                self._thread, name=name, namespace=self._namespace
            )
        return self._by_name[name]


class ExtensionProjection:
    """Custom events of one name, under one namespace (and below it)."""

    def __init__(self, thread: AsyncThreadStream, *, name: str, namespace: list[str]) -> None:
        self._thread = thread
        self.name = name
        self._namespace = list(namespace)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._payloads()

    async def _payloads(self) -> AsyncIterator[Any]:
        namespace = self._namespace
        channel = f"custom:{self.name}"
        async for event in self._thread._subscribe([channel], [namespace], scope=namespace or None):
            data = _protocol.event_data(event)
            yield data.get("payload") if isinstance(data, dict) and "payload" in data else data


def validate_interleave_channels(channels: Any) -> list[str]:
    if isinstance(channels, str) or not isinstance(channels, (list, tuple)):
        raise TypeError("channels must be a list of projection names")
    if not channels:
        raise ValueError("channels must name at least one projection")
    for name in channels:
        if not isinstance(name, str):
            raise TypeError(f"channels must hold strings, got {type(name).__name__}")
        if name not in INTERLEAVE_CHANNELS and not (name.startswith("custom:") and name[7:]):
            known = ", ".join(INTERLEAVE_CHANNELS)
            raise ValueError(f"channels: {name!r} is not a projection (known: {known})")
    return list(channels)


def interleave(thread: AsyncThreadStream, channels: list[str]) -> AsyncIterator[tuple[str, Any]]:
    """One subscription behind several projections, items in the server's order."""
    names = validate_interleave_channels(channels)
    wire = list(dict.fromkeys(_WIRE.get(name, name) for name in names))
    subscription = thread._subscribe(wire)
    ready: list[tuple[str, Any]] = []
    router_box: list[Router] = []
    messages = MessageRoutes(lambda: router_box[0], lambda m: ready.append(("messages", m)))
    tools = ToolCallRoutes(lambda: router_box[0], lambda h: ready.append(("tool_calls", h)))
    children = SubgraphRoutes(thread, (), lambda h: ready.append(("subgraphs", h)))

    def dispatch(event: dict[str, Any]) -> None:
        method = event.get("method")
        root = not _protocol.event_namespace(event)
        if method == "messages" and "messages" in names and root:
            messages.dispatch(event)
        elif method == "tools" and "tool_calls" in names and root:
            tools.dispatch(event)
        elif method == "lifecycle" and "subgraphs" in names:
            children.dispatch(event)
        elif method == "values" and "values" in names:
            # Every namespace, as the official client (and `thread.values`) gives them.
            ready.append((method, _protocol.event_data(event)))
        elif method in ("updates", "checkpoints", "tasks") and method in names and root:
            ready.append((method, _protocol.event_data(event)))
        elif method == "custom":
            data = _protocol.event_data(event)
            name = data.get("name") if isinstance(data, dict) else None
            label = f"custom:{name}" if f"custom:{name}" in names else "custom"
            if label in names:
                ready.append((label, data))

    def end() -> None:
        messages.end()
        tools.end()

    router = Router(subscription, dispatch, end)
    router_box.append(router)
    return yield_as_found(router, ready)
