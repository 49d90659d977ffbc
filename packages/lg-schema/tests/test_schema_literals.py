"""Every Literal alias holds exactly the official 0.4.14 values, in the same order."""

from typing import Literal, get_args, get_origin

import pytest

import lg_schema

LITERALS: dict[str, tuple[str, ...]] = {
    "All": ("*",),
    "AssistantSelectField": (
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
    ),
    "AssistantSortBy": ("assistant_id", "graph_id", "name", "created_at", "updated_at"),
    "BulkCancelRunsStatus": ("pending", "running", "all"),
    "CancelAction": ("interrupt", "rollback"),
    "CronSelectField": (
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
    ),
    "CronSortBy": (
        "cron_id",
        "assistant_id",
        "thread_id",
        "created_at",
        "updated_at",
        "next_run_date",
        "end_time",
    ),
    "DisconnectMode": ("cancel", "continue"),
    "Durability": ("sync", "async", "exit"),
    "IfNotExists": ("create", "reject"),
    "MultitaskStrategy": ("reject", "interrupt", "rollback", "enqueue"),
    "OnCompletionBehavior": ("delete", "keep"),
    "OnConflictBehavior": ("raise", "do_nothing"),
    "PruneStrategy": ("delete", "keep_latest"),
    "RunSelectField": (
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
    ),
    "RunStatus": ("pending", "running", "error", "success", "timeout", "interrupted"),
    "SortOrder": ("asc", "desc"),
    "StreamMode": (
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
    ),
    "StreamVersion": ("v1", "v2"),
    "ThreadSelectField": (
        "thread_id",
        "created_at",
        "updated_at",
        "metadata",
        "config",
        "context",
        "status",
        "values",
        "interrupts",
    ),
    "ThreadSortBy": ("thread_id", "status", "created_at", "updated_at", "state_updated_at"),
    "ThreadStatus": ("idle", "busy", "interrupted", "error"),
    "ThreadStreamMode": ("run_modes", "lifecycle", "state_update"),
}

# Officially `Union[Literal[...], str]`: suggested values, but open to any string.
THREAD_STATE_SELECT_FIELD = (
    "values",
    "next",
    "tasks",
    "checkpoint",
    "metadata",
    "created_at",
    "parent_checkpoint",
    "interrupts",
)


@pytest.mark.parametrize("name", sorted(LITERALS))
def test_schema_literal_values(name: str) -> None:
    alias = getattr(lg_schema, name)
    assert get_origin(alias) is Literal
    assert get_args(alias) == LITERALS[name]


def test_schema_literal_aliases_are_exactly_the_official_ones() -> None:
    found = {n for n in lg_schema.__all__ if get_origin(getattr(lg_schema, n)) is Literal}
    assert found == set(LITERALS)


def test_schema_thread_state_select_field_is_an_open_literal() -> None:
    literal, open_end = get_args(lg_schema.ThreadStateSelectField)
    assert get_origin(literal) is Literal
    assert get_args(literal) == THREAD_STATE_SELECT_FIELD
    assert open_end is str
