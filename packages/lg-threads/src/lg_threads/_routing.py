"""Which object an event goes to: the routing of the projections, pure and written once.

A projection reads one subscription and hands out objects as they start (a message, a tool
call, a child graph); the later events of each go to that object. The routes below decide
this from the events alone. They make the objects through a factory given by the async or
sync projection (which binds them to what pulls more events) and feed them through the
decoding of `lg_threads._decoding`. ``interleave_projections`` combines them in
`InterleaveRoutes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from lg_threads import _protocol
from lg_threads._decoding import ChildParts, MessageParts, ToolCallParts
from lg_threads._protocol import MessageStreamError
from lg_threads.decoders import SUPPORTED_INTERLEAVE_CHANNELS

__all__ = [
    "INTERLEAVE_CHANNELS",
    "InterleaveRoutes",
    "MessageRoutes",
    "Routes",
    "SubgraphRoutes",
    "ToolCallRoutes",
    "interleave_wire_channels",
    "validate_interleave_channels",
]


class Routes(Protocol):
    """What a router feeds: every event read, then the end of the subscription."""

    def dispatch(self, event: dict[str, Any]) -> None: ...

    def end(self) -> None: ...


#: Makes a message stream from its ``message-start`` data, namespace and node: this package's
#: `MessageParts` subclass, or langchain-core's chat-model stream.
NewMessage = Callable[[dict[str, Any], list[str], "str | None"], Any]


class MessageRoutes:
    """Sends ``messages`` events to the message stream they belong to."""

    def __init__(self, new_message: NewMessage, on_start: Callable[[Any], None]) -> None:
        self._new_message = new_message
        self._on_start = on_start
        # One message at a time streams per (namespace, node): content events carry no id.
        self._active: dict[tuple[tuple[str, ...], str | None], Any] = {}

    def dispatch(self, event: dict[str, Any]) -> None:
        if event.get("method") != "messages":
            return
        data = _protocol.event_data(event)
        if not isinstance(data, dict):
            return
        namespace = _protocol.event_namespace(event)
        params = event.get("params") or {}
        node = params.get("node") if isinstance(params, dict) else None
        key = (tuple(namespace), node if isinstance(node, str) else None)
        if data.get("event") == "message-start":
            previous = self._active.pop(key, None)
            if previous is not None:
                _fail(previous, MessageStreamError("a new message started before this one ended"))
            stream = self._new_message(data, namespace, key[1])
            self._active[key] = stream
            _feed(stream, data)
            self._on_start(stream)
            return
        stream_or_none = self._active.get(key)
        if stream_or_none is None:
            return  # the start was before this subscription's run
        _feed(stream_or_none, data)
        if stream_or_none.done:
            del self._active[key]

    def end(self) -> None:
        for stream in self._active.values():
            _fail(stream, MessageStreamError("the run ended before this message finished"))
        self._active.clear()


def _feed(stream: Any, data: dict[str, Any]) -> None:
    if isinstance(stream, MessageParts):
        stream._feed(data)
    else:  # langchain-core's chat-model stream
        stream.dispatch(data)


def _fail(stream: Any, error: BaseException) -> None:
    if isinstance(stream, MessageParts):
        stream._finish(error)
    else:
        stream.fail(error)


class ToolCallRoutes:
    """Sends ``tools`` events to the handle of their ``tool_call_id``.

    ``new_handle(tool_call_id=..., name=..., input=..., namespace=...)`` makes each handle."""

    def __init__(
        self, new_handle: Callable[..., ToolCallParts], on_start: Callable[[Any], None]
    ) -> None:
        self._new_handle = new_handle
        self._on_start = on_start
        self._active: dict[str, ToolCallParts] = {}

    def dispatch(self, event: dict[str, Any]) -> None:
        if event.get("method") != "tools":
            return
        data = _protocol.event_data(event)
        if not isinstance(data, dict) or not isinstance(data.get("tool_call_id"), str):
            return
        call_id = data["tool_call_id"]
        if data.get("event") == "tool-started":
            name = data.get("tool_name", data.get("name"))
            handle = self._new_handle(
                tool_call_id=call_id,
                name=name if isinstance(name, str) else "",
                input=data.get("input"),
                namespace=_protocol.event_namespace(event),
            )
            self._active[call_id] = handle
            self._on_start(handle)
            return
        handle_or_none = self._active.get(call_id)
        if handle_or_none is not None:
            handle_or_none._feed(data)
            if handle_or_none.done:
                del self._active[call_id]

    def end(self) -> None:
        for handle in self._active.values():
            handle._abandon()
        self._active.clear()


class SubgraphRoutes:
    """Turns the ``lifecycle`` events of the children one level below ``scope`` into handles
    and keeps their status current.

    ``new_child(path=..., graph_name=..., trigger_call_id=...)`` makes each handle."""

    def __init__(
        self,
        scope: tuple[str, ...],
        new_child: Callable[..., ChildParts],
        on_start: Callable[[Any], None],
    ) -> None:
        self._scope = scope
        self._new_child = new_child
        self._on_start = on_start
        self._handles: dict[tuple[str, ...], ChildParts] = {}

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
            handle = self._new_child(
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

    def end(self) -> None:
        """Children keep the status their events gave them."""


#: Names `interleave_projections` accepts (besides ``custom:<name>``).
INTERLEAVE_CHANNELS = (*SUPPORTED_INTERLEAVE_CHANNELS, "custom")
# Wire channels behind each name.
_WIRE = {"tool_calls": "tools", "subgraphs": "lifecycle"}


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


def interleave_wire_channels(names: list[str]) -> list[str]:
    """The channels to subscribe to for these projection names, each once."""
    return list(dict.fromkeys(_WIRE.get(name, name) for name in names))


class InterleaveRoutes:
    """Several projections over one subscription: ``(name, item)`` pairs in the server's order.

    Messages and tool calls are the root graph's, children those one level below the root."""

    def __init__(
        self,
        names: list[str],
        emit: Callable[[tuple[str, Any]], None],
        *,
        new_message: NewMessage,
        new_tool_call: Callable[..., ToolCallParts],
        new_child: Callable[..., ChildParts],
    ) -> None:
        self._names = names
        self._emit = emit
        self._messages = MessageRoutes(new_message, lambda m: emit(("messages", m)))
        self._tools = ToolCallRoutes(new_tool_call, lambda h: emit(("tool_calls", h)))
        self._children = SubgraphRoutes((), new_child, lambda h: emit(("subgraphs", h)))

    def dispatch(self, event: dict[str, Any]) -> None:
        names = self._names
        method = event.get("method")
        root = not _protocol.event_namespace(event)
        if method == "messages" and "messages" in names and root:
            self._messages.dispatch(event)
        elif method == "tools" and "tool_calls" in names and root:
            self._tools.dispatch(event)
        elif method == "lifecycle" and "subgraphs" in names:
            self._children.dispatch(event)
        elif method == "values" and "values" in names:
            # Every namespace, as the official client (and `thread.values`) gives them.
            self._emit((method, _protocol.event_data(event)))
        elif method in ("updates", "checkpoints", "tasks") and method in names and root:
            self._emit((method, _protocol.event_data(event)))
        elif method == "custom":
            data = _protocol.event_data(event)
            name = data.get("name") if isinstance(data, dict) else None
            label = f"custom:{name}" if f"custom:{name}" in names else "custom"
            if label in names:
                self._emit((label, data))

    def end(self) -> None:
        self._messages.end()
        self._tools.end()
