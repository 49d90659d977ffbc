"""Per-channel state machines: feed them protocol events, get back what a projection yields.

Each decoder is independent of any connection: ``decoder.feed(event)`` returns the items that
event produces (often none). They serve code that drives projections from one shared
subscription, and langgraph's ``RemoteGraph`` (``DataDecoder``); ``langgraph_sdk.stream.decoders``
is this module. Handle-producing decoders take a factory and call back into the handles they
made (``dispatch``, ``_push_delta``, ``_finish``, ``_fail``, ``_push_event``), so any handle type
with those methods works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, Protocol

__all__ = [
    "RESERVED_INTERLEAVE_CHANNELS",
    "SUPPORTED_INTERLEAVE_CHANNELS",
    "DataDecoder",
    "Decoder",
    "ExtensionsDecoder",
    "MessagesDecoder",
    "SubgraphStatus",
    "SubgraphsDecoder",
    "ToolCallsDecoder",
    "validate_interleave_channels",
]

#: Built-in projection names ``interleave_projections`` decodes.
SUPPORTED_INTERLEAVE_CHANNELS = (
    "values",
    "messages",
    "tool_calls",
    "subgraphs",
    "updates",
    "checkpoints",
    "tasks",
)

#: Protocol channels with no interleave decoder: taken for extension names they would subscribe
#: to nothing and yield nothing, so they are refused (``tools`` is the wire name of
#: ``tool_calls``; ``lifecycle`` and ``input`` are control channels).
RESERVED_INTERLEAVE_CHANNELS = frozenset({"lifecycle", "tools", "input"})

SubgraphStatus = Literal["started", "completed", "failed", "interrupted"]


def validate_interleave_channels(channels: list[str]) -> None:
    """`ValueError` for a reserved protocol channel name; other names (extensions) pass."""
    for channel in channels:
        if channel in RESERVED_INTERLEAVE_CHANNELS:
            hint = ' (use "tool_calls")' if channel == "tools" else ""
            raise ValueError(
                f"{channel!r} is not a valid interleave_projections channel{hint}. "
                f"Supported channels: {', '.join(SUPPORTED_INTERLEAVE_CHANNELS)}, "
                "or an extension name."
            )


def _event_namespace(params_field: Any) -> list[str]:
    """The namespace in an event's ``params`` (``[]`` when absent or malformed)."""
    if not isinstance(params_field, dict):
        return []
    namespace = params_field.get("namespace") or []
    return list(namespace) if isinstance(namespace, list) else []


def _message_event_id(data: dict[str, Any]) -> str | None:
    """The message id of a ``messages`` event (``id``, else ``message_id``) as a string."""
    message_id = data.get("id") or data.get("message_id")
    return None if message_id is None else str(message_id)


def _message_route_key(data: dict[str, Any], fallback: str | None = None) -> str:
    """Which open message an event belongs to: by message id, so two messages of one run in
    flight at once stay apart; ``"__single__"`` when the event names none."""
    message_id = _message_event_id(data)
    if message_id is None:
        message_id = fallback
    return "__single__" if message_id is None else f"message:{message_id}"


def _parse_namespace_segment(segment: str) -> tuple[str, str | None]:
    """``"name:task_id"`` -> ``("name", "task_id")``; no colon -> ``(segment, None)``."""
    name, colon, task_id = segment.partition(":")
    return name, task_id if colon else None


def _terminal_from_tasks_result(data: dict[str, Any]) -> tuple[SubgraphStatus, str | None]:
    """How a child graph ended, from its parent's task result: interrupts win over errors."""
    if data.get("interrupts"):
        return "interrupted", None
    error = data.get("error")
    return ("failed", str(error)) if error else ("completed", None)


def _is_direct_child(namespace: list[str], scope: tuple[str, ...]) -> bool:
    """Whether ``namespace`` is exactly one level below ``scope``."""
    depth = len(scope)
    return len(namespace) == depth + 1 and tuple(namespace[:depth]) == scope


class Decoder(Protocol):
    """Anything with ``feed(event) -> items``."""

    def feed(self, event: Mapping[str, Any]) -> Iterable[Any]: ...


class DataDecoder:
    """The ``params.data`` of every event of one ``method`` (``values``, ``updates``,
    ``checkpoints``, ``tasks``, ...). A ``namespace`` restricts it to events of exactly that
    namespace; ``None`` takes every namespace. Events without data yield nothing."""

    def __init__(self, method: str, namespace: list[str] | None = None) -> None:
        self._method = method
        self._namespace = None if namespace is None else list(namespace)

    def feed(self, event: Mapping[str, Any]) -> Iterator[Any]:
        if event.get("method") != self._method:
            return
        params = event.get("params") or {}
        if self._namespace is not None and _event_namespace(params) != self._namespace:
            return
        data = params.get("data")
        if data is not None:
            yield data


class MessagesDecoder:
    """One message stream per ``message-start`` in ``namespace``; later events of that message
    go to its ``dispatch(data)``, and ``message-finish`` / ``error`` retire it.

    ``stream_factory(namespace=..., node=..., message_id=...)`` makes each stream (``node`` is
    the start event's ``metadata.langgraph_node``)."""

    def __init__(self, namespace: list[str], stream_factory: Callable[..., Any]) -> None:
        self._namespace = list(namespace)
        self._stream_factory = stream_factory
        self._active: dict[str, Any] = {}

    def feed(self, event: Mapping[str, Any]) -> Iterator[Any]:
        if event.get("method") != "messages":
            return
        params = event.get("params") or {}
        if _event_namespace(params) != self._namespace:
            return
        data = params.get("data")
        if not isinstance(data, dict):
            return
        if data.get("event") == "message-start":
            yield self._start(data)
            return
        stream = self._active.get(_message_route_key(data))
        if stream is None and _message_route_key(data) == "__single__" and len(self._active) == 1:
            # An event naming no message belongs to the only one open.
            stream = next(iter(self._active.values()))
        if stream is None:
            return
        stream.dispatch(data)
        if data.get("event") in ("message-finish", "error"):
            for key in [key for key, open_stream in self._active.items() if open_stream is stream]:
                del self._active[key]

    def _start(self, data: dict[str, Any]) -> Any:
        message_id = _message_event_id(data)
        metadata = data.get("metadata")
        node = metadata.get("langgraph_node") if isinstance(metadata, dict) else None
        stream = self._stream_factory(
            namespace=list(self._namespace), node=node, message_id=message_id
        )
        self._active[_message_route_key(data, fallback=message_id)] = stream
        stream.dispatch(data)
        return stream


class ToolCallsDecoder:
    """One handle per ``tool-started`` in ``namespace`` (``tools`` channel); output deltas, the
    result and errors of that call go to the handle (``_push_delta``, ``_finish``, ``_fail``).

    ``handle_factory(tool_call_id=..., name=..., input=..., namespace=...)`` makes each handle."""

    def __init__(self, namespace: list[str], handle_factory: Callable[..., Any]) -> None:
        self._namespace = list(namespace)
        self._handle_factory = handle_factory
        self._active: dict[str, Any] = {}

    def feed(self, event: Mapping[str, Any]) -> Iterator[Any]:
        if event.get("method") != "tools":
            return
        params = event.get("params") or {}
        if _event_namespace(params) != self._namespace:
            return
        data = params.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("tool_call_id"), str):
            return
        call_id: str = data["tool_call_id"]
        kind = data.get("event")
        if kind == "tool-started":
            name = data.get("tool_name")
            handle = self._handle_factory(
                tool_call_id=call_id,
                name=name if isinstance(name, str) else "",
                input=data.get("input"),
                namespace=list(self._namespace),
            )
            self._active[call_id] = handle
            yield handle
        elif kind == "tool-output-delta":
            handle = self._active.get(call_id)
            delta = data.get("delta")
            if handle is not None and isinstance(delta, str):
                handle._push_delta(delta)
        elif kind == "tool-finished":
            handle = self._active.pop(call_id, None)
            if handle is not None:
                handle._finish(data.get("output"))
        elif kind == "tool-error":
            handle = self._active.pop(call_id, None)
            if handle is not None:
                message = data.get("message")
                handle._fail(RuntimeError(str(message) if message else "Tool call errored"))


class SubgraphsDecoder:
    """Child graphs one level below ``scope``: a handle per child, found from its first task or
    ``lifecycle`` ``started`` event; every event under a known child is passed to it
    (``_push_event``), and the parent's task result ends it (``_finish(status, error)``).

    ``handle_factory(path=..., graph_name=..., trigger_call_id=...)`` makes each handle."""

    def __init__(self, scope: tuple[str, ...], handle_factory: Callable[..., Any]) -> None:
        self._scope = scope
        self._handle_factory = handle_factory
        self._active: dict[tuple[str, ...], Any] = {}
        self._seen: set[tuple[str, ...]] = set()

    def feed(self, event: Mapping[str, Any]) -> Iterator[Any]:
        params = event.get("params") or {}
        namespace = _event_namespace(params)
        data = params.get("data")
        if not isinstance(data, dict):
            return
        path = tuple(namespace)
        for child_path, handle in self._active.items():
            if path[: len(child_path)] == child_path:
                handle._push_event(event)
                break
        method = event.get("method")
        if method == "tasks":
            if "result" in data:
                self._end_child(namespace, data)
            elif _is_direct_child(namespace, self._scope):
                yield from self._discover(path)
        elif (
            method == "lifecycle"
            and data.get("event") == "started"
            and _is_direct_child(namespace, self._scope)
        ):
            yield from self._discover(path)

    def _discover(self, path: tuple[str, ...]) -> Iterator[Any]:
        if path in self._seen:
            return
        self._seen.add(path)
        graph_name, trigger_call_id = _parse_namespace_segment(path[-1])
        handle = self._handle_factory(
            path=path, graph_name=graph_name or None, trigger_call_id=trigger_call_id
        )
        self._active[path] = handle
        yield handle

    def _end_child(self, namespace: list[str], data: dict[str, Any]) -> None:
        task_id = data.get("id")
        if not task_id:
            return
        parent = tuple(namespace)
        for child_path, handle in list(self._active.items()):
            if child_path[:-1] == parent and handle.trigger_call_id == task_id:
                handle._finish(*_terminal_from_tasks_result(data))
                del self._active[child_path]


class ExtensionsDecoder:
    """The data of ``custom`` events whose ``data["name"]`` is ``name`` (any namespace)."""

    def __init__(self, name: str) -> None:
        if not name:
            raise ValueError("extension name must be non-empty.")
        self._name = name

    def feed(self, event: Mapping[str, Any]) -> Iterator[Any]:
        if event.get("method") != "custom":
            return
        data = (event.get("params") or {}).get("data")
        if isinstance(data, dict) and data.get("name") == self._name:
            yield data
