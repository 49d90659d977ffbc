"""`RunsClient` and `SyncRunsClient` against the real Agent Server: every method, async and sync.

Each test runs once per client (`api` is parametrized). A run takes about a second on the
in-memory server, so the independent scenarios of a test run concurrently (the sync client's
calls each in a worker thread).
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from lg_runs import RunsClient, SyncRunsClient
from lg_schema import RunCreateMetadata, StreamPart
from lg_transport import ApiRequest
from lg_transport.errors import (
    APIError,
    APIStatusError,
    ConflictError,
    NotFoundError,
    UnprocessableEntityError,
)

ECHO_INPUT = {"messages": [{"role": "user", "content": "stream me please"}]}
ECHO_REPLY = "echo: stream me please"
ECHO_TOKENS = 7  # the fake model streams "echo:", " ", "stream", " ", "me", " ", "please"
SLOW_ONE_STEP = {"steps": 1, "delay": 0.0}
LONG_RUN = {"steps": 20, "delay": 0.2}  # ~4 s: long enough to be cancelled or to block a thread


class Api:
    """One client of either kind behind one awaitable interface.

    ``call`` returns what the method returns, with streams drained into lists; the sync client
    runs in a worker thread so that scenarios can overlap.
    """

    def __init__(self, kind: str, url: str) -> None:
        self.kind = kind
        self.client: Any = (
            RunsClient.connect(url=url) if kind == "async" else SyncRunsClient.connect(url=url)
        )

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return await self._run(lambda: getattr(self.client, method)(*args, **kwargs))

    async def take(self, count: int, method: str, *args: Any, **kwargs: Any) -> list[Any]:
        """The first ``count`` parts of a stream, which is then closed (a client disconnect)."""
        if self.kind == "async":
            parts: list[Any] = []
            stream = getattr(self.client, method)(*args, **kwargs)
            async for part in stream:
                parts.append(part)
                if len(parts) == count:
                    break
            await stream.aclose()
            return parts

        def take_sync() -> list[Any]:
            stream = getattr(self.client, method)(*args, **kwargs)
            taken = [part for _, part in zip(range(count), stream, strict=False)]
            stream.close()
            return taken

        return await asyncio.to_thread(take_sync)

    async def send(self, method: str, path: str, **kwargs: Any) -> Any:
        return await self._run(lambda: self.client.http.send(ApiRequest(method, path, **kwargs)))

    async def new_thread(self) -> str:
        thread = await self.send("POST", "/threads", json={})
        return str(thread["thread_id"])

    async def thread_status(self, thread_id: str) -> str:
        return str((await self.send("GET", f"/threads/{thread_id}"))["status"])

    async def settled_status(self, thread_id: str, run_id: str) -> str:
        """The run's status once it is neither pending nor running."""
        return await self._poll(thread_id, run_id, lambda s: s not in ("pending", "running"))

    async def started(self, thread_id: str, run_id: str) -> None:
        """Return once the run has left the queue (a pending run cannot be rolled back)."""
        await self._poll(thread_id, run_id, lambda status: status != "pending")

    async def _poll(self, thread_id: str, run_id: str, done: Callable[[str], bool]) -> str:
        deadline = asyncio.get_running_loop().time() + 10.0
        while True:
            status = str((await self.call("get", thread_id, run_id))["status"])
            if done(status):
                return status
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"run {run_id} still {status} after 10 s")
            await asyncio.sleep(0.1)

    async def close(self) -> None:
        await self._run(self.client.aclose if self.kind == "async" else self.client.close)

    async def _run(self, invoke: Callable[[], Any]) -> Any:
        if self.kind == "async":
            result = invoke()
            if inspect.isawaitable(result):
                return await result
            return [part async for part in result]

        def run_sync() -> Any:
            result = invoke()
            return list(result) if inspect.isgenerator(result) else result

        return await asyncio.to_thread(run_sync)


@pytest.fixture(params=["async", "sync"])
async def api(request: pytest.FixtureRequest, agent_server_url: str) -> AsyncIterator[Api]:
    client = Api(request.param, agent_server_url)
    yield client
    await client.close()


def names(parts: list[StreamPart]) -> list[str]:
    return [part.event for part in parts]


def data_of(parts: list[StreamPart], event: str) -> list[Any]:
    return [part.data for part in parts if part.event == event]


def check_opening(parts: list[StreamPart]) -> None:
    assert parts[0].event == "metadata"
    assert set(parts[0].data) == {"run_id", "attempt"}
    assert all(part.id is None for part in parts)  # ids only for resumable streams


async def gather(*scenarios: Awaitable[Any]) -> list[Any]:
    return list(await asyncio.gather(*scenarios))


# Streaming


@pytest.mark.needs("end_event")
async def test_stream_every_mode_alone_and_in_lists(api: Api) -> None:
    async def stream(mode: Any, graph: str = "echo", stateless: bool = False, **kw: Any) -> Any:
        thread_id = None if stateless else await api.new_thread()
        kw.setdefault("input", ECHO_INPUT)
        return await api.call("stream", thread_id, graph, stream_mode=mode, **kw)

    alone = ["values", "updates", "messages-tuple", "messages", "debug", "events", "tasks"]
    all_modes = [*alone, "checkpoints", "custom"]
    results = await gather(
        *(stream(mode) for mode in alone),
        stream("checkpoints"),
        stream("custom", "custom_stream", input={"n": 3}),
        stream(all_modes),
        stream(["custom", "updates"], "custom_stream", input={"n": 2}),
        stream("events", stateless=True),
        stream(("values",)),  # any sequence of modes
    )
    for parts in results:
        check_opening(parts)
    single = [*alone, "checkpoints", "custom"]
    by_mode = dict(zip(single, results[: len(single)], strict=True))

    values = data_of(by_mode["values"], "values")
    assert names(by_mode["values"]) == ["metadata", "values", "values"]
    assert values[-1]["messages"][-1]["content"] == ECHO_REPLY

    (update,) = data_of(by_mode["updates"], "updates")
    assert update["respond"]["messages"][0]["content"] == ECHO_REPLY

    tokens = data_of(by_mode["messages-tuple"], "messages")
    assert len(tokens) == ECHO_TOKENS
    assert "".join(chunk["content"] for chunk, _meta in tokens) == ECHO_REPLY
    assert tokens[0][1]["langgraph_node"] == "respond"

    legacy = names(by_mode["messages"])
    assert legacy == ["metadata", "messages/metadata"] + ["messages/partial"] * ECHO_TOKENS
    assert data_of(by_mode["messages"], "messages/partial")[-1][0]["content"] == ECHO_REPLY

    debug_kinds = {event["type"] for event in data_of(by_mode["debug"], "debug")}
    assert debug_kinds == {"checkpoint", "task", "task_result"}

    event_kinds = [event["event"] for event in data_of(by_mode["events"], "events")]
    assert event_kinds.count("on_chat_model_stream") == ECHO_TOKENS

    tasks = data_of(by_mode["tasks"], "tasks")
    assert [task["name"] for task in tasks] == ["respond", "respond"]
    assert "triggers" in tasks[0]
    assert "result" in tasks[1]

    checkpoints = data_of(by_mode["checkpoints"], "checkpoints")
    assert checkpoints[-1]["next"] == []
    assert checkpoints[-1]["values"]["messages"][-1]["content"] == ECHO_REPLY

    assert data_of(by_mode["custom"], "custom") == [
        {"progress": 1, "of": 3},
        {"progress": 2, "of": 3},
        {"progress": 3, "of": 3},
        {"done": True},
    ]

    all_parts, custom_and_updates, stateless_events, values_tuple = results[len(by_mode) :]
    # messages-tuple and messages together stream the tuples; echo writes no custom events.
    expected = {"values", "updates", "messages", "debug", "events", "tasks", "checkpoints"}
    assert set(names(all_parts)) == {"metadata", *expected}
    assert names(custom_and_updates).count("custom") == 3
    assert data_of(custom_and_updates, "updates") == [{"work": {"result": "did 2 steps"}}]
    assert len(data_of(stateless_events, "events")) == len(data_of(by_mode["events"], "events"))
    assert names(values_tuple) == ["metadata", "values", "values"]


@pytest.mark.needs("run_metadata")
async def test_stream_reports_the_run_and_accepts_every_option(api: Api) -> None:
    thread_id = await api.new_thread()
    created: list[RunCreateMetadata] = []
    stateless: list[RunCreateMetadata] = []
    parts, stateless_parts, late_thread = await gather(
        api.call(
            "stream",
            thread_id,
            "echo",
            input=ECHO_INPUT,
            metadata={"origin": "runs-test"},
            config={"tags": ["runs-test"], "recursion_limit": 10},
            context={"anything": 1},
            on_disconnect="continue",
            durability="exit",
            langsmith_tracing={"project_name": "runs-test"},
            multitask_strategy="reject",
            on_run_created=created.append,
        ),
        api.call(
            "stream",
            None,
            "echo",
            input=ECHO_INPUT,
            on_completion="keep",
            stream_mode="updates",
            on_run_created=stateless.append,
        ),
        api.call(
            "wait",
            str(uuid.uuid4()),
            "slow",
            input=SLOW_ONE_STEP,
            if_not_exists="create",
        ),
    )
    run_id = parts[0].data["run_id"]
    assert created == [{"run_id": run_id, "thread_id": thread_id}]
    run = await api.call("get", thread_id, run_id)
    assert run["metadata"]["origin"] == "runs-test"
    assert run["status"] == "success"

    # A stateless run still gets a thread; the callback reports none, as the header names none.
    assert stateless == [{"run_id": stateless_parts[0].data["run_id"], "thread_id": None}]
    assert late_thread == {"steps": 1, "delay": 0.0, "done": 1, "log": ["step 1"]}


async def test_stream_v2_parts(api: Api) -> None:
    seen: list[RunCreateMetadata] = []
    thread_id = await api.new_thread()
    parts = await api.call(
        "stream",
        thread_id,
        "echo",
        input=ECHO_INPUT,
        stream_mode=["values", "messages-tuple", "updates"],
        on_run_created=seen.append,
        version="v2",
    )
    assert all(set(part) == {"type", "ns", "data", "interrupts"} for part in parts)
    assert all(part["ns"] == [] and part["interrupts"] == [] for part in parts)
    assert parts[0]["type"] == "metadata"
    assert seen == [{"run_id": parts[0]["data"]["run_id"], "thread_id": thread_id}]
    kinds = [part["type"] for part in parts]
    assert kinds.count("messages") == ECHO_TOKENS
    assert kinds.count("values") == 2
    assert kinds.count("updates") == 1


async def test_subgraph_streaming_v1_and_v2(api: Api) -> None:
    async def stream(version: str) -> Any:
        return await api.call(
            "stream",
            await api.new_thread(),
            "subgraph",
            input={"value": "x"},
            stream_mode=["updates", "values"],
            stream_subgraphs=True,
            version=version,
        )

    v1, v2 = await gather(stream("v1"), stream("v2"))
    child = [name for name in names(v1) if "|" in name]
    assert {name.split("|")[0] for name in child} == {"updates", "values"}
    assert all(name.split("|")[1].startswith("child:") for name in child)
    assert data_of(v1, "values")[-1] == {
        "value": "x>c1>c2",
        "trail": ["parent_start", "parent_end"],
    }

    nested = [part for part in v2 if part["ns"]]
    assert len(nested) == len(child)
    assert {part["type"] for part in nested} == {"updates", "values"}
    (namespace,) = {tuple(part["ns"]) for part in nested}
    assert len(namespace) == 1
    assert namespace[0].startswith("child:")
    assert {part["type"] for part in v2 if not part["ns"]} == {"metadata", "updates", "values"}
    child_updates = [part["data"] for part in nested if part["type"] == "updates"]
    assert child_updates[-1] == {"child_step_2": {"value": "x>c1>c2", "steps": ["child_2"]}}


# Interrupts, errors


async def test_interrupt_then_resume_with_command(api: Api) -> None:
    interrupt_value = {"question": "ok?", "kind": "approval"}
    done = {
        "question": "ok?",
        "answer": "yes",
        "status": "answered: 'yes'",
        "trail": ["prepare", "ask", "finish"],
    }

    async def through_v1_then_wait() -> None:
        thread_id = await api.new_thread()
        parts = await api.call(
            "stream",
            thread_id,
            "interrupt",
            input={"question": "ok?"},
            stream_mode=["values", "updates"],
        )
        paused = [u["__interrupt__"] for u in data_of(parts, "updates") if "__interrupt__" in u]
        assert [pending[0]["value"] for pending in paused] == [interrupt_value]
        assert "__interrupt__" in data_of(parts, "values")[-1]
        assert await api.thread_status(thread_id) == "interrupted"
        final = await api.call(
            "wait", thread_id, "interrupt", command={"resume": "yes"}, strict_resume=True
        )
        assert final == done
        assert await api.thread_status(thread_id) == "idle"

    async def through_v2_then_stream() -> None:
        thread_id = await api.new_thread()
        parts = await api.call(
            "stream", thread_id, "interrupt", input={"question": "ok?"}, version="v2"
        )
        last = [part for part in parts if part["type"] == "values"][-1]
        assert [pending["value"] for pending in last["interrupts"]] == [interrupt_value]
        assert "__interrupt__" not in last["data"]
        resumed = await api.call(
            "stream", thread_id, "interrupt", command={"resume": "yes"}, stream_mode="values"
        )
        assert data_of(resumed, "values")[-1] == done

    async def before_a_node() -> None:
        thread_id = await api.new_thread()
        state = await api.call(
            "wait", thread_id, "interrupt", input={"question": "q"}, interrupt_before=["ask"]
        )
        assert state == {"question": "q", "trail": ["prepare"]}
        assert (await api.send("GET", f"/threads/{thread_id}/state"))["next"] == ["ask"]

    await gather(through_v1_then_wait(), through_v2_then_stream(), before_a_node())


@pytest.mark.needs("error_class_names")
async def test_error_graph(api: Api) -> None:
    thread_id = await api.new_thread()
    error = {"error": "ValueError", "message": "boom: sample"}

    async def raised() -> APIError:
        with pytest.raises(APIError, match="ValueError: boom: sample") as caught:
            await api.call("wait", None, "error", input={"message": "sample"})
        return caught.value

    parts, exc, returned = await gather(
        api.call("stream", thread_id, "error", input={"message": "sample"}, stream_mode="updates"),
        raised(),
        api.call("wait", None, "error", input={"message": "sample"}, raise_error=False),
    )
    assert [(part.event, part.data) for part in parts[1:]] == [
        ("updates", {"fine": {"ok": True}}),
        ("error", error),
    ]
    assert await api.thread_status(thread_id) == "error"
    assert not isinstance(exc, APIStatusError)
    assert exc.body == {"__error__": error}
    assert returned == {"__error__": error}


# Background runs


@pytest.mark.needs("run_created_header", "run_metadata")
async def test_background_run_reports_itself(api: Api) -> None:
    thread_id = await api.new_thread()
    created: list[RunCreateMetadata] = []
    run = await api.call(
        "create",
        thread_id,
        "slow",
        input={"steps": 2, "delay": 0.05},
        metadata={"n": 1},
        on_run_created=created.append,
    )
    assert created == [{"run_id": run["run_id"], "thread_id": thread_id}]
    assert (await api.call("get", thread_id, run["run_id"]))["metadata"]["n"] == 1


@pytest.mark.needs("run_list_select")
async def test_list_runs_with_a_projection(api: Api) -> None:
    thread_id = await api.new_thread()
    run = await api.call("create", thread_id, "slow", input={"steps": 1, "delay": 0.0})
    await api.call("join", thread_id, run["run_id"])
    selected = await api.call("list", thread_id, status="success", select=["run_id", "status"])
    assert selected == [{"run_id": run["run_id"], "status": "success"}]


async def test_background_run_lifecycle(api: Api) -> None:
    thread_id = await api.new_thread()
    run = await api.call("create", thread_id, "slow", input={"steps": 2, "delay": 0.05})
    assert run["status"] == "pending"
    assert run["thread_id"] == thread_id

    assert (await api.call("join", thread_id, run["run_id"]))["log"] == ["step 1", "step 2"]
    listed = await api.call("list", thread_id)
    assert [r["run_id"] for r in listed] == [run["run_id"]]
    assert [r["run_id"] for r in await api.call("list", thread_id, status="success")] == [
        run["run_id"]
    ]
    assert await api.call("list", thread_id, status="error") == []
    assert await api.call("list", thread_id, limit=1, offset=1) == []

    assert await api.call("delete", thread_id, run["run_id"]) is None
    with pytest.raises(NotFoundError):
        await api.call("get", thread_id, run["run_id"])


@pytest.mark.needs("runs_batch")
async def test_stateless_and_batch_runs(api: Api) -> None:
    created: list[RunCreateMetadata] = []
    run, batch = await gather(
        api.call(
            "create",
            None,
            "slow",
            input=SLOW_ONE_STEP,
            on_completion="keep",
            on_run_created=created.append,
        ),
        api.call(
            "create_batch",
            [
                {"assistant_id": "slow", "input": {"steps": 1, "delay": 0.0}, "metadata": None},
                {"assistant_id": "echo", "input": ECHO_INPUT},
            ],
        ),
    )
    assert created == [{"run_id": run["run_id"], "thread_id": None}]
    assert [r["status"] for r in batch] == ["pending", "pending"]
    assert len({r["thread_id"] for r in batch}) == 2  # each stateless run gets its own thread
    joined = await gather(*(api.call("join", r["thread_id"], r["run_id"]) for r in [run, *batch]))
    assert joined[0]["log"] == ["step 1"]
    assert joined[1]["log"] == ["step 1"]
    assert joined[2]["messages"][-1]["content"] == ECHO_REPLY


@pytest.mark.needs("missing_resources")
async def test_error_answers_are_typed(api: Api) -> None:
    thread_id = await api.new_thread()
    missing = str(uuid.uuid4())

    async def expect(error: type[Exception], method: str, *args: Any, **kwargs: Any) -> None:
        with pytest.raises(error):
            await api.call(method, *args, **kwargs)

    # join answers 200 with {"__error__": {"error": "HTTPException", "message": "404: Run not
    # found"}}: raised as the NotFoundError it stands for (docs/compatibility.md).
    with pytest.raises(NotFoundError) as missing_run:
        await api.call("join", thread_id, missing)
    assert missing_run.value.status_code == 404
    assert missing_run.value.body == {
        "__error__": {"error": "HTTPException", "message": "404: Run not found"}
    }
    await gather(
        expect(NotFoundError, "get", thread_id, missing),
        expect(NotFoundError, "cancel", thread_id, missing),
        expect(NotFoundError, "create", missing, "echo", input=ECHO_INPUT),
        expect(NotFoundError, "stream", missing, "echo", input=ECHO_INPUT),
        expect(UnprocessableEntityError, "create", thread_id, "no-such-graph"),
        expect(UnprocessableEntityError, "create", "not-a-uuid", "echo"),
        expect(UnprocessableEntityError, "create_batch", [{"assistant_id": "no-such-graph"}]),
        expect(NotFoundError, "cancel_many", thread_id=thread_id, run_ids=[missing]),
    )


async def test_runs_from_an_earlier_checkpoint(api: Api) -> None:
    thread_id = await api.new_thread()
    await api.call("wait", thread_id, "slow", input={"steps": 2, "delay": 0.0})
    history = await api.send("POST", f"/threads/{thread_id}/history", json={"limit": 10})
    # The checkpoint taken after the first tick, before the second one.
    (middle,) = [state for state in history if state["values"].get("done") == 1]
    checkpoint_id = middle["checkpoint"]["checkpoint_id"]

    # Replaying from the middle re-runs only the second tick, whichever way it is named.
    by_id = await api.call("wait", thread_id, "slow", checkpoint_id=checkpoint_id)
    assert by_id["log"] == ["step 1", "step 2"]
    run = await api.call(
        "create",
        thread_id,
        "slow",
        checkpoint={"checkpoint_id": checkpoint_id, "checkpoint_ns": ""},
        durability="sync",
    )
    assert (await api.call("join", thread_id, run["run_id"]))["log"] == ["step 1", "step 2"]


# Multitask strategies, cancellation, joins


@pytest.mark.needs("multitask_strategies")
async def test_multitask_strategies(api: Api) -> None:
    async def busy(run_input: dict[str, Any] = LONG_RUN) -> tuple[str, str]:
        thread_id = await api.new_thread()
        first = await api.call("create", thread_id, "slow", input=run_input)
        return thread_id, first["run_id"]

    async def reject() -> None:
        thread_id, first = await busy()
        with pytest.raises(ConflictError):
            await api.call(
                "create", thread_id, "echo", input=ECHO_INPUT, multitask_strategy="reject"
            )
        await api.call("cancel", thread_id, first)

    async def interrupt() -> None:
        thread_id, first = await busy()
        parts = await api.call(
            "stream", thread_id, "slow", input=SLOW_ONE_STEP, multitask_strategy="interrupt"
        )
        assert data_of(parts, "values")[-1]["log"] == ["step 1"]
        assert await api.settled_status(thread_id, first) == "interrupted"

    async def rollback() -> None:
        thread_id, first = await busy()
        second = await api.call(
            "create", thread_id, "slow", input=SLOW_ONE_STEP, multitask_strategy="rollback"
        )
        await api.call("join", thread_id, second["run_id"])
        with pytest.raises(NotFoundError):
            await api.call("get", thread_id, first)

    async def enqueue() -> None:
        thread_id, first = await busy({"steps": 3, "delay": 0.1})
        final = await api.call(
            "wait", thread_id, "slow", input={"steps": 4}, multitask_strategy="enqueue"
        )
        assert (await api.call("get", thread_id, first))["status"] == "success"
        # The queued run continued the thread's state from where the first one left it.
        assert final["log"] == ["step 1", "step 2", "step 3", "step 4"]

    await gather(reject(), interrupt(), rollback(), enqueue())


async def _busy(api: Api) -> tuple[str, str]:
    thread_id = await api.new_thread()
    run = await api.call("create", thread_id, "slow", input=LONG_RUN)
    return thread_id, run["run_id"]


@pytest.mark.needs("cancel_rollback")
async def test_cancel_with_rollback_deletes_the_run(api: Api) -> None:
    thread_id, run_id = await _busy(api)
    await api.started(thread_id, run_id)
    await api.call("cancel", thread_id, run_id, wait=True, action="rollback")
    with pytest.raises(NotFoundError):
        await api.call("get", thread_id, run_id)


@pytest.mark.needs("cancel_twice")
async def test_cancelling_twice_says_no_run_is_left(api: Api) -> None:
    thread_id, run_id = await _busy(api)
    assert await api.call("cancel", thread_id, run_id, wait=True) is None
    # Again: nothing changes, but the server says there is no run left to cancel.
    with pytest.raises(NotFoundError, match="No matching runs"):
        await api.call("cancel", thread_id, run_id)


async def test_cancel_and_cancel_many(api: Api) -> None:
    async def busy() -> tuple[str, str]:
        return await _busy(api)

    async def cancel_and_wait() -> None:
        thread_id, run_id = await busy()
        assert await api.call("cancel", thread_id, run_id, wait=True) is None
        assert (await api.call("get", thread_id, run_id))["status"] == "interrupted"

    async def by_ids() -> None:
        thread_id, run_id = await busy()
        assert await api.call("cancel_many", thread_id=thread_id, run_ids=[run_id]) is None
        assert await api.settled_status(thread_id, run_id) == "interrupted"

    await gather(cancel_and_wait(), by_ids())


@pytest.mark.needs("delayed_runs")
async def test_cancel_many_by_status_cancels_a_pending_run(api: Api) -> None:
    thread_id = await api.new_thread()
    later = await api.call("create", thread_id, "slow", input=SLOW_ONE_STEP, after_seconds=30)
    assert later["status"] == "pending"
    await api.call("cancel_many", status="pending", action="interrupt")
    assert await api.settled_status(thread_id, later["run_id"]) == "interrupted"


@pytest.mark.needs("numeric_event_ids")
async def test_join_stream(api: Api) -> None:
    async def replay() -> None:
        thread_id = await api.new_thread()
        parts = await api.call(
            "stream",
            thread_id,
            "echo",
            input=ECHO_INPUT,
            stream_mode=["values", "messages-tuple"],
            stream_resumable=True,
        )
        assert all(part.id for part in parts)
        run_id = parts[0].data["run_id"]

        def seq(event_id: str) -> tuple[int, ...]:
            return tuple(int(piece) for piece in event_id.split("-"))

        everything = await api.call("join_stream", thread_id, run_id, last_event_id="-1")
        assert everything == parts
        cut = parts[2].id
        after = await api.call("join_stream", thread_id, run_id, last_event_id=cut)
        assert after == [part for part in parts if seq(part.id) > seq(cut)]
        values_only = await api.call(
            "join_stream", thread_id, run_id, last_event_id=cut, stream_mode="values"
        )
        assert values_only == [part for part in after if part.event == "values"]

    async def live() -> None:
        thread_id = await api.new_thread()
        run = await api.call("create", thread_id, "slow", input={"steps": 3, "delay": 0.2})
        parts = await api.call(
            "join_stream",
            thread_id,
            run["run_id"],
            stream_mode=["values"],
            cancel_on_disconnect=False,
        )
        assert data_of(parts, "values")[-1]["log"] == ["step 1", "step 2", "step 3"]

    async def cancel_on_disconnect() -> None:
        thread_id = await api.new_thread()
        run = await api.call("create", thread_id, "slow", input=LONG_RUN)
        first = await api.take(
            1, "join_stream", thread_id, run["run_id"], cancel_on_disconnect=True
        )
        assert len(first) == 1
        assert await api.settled_status(thread_id, run["run_id"]) == "interrupted"

    await gather(replay(), live(), cancel_on_disconnect())
