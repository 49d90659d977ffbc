"""The pure request builders of `lg_runs`: paths, bodies, queries, retry classes and every
argument check, without I/O."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from lg_runs import _requests
from lg_transport import ApiRequest

ALL_RUN_FIELDS: dict[str, Any] = {
    "input": {"x": 1},
    "config": {"tags": ["t"]},
    "context": {"c": 1},
    "metadata": {"m": 1},
    "stream_mode": ["values"],
    "stream_subgraphs": True,
    "stream_resumable": True,
    "interrupt_before": ["a"],
    "interrupt_after": "*",
    "feedback_keys": ["k"],
    "webhook": "http://hook",
    "checkpoint": {"checkpoint_id": "c0", "checkpoint_ns": ""},
    "checkpoint_id": "c1",
    "checkpoint_during": False,
    "multitask_strategy": "rollback",
    "if_not_exists": "create",
    "on_disconnect": "continue",
    "on_completion": "keep",
    "after_seconds": 2,
    "durability": "exit",
    "strict_resume": False,
    "langsmith_tracing": {"project_name": "p"},
}
# The official client's body key orders (langgraph_sdk 0.4.14, async).
STREAM_KEYS = [
    "input", "config", "context", "metadata", "stream_mode", "stream_subgraphs",
    "stream_resumable", "assistant_id", "interrupt_before", "interrupt_after", "feedback_keys",
    "webhook", "checkpoint", "checkpoint_id", "checkpoint_during", "multitask_strategy",
    "if_not_exists", "on_disconnect", "on_completion", "after_seconds", "durability",
    "strict_resume", "langsmith_tracer",
]  # fmt: skip
CREATE_KEYS = [
    "input", "stream_mode", "stream_subgraphs", "stream_resumable", "config", "context",
    "metadata", "assistant_id", "interrupt_before", "interrupt_after", "webhook", "checkpoint",
    "checkpoint_id", "checkpoint_during", "multitask_strategy", "if_not_exists", "on_completion",
    "after_seconds", "durability", "strict_resume", "langsmith_tracer",
]  # fmt: skip
WAIT_KEYS = [
    "input", "config", "context", "metadata", "assistant_id", "interrupt_before",
    "interrupt_after", "webhook", "checkpoint", "checkpoint_id", "multitask_strategy",
    "checkpoint_during", "if_not_exists", "on_disconnect", "on_completion", "after_seconds",
    "durability", "strict_resume", "langsmith_tracer",
]  # fmt: skip

pytestmark = pytest.mark.filterwarnings("ignore:checkpoint_during:DeprecationWarning")


def stream(thread_id: str | None = "t1", **fields: Any) -> ApiRequest:
    base = {"stream_mode": "values", "stream_subgraphs": False, "stream_resumable": False}
    return _requests.stream_run(thread_id, "agent", {**base, **fields}, "v1", None, None)


def create(thread_id: str | None = "t1", **fields: Any) -> ApiRequest:
    base = {"stream_mode": "values", "stream_subgraphs": False, "stream_resumable": False}
    return _requests.create_run(thread_id, "agent", {**base, **fields}, None, None)


def wait(thread_id: str | None = "t1", **fields: Any) -> ApiRequest:
    return _requests.wait_run(thread_id, "agent", fields, True, None, None)


# Run creation: paths, bodies, key orders


@pytest.mark.parametrize(
    ("build", "stateful", "stateless"),
    [
        (stream, "/threads/t1/runs/stream", "/runs/stream"),
        (create, "/threads/t1/runs", "/runs"),
        (wait, "/threads/t1/runs/wait", "/runs/wait"),
    ],
)
def test_run_paths(build: Any, stateful: str, stateless: str) -> None:
    assert build("t1").path == stateful
    assert build(None).path == stateless
    assert build("a/b c").path == stateful.replace("t1", "a%2Fb%20c")


@pytest.mark.parametrize("build", [stream, create, wait])
def test_empty_thread_id_is_refused_not_taken_as_stateless(build: Any) -> None:
    with pytest.raises(ValueError, match="thread_id"):
        build("")


@pytest.mark.parametrize(
    ("kind", "keys"), [("stream", STREAM_KEYS), ("create", CREATE_KEYS), ("wait", WAIT_KEYS)]
)
def test_body_key_order_with_every_field(kind: str, keys: list[str]) -> None:
    order = _requests.BODY_ORDER[kind]  # type: ignore[index]
    fields = {name: value for name, value in ALL_RUN_FIELDS.items() if name in order}
    build = {"stream": stream, "create": create, "wait": wait}[kind]
    body = build(**fields).json
    assert list(body) == keys
    assert body["langsmith_tracer"] == {"project_name": "p"}
    assert body["checkpoint_during"] is False  # False is a value, only None is left out


def test_command_replaces_input_and_drops_unset_fields() -> None:
    body = stream(command={"resume": "yes", "goto": None}).json
    assert next(iter(body)) == "command"
    assert body["command"] == {"resume": "yes"}
    assert "command" not in stream(command={}).json


def test_command_takes_langgraphs_graph_field_and_rejects_other_keys() -> None:
    # RemoteGraph passes `dataclasses.asdict(langgraph.types.Command(...))`.
    body = stream(command={"graph": None, "update": None, "resume": "yes", "goto": ()}).json
    assert body["command"] == {"resume": "yes", "goto": ()}
    body = stream(command={"graph": "__parent__", "goto": "n"}).json
    assert body["command"] == {"graph": "__parent__", "goto": "n"}
    with pytest.raises(ValueError, match=r"command has unknown keys \['resum'\]"):
        stream(command={"resum": "yes"})


def test_sequences_become_lists_and_strings_stay() -> None:
    body = stream(
        stream_mode=("values", "updates"),
        interrupt_before=("a",),
        interrupt_after="*",
        feedback_keys=("k",),
    ).json
    assert body["stream_mode"] == ["values", "updates"]
    assert body["interrupt_before"] == ["a"]
    assert body["interrupt_after"] == "*"
    assert body["feedback_keys"] == ["k"]
    assert orjson.dumps(body)  # plain JSON values only
    assert stream(stream_mode="debug").json["stream_mode"] == "debug"


def test_after_seconds_takes_any_non_negative_number() -> None:
    assert create(after_seconds=1.5).json["after_seconds"] == 1.5
    assert create(after_seconds=0).json["after_seconds"] == 0


def test_run_creation_retry_class_is_create() -> None:
    for request in (
        stream(),
        create(),
        wait(),
        _requests.create_batch([{"assistant_id": "a"}], None, None),
    ):
        assert request.method == "POST"
        assert request.retry_class == "create"


def test_headers_and_params_pass_through() -> None:
    request = _requests.stream_run("t1", "agent", {}, "v2", {"x-trace": "1"}, {"q": "1"})
    assert request.headers == {"x-trace": "1"}
    assert request.params == {"q": "1"}


def test_checkpoint_during_is_deprecated() -> None:
    with pytest.warns(DeprecationWarning, match="durability"):
        create(checkpoint_during=True)


def test_unknown_field_is_a_package_bug() -> None:
    with pytest.raises(AssertionError, match="feedback_keys"):
        create(feedback_keys=["k"])


# Run creation: argument checks


@pytest.mark.parametrize(
    ("fields", "error", "name"),
    [
        ({"input": {"x": 1}, "command": {"resume": 1}}, ValueError, "input, command"),
        ({"command": "resume"}, TypeError, "command"),
        ({"command": {"resume": 1, "jump": "n"}}, ValueError, "jump"),
        ({"stream_mode": "value"}, ValueError, "stream_mode"),
        ({"stream_mode": ["values", "nope"]}, ValueError, "stream_mode"),
        ({"stream_mode": []}, TypeError, "stream_mode"),
        ({"stream_mode": None}, TypeError, "stream_mode"),
        ({"stream_subgraphs": "yes"}, TypeError, "stream_subgraphs"),
        ({"stream_resumable": 1}, TypeError, "stream_resumable"),
        ({"metadata": [("a", 1)]}, TypeError, "metadata"),
        ({"config": "c"}, TypeError, "config"),
        ({"checkpoint": "c1"}, TypeError, "checkpoint"),
        ({"langsmith_tracing": "p"}, TypeError, "langsmith_tracing"),
        ({"checkpoint_id": ""}, ValueError, "checkpoint_id"),
        ({"checkpoint_id": 3}, TypeError, "checkpoint_id"),
        ({"webhook": b"http://x"}, TypeError, "webhook"),
        ({"checkpoint_during": "true"}, TypeError, "checkpoint_during"),
        ({"strict_resume": 1}, TypeError, "strict_resume"),
        ({"interrupt_before": "a"}, TypeError, "interrupt_before"),
        ({"interrupt_after": ["a", 1]}, TypeError, r"interrupt_after\[1\]"),
        ({"feedback_keys": "k"}, TypeError, "feedback_keys"),
        ({"multitask_strategy": "queue"}, ValueError, "multitask_strategy"),
        ({"if_not_exists": "raise"}, ValueError, "if_not_exists"),
        ({"on_disconnect": "stop"}, ValueError, "on_disconnect"),
        ({"on_completion": "drop"}, ValueError, "on_completion"),
        ({"durability": "never"}, ValueError, "durability"),
        ({"after_seconds": -1}, ValueError, "after_seconds"),
        ({"after_seconds": "5"}, TypeError, "after_seconds"),
        ({"after_seconds": True}, TypeError, "after_seconds"),
    ],
)
def test_bad_run_arguments_are_refused(fields: dict[str, Any], error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        stream(**fields)


@pytest.mark.parametrize(
    ("assistant_id", "error"), [("", ValueError), (None, TypeError), (1, TypeError)]
)
def test_bad_assistant_id(assistant_id: Any, error: type) -> None:
    with pytest.raises(error, match="assistant_id"):
        _requests.create_run(None, assistant_id, {}, None, None)


def test_bad_version_and_raise_error() -> None:
    with pytest.raises(ValueError, match="version"):
        _requests.stream_run(None, "a", {}, "v3", None, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="raise_error"):
        _requests.wait_run(None, "a", {}, "yes", None, None)  # type: ignore[arg-type]


# Batches


def test_batch_leaves_unset_fields_out_and_keeps_order() -> None:
    request = _requests.create_batch(
        [{"input": {"x": 1}, "assistant_id": "a", "thread_id": None}, {"assistant_id": "b"}],
        None,
        None,
    )
    assert request.path == "/runs/batch"
    assert request.json == [{"input": {"x": 1}, "assistant_id": "a"}, {"assistant_id": "b"}]
    assert list(request.json[0]) == ["input", "assistant_id"]


@pytest.mark.parametrize(
    ("payloads", "error", "match"),
    [
        ([], ValueError, "at least one"),
        ({"assistant_id": "a"}, TypeError, "payloads"),
        ("a", TypeError, "payloads"),
        ([["assistant_id", "a"]], TypeError, r"payloads\[0\]"),
        ([{"assistant_id": "a"}, {"input": {}}], TypeError, r"payloads\[1\]\['assistant_id'\]"),
    ],
)
def test_bad_batches(payloads: Any, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        _requests.create_batch(payloads, None, None)


# Listing, reading, cancelling, joining, deleting


def test_list_query() -> None:
    request = _requests.list_runs("t1", 5, 2, "error", ["run_id", "status"], None, {"x": "y"})
    assert (request.method, request.path) == ("GET", "/threads/t1/runs")
    assert request.params == {
        "limit": 5,
        "offset": 2,
        "status": "error",
        "select": ["run_id", "status"],
        "x": "y",
    }
    assert request.retry_class == "safe"
    # An empty selection is no selection.
    assert _requests.list_runs("t1", 10, 0, None, [], None, None).params == {
        "limit": 10,
        "offset": 0,
    }


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("", 10, 0, None, None), ValueError, "thread_id"),
        (("t1", -1, 0, None, None), ValueError, "limit"),
        (("t1", 10, "0", None, None), TypeError, "offset"),
        (("t1", 10, 0, "done", None), ValueError, "status"),
        (("t1", 10, 0, None, "run_id"), TypeError, "select"),
        (("t1", 10, 0, None, ["run_id", "nope"]), ValueError, r"select\[1\]"),
    ],
)
def test_bad_list_arguments(args: tuple[Any, ...], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        _requests.list_runs(*args, None, None)


@pytest.mark.parametrize(
    ("build", "method", "suffix"),
    [
        (_requests.get_run, "GET", ""),
        (_requests.join_run, "GET", "/join"),
        (_requests.delete_run, "DELETE", ""),
    ],
)
def test_run_paths_by_id(build: Any, method: str, suffix: str) -> None:
    request = build("t 1", "r/1", {"h": "v"}, {"p": 1})
    assert request.method == method
    assert request.path == f"/threads/t%201/runs/r%2F1{suffix}"
    assert (request.headers, request.params) == ({"h": "v"}, {"p": 1})
    assert request.retry_class == "safe"
    assert not request.has_body
    with pytest.raises(ValueError, match="run_id"):
        build("t1", "", None, None)
    with pytest.raises(ValueError, match="thread_id"):
        build(None, "r1", None, None)


def test_cancel_is_a_safe_post_without_body() -> None:
    request = _requests.cancel_run("t1", "r1", True, "rollback", None, {"x": 1})
    assert (request.method, request.path) == ("POST", "/threads/t1/runs/r1/cancel")
    assert request.params == {"wait": 1, "action": "rollback", "x": 1}
    assert not request.has_body
    assert request.retry_class == "safe"
    with pytest.raises(ValueError, match="action"):
        _requests.cancel_run("t1", "r1", False, "stop", None, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="wait"):
        _requests.cancel_run("t1", "r1", 1, "interrupt", None, None)  # type: ignore[arg-type]


def test_cancel_many() -> None:
    request = _requests.cancel_many(None, None, "all", "rollback", None, None)
    assert (request.method, request.path) == ("POST", "/runs/cancel")
    assert request.json == {"status": "all"}
    assert request.params == {"action": "rollback"}
    assert request.retry_class == "safe"
    request = _requests.cancel_many("t1", ("r1", "r2"), None, "interrupt", None, None)
    assert request.json == {"thread_id": "t1", "run_ids": ["r1", "r2"]}


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((None, None, None, "interrupt"), ValueError, "status="),
        (("", [], None, "interrupt"), ValueError, "thread_id"),
        ((None, [], None, "interrupt"), ValueError, "status="),
        (("t1", None, None, "interrupt"), ValueError, "together with run_ids"),
        ((None, ["r1"], None, "interrupt"), ValueError, "together with run_ids"),
        ((None, "r1", None, "interrupt"), TypeError, "run_ids"),
        ((None, None, "done", "interrupt"), ValueError, "status"),
        ((None, None, "all", "stop"), ValueError, "action"),
        ((1, None, "all", "interrupt"), TypeError, "thread_id"),
    ],
)
def test_bad_cancel_many(args: tuple[Any, ...], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        _requests.cancel_many(*args, None, None)


def test_join_stream_query_and_headers() -> None:
    request = _requests.join_stream("t1", "r1", False, None, None, None, None)
    assert (request.method, request.path) == ("GET", "/threads/t1/runs/r1/stream")
    assert request.params == {"cancel_on_disconnect": False, "stream_mode": None}
    assert request.headers is None
    request = _requests.join_stream("t1", "r1", True, ("values", "updates"), "5", None, None)
    assert request.params == {"cancel_on_disconnect": True, "stream_mode": ["values", "updates"]}
    assert request.headers == {"Last-Event-ID": "5"}
    assert request.retry_class == "safe"
    # The caller's own headers win; an empty last_event_id sends no header.
    request = _requests.join_stream("t1", "r1", False, None, "5", {"Last-Event-ID": "9"}, None)
    assert request.headers == {"Last-Event-ID": "9"}
    assert _requests.join_stream("t1", "r1", False, None, "", None, None).headers is None


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("t1", "r1", "no", None, None), TypeError, "cancel_on_disconnect"),
        (("t1", "r1", False, "nope", None), ValueError, "stream_mode"),
        (("t1", "r1", False, None, 7), TypeError, "last_event_id"),
        (("t1", "", False, None, None), ValueError, "run_id"),
    ],
)
def test_bad_join_stream(args: tuple[Any, ...], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        _requests.join_stream(*args, None, None)
