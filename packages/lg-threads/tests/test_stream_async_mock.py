"""`client.threads.stream(...)` (async) against a scripted fake Agent Server on
`httpx.MockTransport`: the commands it sends, the subscriptions it opens, what each projection
yields, and how a cut event stream is resumed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from thread_stream_fakes import (
    CHILD,
    CHILD_END,
    FAILED_RUN,
    FULL_END,
    FULL_RUN,
    INTERRUPTED_RUN,
    STATE,
    TOOL_ERROR_RUN,
    TWO_INTERRUPTS_RUN,
    Connection,
    FakeServer,
    ev,
    script,
    text_message,
)

from langgraph_sdk import get_client
from langgraph_sdk.stream import (
    AsyncThreadStream,
    MessageStream,
    MessageStreamError,
    ProtocolCommandError,
    ScopedStreamHandle,
    ThreadRunError,
    ToolCallError,
    ToolCallHandle,
)
from lg_threads._async import event_source
from lg_transport import HttpClient
from lg_transport import errors as e
from lg_transport._async import http as async_http
from lg_transport.resilience import ReconnectEvent


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    delays: list[float] = []

    def delay(attempt: int, server_retry_ms: int | None = None) -> float:
        delays.append(attempt)
        return 0.0

    async def pause(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(event_source, "reconnect_delay", delay)
    monkeypatch.setattr(async_http, "pause", pause)
    return delays


def client_for(server: FakeServer, **options: Any) -> Any:
    return get_client(
        url="http://test", api_key=None, transport=httpx.MockTransport(server), **options
    )


def stream_for(
    server: FakeServer, thread_id: str | None = "t1", **options: Any
) -> AsyncThreadStream:
    return client_for(server, **options).threads.stream(thread_id, assistant_id="agent")


async def drain(items: AsyncIterator[Any], into: list[Any], key: str | None = None) -> None:
    async for item in items:
        into.append(item if key is None else item[key])


async def seqs(events: AsyncIterator[dict[str, Any]]) -> list[int]:
    return [event["seq"] async for event in events]


def within(seconds: float) -> Callable[[Any], Any]:
    async def wait(awaitable: Any) -> Any:
        return await asyncio.wait_for(awaitable, seconds)

    return wait


wait = within(10)

# Commands.


async def test_run_start_wire_body_and_id_counter() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        assert await thread.run.start(input={"messages": [{"role": "user", "content": "hi"}]}) == {
            "run_id": "run-1"
        }
        await thread.run.start(
            input=None,
            config={"configurable": {"k": 1}},
            metadata={"m": 2},
            langsmith_tracing={"project_name": "p"},
        )
    requests = server.of("POST", "/threads/t1/commands")
    assert [r.content for r in requests] == [
        b'{"id":1,"method":"run.start","params":{"assistant_id":"agent",'
        b'"input":{"messages":[{"role":"user","content":"hi"}]}}}',
        # input=None is left out, as the official client does.
        b'{"id":2,"method":"run.start","params":{"assistant_id":"agent",'
        b'"config":{"configurable":{"k":1}},"metadata":{"m":2},'
        b'"langsmith_tracer":{"project_name":"p"}}}',
    ]
    assert all(r.headers["content-type"] == "application/json" for r in requests)
    assert len(server.requests) == 2


async def test_stream_headers_are_sent_with_commands_and_subscriptions() -> None:
    server = FakeServer(events=FULL_RUN)
    client = client_for(server)
    async with client.threads.stream(
        "t1", assistant_id="agent", headers={"X-Tenant": "acme"}
    ) as thread:
        await thread.run.start(input={})
        await seqs(thread.subscribe(["values"]))
        await thread.output
    assert [r.method for r in server.requests] == ["POST", "POST", "GET"]
    assert all(r.headers.get("x-tenant") == "acme" for r in server.requests)


async def test_a_stream_without_thread_id_picks_a_fresh_one() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json={"type": "success", "id": 1, "result": {"run_id": "r"}})

    client = get_client(url="http://test", api_key=None, transport=httpx.MockTransport(handler))
    one = client.threads.stream(assistant_id="agent")
    two = client.threads.stream(assistant_id="agent")
    assert one.thread_id != two.thread_id and len(one.thread_id) == 36
    async with one:
        await one.run.start(input=1)
    assert seen == [f"/threads/{one.thread_id}/commands"]


async def test_a_refused_command_raises_protocol_command_error() -> None:
    server = FakeServer(
        events=FULL_RUN,
        answers=[
            {"type": "error", "id": 1, "error": "invalid_argument", "message": "no such assistant"}
        ],
    )
    async with stream_for(server, thread_id=None) as thread:
        with pytest.raises(ProtocolCommandError) as info:
            await thread.run.start(input={})
        assert (info.value.code, info.value.message, info.value.method) == (
            "invalid_argument",
            "no such assistant",
            "run.start",
        )
        # Nothing started: the stream is as before the command.
        assert thread._tracker.epoch == 0
        with pytest.raises(RuntimeError, match="no run was started"):
            await thread.output


async def test_a_refused_command_answered_400_raises_protocol_command_error() -> None:
    refusal = {"type": "error", "id": 1, "error": "no_such_interrupt", "message": "unknown i9"}
    server = FakeServer(events=FULL_RUN, answers=[httpx.Response(400, json=refusal)])
    async with stream_for(server) as thread:
        with pytest.raises(ProtocolCommandError) as info:
            await thread.run.respond("yes", interrupt_id="i9")
    assert (info.value.code, info.value.message, info.value.body) == (
        "no_such_interrupt",
        "unknown i9",
        refusal,
    )
    assert server.commands == [
        {
            "id": 1,
            "method": "input.respond",
            "params": {"interrupt_id": "i9", "namespace": [], "response": "yes"},
        }
    ]


async def test_a_400_without_protocol_body_is_an_http_error() -> None:
    server = FakeServer(events=FULL_RUN, answers=[httpx.Response(400, json={"detail": "bad"})])
    async with stream_for(server) as thread:
        with pytest.raises(e.BadRequestError):
            await thread.run.start(input={})


# Subscriptions.


async def test_events_body_and_end_at_the_root_terminal_event() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        got = await wait(seqs(thread.events))
    assert got == list(range(1, FULL_END + 1))
    assert server.subscriptions == [
        {
            "channels": [
                "values",
                "updates",
                "messages",
                "tools",
                "lifecycle",
                "input",
                "checkpoints",
                "tasks",
                "custom",
            ],
            "since": 0,
        }
    ]


async def test_events_end_at_the_terminal_event_while_the_connection_stays_open() -> None:
    # The real server keeps the stream open after a run ends.
    server = FakeServer(events=FULL_RUN[:FULL_END], hang=True)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert await within(5)(seqs(thread.events)) == list(range(1, FULL_END + 1))
        assert await within(5)(thread.output) == STATE["values"]


async def test_subscribe_adds_control_channels_and_filters_client_side() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        got = [x async for x in thread.subscribe(["values", "custom:x"])]
    assert server.subscriptions == [
        {"channels": ["values", "custom:x", "lifecycle", "input"], "since": 0}
    ]
    # Lifecycle events are read (the server sends them) but not handed to the caller.
    assert [(x["method"], x["params"]["data"]) for x in got] == [
        ("values", {"step": 1}),
        ("values", {"child": 1}),
        ("custom", {"name": "x", "payload": {"p": 1}}),
        ("custom", {"name": "x", "payload": {"p": 2}}),
        ("values", {"step": 2, "final": True}),
    ]


async def test_subscribe_with_namespaces_and_depth() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        root = [
            x["params"]["data"]
            async for x in thread.subscribe(["values"], namespaces=[[]], depth=0)
        ]
        child = [
            x["params"]["data"] async for x in thread.subscribe(["values"], namespaces=[["child"]])
        ]
    assert root == [{"step": 1}, {"step": 2, "final": True}]
    assert child == [{"child": 1}]
    first, second = server.subscriptions
    assert first == {
        "channels": ["values", "lifecycle", "input"],
        "namespaces": [[]],
        "depth": 0,
        "since": 0,
    }
    # The root's lifecycle must still come through to end the subscription: no server-side filter.
    assert second == {"channels": ["values", "lifecycle", "input"], "since": 0}


async def test_since_is_the_floor_after_a_second_run_command() -> None:
    second_run = [
        ev(FULL_END + 2, "lifecycle", {"event": "running"}),
        ev(FULL_END + 3, "values", {"run": 2}),
        ev(FULL_END + 4, "lifecycle", {"event": "completed"}),
    ]
    server = FakeServer(events=FULL_RUN + second_run)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        await seqs(thread.events)
        await thread.run.start(input={"again": True})
        got = [x["params"]["data"] async for x in thread.subscribe(["values"])]
    assert [b.get("since") for b in server.subscriptions] == [0, FULL_END]
    # The late values of the first run (seq 35, above the floor) are not the second run's.
    assert got == [{"run": 2}]
    assert [c["id"] for c in server.commands] == [1, 2]


async def test_late_values_of_an_interrupted_run_are_not_the_resumed_runs() -> None:
    # The server may send the last values of a run after its `interrupted` event; a
    # subscription of the resumed run must not hand them out as the new run's.
    resumed = [
        ev(5, "values", {"late": "of the first run"}),
        ev(6, "lifecycle", {"event": "running"}),
        ev(7, "values", {"resumed": True}),
        ev(8, "lifecycle", {"event": "completed"}),
    ]
    server = FakeServer(events=INTERRUPTED_RUN + resumed)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert [v async for v in thread.values] == [STATE["values"], {"step": 1}]
        await thread.run.respond("yes")
        assert [v async for v in thread.values] == [STATE["values"], {"resumed": True}]
    assert [b.get("since") for b in server.subscriptions] == [0, 4]


async def test_values_gives_the_thread_state_then_every_namespaces_states_and_awaits_the_state() -> (
    None
):
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        snapshots = [v async for v in thread.values]
        # As the official client: the state when the loop starts (the fake server answers
        # the final one), then the run's states, the child graph's included.
        assert snapshots == [STATE["values"], {"step": 1}, {"child": 1}, {"step": 2, "final": True}]
        assert server.subscriptions == [{"channels": ["values", "lifecycle", "input"], "since": 0}]
        assert await thread.values == STATE["values"]
        output = thread.output
        assert await output == STATE["values"]
        assert await output == STATE["values"]  # awaited twice, fetched once
    state_requests = server.of("GET", "/threads/t1/state")
    assert len(state_requests) == 3


async def test_output_reads_to_the_run_end_before_fetching_state() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert await thread.output == STATE["values"]
        assert thread._tracker.status == "completed"
    paths = [(r.method, r.url.path) for r in server.requests]
    assert paths == [
        ("POST", "/threads/t1/commands"),
        ("POST", "/threads/t1/stream/events"),
        ("GET", "/threads/t1/state"),
    ]
    assert server.subscriptions[0]["channels"] == ["lifecycle", "input"]


async def test_a_failed_run_makes_output_raise_thread_run_error() -> None:
    server = FakeServer(events=FAILED_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        with pytest.raises(ThreadRunError) as info:
            await thread.output
    assert info.value.error == "ValueError: boom"
    assert "ValueError: boom" in str(info.value)
    assert info.value.event is not None and info.value.event["seq"] == 3


async def test_output_before_any_run_on_a_new_thread_raises() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server, thread_id=None) as thread:
        with pytest.raises(RuntimeError, match=r"run\.start"):
            await thread.output
    assert server.requests == []


# Interrupts.


async def test_respond_answers_the_single_pending_interrupt() -> None:
    server = FakeServer(events=INTERRUPTED_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert await thread.run.respond("yes") == {"run_id": "run-2"}
        # respond read the run up to its pause to learn the interrupt.
    assert server.commands[1] == {
        "id": 2,
        "method": "input.respond",
        "params": {"interrupt_id": "i1", "namespace": [], "response": "yes"},
    }
    assert server.of("POST", "/threads/t1/commands")[1].content == (
        b'{"id":2,"method":"input.respond","params":{"interrupt_id":"i1","namespace":[],"response":"yes"}}'
    )


async def test_interrupts_and_interrupted_reflect_the_events_read() -> None:
    server = FakeServer(events=INTERRUPTED_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert not thread.interrupted and thread.interrupts == []
        await seqs(thread.events)
        assert thread.interrupted
        assert thread.interrupts == [
            {"interrupt_id": "i1", "value": {"question": "ok?"}, "namespace": []}
        ]


async def test_respond_with_two_pending_interrupts_needs_an_id() -> None:
    server = FakeServer(events=TWO_INTERRUPTS_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        with pytest.raises(ValueError, match="interrupt_id") as info:
            await thread.run.respond("yes")
        assert "i1" in str(info.value) and "i2" in str(info.value)
        assert len(server.commands) == 1
        await thread.run.respond({"ok": True}, interrupt_id="i2")
    assert server.commands[1]["params"] == {
        "interrupt_id": "i2",
        "namespace": ["child:abc"],
        "response": {"ok": True},
    }


async def test_respond_without_a_pending_interrupt_raises() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        with pytest.raises(RuntimeError, match="no interrupt"):
            await thread.run.respond("yes")
    assert [c["method"] for c in server.commands] == ["run.start"]


async def test_respond_with_a_bad_interrupt_id_sends_nothing() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        with pytest.raises(ValueError, match="interrupt_id"):
            await thread.run.respond("yes", interrupt_id="")
    assert server.requests == []


# Projections.


async def test_messages_yields_one_stream_per_root_message() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        found: list[tuple[MessageStream, list[str]]] = []
        async for message in thread.messages:
            assert isinstance(message, MessageStream)
            found.append((message, [d async for d in message.text]))
        assert [(m.message_id, m.role, deltas) for m, deltas in found] == [
            ("m1", "ai", ["Hel", "lo"]),
            ("m2", "ai", ["Wor", "ld", "!"]),
        ]
        first, second = (m for m, _ in found)
        assert (
            first.done and first.error is None and first.node == "agent" and first.namespace == []
        )
        assert await first.text == "Hello"
        assert await second.text == "World!"
        output = await first.output
        assert output["text"] == "Hello"
        assert output["content"] == [{"type": "text", "text": "Hello"}]
        assert (output["type"], output["id"]) == ("ai", "m1")
        assert await second == await second.output
        assert [d["event"] async for d in first][:2] == ["message-start", "content-block-start"]
    assert server.subscriptions == [
        {"channels": ["messages", "lifecycle", "input"], "namespaces": [[]], "depth": 0, "since": 0}
    ]


async def test_message_text_awaited_while_the_projection_waits() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        texts = [await m.text async for m in thread.messages]
    assert texts == ["Hello", "World!"]


async def test_a_message_cut_by_the_run_end_raises() -> None:
    events = script(
        ("lifecycle", {"event": "running"}),
        *text_message("m1", "partial")[:3],
        ("lifecycle", {"event": "failed", "error": "model down"}),
    )
    server = FakeServer(events=events)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        messages = [m async for m in thread.messages]
        assert len(messages) == 1
        # The public error class catches it.
        with pytest.raises(MessageStreamError, match="ended before"):
            await messages[0].text
        assert isinstance(messages[0].error, MessageStreamError)


async def test_tool_calls_yield_handles_with_deltas_and_output() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        handles: list[ToolCallHandle] = []
        async for handle in thread.tool_calls:
            handles.append(handle)
            assert [d async for d in handle.deltas] == ["par", "tial"]
        assert len(handles) == 1
        handle = handles[0]
        assert (handle.tool_call_id, handle.name, handle.input) == ("tc1", "search", {"q": "a"})
        assert await handle.output == {"r": 1}
        assert await handle == {"r": 1}
        assert handle.done and handle.error is None
    assert server.subscriptions[0]["channels"] == ["tools", "lifecycle", "input"]


async def test_a_tool_error_raises_tool_call_error_from_output() -> None:
    server = FakeServer(events=TOOL_ERROR_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        handles = [h async for h in thread.tool_calls]
        assert [h.name for h in handles] == ["calc"]
        with pytest.raises(ToolCallError, match="division by zero") as info:
            await handles[0].output
        assert info.value.code == "E_ZERO"
        deltas: list[str] = []
        with pytest.raises(ToolCallError):
            await drain(handles[0].deltas, deltas)
        assert deltas == ["div"]


async def test_subgraphs_yield_a_handle_per_started_child() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        handles: list[ScopedStreamHandle] = []
        async for handle in thread.subgraphs:
            assert handle.status == "started"
            handles.append(handle)
        assert [(h.graph_name, h.path, h.namespace) for h in handles] == [
            ("child", ("child:abc",), CHILD)
        ]
        assert handles[0].status == "completed"
        assert thread.subagents is thread.subgraphs
    assert server.subscriptions[0] == {
        "channels": ["lifecycle", "input"],
        "namespaces": [[]],
        "depth": 1,
        "since": 0,
    }


async def test_a_subgraph_handle_scopes_projections_to_the_child() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        handles = [h async for h in thread.subgraphs]
        child = handles[0]
        assert [v async for v in child.values] == [{"child": 1}]
        assert [await m.text async for m in child.messages] == ["child text"]
        assert await child.output == {"child": 1}


async def test_a_subgraph_handle_made_by_hand_from_the_stream_reads_its_child() -> None:
    # The official constructor takes the thread stream (`thread=`), as the official tests do.
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        child = ScopedStreamHandle(
            thread=thread, path=tuple(CHILD), graph_name="child", trigger_call_id=None
        )
        assert [await m.text async for m in child.messages] == ["child text"]
        assert await child.output == {"child": 1}
        assert child.status == "completed"


async def test_extensions_yield_payloads_of_one_name() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert [x async for x in thread.extensions["x"]] == [{"p": 1}, {"p": 2}]
        assert [x async for x in thread.extensions["y"]] == [2]
    assert server.subscriptions[0]["channels"] == ["custom:x", "lifecycle", "input"]


async def test_interleave_projections_in_server_order() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        items = [item async for item in thread.interleave_projections(["values", "messages"])]
        labels = [
            (name, item.message_id if isinstance(item, MessageStream) else item)
            for name, item in items
        ]
        assert labels == [
            ("values", {"step": 1}),
            ("values", {"child": 1}),
            ("messages", "m1"),
            ("messages", "m2"),
            ("values", {"step": 2, "final": True}),
        ]
        assert await items[3][1].text == "World!"
    assert server.subscriptions == [
        {"channels": ["values", "messages", "lifecycle", "input"], "since": 0}
    ]


async def test_interleave_projections_tool_calls_custom_and_subgraphs() -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        items = [
            item
            async for item in thread.interleave_projections(["tool_calls", "custom:y", "subgraphs"])
        ]
    names = [name for name, _ in items]
    assert names == ["subgraphs", "custom:y", "tool_calls"]
    assert items[1][1] == {"name": "y", "payload": 2}
    assert isinstance(items[2][1], ToolCallHandle)
    assert server.subscriptions[0]["channels"] == ["tools", "custom:y", "lifecycle", "input"]


@pytest.mark.parametrize("channels", [["tools"], ["bogus"], "values", []])
async def test_interleave_projections_rejects_bad_names_at_the_call(channels: Any) -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        with pytest.raises((ValueError, TypeError)):
            thread.interleave_projections(channels)
    assert server.requests == []


@pytest.mark.parametrize("channels", [["tools"], ["bogus"]])
async def test_interleave_projections_rejects_bad_names_before_any_request(channels: Any) -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        with pytest.raises(ValueError, match=channels[0]):
            await anext_of(thread.interleave_projections(channels))
    assert server.requests == []


async def anext_of(iterator: AsyncIterator[Any]) -> Any:
    return await iterator.__anext__()


# Misuse.


async def test_not_entered_raises_and_sends_nothing() -> None:
    server = FakeServer(events=FULL_RUN)
    thread = stream_for(server)
    calls: list[Callable[[], Any]] = [
        lambda: thread.subscribe(["values"]),
        lambda: thread.events,
        lambda: thread.output,
        lambda: thread.interleave_projections(["values"]),
    ]
    for call in calls:
        with pytest.raises(RuntimeError, match="async with"):
            call()
    with pytest.raises(RuntimeError, match="async with"):
        await thread.run.start(input={})
    with pytest.raises(RuntimeError, match="async with"):
        await thread.run.respond("x")
    with pytest.raises(RuntimeError, match="async with"):
        await anext_of(thread.messages.__aiter__())
    assert server.requests == []


async def test_a_closed_stream_cannot_be_used_or_reentered() -> None:
    server = FakeServer(events=FULL_RUN)
    thread = stream_for(server)
    async with thread:
        pass
    with pytest.raises(RuntimeError, match="closed"):
        thread.subscribe(["values"])
    with pytest.raises(RuntimeError, match="closed"):
        async with thread:
            pass
    assert server.requests == []


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"assistant_id": ""}, ValueError, "assistant_id"),
        ({"assistant_id": None}, ValueError, "assistant_id"),
        ({"assistant_id": "a", "transport": "grpc"}, ValueError, "transport"),
        ({"assistant_id": "a", "run_start_timeout": -1}, ValueError, "run_start_timeout"),
        ({"assistant_id": "a", "run_start_timeout": 0}, ValueError, "run_start_timeout"),
    ],
)
def test_bad_stream_arguments_raise_at_once(
    kwargs: dict[str, Any], error: type[Exception], words: str
) -> None:
    server = FakeServer(events=FULL_RUN)
    with pytest.raises(error, match=words):
        client_for(server).threads.stream("t1", **kwargs)
    with pytest.raises(ValueError, match="thread_id"):
        client_for(server).threads.stream("", assistant_id="a")
    assert server.requests == []


@pytest.mark.parametrize(
    ("channels", "kwargs", "error", "words"),
    [
        ("values", {}, TypeError, "channels"),
        ([], {}, ValueError, "channels"),
        (["bogus"], {}, ValueError, "bogus"),
        (["values"], {"namespaces": [["a", 1]]}, TypeError, "namespaces"),
        (["values"], {"depth": -1}, ValueError, "depth"),
    ],
)
async def test_bad_subscribe_arguments_raise_before_any_request(
    channels: Any, kwargs: dict[str, Any], error: type[Exception], words: str
) -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        with pytest.raises(error, match=words):
            thread.subscribe(channels, **kwargs)
    assert [r.url.path for r in server.requests] == ["/threads/t1/commands"]


@pytest.mark.parametrize("kwargs", [{"config": "x"}, {"metadata": ["m"]}])
async def test_bad_run_start_arguments_raise_before_any_request(kwargs: dict[str, Any]) -> None:
    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        with pytest.raises(TypeError, match=next(iter(kwargs))):
            await thread.run.start(input={}, **kwargs)
    assert server.requests == []


# Resilience.


async def test_a_cut_stream_resumes_from_the_last_seq_without_loss_or_repeat(
    no_sleep: list[float],
) -> None:
    reconnects: list[ReconnectEvent] = []
    server = FakeServer(
        events=FULL_RUN,
        connections=[Connection(limit=5, cut=httpx.ReadError("connection reset")), Connection()],
    )
    async with stream_for(server, on_reconnect=reconnects.append) as thread:
        await thread.run.start(input={})
        got = await wait(seqs(thread.events))
    assert got == list(range(1, FULL_END + 1))
    assert [b.get("since") for b in server.subscriptions] == [0, 5]
    assert server.subscriptions[1]["channels"] == server.subscriptions[0]["channels"]
    assert len(reconnects) == 1
    event = reconnects[0]
    assert isinstance(event, ReconnectEvent)
    assert (event.attempt, event.thread_id, event.last_event_id, event.request) == (
        1,
        "t1",
        "5",
        "POST /threads/t1/stream/events",
    )
    assert "connection reset" in event.reason


async def test_a_stream_ended_early_resumes_from_the_last_seq() -> None:
    server = FakeServer(
        events=FULL_RUN, connections=[Connection(limit=7), Connection(limit=3), Connection()]
    )
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        got = await wait(seqs(thread.events))
    assert got == list(range(1, FULL_END + 1))
    assert [b.get("since") for b in server.subscriptions] == [0, 7, 10]


async def test_events_replayed_after_a_reconnection_are_not_repeated() -> None:
    server = FakeServer(
        events=FULL_RUN,
        connections=[
            Connection(limit=6, cut=httpx.RemoteProtocolError("cut")),
            Connection(replay_from=2),
        ],
    )
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        got = await wait(seqs(thread.events))
    assert got == list(range(1, FULL_END + 1))


async def test_a_cut_projection_resumes_mid_message() -> None:
    server = FakeServer(
        events=FULL_RUN,
        connections=[Connection(limit=4, cut=httpx.ReadError("reset")), Connection()],
    )
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        texts = [(m.message_id, [d async for d in m.text]) async for m in thread.messages]
    assert texts == [("m1", ["Hel", "lo"]), ("m2", ["Wor", "ld", "!"])]
    # The first connection delivered running, m1's start, block start and first delta (seq 5-7).
    assert [b.get("since") for b in server.subscriptions] == [0, 7]


async def test_many_cuts_each_with_progress_do_not_exhaust_the_attempts() -> None:
    server = FakeServer(
        events=FULL_RUN,
        connections=[Connection(limit=2, cut=httpx.ReadError("reset")) for _ in range(20)],
    )
    async with stream_for(server, stream_reconnect_attempts=1) as thread:
        await thread.run.start(input={})
        got = await wait(seqs(thread.events))
    assert got == list(range(1, FULL_END + 1))
    assert len(server.subscriptions) == (FULL_END + 1) // 2


async def test_consecutive_failures_surface_as_api_connection_error() -> None:
    reconnects: list[ReconnectEvent] = []
    server = FakeServer(
        events=FULL_RUN,
        connections=[Connection(limit=3, cut=httpx.ReadError("reset"))]
        + [Connection(limit=0, cut=httpx.ReadError("reset again")) for _ in range(5)],
    )
    async with stream_for(
        server, stream_reconnect_attempts=2, on_reconnect=reconnects.append
    ) as thread:
        await thread.run.start(input={})
        got: list[int] = []
        with pytest.raises(e.APIConnectionError) as info:
            await drain(thread.events, got, "seq")
    assert type(info.value).__bases__ == (e.APIConnectionError, httpx.ReadError)
    assert "reset again" in str(info.value)
    assert got == [1, 2, 3]
    # Three connections: the first, then two reconnections without a new event.
    assert [b.get("since") for b in server.subscriptions] == [0, 3, 3]
    assert [r.attempt for r in reconnects] == [1, 2]


async def test_a_stream_that_keeps_ending_early_surfaces_an_error() -> None:
    # A clean end of the body before the run's end is a break like any other (the server keeps
    # the stream open after a run): when reconnections run out, the caller must learn it
    # instead of seeing the run's events stop short.
    server = FakeServer(
        events=FULL_RUN,
        connections=[Connection(limit=3)] + [Connection(limit=0) for _ in range(5)],
    )
    async with stream_for(server, stream_reconnect_attempts=2) as thread:
        await thread.run.start(input={})
        got: list[int] = []
        with pytest.raises(e.APIConnectionError):
            await drain(thread.events, got, "seq")
    assert got == [1, 2, 3]
    assert [b.get("since") for b in server.subscriptions] == [0, 3, 3]


async def test_a_404_on_opening_the_stream_is_not_retried() -> None:
    reconnects: list[ReconnectEvent] = []
    server = FakeServer(events=FULL_RUN, connections=[Connection(status=404), Connection()])
    async with stream_for(server, on_reconnect=reconnects.append) as thread:
        await thread.run.start(input={})
        with pytest.raises(e.NotFoundError):
            await seqs(thread.events)
    assert len(server.subscriptions) == 1
    assert reconnects == []


async def test_a_503_on_opening_the_stream_is_retried() -> None:
    server = FakeServer(events=FULL_RUN, connections=[Connection(status=503), Connection()])
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        assert await wait(seqs(thread.events)) == list(range(1, FULL_END + 1))
    assert [b.get("since") for b in server.subscriptions] == [0, 0]


async def test_a_cut_while_reading_output_resumes() -> None:
    server = FakeServer(
        events=FAILED_RUN,
        connections=[Connection(limit=1, cut=httpx.ReadError("reset")), Connection()],
    )
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        with pytest.raises(ThreadRunError, match="boom"):
            await wait(thread.output)
    assert [b.get("since") for b in server.subscriptions] == [0, 1]


def test_http_client_built_directly() -> None:
    # The stream can be built on the transport's client directly, as the SDK does.
    server = FakeServer(events=FULL_RUN)
    http = HttpClient(
        httpx.AsyncClient(base_url="http://test", transport=httpx.MockTransport(server))
    )
    thread = AsyncThreadStream(http=http, thread_id="t1", assistant_id="agent")
    assert (thread.thread_id, thread.assistant_id) == ("t1", "agent")

    async def run() -> list[int]:
        async with thread:
            await thread.run.start(input={})
            return await seqs(thread.subscribe(["lifecycle"]))

    assert asyncio.run(run()) == [1, 3, CHILD_END, FULL_END]


# A session on a thread it did not start a run on.


async def test_reattach_output_of_an_idle_thread_is_its_state_without_subscribing() -> None:
    server = FakeServer(events=list(FULL_RUN), thread_statuses=["idle"])
    async with stream_for(server) as thread:
        assert await thread.output == STATE["values"]
    assert server.subscriptions == [] and server.commands == []
    assert len(server.of("GET", "/threads/t1")) == 1


async def test_reattach_output_of_a_busy_thread_waits_past_older_runs_until_idle() -> None:
    server = FakeServer(
        events=script(
            ("lifecycle", {"event": "running"}),
            ("lifecycle", {"event": "completed"}),
            ("lifecycle", {"event": "running"}),
            ("values", {"step": 2, "final": True}),
            ("lifecycle", {"event": "completed"}),
        ),
        thread_statuses=["busy", "busy", "idle"],
    )
    async with stream_for(server) as thread:
        assert await thread.output == STATE["values"]
    # Busy at first, still busy at the old run's end, idle at the latest run's end.
    assert len(server.of("GET", "/threads/t1")) == 3
    assert server.commands == []


# With langchain-core installed (as next to langgraph): its chat-model streams, as the official.


@pytest.mark.langchain_messages
async def test_messages_are_langchain_core_streams_when_it_is_installed() -> None:
    from langchain_core.language_models.chat_model_stream import AsyncChatModelStream
    from langchain_core.messages import AIMessage

    server = FakeServer(events=FULL_RUN)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        found = []
        async for message in thread.messages:
            assert isinstance(message, AsyncChatModelStream)
            # Read inside the loop: the message pulls its own events.
            found.append((message, [d async for d in message.text]))
        assert [(m.message_id, m.namespace, m.node, d) for m, d in found] == [
            ("m1", [], "agent", ["Hel", "lo"]),
            ("m2", [], "agent", ["Wor", "ld", "!"]),
        ]
        first, second = (m for m, _ in found)
        assert first.done and await first.text == "Hello" and await second.text == "World!"
        output = await first.output
        assert isinstance(output, AIMessage) and output.id == "m1"
        assert output.content == [{"type": "text", "text": "Hello", "index": 0}]


@pytest.mark.langchain_messages
async def test_langchain_message_streams_of_interleave_and_a_cut_run() -> None:
    events = script(
        ("lifecycle", {"event": "running"}),
        *text_message("m1", "partial")[:3],
        ("lifecycle", {"event": "completed"}),
    )
    server = FakeServer(events=events)
    async with stream_for(server) as thread:
        await thread.run.start(input={})
        items = [item async for item in thread.interleave_projections(["messages"])]
        assert [type(item).__name__ for _, item in items] == ["AsyncChatModelStream"]
        with pytest.raises(MessageStreamError, match="run ended before this message finished"):
            await items[0][1].text


def _lifecycle(seq: int, status: str, run_id: str) -> dict[str, Any]:
    # As the server makes them: the event id names the run.
    event = ev(seq, "lifecycle", {"event": status})
    event["event_id"] = f"synth:{run_id}:lc|root|{status}"
    return event


REPLAYED_EARLIER_RUN_THEN_RUN_1 = [
    _lifecycle(1, "running", "run-0"),
    ev(2, "values", {"old": True}),
    ev(3, "input.requested", {"interrupt_id": "i0", "payload": "old?"}),
    _lifecycle(4, "interrupted", "run-0"),
    _lifecycle(5, "running", "run-1"),
    ev(6, "values", {"new": True}),
    _lifecycle(7, "completed", "run-1"),
]


async def test_a_new_session_on_a_thread_skips_the_earlier_runs_the_server_replays() -> None:
    # RemoteGraph resumes with a new session: the server replays the thread's earlier run
    # first, with seq numbers that do not say where the session's own run begins.
    server = FakeServer(events=REPLAYED_EARLIER_RUN_THEN_RUN_1)
    async with stream_for(server) as thread:
        assert await thread.run.start(input="yes") == {"run_id": "run-1"}
        assert [v async for v in thread.values] == [STATE["values"], {"new": True}]
        assert await thread.output == STATE["values"]
        assert not thread.interrupted and thread.interrupts == []
