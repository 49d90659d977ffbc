"""langgraph's `RemoteGraph` driven against the real Agent Server, every result made plain JSON.

Runs in an environment of its own that holds langgraph and ONE langgraph-sdk (ours or the
official 0.4.14); `test_remotegraph_parity.py` runs it in both and compares the outputs.

    python scenarios.py URL [--backend httpx|aiohttp] [--only NAME,...]

Prints one JSON object: ``{"sdk": {...}, "results": {scenario: result}}``. Every function named
``scenario_*`` is a scenario (the test collects the names from this file's syntax tree). Ids,
timestamps and other per-run values are replaced by placeholders numbered in order of first
appearance, so equal outputs compare equal while a repeated id stays recognisable.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import importlib.metadata
import inspect
import json
import operator
import os
import re
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Annotated, Any, TypedDict

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.pregel.remote import RemoteGraph
from langgraph.types import Command

URL = ""
ECHO_INPUT = {"messages": [{"role": "user", "content": "stream me please"}]}
QUESTION = {"question": "ok?"}


def remote(graph: str, **kwargs: Any) -> RemoteGraph:
    return RemoteGraph(graph, url=URL, **kwargs)


def thread() -> dict[str, Any]:
    """A config naming a new thread (RemoteGraph creates it on first use)."""
    return {"configurable": {"thread_id": str(uuid.uuid4())}}


# invoke / ainvoke


def scenario_invoke() -> Any:
    return remote("subgraph").invoke({"value": "x"})


async def scenario_ainvoke() -> Any:
    return await remote("echo").ainvoke(ECHO_INPUT)


def scenario_invoke_v2_on_thread() -> Any:
    return remote("custom_stream").invoke({"n": 2}, thread(), version="v2")


def scenario_invoke_error() -> Any:
    return remote("error").invoke({"message": "sample"})


async def scenario_ainvoke_error() -> Any:
    return await remote("error").ainvoke({"message": "sample"})


# stream / astream: each mode, lists of modes, subgraphs


def _sync_stream(graph: str, graph_input: Any, **kwargs: Any) -> list[Any]:
    return list(remote(graph).stream(graph_input, **kwargs))


async def _async_stream(graph: str, graph_input: Any, **kwargs: Any) -> list[Any]:
    return [chunk async for chunk in remote(graph).astream(graph_input, **kwargs)]


def scenario_stream_default() -> Any:
    return _sync_stream("subgraph", {"value": "x"})


def scenario_stream_values() -> Any:
    return _sync_stream("subgraph", {"value": "x"}, stream_mode="values")


async def scenario_astream_updates() -> Any:
    return await _async_stream("subgraph", {"value": "x"}, stream_mode="updates")


def scenario_stream_messages() -> Any:
    return _sync_stream("echo", ECHO_INPUT, stream_mode="messages")


async def scenario_astream_messages() -> Any:
    return await _async_stream("echo", ECHO_INPUT, stream_mode="messages")


async def scenario_astream_custom() -> Any:
    return await _async_stream("custom_stream", {"n": 3}, stream_mode="custom")


def scenario_stream_checkpoints() -> Any:
    return _sync_stream("subgraph", {"value": "x"}, stream_mode="checkpoints")


async def scenario_astream_tasks() -> Any:
    return await _async_stream("subgraph", {"value": "x"}, stream_mode="tasks")


def scenario_stream_debug() -> Any:
    return _sync_stream("custom_stream", {"n": 1}, stream_mode="debug")


def scenario_stream_mode_list() -> Any:
    return _sync_stream("custom_stream", {"n": 2}, stream_mode=["values", "updates", "custom"])


async def scenario_astream_mode_list_v2() -> Any:
    modes = ["updates", "messages"]
    return await _async_stream("echo", ECHO_INPUT, stream_mode=modes, version="v2")


def scenario_stream_subgraphs() -> Any:
    return _sync_stream("subgraph", {"value": "x"}, stream_mode="updates", subgraphs=True)


async def scenario_astream_subgraphs_mode_list() -> Any:
    modes = ["values", "updates"]
    return await _async_stream("subgraph", {"value": "x"}, stream_mode=modes, subgraphs=True)


def scenario_stream_error() -> Any:
    return _sync_stream("error", {"message": "sample"}, stream_mode="updates")


# interrupts, Command(resume=...), thread state


def scenario_interrupt_and_resume() -> Any:
    graph, config = remote("interrupt"), thread()
    interrupted = graph.invoke(QUESTION, config)
    state = graph.get_state(config)
    resumed = graph.invoke(Command(resume="yes"), config)
    return {"interrupted": interrupted, "state": state, "resumed": resumed}


async def scenario_ainterrupt_and_resume_streamed() -> Any:
    graph, config = remote("interrupt"), thread()
    first = [c async for c in graph.astream(QUESTION, config, stream_mode="updates")]
    resumed = [c async for c in graph.astream(Command(resume="yes"), config, stream_mode="values")]
    return {"first": first, "resumed": resumed, "state": await graph.aget_state(config)}


def scenario_interrupt_v2() -> Any:
    graph, config = remote("interrupt"), thread()
    return {
        "interrupted": graph.invoke(QUESTION, config, version="v2"),
        "resumed": graph.invoke(Command(resume="no"), config, version="v2"),
    }


def scenario_state_update_history() -> Any:
    graph, config = remote("interrupt"), thread()
    graph.invoke(QUESTION, config)
    updated = graph.update_state(config, {"answer": "later"}, as_node="ask")
    state = graph.get_state(config)
    at_update = graph.get_state(updated)
    history = list(graph.get_state_history(config, limit=3))
    resumed = graph.invoke(None, config)
    return {
        "updated": updated,
        "state": state,
        "at_update": at_update,
        "history": history,
        "resumed": resumed,
    }


async def scenario_astate_subgraphs_history() -> Any:
    graph, config = remote("subgraph"), thread()
    await graph.ainvoke({"value": "x"}, config)
    state = await graph.aget_state(config, subgraphs=True)
    history = [s async for s in graph.aget_state_history(config, limit=2)]
    filtered = [s async for s in graph.aget_state_history(config, filter={"step": 1})]
    updated = await graph.aupdate_state(config, {"value": "y"})
    return {"state": state, "history": history, "filtered": filtered, "updated": updated}


def scenario_get_graph() -> Any:
    drawn = remote("subgraph").get_graph(xray=True)
    return {"nodes": sorted(drawn.nodes), "edges": sorted(map(repr, drawn.edges))}


# a RemoteGraph as a node of a local graph


class Parent(TypedDict, total=False):
    value: str
    trail: list[str]


class Asker(TypedDict, total=False):
    question: str
    answer: Any
    status: str
    trail: Annotated[list[str], operator.add]


def _parent_of_subgraph() -> Any:
    builder = StateGraph(Parent)
    builder.add_node("remote", remote("subgraph", name="remote"))
    builder.add_edge(START, "remote")
    return builder.compile(checkpointer=InMemorySaver())


def scenario_node_invoke() -> Any:
    return _parent_of_subgraph().invoke({"value": "p"}, thread())


async def scenario_node_astream_subgraphs() -> Any:
    local = _parent_of_subgraph()
    modes = ["updates", "values"]
    return [
        c async for c in local.astream({"value": "p"}, thread(), stream_mode=modes, subgraphs=True)
    ]


def scenario_node_messages() -> Any:
    builder = StateGraph(MessagesState)
    builder.add_node("chat", remote("echo", name="chat"))
    builder.add_edge(START, "chat")
    local = builder.compile()
    return list(local.stream(ECHO_INPUT, stream_mode="messages", subgraphs=True))


def scenario_node_interrupt_and_resume() -> Any:
    builder = StateGraph(Asker)
    builder.add_node("asker", remote("interrupt", name="asker"))
    builder.add_edge(START, "asker")
    local = builder.compile(checkpointer=InMemorySaver())
    config = thread()
    interrupted = local.invoke(QUESTION, config)
    pending = local.get_state(config)
    resumed = local.invoke(Command(resume="fine"), config)
    return {"interrupted": interrupted, "pending": pending, "resumed": resumed}


async def scenario_node_ainterrupt_stream() -> Any:
    builder = StateGraph(Asker)
    builder.add_node("asker", remote("interrupt", name="asker"))
    builder.add_edge(START, "asker")
    local = builder.compile(checkpointer=InMemorySaver())
    config = thread()
    first = [c async for c in local.astream(QUESTION, config, stream_mode="updates")]
    resumed = [c async for c in local.astream(Command(resume=1), config, stream_mode="updates")]
    return {"first": first, "resumed": resumed}


# stream_events(version="v3"): thread streams (threads.stream) behind RemoteGraph


def _thread_state_then_run_states(values: list[Any]) -> Any:
    """``run.values`` starts with the thread's state when the loop starts: how far the run got
    by then varies, so that one is checked to be a state the run went through (or empty)."""
    first, rest = values[0], values[1:]
    return {"first_is_a_state_of_the_run": first == {} or first in rest, "then": rest}


def scenario_v3_values_output() -> Any:
    with remote("subgraph").stream_events({"value": "x"}, version="v3") as run:
        values = _thread_state_then_run_states(list(run.values))
        return {"values": values, "output": run.output, "interrupted": run.interrupted}


async def scenario_av3_values_output() -> Any:
    async with await remote("subgraph").astream_events({"value": "x"}, version="v3") as run:
        values = _thread_state_then_run_states([v async for v in run.values])
        return {"values": values, "output": await run.output()}


async def scenario_av3_messages() -> Any:
    async with await remote("echo").astream_events(ECHO_INPUT, version="v3") as run:
        messages = [m async for m in run.messages]
        found = []
        for message in messages:
            found.append(
                {
                    "class": type(message).__name__,
                    "node": message.node,
                    "namespace": message.namespace,
                    "text": await message.text,
                    "deltas": [d async for d in message.text],
                    "output": await message.output,
                }
            )
        return {"messages": found, "output": await run.output()}


def scenario_v3_messages_sync() -> Any:
    with remote("echo").stream_events(ECHO_INPUT, version="v3") as run:
        found = []
        for message in run.messages:
            found.append(
                {
                    "class": type(message).__name__,
                    "text": str(message.text),
                    "deltas": list(message.text),
                    "output": message.output,
                }
            )
        return {"messages": found, "output": run.output}


def scenario_v3_interrupt() -> Any:
    # Only what the official client gives reliably: its `values` loop ends on the interrupt
    # signal of a background watcher, racing the last events.
    with remote("interrupt").stream_events(QUESTION, thread(), version="v3") as run:
        for _ in run.values:
            pass
        return {"interrupted": run.interrupted, "interrupts": run.interrupts}


def scenario_v3_resume_after_invoke() -> Any:
    graph, config = remote("interrupt"), thread()
    graph.invoke(QUESTION, config)
    with graph.stream_events(Command(resume="yes"), config, version="v3") as run:
        return {"output": run.output, "interrupted": run.interrupted}


def scenario_v3_resume_in_a_new_session() -> Any:
    graph, config = remote("interrupt"), thread()
    with graph.stream_events(QUESTION, config, version="v3") as run:
        for _ in run.values:
            pass
    with graph.stream_events(Command(resume="yes"), config, version="v3") as run:
        return {"output": run.output, "interrupted": run.interrupted}


# plumbing


def plain(value: Any) -> Any:
    """A JSON shape that keeps what a caller can tell apart (tuples, classes, errors)."""
    if isinstance(value, BaseException):
        return {"raised": type(value).__name__, "args": plain(list(value.args))}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {
            "class": type(value).__name__,
            **{f: plain(getattr(value, f)) for f in value._fields},
        }
    if isinstance(value, tuple):
        return {"tuple": [plain(v) for v in value]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"class": type(value).__name__, **fields}
    if hasattr(value, "model_dump"):
        return {"class": type(value).__name__, **plain(value.model_dump())}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return {"class": type(value).__name__, "repr": repr(value)}


_VOLATILE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # uuids, checkpoint ids
    r"|\b[0-9a-f]{32}\b"  # interrupt ids
    r"|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?"  # ISO times
    r"|\b1[5-9]\d{11}\b"  # epoch milliseconds
)


def normalise(value: Any) -> Any:
    """Per-run values become ``<N>``, numbered by first appearance."""
    seen: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"<{len(seen)}>")

    text = json.dumps(plain(value), sort_keys=False, default=repr)
    return json.loads(_VOLATILE.sub(placeholder, text))


def run_scenario(scenario: Callable[[], Any]) -> Any:
    try:
        is_async = inspect.iscoroutinefunction(scenario)
        result = asyncio.run(scenario()) if is_async else scenario()
    except Exception as error:  # an error is a result like any other: compared, not hidden
        result = error
    return normalise(result)


def scenarios() -> dict[str, Callable[[], Any]]:
    return {
        name: obj
        for name, obj in globals().items()
        if name.startswith("scenario_") and callable(obj)
    }


def sdk_identity() -> dict[str, Any]:
    import langgraph_sdk

    return {
        "version": importlib.metadata.version("langgraph-sdk"),
        "file": langgraph_sdk.__file__,
        "langgraph": importlib.metadata.version("langgraph"),
        "langchain_core": importlib.metadata.version("langchain-core"),
    }


def main(argv: list[str] | None = None) -> None:
    global URL
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--backend", default=None, help="our SDK's default http_backend")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per scenario")
    args = parser.parse_args(argv)
    URL = args.url.rstrip("/")
    if args.backend:
        import lg_transport._connect

        lg_transport._connect.DEFAULT_HTTP_BACKEND = args.backend
    chosen = scenarios()
    if args.only:
        chosen = {name: chosen[name] for name in args.only.split(",")}
    # Scenarios are independent (each makes its own threads): run a few at once.
    pool = ThreadPoolExecutor(args.workers)
    futures = {name: pool.submit(run_scenario, fn) for name, fn in chosen.items()}
    results = {}
    deadline = time.monotonic() + args.timeout * len(chosen) / args.workers + args.timeout
    for name, future in futures.items():
        try:
            results[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            # A hung call is a result too (the official SDK has some); report it, move on.
            results[name] = {"hung": f"no result after {args.timeout:.0f} s per scenario"}
    json.dump({"sdk": sdk_identity(), "results": results}, sys.stdout)
    sys.stdout.flush()
    # Hung scenarios leave threads behind that would keep the interpreter alive.
    os._exit(0)


if __name__ == "__main__":
    main()
