"""`in_process`: a node that calls the server's own API through `get_client()` with no URL.

Input: `{"mode": "async"}` (the default) or `{"mode": "sync"}` (a sync node using
`get_sync_client()`, which the server runs in a thread), a `tag` and a store `namespace`
(default `["in_process", <tag>]`). The node, in-process:
- finds the `echo` assistant (`assistants.search`),
- creates a thread with metadata `{"made_by": "in_process", "tag": <tag>}`, reads it back,
- puts a store item `k` = `{"tag": <tag>}` in `namespace` and reads it back,
- streams a run of `slow` (3 steps, 0.3 s apart) and records when each `values` event
  arrived, relative to the first: a live stream spreads them over ~0.6 s, a buffered one
  delivers them together when the run ends.
`{"mode": "sync_in_async"}`: an async node calls `get_sync_client()`, which must refuse
(`report.refused`: the message) rather than block the server's loop.
Output `report`: what each call gave (`assistant_graph`, `thread_metadata`, `store_value`,
`event_offsets`, `events`, `sdk_file`: the `langgraph_sdk` module the node ran with). The
module-level client below is made while the server imports the graph.
"""

import time
from typing import Any, TypedDict

from langgraph.graph import START, StateGraph

import langgraph_sdk
from langgraph_sdk import get_client, get_sync_client

# Made at import time, before any request: the in-process transport must still work.
MODULE_CLIENT = get_client()


class State(TypedDict, total=False):
    mode: str
    tag: str
    namespace: list[str]
    report: dict[str, Any]


SLOW_INPUT = {"steps": 3, "delay": 0.3}


async def call_async(state: State) -> dict:
    if state.get("mode") == "sync_in_async":
        # A sync in-process call on the server's own loop would wait for itself: refused.
        try:
            get_sync_client().assistants.search(limit=1)
        except RuntimeError as exc:
            return {"report": {"refused": str(exc)}}
        return {"report": {"refused": None}}
    client = get_client()
    tag = state.get("tag", "default")
    namespace = state.get("namespace") or ["in_process", tag]
    assistants = await MODULE_CLIENT.assistants.search(graph_id="echo")
    thread = await client.threads.create(metadata={"made_by": "in_process", "tag": tag})
    read_back = await client.threads.get(thread["thread_id"])
    await client.store.put_item(namespace, "k", {"tag": tag})
    item = await client.store.get_item(namespace, "k")
    offsets: list[float] = []
    events: list[str] = []
    start = None
    async for part in client.runs.stream(None, "slow", input=SLOW_INPUT, stream_mode="values"):
        events.append(part.event)
        if part.event == "values":
            now = time.monotonic()
            start = start if start is not None else now
            offsets.append(round(now - start, 3))
    return {
        "report": {
            "assistant_graph": assistants[0]["graph_id"],
            "thread_metadata": read_back["metadata"],
            "store_value": item["value"] if item else None,
            "event_offsets": offsets,
            "events": events,
            "sdk_file": langgraph_sdk.__file__,
        }
    }


def call_sync(state: State) -> dict:
    tag = state.get("tag", "default")
    namespace = state.get("namespace") or ["in_process", tag]
    with get_sync_client() as client:
        assistants = client.assistants.search(graph_id="echo")
        thread = client.threads.create(metadata={"made_by": "in_process", "tag": tag})
        read_back = client.threads.get(thread["thread_id"])
        client.store.put_item(namespace, "k", {"tag": tag})
        item = client.store.get_item(namespace, "k")
        offsets: list[float] = []
        events: list[str] = []
        start = None
        for part in client.runs.stream(None, "slow", input=SLOW_INPUT, stream_mode="values"):
            events.append(part.event)
            if part.event == "values":
                now = time.monotonic()
                start = start if start is not None else now
                offsets.append(round(now - start, 3))
    return {
        "report": {
            "assistant_graph": assistants[0]["graph_id"],
            "thread_metadata": read_back["metadata"],
            "store_value": item["value"] if item else None,
            "event_offsets": offsets,
            "events": events,
            "sdk_file": langgraph_sdk.__file__,
        }
    }


def route(state: State) -> str:
    return "call_sync" if state.get("mode") == "sync" else "call_async"


builder = StateGraph(State)
builder.add_node("call_async", call_async)
builder.add_node("call_sync", call_sync)
builder.add_conditional_edges(START, route, ["call_async", "call_sync"])
graph = builder.compile()
