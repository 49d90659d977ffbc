"""The pure request builders of lg_threads: no I/O, just `ApiRequest`s."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import pytest

from lg_threads import _requests as r
from lg_transport import ApiRequest, encode_json

CHECKPOINT = {"checkpoint_id": "c1", "checkpoint_ns": ""}


def body_bytes(request: ApiRequest) -> bytes:
    assert request.has_body
    return encode_json(request.json)


def create(**kwargs: Any) -> ApiRequest:
    arguments: dict[str, Any] = {
        "metadata": None,
        "thread_id": None,
        "if_exists": None,
        "supersteps": None,
        "graph_id": None,
        "ttl": None,
        "headers": None,
        "params": None,
    }
    arguments.update(kwargs)
    return r.create_thread(**arguments)


def search(**kwargs: Any) -> ApiRequest:
    arguments: dict[str, Any] = {
        "metadata": None,
        "values": None,
        "ids": None,
        "status": None,
        "limit": 10,
        "offset": 0,
        "sort_by": None,
        "sort_order": None,
        "select": None,
        "extract": None,
        "headers": None,
        "params": None,
    }
    arguments.update(kwargs)
    return r.search_threads(**arguments)


def get_state(**kwargs: Any) -> ApiRequest:
    arguments: dict[str, Any] = {
        "thread_id": "t1",
        "checkpoint": None,
        "checkpoint_id": None,
        "subgraphs": False,
        "select": None,
        "headers": None,
        "params": None,
    }
    arguments.update(kwargs)
    return r.get_state(**arguments)


def update_state(**kwargs: Any) -> ApiRequest:
    arguments: dict[str, Any] = {
        "thread_id": "t1",
        "values": {"a": 1},
        "as_node": None,
        "checkpoint": None,
        "checkpoint_id": None,
        "headers": None,
        "params": None,
    }
    arguments.update(kwargs)
    return r.update_state(**arguments)


def history(**kwargs: Any) -> ApiRequest:
    arguments: dict[str, Any] = {
        "thread_id": "t1",
        "limit": 10,
        "before": None,
        "metadata": None,
        "checkpoint": None,
        "select": None,
        "headers": None,
        "params": None,
    }
    arguments.update(kwargs)
    return r.get_history(**arguments)


def join(**kwargs: Any) -> ApiRequest:
    arguments: dict[str, Any] = {
        "thread_id": "t1",
        "last_event_id": None,
        "stream_mode": "run_modes",
        "headers": None,
        "params": None,
    }
    arguments.update(kwargs)
    return r.join_thread_stream(**arguments)


# Retry classes: POSTs that only read are "safe", the ones that create work are not.


@pytest.mark.parametrize(
    ("request_", "retry_class"),
    [
        (r.get_thread("t1", None, None, None), "safe"),
        (create(), "create"),
        (create(thread_id="t1"), "create"),
        (create(if_exists="do_nothing"), "create"),
        (create(thread_id="t1", if_exists="raise"), "create"),
        (create(thread_id="t1", if_exists="do_nothing"), "safe"),
        (r.update_thread("t1", {}, None, False, None, None), "safe"),
        (r.delete_thread("t1", None, None), "safe"),
        (search(), "safe"),
        (r.count_threads(None, None, None, None, None), "safe"),
        (r.copy_thread("t1", None, None), "create"),
        (r.prune_threads(["t1"], "delete", None, None), "create"),
        (get_state(), "safe"),
        (get_state(checkpoint_id="c1"), "safe"),
        (get_state(checkpoint=CHECKPOINT), "safe"),
        (update_state(), "create"),
        (history(), "safe"),
        (join(), "safe"),
    ],
)
def test_retry_class(request_: ApiRequest, retry_class: str) -> None:
    assert request_.retry_class == retry_class


# Bodies and queries beyond the wire table.


def test_get_joins_include_with_commas_and_appends_caller_params() -> None:
    request = r.get_thread("t1", ["ttl", "other"], None, {"x": "1"})
    assert request.params == {"include": "ttl,other", "x": "1"}
    assert r.get_thread("t1", [], None, None).params is None


def test_ids_are_encoded_into_paths() -> None:
    assert r.get_thread("a/b c", None, None, None).path == "/threads/a%2Fb%20c"
    thread_id = uuid.uuid4()
    assert r.delete_thread(thread_id, None, None).path == f"/threads/{thread_id}"  # type: ignore[arg-type]
    request = get_state(checkpoint_id="c/1")
    assert request.path == "/threads/t1/state/c%2F1"


def test_create_with_graph_id_only_puts_it_in_metadata() -> None:
    assert body_bytes(create(graph_id="echo")) == b'{"metadata":{"graph_id":"echo"}}'


def test_create_leaves_out_empty_values() -> None:
    assert body_bytes(create(metadata={}, supersteps=[])) == b"{}"


def test_create_accepts_a_uuid_thread_id() -> None:
    thread_id = uuid.uuid4()
    assert create(thread_id=thread_id).json == {"thread_id": str(thread_id)}


@pytest.mark.parametrize(
    ("ttl", "expected"),
    [
        (5, {"ttl": 5, "strategy": "delete"}),
        (1.5, {"ttl": 1.5, "strategy": "delete"}),
        ({"ttl": 5, "strategy": "keep_latest"}, {"ttl": 5, "strategy": "keep_latest"}),
        (MappingProxyType({"ttl": 7}), {"ttl": 7}),
    ],
)
def test_ttl_forms(ttl: Any, expected: dict[str, Any]) -> None:
    assert create(ttl=ttl).json == {"ttl": expected}
    assert r.update_thread("t1", {}, ttl, False, None, None).json == {
        "metadata": {},
        "ttl": expected,
    }


def test_superstep_updates_always_carry_values_command_and_as_node() -> None:
    steps = [
        {"updates": [{"as_node": "a", "command": {"resume": 1}}]},
        {"updates": [{"as_node": "b", "values": [{"x": 1}], "extra": "dropped"}]},
    ]
    assert body_bytes(create(supersteps=steps)) == (
        b'{"supersteps":[{"updates":[{"values":null,"command":{"resume":1},"as_node":"a"}]},'
        b'{"updates":[{"values":[{"x":1}],"command":null,"as_node":"b"}]}]}'
    )


def test_update_return_minimal_header_wins_over_callers() -> None:
    request = r.update_thread("t1", {"a": 1}, None, True, {"Prefer": "x", "X-A": "1"}, None)
    assert request.headers == {"Prefer": "return=minimal", "X-A": "1"}
    assert r.update_thread("t1", {"a": 1}, None, False, None, None).headers is None


def test_search_leaves_out_empty_filters_and_lists_sequences() -> None:
    assert search(metadata={}, ids=[], select=[], extract={}).json == {"limit": 10, "offset": 0}
    assert search(ids=("t1", "t2")).json == {"limit": 10, "offset": 0, "ids": ["t1", "t2"]}


def test_prune_sends_a_list() -> None:
    assert r.prune_threads(("t1",), "delete", None, None).json == {"thread_ids": ["t1"]}


def test_get_state_select_travels_in_the_query_or_the_body() -> None:
    request = get_state(select=["values", "next"], params={"x": 1})
    assert request.params == {"subgraphs": False, "select": ["values", "next"], "x": 1}
    request = get_state(checkpoint=CHECKPOINT, subgraphs=True, select=["values.messages"])
    assert request.json == {
        "checkpoint": CHECKPOINT,
        "subgraphs": True,
        "select": ["values.messages"],
    }


def test_get_state_with_an_empty_checkpoint_reads_the_latest_state() -> None:
    request = get_state(checkpoint={})
    assert (request.method, request.path) == ("GET", "/threads/t1/state")


def test_update_state_bodies() -> None:
    assert update_state(values=None).json == {"values": None}
    assert body_bytes(update_state(values=[{"a": 1}, {"b": 2}], checkpoint=CHECKPOINT)) == (
        b'{"values":[{"a":1},{"b":2}],"checkpoint":{"checkpoint_id":"c1","checkpoint_ns":""}}'
    )


def test_history_bodies() -> None:
    assert body_bytes(history(before=CHECKPOINT, checkpoint={"checkpoint_ns": "sub"})) == (
        b'{"limit":10,"before":{"checkpoint_id":"c1","checkpoint_ns":""},'
        b'"checkpoint":{"checkpoint_ns":"sub"}}'
    )
    assert history(select=["values"], metadata={}).json == {"limit": 10, "select": ["values"]}


def test_join_stream_modes_headers_and_params() -> None:
    request = join(stream_mode=("lifecycle", "state_update"), params={"x": "1"})
    assert request.params == {"stream_mode": ["lifecycle", "state_update"], "x": "1"}
    assert request.headers is None
    request = join(last_event_id="-", headers={"Last-Event-ID": "9", "X-A": "1"})
    assert request.headers == {"Last-Event-ID": "9", "X-A": "1"}
    assert join(last_event_id="").headers is None


# Validation: wrong arguments fail before any request, naming the parameter.

Call = Callable[[], object]

INVALID: list[tuple[str, Call, type[Exception], str]] = [
    ("get empty id", lambda: r.get_thread("", None, None, None), ValueError, "thread_id"),
    ("get None id", lambda: r.get_thread(None, None, None, None), ValueError, "thread_id"),  # type: ignore[arg-type]
    ("get int id", lambda: r.get_thread(1, None, None, None), TypeError, "thread_id"),  # type: ignore[arg-type]
    ("get include str", lambda: r.get_thread("t", "ttl", None, None), TypeError, "include"),  # type: ignore[arg-type]
    ("get headers", lambda: r.get_thread("t", None, [("a", "b")], None), TypeError, "headers"),  # type: ignore[arg-type]
    ("create metadata", lambda: create(metadata=[1]), TypeError, "metadata"),
    ("create empty id", lambda: create(thread_id=""), ValueError, "thread_id"),
    ("create int id", lambda: create(thread_id=3), TypeError, "thread_id"),
    ("create if_exists", lambda: create(if_exists="update"), ValueError, "if_exists"),
    ("create graph_id", lambda: create(graph_id=1), TypeError, "graph_id"),
    ("create ttl str", lambda: create(ttl="5"), TypeError, "ttl"),
    ("create ttl bool", lambda: create(ttl=True), TypeError, "ttl"),
    ("create ttl negative", lambda: create(ttl=-1), ValueError, "ttl"),
    ("supersteps dict", lambda: create(supersteps={"updates": []}), TypeError, "supersteps"),
    ("superstep not mapping", lambda: create(supersteps=[[]]), TypeError, "supersteps[0]"),
    ("superstep no updates", lambda: create(supersteps=[{}]), TypeError, "updates"),
    (
        "update not mapping",
        lambda: create(supersteps=[{"updates": ["x"]}]),
        TypeError,
        "supersteps[0]['updates']",
    ),
    (
        "update no as_node",
        lambda: create(supersteps=[{"updates": [{"values": {}}]}]),
        ValueError,
        "as_node",
    ),
    (
        "update as_node int",
        lambda: create(supersteps=[{"updates": [{"values": {}, "as_node": 1}]}]),
        TypeError,
        "as_node",
    ),
    (
        "update nothing to apply",
        lambda: create(supersteps=[{"updates": [{"as_node": "n"}]}]),
        ValueError,
        "'values' or 'command'",
    ),
    (
        "update no metadata",
        lambda: r.update_thread("t", None, None, False, None, None),  # type: ignore[arg-type]
        TypeError,
        "metadata",
    ),
    (
        "update return_minimal",
        lambda: r.update_thread("t", {}, None, "yes", None, None),  # type: ignore[arg-type]
        TypeError,
        "return_minimal",
    ),
    (
        "update empty id",
        lambda: r.update_thread("", {}, None, False, None, None),
        ValueError,
        "thread_id",
    ),
    ("delete empty id", lambda: r.delete_thread("", None, None), ValueError, "thread_id"),
    ("search status", lambda: search(status="done"), ValueError, "status"),
    ("search limit", lambda: search(limit="10"), TypeError, "limit"),
    ("search zero limit", lambda: search(limit=0), ValueError, "limit"),
    ("search negative offset", lambda: search(offset=-1), ValueError, "offset"),
    ("search sort_by", lambda: search(sort_by="name"), ValueError, "sort_by"),
    ("search sort_order", lambda: search(sort_order="up"), ValueError, "sort_order"),
    ("search select field", lambda: search(select=["nope"]), ValueError, "select"),
    ("search select str", lambda: search(select="thread_id"), TypeError, "select"),
    ("search ids", lambda: search(ids=[1]), TypeError, "ids[0]"),
    ("search values", lambda: search(values=1), TypeError, "values"),
    ("search extract", lambda: search(extract={"x": 1}), TypeError, "extract"),
    (
        "count status",
        lambda: r.count_threads(None, None, "gone", None, None),
        ValueError,
        "status",
    ),
    ("copy empty id", lambda: r.copy_thread("", None, None), ValueError, "thread_id"),
    ("prune ids str", lambda: r.prune_threads("t1", "delete", None, None), TypeError, "thread_ids"),
    (
        "prune ids None",
        lambda: r.prune_threads(None, "delete", None, None),
        TypeError,
        "thread_ids",
    ),  # type: ignore[arg-type]
    ("prune strategy", lambda: r.prune_threads(["t"], "all", None, None), ValueError, "strategy"),
    ("state empty id", lambda: get_state(thread_id=""), ValueError, "thread_id"),
    ("state checkpoint", lambda: get_state(checkpoint="c1"), TypeError, "checkpoint"),
    ("state checkpoint_id", lambda: get_state(checkpoint_id=1), TypeError, "checkpoint_id"),
    ("state empty checkpoint_id", lambda: get_state(checkpoint_id=""), ValueError, "checkpoint_id"),
    (
        "state both checkpoints",
        lambda: get_state(checkpoint=CHECKPOINT, checkpoint_id="c1"),
        ValueError,
        "mutually exclusive",
    ),
    ("state subgraphs", lambda: get_state(subgraphs=1), TypeError, "subgraphs"),
    ("state select", lambda: get_state(select="values"), TypeError, "select"),
    ("update_state values", lambda: update_state(values="x"), TypeError, "values"),
    ("update_state values items", lambda: update_state(values=[1]), TypeError, "values[0]"),
    ("update_state as_node", lambda: update_state(as_node=1), TypeError, "as_node"),
    (
        "update_state both checkpoints",
        lambda: update_state(checkpoint=CHECKPOINT, checkpoint_id="c1"),
        ValueError,
        "mutually exclusive",
    ),
    ("update_state empty id", lambda: update_state(thread_id=""), ValueError, "thread_id"),
    ("history limit", lambda: history(limit=None), TypeError, "limit"),
    ("history zero limit", lambda: history(limit=0), ValueError, "limit"),
    ("history before", lambda: history(before=1), TypeError, "before"),
    ("history metadata", lambda: history(metadata="m"), TypeError, "metadata"),
    ("history checkpoint", lambda: history(checkpoint="c"), TypeError, "checkpoint"),
    ("history empty id", lambda: history(thread_id=""), ValueError, "thread_id"),
    ("join mode", lambda: join(stream_mode="values"), ValueError, "stream_mode"),
    ("join modes", lambda: join(stream_mode=["lifecycle", "x"]), ValueError, "stream_mode"),
    ("join empty modes", lambda: join(stream_mode=[]), TypeError, "stream_mode"),
    ("join last_event_id", lambda: join(last_event_id=5), TypeError, "last_event_id"),
    ("join empty id", lambda: join(thread_id=""), ValueError, "thread_id"),
]


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [case[1:] for case in INVALID],
    ids=[case[0] for case in INVALID],
)
def test_invalid_arguments_raise_before_any_request(
    call: Call, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=None) as info:
        call()
    assert fragment in str(info.value)
