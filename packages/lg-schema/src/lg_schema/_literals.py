"""The closed sets of strings the Agent Server API accepts or returns."""

from typing import Literal, TypeAlias

All: TypeAlias = Literal["*"]
"""Every node: the value of `interrupt_before` / `interrupt_after` that matches all of them."""

# Resource states

RunStatus: TypeAlias = Literal["pending", "running", "error", "success", "timeout", "interrupted"]
ThreadStatus: TypeAlias = Literal["idle", "busy", "interrupted", "error"]
BulkCancelRunsStatus: TypeAlias = Literal["pending", "running", "all"]

# Run behaviour

StreamMode: TypeAlias = Literal[
    "values",
    "messages",
    "updates",
    "events",
    "tasks",
    "checkpoints",
    "debug",
    "custom",
    "messages-tuple",
    "tools",
    "lifecycle",
]
ThreadStreamMode: TypeAlias = Literal["run_modes", "lifecycle", "state_update"]
StreamVersion: TypeAlias = Literal["v1", "v2"]
DisconnectMode: TypeAlias = Literal["cancel", "continue"]
MultitaskStrategy: TypeAlias = Literal["reject", "interrupt", "rollback", "enqueue"]
OnCompletionBehavior: TypeAlias = Literal["delete", "keep"]
OnConflictBehavior: TypeAlias = Literal["raise", "do_nothing"]
IfNotExists: TypeAlias = Literal["create", "reject"]
CancelAction: TypeAlias = Literal["interrupt", "rollback"]
Durability: TypeAlias = Literal["sync", "async", "exit"]
PruneStrategy: TypeAlias = Literal["delete", "keep_latest"]

# Search: sort keys and orders

SortOrder: TypeAlias = Literal["asc", "desc"]
AssistantSortBy: TypeAlias = Literal["assistant_id", "graph_id", "name", "created_at", "updated_at"]
ThreadSortBy: TypeAlias = Literal[
    "thread_id", "status", "created_at", "updated_at", "state_updated_at"
]
CronSortBy: TypeAlias = Literal[
    "cron_id",
    "assistant_id",
    "thread_id",
    "created_at",
    "updated_at",
    "next_run_date",
    "end_time",
]

# Search: the fields a `select=` may name

AssistantSelectField: TypeAlias = Literal[
    "assistant_id",
    "graph_id",
    "name",
    "description",
    "config",
    "context",
    "created_at",
    "updated_at",
    "metadata",
    "version",
]
ThreadSelectField: TypeAlias = Literal[
    "thread_id",
    "created_at",
    "updated_at",
    "metadata",
    "config",
    "context",
    "status",
    "values",
    "interrupts",
]
RunSelectField: TypeAlias = Literal[
    "run_id",
    "thread_id",
    "assistant_id",
    "created_at",
    "updated_at",
    "status",
    "metadata",
    "kwargs",
    "multitask_strategy",
    "cancel_reason",
]
CronSelectField: TypeAlias = Literal[
    "cron_id",
    "assistant_id",
    "thread_id",
    "end_time",
    "schedule",
    "timezone",
    "created_at",
    "updated_at",
    "user_id",
    "payload",
    "next_run_date",
    "metadata",
    "now",
    "on_run_completed",
    "enabled",
]
# Open on purpose (`| str`), as in the official SDK: the Literal suggests names, it does not
# restrict them.
ThreadStateSelectField: TypeAlias = (
    Literal[
        "values",
        "next",
        "tasks",
        "checkpoint",
        "metadata",
        "created_at",
        "parent_checkpoint",
        "interrupts",
    ]
    | str
)
