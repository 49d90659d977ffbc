"""The thread-streaming protocol (v2), as pure data and functions: no I/O here.

A thread stream talks to two endpoints of the Agent Server:

- ``POST /threads/{id}/commands``: one command per request, ``{"id", "method", "params"}``,
  answered by ``{"type": "success", "result", "meta"}`` or ``{"type": "error", "error",
  "message"}``. Methods used here: ``run.start`` and ``input.respond``.
- ``POST /threads/{id}/stream/events`` (SSE) or the WebSocket at the same path: a
  connection-scoped subscription ``{"channels", "namespaces"?, "depth"?, "since"?}``. Every event
  carries a ``seq`` that is stable across connections, so ``since`` replays what a connection
  has not seen yet.

Events are dicts ``{"type": "event", "event_id", "seq", "method", "params": {"namespace",
"timestamp", "data"}}``; the channel of an event is its method, except ``input.requested``
(channel ``input``) and named custom events (method ``custom``, channel ``custom:<name>``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from lg_schema.compat import NotRequired, TypedDict

__all__ = [
    "ALL_CHANNELS",
    "Channel",
    "Event",
    "InterruptPayload",
    "MessageStreamError",
    "Namespace",
    "ProtocolCommandError",
    "SubscribeParams",
    "ThreadRunError",
    "ToolCallError",
    "channel_of",
    "event_matches",
    "namespace_matches",
    "normalize_segment",
    "subscription_body",
    "validate_channels",
]

Namespace = list[str]

#: A channel name; ``custom:<name>`` selects the custom events of one name.
Channel = str

#: What `AsyncThreadStream.events` subscribes to (the official client's list, same order).
ALL_CHANNELS: tuple[str, ...] = (
    "values",
    "updates",
    "messages",
    "tools",
    "lifecycle",
    "input",
    "checkpoints",
    "tasks",
    "custom",
)
_FIXED_CHANNELS = frozenset(ALL_CHANNELS)
#: Channels every connection of a thread stream carries, whatever its caller asked for: they
#: tell the stream where runs start and end and which interrupts are pending.
CONTROL_CHANNELS: tuple[str, ...] = ("lifecycle", "input")
TERMINAL_LIFECYCLE = frozenset({"completed", "failed", "interrupted"})


class EventParams(TypedDict):
    namespace: Namespace
    timestamp: int
    data: Any
    node: NotRequired[str]


class Event(TypedDict):
    """One server event, as sent on the wire."""

    type: Literal["event"]
    method: str
    params: EventParams
    event_id: NotRequired[str]
    seq: NotRequired[int]


class SubscribeParams(TypedDict):
    channels: list[Channel]
    namespaces: NotRequired[list[Namespace]]
    depth: NotRequired[int]


class InterruptPayload(TypedDict):
    """An interrupt waiting for `run.respond`: its id, the graph's value, and where it rose."""

    interrupt_id: str
    value: Any
    namespace: list[str]


class ProtocolCommandError(RuntimeError):
    """The server refused a protocol command (``{"type": "error"}``).

    ``code`` is the protocol's error name (``no_such_interrupt``, ``invalid_argument``...),
    ``message`` the server's text, ``body`` the whole answer.
    """

    def __init__(self, method: str, body: Mapping[str, Any]) -> None:
        self.method = method
        self.code: str = str(body.get("error", "unknown_error"))
        self.message: str = str(body.get("message", ""))
        self.body = dict(body)
        super().__init__(f"{method} failed: {self.code}: {self.message}")


class ThreadRunError(RuntimeError):
    """The run ended in failure; ``error`` is the server's description of it."""

    def __init__(self, error: str, event: Mapping[str, Any] | None = None) -> None:
        self.error = error
        self.event = event
        super().__init__(f"the run failed: {error}")


class MessageStreamError(RuntimeError):
    """A message stopped before its end (the model failed, or the run ended first)."""


class ToolCallError(RuntimeError):
    """The tool failed (``tool-error``) or the run ended before it finished."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        self.code = code
        super().__init__(message)


def validate_channels(channels: Any, *, name: str = "channels") -> list[str]:
    """The channel list as a list, or a `TypeError`/`ValueError` naming ``name``."""
    if isinstance(channels, str) or not isinstance(channels, Sequence):
        raise TypeError(f"{name} must be a list of channel names, got {type(channels).__name__}")
    result = list(channels)
    if not result:
        raise ValueError(f"{name} must name at least one channel")
    for channel in result:
        if not isinstance(channel, str):
            raise TypeError(f"{name} must hold strings, got {type(channel).__name__}")
        if channel not in _FIXED_CHANNELS and not _is_named_custom(channel):
            known = ", ".join(ALL_CHANNELS)
            raise ValueError(f"{name}: unknown channel {channel!r} (known: {known}, custom:<name>)")
    return result


def validate_namespaces(namespaces: Any, depth: Any) -> None:
    if namespaces is not None:
        if isinstance(namespaces, str) or not isinstance(namespaces, Sequence):
            raise TypeError("namespaces must be a list of namespaces (lists of strings)")
        for namespace in namespaces:
            if isinstance(namespace, str) or not isinstance(namespace, Sequence):
                raise TypeError("namespaces must hold lists of strings, e.g. [['agent']]")
            if not all(isinstance(segment, str) for segment in namespace):
                raise TypeError("namespaces must hold lists of strings, e.g. [['agent']]")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 0):
        raise ValueError(f"depth must be a non-negative integer, got {depth!r}")


def check_seconds(name: str, value: object, *, optional: bool = True) -> None:
    """A positive number of seconds (or None when ``optional``), else an error naming it."""
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")


def _is_named_custom(channel: str) -> bool:
    return channel.startswith("custom:") and len(channel) > len("custom:")


def subscription_body(
    channels: Iterable[str],
    namespaces: Sequence[Sequence[str]] | None = None,
    depth: int | None = None,
    since: int | None = None,
) -> dict[str, Any]:
    """The filter of one connection: the caller's channels plus the control channels."""
    wanted = dict.fromkeys(channels)
    wanted.update(dict.fromkeys(CONTROL_CHANNELS))
    body: dict[str, Any] = {"channels": list(wanted)}
    if namespaces is not None:
        body["namespaces"] = [list(namespace) for namespace in namespaces]
    if depth is not None:
        body["depth"] = depth
    if since is not None:
        body["since"] = since
    return body


def normalize_segment(segment: str) -> str:
    """``"child:1f0c..."`` -> ``"child"``: a segment without its per-invocation suffix."""
    name, _, _ = segment.partition(":")
    return name


def _segment_matches(segment: str, wanted: str) -> bool:
    # A filter written with the bare node name matches every invocation of that node.
    return segment == wanted or (":" not in wanted and normalize_segment(segment) == wanted)


def namespace_matches(
    namespace: Sequence[str], prefixes: Sequence[Sequence[str]] | None, depth: int | None
) -> bool:
    """Whether ``namespace`` lies under one of ``prefixes`` (all, when None) within ``depth``."""
    if prefixes is None:
        return depth is None or len(namespace) <= depth
    for prefix in prefixes:
        if len(namespace) < len(prefix):
            continue
        if all(
            _segment_matches(s, w) for s, w in zip(namespace[: len(prefix)], prefix, strict=True)
        ) and (depth is None or len(namespace) - len(prefix) <= depth):
            return True
    return False


def channel_of(event: Mapping[str, Any]) -> str:
    """The channel an event belongs to (``input`` for ``input.requested``)."""
    method = str(event.get("method", ""))
    if method == "input.requested":
        return "input"
    return method


def event_namespace(event: Mapping[str, Any]) -> list[str]:
    params = event.get("params")
    namespace = params.get("namespace") if isinstance(params, Mapping) else None
    return list(namespace) if isinstance(namespace, list) else []


def event_data(event: Mapping[str, Any]) -> Any:
    params = event.get("params")
    return params.get("data") if isinstance(params, Mapping) else None


def event_matches(
    event: Mapping[str, Any],
    channels: Sequence[str],
    namespaces: Sequence[Sequence[str]] | None = None,
    depth: int | None = None,
) -> bool:
    """Whether a subscription with this filter receives ``event``."""
    channel = channel_of(event)
    if channel == "custom":
        data = event_data(event)
        name = data.get("name") if isinstance(data, Mapping) else None
        if "custom" not in channels and f"custom:{name}" not in channels:
            return False
    elif channel not in channels:
        return False
    return namespace_matches(event_namespace(event), namespaces, depth)


def root_lifecycle(event: Mapping[str, Any]) -> str | None:
    """The lifecycle status (``running``, ``completed``...) of a root-namespace event, or None."""
    if event.get("method") != "lifecycle" or event_namespace(event):
        return None
    data = event_data(event)
    status = data.get("event") if isinstance(data, Mapping) else None
    return status if isinstance(status, str) else None


def interrupt_of(event: Mapping[str, Any]) -> InterruptPayload | None:
    """The interrupt an ``input.requested`` event announces."""
    if event.get("method") != "input.requested":
        return None
    data = event_data(event)
    if not isinstance(data, Mapping) or not isinstance(data.get("interrupt_id"), str):
        return None
    # The server names the value "payload"; older shapes said "value".
    value = data["payload"] if "payload" in data else data.get("value")
    return InterruptPayload(
        interrupt_id=data["interrupt_id"], value=value, namespace=event_namespace(event)
    )


def run_start_params(
    assistant_id: str,
    *,
    input: Any,
    config: Mapping[str, Any] | None,
    metadata: Mapping[str, Any] | None,
    langsmith_tracing: Any,
) -> dict[str, Any]:
    """The params of ``run.start``; what is None is left out, as the official client does."""
    optional = {
        "input": input,
        "config": config,
        "metadata": metadata,
        "langsmith_tracer": langsmith_tracing,
    }
    return {"assistant_id": assistant_id, **{k: v for k, v in optional.items() if v is not None}}


def respond_params(interrupt: InterruptPayload, response: Any) -> dict[str, Any]:
    """The params of ``input.respond`` answering ``interrupt``."""
    return {
        "interrupt_id": interrupt["interrupt_id"],
        "namespace": list(interrupt["namespace"]),
        "response": response,
    }


def command(command_id: int, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": command_id, "method": method, "params": dict(params)}


def command_result(method: str, body: Any) -> tuple[dict[str, Any], int | None]:
    """The result of a command's answer and its ``applied_through_seq``; raises on an error."""
    if body is None:
        return {}, None
    if not isinstance(body, Mapping):
        raise ProtocolCommandError(method, {"error": "unknown_error", "message": repr(body)})
    if body.get("type") == "error":
        raise ProtocolCommandError(method, body)
    meta = body.get("meta")
    seq = meta.get("applied_through_seq") if isinstance(meta, Mapping) else None
    result = body.get("result")
    return (dict(result) if isinstance(result, Mapping) else {}), (
        seq if isinstance(seq, int) else None
    )
