"""`lg_threads.decoders`: each decoder's items for a given sequence of protocol events."""

from __future__ import annotations

from typing import Any

import pytest

from lg_threads.decoders import (
    DataDecoder,
    ExtensionsDecoder,
    MessagesDecoder,
    SubgraphsDecoder,
    ToolCallsDecoder,
    validate_interleave_channels,
)


def event(method: str, data: Any, namespace: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "event",
        "method": method,
        "params": {"namespace": namespace or [], "data": data},
    }


def test_data_decoder_yields_the_data_of_its_method_and_namespace() -> None:
    every = DataDecoder("updates")
    scoped = DataDecoder("updates", namespace=["child:1"])
    events = [
        event("updates", {"a": 1}),
        event("updates", {"b": 2}, ["child:1"]),
        event("values", {"c": 3}),
        event("updates", None),
    ]
    assert [item for e in events for item in every.feed(e)] == [{"a": 1}, {"b": 2}]
    assert [item for e in events for item in scoped.feed(e)] == [{"b": 2}]


class _Stream:
    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.seen: list[str] = []

    def dispatch(self, data: dict[str, Any]) -> None:
        self.seen.append(data["event"])


def test_messages_decoder_routes_by_message_id_and_retires_finished_messages() -> None:
    decoder = MessagesDecoder([], _Stream)
    start = {"event": "message-start", "id": "m1", "metadata": {"langgraph_node": "agent"}}
    (first,) = decoder.feed(event("messages", start))
    (second,) = decoder.feed(event("messages", {"event": "message-start", "message_id": "m2"}))
    assert first.kwargs == {"namespace": [], "node": "agent", "message_id": "m1"}
    assert list(decoder.feed(event("messages", {"event": "content-block-delta", "id": "m2"}))) == []
    assert list(decoder.feed(event("messages", {"event": "message-finish", "id": "m1"}))) == []
    # With one message left open, an event naming none goes to it.
    assert list(decoder.feed(event("messages", {"event": "content-block-delta"}))) == []
    assert first.seen == ["message-start", "message-finish"]
    assert second.seen == ["message-start", "content-block-delta", "content-block-delta"]
    assert list(decoder.feed(event("messages", start, ["other"]))) == []


class _Handle:
    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.deltas: list[str] = []
        self.result: Any = None
        self.trigger_call_id = kwargs.get("trigger_call_id")
        self.events: list[dict[str, Any]] = []

    def _push_delta(self, delta: str) -> None:
        self.deltas.append(delta)

    def _finish(self, *result: Any) -> None:
        self.result = result

    def _fail(self, error: BaseException) -> None:
        self.result = error

    def _push_event(self, e: dict[str, Any]) -> None:
        self.events.append(e)


def test_tool_calls_decoder_follows_each_call_to_its_end() -> None:
    decoder = ToolCallsDecoder([], _Handle)
    started = {
        "event": "tool-started",
        "tool_call_id": "c1",
        "tool_name": "search",
        "input": {"q": 1},
    }
    (handle,) = decoder.feed(event("tools", started))
    assert handle.kwargs == {
        "tool_call_id": "c1",
        "name": "search",
        "input": {"q": 1},
        "namespace": [],
    }
    delta = {"event": "tool-output-delta", "tool_call_id": "c1", "delta": "ab"}
    assert list(decoder.feed(event("tools", delta))) == []
    finished = {"event": "tool-finished", "tool_call_id": "c1", "output": 5}
    assert list(decoder.feed(event("tools", finished))) == []
    assert handle.deltas == ["ab"] and handle.result == (5,)
    (failing,) = decoder.feed(event("tools", {**started, "tool_call_id": "c2"}))
    list(decoder.feed(event("tools", {"event": "tool-error", "tool_call_id": "c2"})))
    assert isinstance(failing.result, RuntimeError) and str(failing.result) == "Tool call errored"


def test_subgraphs_decoder_discovers_once_fans_out_and_finishes() -> None:
    decoder = SubgraphsDecoder((), _Handle)
    (child,) = decoder.feed(event("tasks", {"id": "t1", "name": "child"}, ["child:t1"]))
    assert child.kwargs == {"path": ("child:t1",), "graph_name": "child", "trigger_call_id": "t1"}
    assert list(decoder.feed(event("lifecycle", {"event": "started"}, ["child:t1"]))) == []
    inner = event("values", {"x": 1}, ["child:t1", "deeper:2"])
    assert list(decoder.feed(inner)) == []
    assert inner in child.events
    list(decoder.feed(event("tasks", {"id": "t1", "result": [], "error": "boom"})))
    assert child.result == ("failed", "boom")


def test_extensions_decoder_and_interleave_validation() -> None:
    decoder = ExtensionsDecoder("progress")
    mine = {"name": "progress", "payload": 1}
    assert list(decoder.feed(event("custom", mine, ["a"]))) == [mine]
    assert list(decoder.feed(event("custom", {"name": "other"}))) == []
    with pytest.raises(ValueError, match="non-empty"):
        ExtensionsDecoder("")
    validate_interleave_channels(["values", "my_extension"])
    with pytest.raises(ValueError, match=r'use "tool_calls"'):
        validate_interleave_channels(["tools"])
    with pytest.raises(ValueError, match="'lifecycle' is not a valid"):
        validate_interleave_channels(["lifecycle"])
