"""Streamed run output: the v1 `StreamPart` tuple and the typed v2 parts with their payloads."""

from typing import Any, Literal, NamedTuple, TypeAlias

from lg_schema.compat import NotRequired, TypedDict


class StreamPart(NamedTuple):
    """One server-sent event of a stream (v1): its event name, decoded data and id."""

    event: str
    # Not only dicts: `messages-tuple` sends [chunk, metadata] and `custom` any JSON value.
    data: Any
    id: str | None = None


# Payloads


class RunMetadataPayload(TypedDict):
    """The data of a `metadata` event: which run the stream belongs to."""

    run_id: str


class TaskPayload(TypedDict):
    """A task about to run."""

    id: str
    name: str
    input: Any
    triggers: list[str]


class TaskResultPayload(TypedDict):
    """A task that has run: its result, error and interrupts."""

    id: str
    name: str
    error: str | None
    interrupts: list[dict[str, Any]]
    result: dict[str, Any]


class CheckpointTaskPayload(TypedDict):
    """A task as a checkpoint payload lists it."""

    id: str
    name: str
    error: NotRequired[str]
    result: NotRequired[Any]
    interrupts: NotRequired[list[dict[str, Any]]]
    state: dict[str, Any] | None


class CheckpointPayload(TypedDict):
    """A checkpoint as streamed: config, metadata, values, next nodes and tasks."""

    config: dict[str, Any] | None
    metadata: dict[str, Any]
    values: dict[str, Any]
    next: list[str]
    parent_config: dict[str, Any] | None
    tasks: list[CheckpointTaskPayload]


# A debug event wraps one of the payloads above with its step number and time.


class _DebugCheckpointPayload(TypedDict):
    """A debug event reporting a checkpoint."""

    type: Literal["checkpoint"]
    timestamp: str
    step: int
    payload: CheckpointPayload


class _DebugTaskPayload(TypedDict):
    """A debug event reporting a task about to run."""

    type: Literal["task"]
    timestamp: str
    step: int
    payload: TaskPayload


class _DebugTaskResultPayload(TypedDict):
    """A debug event reporting a task's result."""

    type: Literal["task_result"]
    timestamp: str
    step: int
    payload: TaskResultPayload


DebugPayload: TypeAlias = _DebugCheckpointPayload | _DebugTaskPayload | _DebugTaskResultPayload

# Stream parts (v2): `type` names the stream mode, `ns` the subgraph namespace.


class ValuesStreamPart(TypedDict):
    """The full state after a step, with the pending interrupts."""

    type: Literal["values"]
    ns: list[str]
    data: dict[str, Any]
    interrupts: list[dict[str, Any]]


class UpdatesStreamPart(TypedDict):
    """The state updates a step made, keyed by node."""

    type: Literal["updates"]
    ns: list[str]
    data: dict[str, Any]


class MessagesPartialStreamPart(TypedDict):
    """Messages still being generated."""

    type: Literal["messages/partial"]
    ns: list[str]
    data: list[dict[str, Any]]


class MessagesCompleteStreamPart(TypedDict):
    """Messages fully generated."""

    type: Literal["messages/complete"]
    ns: list[str]
    data: list[dict[str, Any]]


class MessagesMetadataStreamPart(TypedDict):
    """Metadata of the messages being streamed."""

    type: Literal["messages/metadata"]
    ns: list[str]
    data: dict[str, Any]


class MessagesTupleStreamPart(TypedDict):
    """A message chunk and its metadata (stream mode `messages-tuple`)."""

    type: Literal["messages"]
    ns: list[str]
    data: list[dict[str, Any]]


class CustomStreamPart(TypedDict):
    """Data a graph wrote to its custom stream."""

    type: Literal["custom"]
    ns: list[str]
    data: Any


class CheckpointsStreamPart(TypedDict):
    """A checkpoint just saved."""

    type: Literal["checkpoints"]
    ns: list[str]
    data: CheckpointPayload


class TasksStreamPart(TypedDict):
    """A task starting or finishing."""

    type: Literal["tasks"]
    ns: list[str]
    data: TaskPayload | TaskResultPayload


class DebugStreamPart(TypedDict):
    """A debug event: a checkpoint, a task or a task result."""

    type: Literal["debug"]
    ns: list[str]
    data: DebugPayload


class MetadataStreamPart(TypedDict):
    """The first part of a stream: the run it belongs to."""

    type: Literal["metadata"]
    ns: list[str]
    data: RunMetadataPayload


StreamPartV2: TypeAlias = (
    ValuesStreamPart
    | UpdatesStreamPart
    | MessagesPartialStreamPart
    | MessagesCompleteStreamPart
    | MessagesMetadataStreamPart
    | MessagesTupleStreamPart
    | CustomStreamPart
    | CheckpointsStreamPart
    | TasksStreamPart
    | DebugStreamPart
    | MetadataStreamPart
)
"""One part of a v2 stream; narrow it on `part["type"]`."""
