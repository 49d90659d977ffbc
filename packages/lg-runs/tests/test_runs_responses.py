"""How the runs client reads answers: run ids from `Content-Location`, v2 parts, run errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from lg_runs._responses import (
    RunResponseHook,
    raise_for_run_error,
    run_created_metadata,
    to_v2_part,
)
from lg_schema import RunCreateMetadata, StreamPart
from lg_transport.errors import APIError, APIStatusError


def response(**headers: str) -> httpx.Response:
    return httpx.Response(200, headers=headers, request=httpx.Request("POST", "http://t/runs"))


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/threads/t1/runs/r1", {"run_id": "r1", "thread_id": "t1"}),
        ("/runs/r1", {"run_id": "r1", "thread_id": None}),
        ("http://host:8123/api/threads/t1/runs/r1", {"run_id": "r1", "thread_id": "t1"}),
        ("/threads/t%2F1/runs/r1/", {"run_id": "r1", "thread_id": "t/1"}),
        ("/threads/t1/runs/r1?x=1", {"run_id": "r1", "thread_id": "t1"}),
        ("/threads/t1", None),
        ("/runs/", None),
    ],
)
def test_run_created_metadata(location: str, expected: dict[str, Any] | None) -> None:
    assert run_created_metadata(response(**{"content-location": location})) == expected


def test_no_content_location_no_metadata() -> None:
    assert run_created_metadata(response()) is None


def test_hook_reports_once_and_keeps_the_response() -> None:
    seen: list[RunCreateMetadata] = []
    hook = RunResponseHook(seen.append)
    first = response(**{"content-location": "/threads/t1/runs/r1"})
    hook(first)
    hook(response(**{"content-location": "/threads/t1/runs/r2"}))
    assert seen == [{"run_id": "r1", "thread_id": "t1"}]
    assert hook.response is not None


def test_hook_without_callback_or_header() -> None:
    hook = RunResponseHook(None)
    hook(response(**{"content-location": "/runs/r1"}))
    seen: list[RunCreateMetadata] = []
    RunResponseHook(seen.append)(response())
    assert seen == []


def test_hook_refuses_a_non_callable() -> None:
    with pytest.raises(TypeError, match="on_run_created"):
        RunResponseHook("print")  # type: ignore[arg-type]


def test_run_error_is_raised_as_api_error() -> None:
    body = {"__error__": {"error": "ValueError", "message": "boom"}}
    answer = response()
    with pytest.raises(APIError, match="ValueError: boom") as caught:
        raise_for_run_error(body, answer)
    assert caught.value.body == body
    assert caught.value.response is answer
    assert not isinstance(caught.value, APIStatusError)  # the HTTP call did succeed


@pytest.mark.parametrize(
    "result",
    [{"value": 1}, [{"__error__": {"error": "E"}}], {"__error__": "text"}, None, "x"],
)
def test_other_results_are_not_errors(result: Any) -> None:
    raise_for_run_error(result, response())


def test_v2_values_part_takes_its_interrupts_out_of_the_data() -> None:
    interrupt = {"value": {"q": 1}, "id": "i1"}
    part = to_v2_part(StreamPart("values", {"a": 1, "__interrupt__": [interrupt]}))
    assert part == {"type": "values", "ns": [], "data": {"a": 1}, "interrupts": [interrupt]}
    assert to_v2_part(StreamPart("values", {"a": 1})) == {
        "type": "values",
        "ns": [],
        "data": {"a": 1},
        "interrupts": [],
    }


@pytest.mark.parametrize(
    ("event", "data", "kind", "ns"),
    [
        ("updates|child:t1", {"n": {}}, "updates", ["child:t1"]),
        ("values|outer:t1|inner:t2", {"v": 1}, "values", ["outer:t1", "inner:t2"]),
        ("messages", [{"content": "a"}, {"langgraph_node": "n"}], "messages", []),
        ("messages/partial", [{"content": "a"}], "messages/partial", []),
        ("messages/metadata", {"m": {}}, "messages/metadata", []),
        ("custom", 3, "custom", []),
        ("metadata", {"run_id": "r1"}, "metadata", []),
        ("error", {"error": "ValueError", "message": "m"}, "error", []),
        ("events", {"event": "on_chain_start"}, "events", []),
    ],
)
def test_v2_part_type_and_namespace(event: str, data: Any, kind: str, ns: list[str]) -> None:
    part = to_v2_part(StreamPart(event, data))
    assert part == {"type": kind, "ns": ns, "data": data, "interrupts": []}


def test_v2_end_event_ends_nothing_else() -> None:
    assert to_v2_part(StreamPart("end", None)) is None  # type: ignore[arg-type]
