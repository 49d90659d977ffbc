"""The public surface: every name of the official `langgraph_sdk.schema` 0.4.14, and no more."""

import importlib.util
from pathlib import Path

import pytest

import lg_schema

# The public names of langgraph_sdk.schema 0.4.14, taken once from the official API dump.
OFFICIAL_SCHEMA_NAMES = [
    "All",
    "Assistant",
    "AssistantBase",
    "AssistantSelectField",
    "AssistantSortBy",
    "AssistantVersion",
    "AssistantsSearchResponse",
    "BulkCancelRunsStatus",
    "CancelAction",
    "Checkpoint",
    "CheckpointPayload",
    "CheckpointTaskPayload",
    "CheckpointsStreamPart",
    "Command",
    "Config",
    "Context",
    "Cron",
    "CronSelectField",
    "CronSortBy",
    "CronUpdate",
    "CustomStreamPart",
    "DebugPayload",
    "DebugStreamPart",
    "DisconnectMode",
    "Durability",
    "GraphSchema",
    "IfNotExists",
    "Input",
    "Interrupt",
    "Item",
    "Json",
    "LangSmithTracing",
    "ListNamespaceResponse",
    "MessagesCompleteStreamPart",
    "MessagesMetadataStreamPart",
    "MessagesPartialStreamPart",
    "MessagesTupleStreamPart",
    "MetadataStreamPart",
    "MultitaskStrategy",
    "OnCompletionBehavior",
    "OnConflictBehavior",
    "PrimitiveData",
    "PruneStrategy",
    "QueryParamTypes",
    "Run",
    "RunCreate",
    "RunCreateMetadata",
    "RunMetadataPayload",
    "RunSelectField",
    "RunStatus",
    "SearchItem",
    "SearchItemsResponse",
    "Send",
    "SortOrder",
    "StreamMode",
    "StreamPart",
    "StreamPartV2",
    "StreamVersion",
    "Subgraphs",
    "TaskPayload",
    "TaskResultPayload",
    "TasksStreamPart",
    "Thread",
    "ThreadSelectField",
    "ThreadSortBy",
    "ThreadState",
    "ThreadStateSelectField",
    "ThreadStatus",
    "ThreadStreamMode",
    "ThreadTask",
    "ThreadUpdateStateResponse",
    "UpdatesStreamPart",
    "ValuesStreamPart",
]


def test_schema_all_covers_the_official_names() -> None:
    missing = sorted(set(OFFICIAL_SCHEMA_NAMES) - set(lg_schema.__all__))
    assert missing == []


def test_schema_all_adds_nothing_beyond_the_official_names() -> None:
    assert sorted(lg_schema.__all__) == OFFICIAL_SCHEMA_NAMES


def test_schema_all_is_sorted_without_duplicates() -> None:
    assert lg_schema.__all__ == sorted(set(lg_schema.__all__))


@pytest.mark.parametrize("name", OFFICIAL_SCHEMA_NAMES)
def test_schema_every_name_is_importable(name: str) -> None:
    assert getattr(lg_schema, name) is not None


def test_schema_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from lg_schema import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == OFFICIAL_SCHEMA_NAMES


def test_schema_langgraph_sdk_schema_reexports_lg_schema() -> None:
    sdk = importlib.util.find_spec("langgraph_sdk")
    if sdk is None or not sdk.submodule_search_locations:
        pytest.skip("langgraph-sdk is not installed next to lg-schema")
    # Load only langgraph_sdk/schema.py: the package's __init__ pulls in every other member,
    # which langgraph-sdk's own tests cover; here only the re-export itself is under test.
    path = Path(next(iter(sdk.submodule_search_locations))) / "schema.py"
    spec = importlib.util.spec_from_file_location("_langgraph_sdk_schema_under_test", path)
    assert spec is not None
    assert spec.loader is not None
    sdk_schema = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sdk_schema)
    assert sdk_schema.__all__ == lg_schema.__all__
    for name in lg_schema.__all__:
        assert getattr(sdk_schema, name) is getattr(lg_schema, name), name
