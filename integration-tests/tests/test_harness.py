"""The harness itself, over raw HTTP (`httpx` only): the server answers and every graph behaves
as `server/graphs/*.py` and the SSE captures in shared/reference/sse-samples describe."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import agent_server  # importable: conftest.py puts integration-tests/ on sys.path
import httpx
import pytest

Event = tuple[str, Any]
ECHO_INPUT = {"messages": [{"role": "user", "content": "stream me please"}]}


@pytest.fixture
def http(agent_server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=agent_server_url, timeout=30, trust_env=False) as client:
        yield client


def parse_sse(body: str) -> list[Event]:
    """Events as (name, decoded data); the server sends one `data:` line per event."""
    events: list[Event] = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line)
        if "event" in fields:
            events.append((fields["event"], json.loads(fields.get("data", "null"))))
    return events


def new_thread(http: httpx.Client) -> str:
    response = http.post("/threads", json={})
    response.raise_for_status()
    return str(response.json()["thread_id"])


def stream_run(http: httpx.Client, thread_id: str | None, body: dict[str, Any]) -> list[Event]:
    path = f"/threads/{thread_id}/runs/stream" if thread_id else "/runs/stream"
    with http.stream("POST", path, json=body) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["location"].endswith("/stream")
        events = parse_sse(response.read().decode())
    assert events[0][0] == "metadata"
    assert set(events[0][1]) == {"run_id", "attempt"}
    return events


def names(events: list[Event]) -> list[str]:
    return [name for name, _ in events]


def data_of(events: list[Event], name: str) -> list[Any]:
    return [data for event, data in events if event == name]


# A pure test: it must not start the server.
def test_free_port_is_bindable() -> None:
    port = agent_server.free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


@pytest.mark.needs("ok_route")
def test_ok_and_info(http: httpx.Client) -> None:
    assert http.get("/ok").json() == {"ok": True, "services": {}}
    info = http.get("/info").json()
    assert info["version"] == "0.16.7"
    assert info["langgraph_py_version"] == "1.2.22"
    assert info["flags"]["assistants"] is True


def test_assistants_from_config(http: httpx.Client) -> None:
    assistants = http.post("/assistants/search", json={"limit": 100}).json()
    assert sorted(a["graph_id"] for a in assistants) == sorted(agent_server.GRAPH_IDS)
    for assistant in assistants:
        assert assistant["name"] == assistant["graph_id"]
        assert assistant["metadata"] == {"created_by": "system"}


def test_echo_streams_values_updates_and_message_tokens(http: httpx.Client) -> None:
    thread_id = new_thread(http)
    events = stream_run(
        http,
        thread_id,
        {
            "assistant_id": "echo",
            "input": ECHO_INPUT,
            "stream_mode": ["values", "updates", "messages-tuple"],
        },
    )
    assert names(events).count("values") == 2
    assert names(events).count("updates") == 1
    tokens = data_of(events, "messages")
    assert len(tokens) == 7
    assert all(chunk["type"] == "AIMessageChunk" for chunk, _meta in tokens)
    assert tokens[0][1]["langgraph_node"] == "respond"
    assert "".join(chunk["content"] for chunk, _meta in tokens) == "echo: stream me please"
    final = data_of(events, "values")[-1]["messages"]
    assert [m["type"] for m in final] == ["human", "ai"]
    assert final[-1]["content"] == "echo: stream me please"
    assert http.get(f"/threads/{thread_id}").json()["status"] == "idle"


@pytest.mark.needs("messages_mode")
def test_echo_legacy_messages_mode(http: httpx.Client) -> None:
    events = stream_run(
        http,
        new_thread(http),
        {"assistant_id": "echo", "input": ECHO_INPUT, "stream_mode": ["messages"]},
    )
    assert names(events) == ["metadata", "messages/metadata"] + ["messages/partial"] * 7
    assert data_of(events, "messages/partial")[-1][0]["content"] == "echo: stream me please"


def test_stateless_events_mode(http: httpx.Client) -> None:
    events = stream_run(
        http, None, {"assistant_id": "echo", "input": ECHO_INPUT, "stream_mode": ["events"]}
    )
    kinds = [data["event"] for data in data_of(events, "events")]
    assert kinds.count("on_chat_model_stream") == 7
    assert kinds[0] == "on_chain_start"
    assert kinds[-1] == "on_chain_end"


def test_custom_stream(http: httpx.Client) -> None:
    events = stream_run(
        http,
        new_thread(http),
        {"assistant_id": "custom_stream", "input": {"n": 3}, "stream_mode": ["custom", "updates"]},
    )
    assert data_of(events, "custom") == [
        {"progress": 1, "of": 3},
        {"progress": 2, "of": 3},
        {"progress": 3, "of": 3},
        {"done": True},
    ]
    assert data_of(events, "updates") == [{"work": {"result": "did 3 steps"}}]


@pytest.mark.needs("error_class_names")
def test_error_ends_stream_with_error_event(http: httpx.Client) -> None:
    thread_id = new_thread(http)
    events = stream_run(
        http,
        thread_id,
        {"assistant_id": "error", "input": {"message": "sample"}, "stream_mode": ["updates"]},
    )
    assert events[1:] == [
        ("updates", {"fine": {"ok": True}}),
        ("error", {"error": "ValueError", "message": "boom: sample"}),
    ]
    assert http.get(f"/threads/{thread_id}").json()["status"] == "error"


@pytest.mark.needs("error_class_names")
def test_error_through_wait(http: httpx.Client) -> None:
    response = http.post(
        "/runs/wait", json={"assistant_id": "error", "input": {"message": "waited"}}
    )
    assert response.status_code == 200
    assert response.json()["__error__"] == {"error": "ValueError", "message": "boom: waited"}


def test_interrupt_then_resume(http: httpx.Client) -> None:
    thread_id = new_thread(http)
    modes = ["values", "updates"]
    events = stream_run(
        http,
        thread_id,
        {"assistant_id": "interrupt", "input": {"question": "ok?"}, "stream_mode": modes},
    )
    interrupts = [u["__interrupt__"] for u in data_of(events, "updates") if "__interrupt__" in u]
    assert len(interrupts) == 1
    assert interrupts[0][0]["value"] == {"question": "ok?", "kind": "approval"}
    assert "__interrupt__" in data_of(events, "values")[-1]
    assert http.get(f"/threads/{thread_id}").json()["status"] == "interrupted"

    events = stream_run(
        http,
        thread_id,
        {"assistant_id": "interrupt", "command": {"resume": "yes"}, "stream_mode": modes},
    )
    assert data_of(events, "values")[-1] == {
        "question": "ok?",
        "answer": "yes",
        "status": "answered: 'yes'",
        "trail": ["prepare", "ask", "finish"],
    }
    assert http.get(f"/threads/{thread_id}").json()["status"] == "idle"


def test_subgraph_events_are_namespaced(http: httpx.Client) -> None:
    events = stream_run(
        http,
        new_thread(http),
        {
            "assistant_id": "subgraph",
            "input": {"value": "x"},
            "stream_mode": ["updates", "values"],
            "stream_subgraphs": True,
        },
    )
    child = [name for name in names(events) if "|child:" in name]
    assert any(name.startswith("updates|child:") for name in child)
    assert any(name.startswith("values|child:") for name in child)
    assert data_of(events, "values")[-1] == {
        "value": "x>c1>c2",
        "trail": ["parent_start", "parent_end"],
    }


def test_slow_emits_values_per_step(http: httpx.Client) -> None:
    events = stream_run(
        http,
        new_thread(http),
        {"assistant_id": "slow", "input": {"steps": 3, "delay": 0.05}, "stream_mode": ["values"]},
    )
    values = data_of(events, "values")
    assert [v.get("done", 0) for v in values] == [0, 1, 2, 3]
    assert values[-1]["log"] == ["step 1", "step 2", "step 3"]


@pytest.mark.needs("plain_store_namespaces")
def test_store_graph_writes_through_the_runtime(http: httpx.Client) -> None:
    namespace = ["tests", uuid.uuid4().hex]
    response = http.post(
        "/runs/wait",
        json={
            "assistant_id": "store",
            "input": {"namespace": namespace, "key": "k", "value": {"n": 1}},
        },
    )
    assert response.json()["read"] == {"n": 1}
    assert response.json()["found"] == ["k"]
    # The namespace travels as one dot-joined query parameter.
    item = http.get("/store/items", params={"namespace": ".".join(namespace), "key": "k"}).json()
    assert item["namespace"] == namespace
    assert item["value"] == {"n": 1}


@pytest.mark.needs("internal_truncate")
def test_reset_wipes_threads_runs_and_store(http: httpx.Client, agent_server_url: str) -> None:
    thread_id = new_thread(http)
    busy = http.post("/threads", json={}).json()["thread_id"]
    http.post(
        f"/threads/{busy}/runs", json={"assistant_id": "slow", "input": {"steps": 3, "delay": 5}}
    ).raise_for_status()
    put = http.put("/store/items", json={"namespace": ["wipe"], "key": "k", "value": {"x": 1}})
    assert put.status_code == 204
    http.post("/assistants", json={"graph_id": "echo", "name": "mine"}).raise_for_status()

    agent_server.reset(agent_server_url)

    assert http.get(f"/threads/{thread_id}").status_code == 404
    assert http.post("/threads/search", json={}).json() == []
    assert http.get("/store/items", params={"namespace": "wipe", "key": "k"}).json() is None
    assistants = http.post("/assistants/search", json={"limit": 100}).json()
    assert sorted(a["graph_id"] for a in assistants) == sorted(agent_server.GRAPH_IDS)
