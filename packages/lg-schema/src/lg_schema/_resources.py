"""The resources the server returns and takes: assistants, threads and their state, runs, crons."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeAlias

from lg_schema._inputs import Checkpoint, Config, Context, Input, Json
from lg_schema._literals import (
    All,
    Durability,
    MultitaskStrategy,
    OnCompletionBehavior,
    RunStatus,
    StreamMode,
    ThreadStatus,
)
from lg_schema.compat import NotRequired, TypedDict

# Assistants


class AssistantBase(TypedDict):
    """The fields every assistant and assistant version share."""

    assistant_id: str
    graph_id: str
    config: Config
    context: Context
    created_at: datetime
    metadata: Json
    version: int
    name: str
    description: str | None


class AssistantVersion(AssistantBase):
    """One saved version of an assistant."""


class Assistant(AssistantBase):
    """A graph with its configuration: what a run executes."""

    updated_at: datetime


class AssistantsSearchResponse(TypedDict):
    """A page of assistants and the cursor of the next page."""

    assistants: list[Assistant]
    next: str | None


class GraphSchema(TypedDict):
    """The JSON schemas of a graph's input, output, state, config and context."""

    graph_id: str
    input_schema: dict[str, Any] | None
    output_schema: dict[str, Any] | None
    state_schema: dict[str, Any] | None
    config_schema: dict[str, Any] | None
    context_schema: dict[str, Any] | None


Subgraphs: TypeAlias = dict[str, GraphSchema]
"""Graph schemas keyed by subgraph namespace."""

# Threads


class Interrupt(TypedDict):
    """A pause of a run, waiting for a value to resume with."""

    value: Any
    id: str
    response_schema: NotRequired[dict[str, Any]]


class Thread(TypedDict):
    """A conversation: a sequence of runs sharing one state."""

    thread_id: str
    created_at: datetime
    updated_at: datetime
    metadata: Json
    status: ThreadStatus
    values: Json
    interrupts: dict[str, list[Interrupt]]
    extracted: NotRequired[dict[str, Any]]


class ThreadTask(TypedDict):
    """A task of a thread's next step, with its result or error once run."""

    id: str
    name: str
    error: str | None
    interrupts: list[Interrupt]
    checkpoint: Checkpoint | None
    # A string: ThreadState and ThreadTask refer to each other.
    state: "ThreadState | None"
    result: dict[str, Any] | None


class ThreadState(TypedDict):
    """A thread's state at one checkpoint."""

    values: list[dict[str, Any]] | dict[str, Any]
    next: Sequence[str]
    checkpoint: Checkpoint
    metadata: Json
    created_at: str | None
    parent_checkpoint: Checkpoint | None
    tasks: Sequence[ThreadTask]
    interrupts: list[Interrupt]


class ThreadUpdateStateResponse(TypedDict):
    """The checkpoint written by a state update."""

    checkpoint: Checkpoint


# Runs


class Run(TypedDict):
    """One execution of an assistant, on a thread or stateless."""

    run_id: str
    thread_id: str
    assistant_id: str
    created_at: datetime
    updated_at: datetime
    status: RunStatus
    metadata: Json
    multitask_strategy: MultitaskStrategy
    cancel_reason: NotRequired[str | None]


class RunCreate(TypedDict):
    """The parameters of one run in a batch creation."""

    thread_id: str | None
    assistant_id: str
    input: dict[str, Any] | None
    metadata: dict[str, Any] | None
    config: Config | None
    context: Context | None
    checkpoint_id: str | None
    interrupt_before: list[str] | None
    interrupt_after: list[str] | None
    webhook: str | None
    multitask_strategy: MultitaskStrategy | None


class RunCreateMetadata(TypedDict):
    """The identifiers of a run just created, given to `on_run_created`."""

    run_id: str
    thread_id: str | None


# Crons


class Cron(TypedDict):
    """A run scheduled on a cron expression."""

    cron_id: str
    assistant_id: str
    thread_id: str | None
    on_run_completed: OnCompletionBehavior | None
    end_time: datetime | None
    schedule: str
    timezone: str | None
    created_at: datetime
    updated_at: datetime
    payload: dict[str, Any]
    user_id: str | None
    next_run_date: datetime | None
    metadata: dict[str, Any]
    enabled: bool


class CronUpdate(TypedDict, total=False):
    """The fields of a cron that an update may change."""

    schedule: str
    timezone: str
    end_time: datetime
    input: Input
    metadata: dict[str, Any]
    config: Config
    context: Context
    webhook: str
    interrupt_before: All | list[str]
    interrupt_after: All | list[str]
    on_run_completed: OnCompletionBehavior
    enabled: bool
    stream_mode: StreamMode | list[StreamMode]
    stream_subgraphs: bool
    stream_resumable: bool
    durability: Durability
