"""TypedDict fields, their order, totality and required/optional split, against the official 0.4.14.

Optional means optional for a type checker: a `NotRequired[...]` field or a field of a
`total=False` TypedDict (the official SDK's string annotations hide its NotRequired fields from
`__required_keys__` at run time; here run time and type checkers agree).
"""

import typing
from datetime import datetime, timezone
from typing import Any, Literal, get_args, get_origin

import pytest
import typing_extensions

import lg_schema

# Field names in declaration order; a trailing "?" marks an optional field.
FIELDS: dict[str, tuple[str, ...]] = {
    "Assistant": (
        "assistant_id",
        "graph_id",
        "config",
        "context",
        "created_at",
        "metadata",
        "version",
        "name",
        "description",
        "updated_at",
    ),
    "AssistantBase": (
        "assistant_id",
        "graph_id",
        "config",
        "context",
        "created_at",
        "metadata",
        "version",
        "name",
        "description",
    ),
    "AssistantVersion": (
        "assistant_id",
        "graph_id",
        "config",
        "context",
        "created_at",
        "metadata",
        "version",
        "name",
        "description",
    ),
    "AssistantsSearchResponse": ("assistants", "next"),
    "Checkpoint": ("thread_id", "checkpoint_ns", "checkpoint_id", "checkpoint_map"),
    "CheckpointPayload": ("config", "metadata", "values", "next", "parent_config", "tasks"),
    "CheckpointTaskPayload": ("id", "name", "error?", "result?", "interrupts?", "state"),
    "CheckpointsStreamPart": ("type", "ns", "data"),
    "Command": ("goto?", "update?", "resume?"),
    "Config": ("tags?", "recursion_limit?", "configurable?"),
    "Cron": (
        "cron_id",
        "assistant_id",
        "thread_id",
        "on_run_completed",
        "end_time",
        "schedule",
        "timezone",
        "created_at",
        "updated_at",
        "payload",
        "user_id",
        "next_run_date",
        "metadata",
        "enabled",
    ),
    "CronUpdate": (
        "schedule?",
        "timezone?",
        "end_time?",
        "input?",
        "metadata?",
        "config?",
        "context?",
        "webhook?",
        "interrupt_before?",
        "interrupt_after?",
        "on_run_completed?",
        "enabled?",
        "stream_mode?",
        "stream_subgraphs?",
        "stream_resumable?",
        "durability?",
    ),
    "CustomStreamPart": ("type", "ns", "data"),
    "DebugStreamPart": ("type", "ns", "data"),
    "GraphSchema": (
        "graph_id",
        "input_schema",
        "output_schema",
        "state_schema",
        "config_schema",
        "context_schema",
    ),
    "Interrupt": ("value", "id", "response_schema?"),
    "Item": ("namespace", "key", "value", "created_at", "updated_at"),
    "LangSmithTracing": ("project_name?", "example_id?"),
    "ListNamespaceResponse": ("namespaces",),
    "MessagesCompleteStreamPart": ("type", "ns", "data"),
    "MessagesMetadataStreamPart": ("type", "ns", "data"),
    "MessagesPartialStreamPart": ("type", "ns", "data"),
    "MessagesTupleStreamPart": ("type", "ns", "data"),
    "MetadataStreamPart": ("type", "ns", "data"),
    "Run": (
        "run_id",
        "thread_id",
        "assistant_id",
        "created_at",
        "updated_at",
        "status",
        "metadata",
        "multitask_strategy",
        "cancel_reason?",
    ),
    "RunCreate": (
        "thread_id",
        "assistant_id",
        "input",
        "metadata",
        "config",
        "context",
        "checkpoint_id",
        "interrupt_before",
        "interrupt_after",
        "webhook",
        "multitask_strategy",
    ),
    "RunCreateMetadata": ("run_id", "thread_id"),
    "RunMetadataPayload": ("run_id",),
    "SearchItem": ("namespace", "key", "value", "created_at", "updated_at", "score?"),
    "SearchItemsResponse": ("items",),
    "Send": ("node", "input"),
    "TaskPayload": ("id", "name", "input", "triggers"),
    "TaskResultPayload": ("id", "name", "error", "interrupts", "result"),
    "TasksStreamPart": ("type", "ns", "data"),
    "Thread": (
        "thread_id",
        "created_at",
        "updated_at",
        "metadata",
        "status",
        "values",
        "interrupts",
        "extracted?",
    ),
    "ThreadState": (
        "values",
        "next",
        "checkpoint",
        "metadata",
        "created_at",
        "parent_checkpoint",
        "tasks",
        "interrupts",
    ),
    "ThreadTask": ("id", "name", "error", "interrupts", "checkpoint", "state", "result"),
    "ThreadUpdateStateResponse": ("checkpoint",),
    "UpdatesStreamPart": ("type", "ns", "data"),
    "ValuesStreamPart": ("type", "ns", "data", "interrupts"),
}

NOT_TOTAL = {"Command", "Config", "CronUpdate", "LangSmithTracing", "SearchItem"}

# The members of StreamPartV2, in the official order, with the value of their `type` field.
STREAM_PART_V2_TYPES = {
    "ValuesStreamPart": "values",
    "UpdatesStreamPart": "updates",
    "MessagesPartialStreamPart": "messages/partial",
    "MessagesCompleteStreamPart": "messages/complete",
    "MessagesMetadataStreamPart": "messages/metadata",
    "MessagesTupleStreamPart": "messages",
    "CustomStreamPart": "custom",
    "CheckpointsStreamPart": "checkpoints",
    "TasksStreamPart": "tasks",
    "DebugStreamPart": "debug",
    "MetadataStreamPart": "metadata",
}


def _typeddicts() -> list[str]:
    return [n for n in lg_schema.__all__ if typing_extensions.is_typeddict(getattr(lg_schema, n))]


def test_schema_typeddicts_are_exactly_the_official_ones() -> None:
    assert sorted(_typeddicts()) == sorted(FIELDS)


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_schema_typeddict_fields(name: str) -> None:
    cls = getattr(lg_schema, name)
    expected = FIELDS[name]
    assert tuple(cls.__annotations__) == tuple(f.rstrip("?") for f in expected)
    assert cls.__required_keys__ == frozenset(f for f in expected if not f.endswith("?"))
    assert cls.__optional_keys__ == frozenset(f[:-1] for f in expected if f.endswith("?"))


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_schema_typeddict_totality(name: str) -> None:
    assert getattr(lg_schema, name).__total__ is (name not in NOT_TOTAL)


def test_schema_stream_part_v2_members_and_their_type_tags() -> None:
    members = get_args(lg_schema.StreamPartV2)
    assert [m.__name__ for m in members] == list(STREAM_PART_V2_TYPES)
    for member in members:
        tag = typing.get_type_hints(member)["type"]
        assert get_origin(tag) is Literal
        assert get_args(tag) == (STREAM_PART_V2_TYPES[member.__name__],)


def test_schema_debug_payload_members_carry_their_kind() -> None:
    kinds = [get_args(typing.get_type_hints(m)["type"]) for m in get_args(lg_schema.DebugPayload)]
    assert kinds == [("checkpoint",), ("task",), ("task_result",)]


def test_schema_stream_part_is_a_named_tuple_with_optional_id() -> None:
    part = lg_schema.StreamPart("values", {"a": 1})
    assert lg_schema.StreamPart._fields == ("event", "data", "id")
    assert lg_schema.StreamPart._field_defaults == {"id": None}
    assert part == ("values", {"a": 1}, None)
    assert part.id is None
    event, data, event_id = lg_schema.StreamPart("e", {}, id="7")
    assert (event, data, event_id) == ("e", {}, "7")


def test_schema_typeddicts_build_plain_dicts() -> None:
    item: lg_schema.SearchItem = {
        "namespace": ["a"],
        "key": "k",
        "value": {},
        "created_at": datetime(2025, 1, 1, tzinfo=timezone.utc),
        "updated_at": datetime(2025, 1, 1, tzinfo=timezone.utc),
    }
    assert type(item) is dict
    command = lg_schema.Command(resume={"ok": True}, goto=lg_schema.Send(node="n", input=None))
    assert command == {"resume": {"ok": True}, "goto": {"node": "n", "input": None}}


def test_schema_typeddicts_cover_a_sample_payload() -> None:
    # A `tasks` part as the server streams it: every key is a declared field.
    sample: dict[str, Any] = {
        "type": "tasks",
        "ns": [],
        "data": {"id": "t", "name": "n", "input": {}, "triggers": ["start"]},
    }
    assert set(sample) == set(lg_schema.TasksStreamPart.__annotations__)
    assert set(sample["data"]) == set(lg_schema.TaskPayload.__annotations__)
