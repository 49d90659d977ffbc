"""`threads.stream(...)` (thread streaming, protocol v2) against the real Agent Server.

Every test runs over SSE and over WebSockets, and (through the autouse `http_backend` fixture)
on both HTTP backends; the async tests have sync twins for the main flows.

What the pinned in-memory server sends (observed): per run a root ``lifecycle`` ``running``,
``values`` after each step, ``messages`` content-block events for chat-model tokens,
``input.requested`` + ``lifecycle`` ``interrupted`` at an interrupt, child ``lifecycle``
``started``/``completed`` around subgraphs, and a root ``completed``/``failed`` at the end. It
does not send ``tools`` events for a ToolNode nor ``custom`` events for ``get_stream_writer``
output, so `tool_calls` and `extensions` are covered by the mock-server unit tests only.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fault_proxy import FaultProxy, Faults

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.stream import (
    MessageStream,
    ProtocolCommandError,
    ScopedStreamHandle,
    ThreadRunError,
)

ECHO_INPUT = {"messages": [{"role": "user", "content": "hi there"}]}
ECHO_TOKENS = ["echo:", " ", "hi", " ", "there"]


# Parametrised with the server lanes in conftest.py: WebSockets need a capability of their own.
LANE_PARAMS = {"transport": [("sse", ()), ("websocket", ("thread_stream_v2",))]}


@pytest.fixture
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def methods(events: list[dict[str, Any]]) -> list[str]:
    return [event["method"] for event in events]


async def test_echo_run_streams_message_tokens_and_ends(
    agent_server_url: str, transport: str
) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="echo", transport=transport) as thread:
        started = await thread.run.start(input=ECHO_INPUT)
        assert uuid.UUID(started["run_id"])
        messages: list[MessageStream] = []
        async for message in thread.messages:
            messages.append(message)
            assert [delta async for delta in message.text] == ECHO_TOKENS
            assert await message.text == "echo: hi there"
            whole = await message.output
            assert whole["text"] == "echo: hi there"
            assert whole["content"] == [{"type": "text", "text": "echo: hi there"}]
        assert len(messages) == 1 and messages[0].done and messages[0].role == "ai"
        # The thread's state when the loop starts (the run is over: both messages), then the
        # run's states, as the official client gives them.
        snapshots = [state async for state in thread.values]
        assert [len(s["messages"]) for s in snapshots] == [2, 1, 2]
        output = await thread.output
        assert output["messages"][-1]["type"] == "ai"
        assert output["messages"][-1]["id"] == snapshots[-1]["messages"][-1]["id"]
        assert not thread.interrupted and thread.interrupts == []
    await client.aclose()


def test_echo_run_sync(agent_server_url: str, transport: str) -> None:
    client = get_sync_client(url=agent_server_url, api_key=None)
    with client.threads.stream(assistant_id="echo", transport=transport) as thread:
        thread.run.start(input=ECHO_INPUT)
        texts = [(list(message.text), str(message.text)) for message in thread.messages]
        assert texts == [(ECHO_TOKENS, "echo: hi there")]
        assert [len(s["messages"]) for s in thread.values] == [2, 1, 2]
        assert thread.output["messages"][-1]["content"][0]["text"] == "echo: hi there"
    client.close()


async def test_interrupt_then_respond_resumes_the_run(
    agent_server_url: str, transport: str
) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="interrupt", transport=transport) as thread:
        await thread.run.start(input={"question": "ok?"})
        first = [event async for event in thread.events]
        # The subscription ends by itself at the interrupt.
        assert methods(first)[0] == "lifecycle"
        assert "input.requested" in methods(first)
        assert first[-1]["params"]["data"]["event"] == "interrupted"
        assert thread.interrupted
        [pending] = thread.interrupts
        assert pending["value"] == {"question": "ok?", "kind": "approval"}
        assert pending["namespace"] == []

        await thread.run.respond("yes")
        assert not thread.interrupted and thread.interrupts == []
        second = [event async for event in thread.events]
        # Only the resumed run: no interrupt again, ends with completed.
        assert "input.requested" not in methods(second)
        assert second[-1]["params"]["data"]["event"] == "completed"
        assert all(b["seq"] > a["seq"] for a, b in itertools.pairwise(second))
        assert min(e["seq"] for e in second) > max(e["seq"] for e in first)
        output = await thread.output
        assert output["status"] == "answered: 'yes'"
        assert output["trail"] == ["prepare", "ask", "finish"]
    await client.aclose()


def test_interrupt_respond_without_reading_sync(agent_server_url: str, transport: str) -> None:
    """`respond()` with no id reads the run up to its pause to learn the interrupt."""
    client = get_sync_client(url=agent_server_url, api_key=None)
    with client.threads.stream(assistant_id="interrupt", transport=transport) as thread:
        thread.run.start(input={"question": "sure?"})
        thread.run.respond("fine")
        assert thread.output["status"] == "answered: 'fine'"
        assert not thread.interrupted
    client.close()


async def test_unknown_interrupt_is_a_protocol_error(agent_server_url: str, transport: str) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="interrupt", transport=transport) as thread:
        await thread.run.start(input={"question": "ok?"})
        await thread.output  # paused at the interrupt
        with pytest.raises(ProtocolCommandError) as caught:
            await thread.run.respond("x", interrupt_id="not-an-interrupt")
        assert caught.value.code == "no_such_interrupt"
        assert "not-an-interrupt" in caught.value.message
        # The refused command changed nothing: the real interrupt can still be answered.
        assert thread.interrupted and len(thread.interrupts) == 1
        await thread.run.respond("yes")
        assert (await thread.output)["answer"] == "yes"
    await client.aclose()


@pytest.mark.needs("graph_id_as_assistant_id")
async def test_subgraph_handles_and_namespace_filters(
    agent_server_url: str, transport: str
) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="subgraph", transport=transport) as thread:
        await thread.run.start(input={"value": "x"})
        children: list[ScopedStreamHandle] = [child async for child in thread.subgraphs]
        assert len(children) == 1
        [child] = children
        assert child.graph_name == "child" and child.path[0].startswith("child:")
        assert await child.output == {"value": "x>c1>c2", "steps": ["child_1", "child_2"]}
        assert child.status == "completed"
        assert [v["steps"] async for v in child.values] == [[], ["child_1"], ["child_1", "child_2"]]

        nested = [e async for e in thread.subscribe(["values"], namespaces=[["child"]])]
        assert nested and all(e["params"]["namespace"] == list(child.path) for e in nested)
        root_only = [e async for e in thread.subscribe(["values"], namespaces=[[]], depth=0)]
        assert root_only and all(e["params"]["namespace"] == [] for e in root_only)
        assert (await thread.output)["trail"] == ["parent_start", "parent_end"]

        tree = await thread.agent.get_tree()
        assert {"parent_start", "child", "parent_end"} <= {n["id"] for n in tree["nodes"]}
    await client.aclose()


async def test_interleave_keeps_the_server_order(agent_server_url: str, transport: str) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="echo", transport=transport) as thread:
        await thread.run.start(input=ECHO_INPUT)
        items = []
        async for name, item in thread.interleave_projections(["values", "messages"]):
            if isinstance(item, MessageStream):
                items.append((name, await item.text))
            else:
                items.append((name, len(item["messages"])))
        assert items == [("values", 1), ("messages", "echo: hi there"), ("values", 2)]
    await client.aclose()


@pytest.mark.needs("error_class_names")
async def test_failed_run_raises_from_output(agent_server_url: str, transport: str) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="error", transport=transport) as thread:
        await thread.run.start(input={})
        with pytest.raises(ThreadRunError) as caught:
            await thread.output
        assert "boom" in caught.value.error
    await client.aclose()


async def test_late_subscription_replays_the_run_and_reattach_reads_state(
    agent_server_url: str, transport: str
) -> None:
    client = get_client(url=agent_server_url, api_key=None)
    async with client.threads.stream(assistant_id="echo", transport=transport) as thread:
        await thread.run.start(input=ECHO_INPUT)
        final = await thread.output
        # Opened after the run ended: replayed from the run's first event, then ended.
        replay = [e async for e in thread.subscribe(["values", "messages"])]
        assert methods(replay).count("values") == 2
        assert methods(replay).count("messages") >= len(ECHO_TOKENS)
        thread_id = thread.thread_id
    # A new session on the same thread, no run started: output is the thread's state.
    async with client.threads.stream(thread_id, assistant_id="echo", transport=transport) as again:
        assert await again.output == final
    await client.aclose()


def test_not_entered_and_bad_arguments_fail_before_sending(
    agent_server_url: str, transport: str
) -> None:
    client = get_sync_client(url=agent_server_url, api_key=None)
    stream = client.threads.stream(assistant_id="echo", transport=transport)
    with pytest.raises(RuntimeError, match="with"):
        stream.output  # noqa: B018 - the property is the call under test
    with pytest.raises(ValueError, match="assistant_id"):
        client.threads.stream(assistant_id="")
    with pytest.raises(ValueError, match="transport"):
        client.threads.stream(assistant_id="echo", transport="grpc")  # type: ignore[arg-type]
    with stream as thread, pytest.raises(ValueError, match="channels"):
        thread.subscribe(["bogus"])
    client.close()


@pytest.fixture
def cutting_proxy(agent_server_url: str) -> Iterator[FaultProxy]:
    # No stalls: a thread stream legitimately sits idle between runs, so it has no watchdog.
    faults = Faults(
        seed=11, cut_streams=True, cut_min=200, cut_max=900, cut_weights=(0.5, 0.3, 0.2, 0)
    )
    with FaultProxy(agent_server_url, faults) as proxy:
        yield proxy


async def test_cut_sse_connections_resume_with_since_exactly_once(
    cutting_proxy: FaultProxy,
) -> None:
    """The fault proxy cuts HTTP event streams (resets, FINs mid-chunk, early clean ends)."""
    client = get_client(url=cutting_proxy.url, api_key=None, stream_reconnect_attempts=50)
    async with client.threads.stream(assistant_id="slow") as thread:
        await thread.run.start(input={"steps": 20, "delay": 0.01}, config={"recursion_limit": 60})
        cut = [e async for e in thread.subscribe(["values"])]
        output = await thread.output
    await client.aclose()
    assert cutting_proxy.stats.total_cuts >= 3, cutting_proxy.stats.cuts
    seqs = [e["seq"] for e in cut]
    assert seqs == sorted(set(seqs))  # every event once, in order
    done = [e["params"]["data"].get("done") for e in cut]
    assert [d for d in done if d is not None] == list(range(1, 21))  # and none missing
    assert output["done"] == 20


async def test_reattach_to_a_busy_thread_waits_for_its_latest_run(
    agent_server_url: str, transport: str
) -> None:
    """A session on a thread whose runs it did not start: `output` waits until it is idle."""
    client = get_client(url=agent_server_url, api_key=None)
    thread_id = (await client.threads.create())["thread_id"]
    await client.runs.wait(thread_id, "slow", input={"steps": 2, "delay": 0.01})
    await client.runs.create(
        thread_id, "slow", input={"steps": 15, "delay": 0.02}, config={"recursion_limit": 50}
    )
    async with client.threads.stream(thread_id, assistant_id="slow", transport=transport) as thread:
        output = await thread.output
    assert output["done"] == 15  # the second run's end, not the first's
    assert output["steps"] == 15
    await client.aclose()
