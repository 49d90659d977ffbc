"""Every threads method, once per server, async and sync (the harness: `every_method.py`; the
table it fills: docs/servers.md)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any

import pytest
from every_method import ECHO_INPUT, ECHO_REPLY, Cases, Ctx, text_of

from lg_transport.errors import NotFoundError

BACKENDS = ("httpx",)  # the HTTP backends are proven equal elsewhere; one lane per server
CASES = Cases()


@CASES("threads.create")
async def threads_create(c: Ctx) -> None:
    thread = await c.call(c.client.threads.create, metadata={"m": c.tag})
    assert uuid.UUID(thread["thread_id"])
    assert (thread["status"], thread["metadata"]["m"]) == ("idle", c.tag)
    given = str(uuid.uuid4())
    again = await c.call(c.client.threads.create, thread_id=given)
    assert again["thread_id"] == given


@CASES("threads.get")
async def threads_get(c: Ctx) -> None:
    thread_id = await c.thread(m=c.tag)
    thread = await c.call(c.client.threads.get, thread_id)
    assert (thread["thread_id"], thread["metadata"]["m"]) == (thread_id, c.tag)


@CASES("threads.update")
async def threads_update(c: Ctx) -> None:
    thread_id = await c.thread(m="old")
    updated = await c.call(c.client.threads.update, thread_id, metadata={"m": c.tag})
    assert (updated["thread_id"], updated["metadata"]["m"]) == (thread_id, c.tag)


@CASES("threads.delete")
async def threads_delete(c: Ctx) -> None:
    thread_id = await c.thread()
    assert await c.call(c.client.threads.delete, thread_id) is None
    with pytest.raises(NotFoundError):
        await c.call(c.client.threads.get, thread_id)


@CASES("threads.search")
async def threads_search(c: Ctx) -> None:
    thread_id = await c.thread(m=c.tag)
    await c.thread(m="other")
    found = await c.call(c.client.threads.search, metadata={"m": c.tag})
    assert [t["thread_id"] for t in found] == [thread_id]


@CASES("threads.count")
async def threads_count(c: Ctx) -> None:
    await c.thread(m=c.tag)
    async with c.missing("threads_count"):
        assert await c.call(c.client.threads.count, metadata={"m": c.tag}) == 1


@CASES("threads.copy")
async def threads_copy(c: Ctx) -> None:
    thread_id = await c.echo_thread()
    async with c.missing("threads_copy"):
        copied = await c.call(c.client.threads.copy, thread_id)
        assert copied["thread_id"] != thread_id
        state = await c.call(c.client.threads.get_state, copied["thread_id"])
        assert text_of(state["values"]["messages"][-1]) == ECHO_REPLY


@CASES("threads.prune")
async def threads_prune(c: Ctx) -> None:
    doomed, kept = await c.thread(), await c.thread()
    answer = await c.call(c.client.threads.prune, [doomed])
    if c.lacks("thread_prune"):
        assert answer == {"deleted": 0, "pruned": 0}
        assert (await c.call(c.client.threads.get, doomed))["thread_id"] == doomed
    else:
        assert answer == {"pruned_count": 1}
        with pytest.raises(NotFoundError):
            await c.call(c.client.threads.get, doomed)
    assert (await c.call(c.client.threads.get, kept))["thread_id"] == kept


@CASES("threads.get_state")
async def threads_get_state(c: Ctx) -> None:
    thread_id = await c.echo_thread()
    state = await c.call(c.client.threads.get_state, thread_id)
    assert [text_of(m) for m in state["values"]["messages"]] == ["hi", ECHO_REPLY]
    assert state["next"] == [] and state["checkpoint"]["thread_id"] == thread_id


@CASES("threads.update_state")
async def threads_update_state(c: Ctx) -> None:
    thread_id = await c.echo_thread()
    more = {"messages": [{"role": "user", "content": "more"}]}
    answer = await c.call(c.client.threads.update_state, thread_id, more)
    assert answer["checkpoint"]["checkpoint_id"]
    state = await c.call(c.client.threads.get_state, thread_id)
    assert [text_of(m) for m in state["values"]["messages"]] == ["hi", ECHO_REPLY, "more"]
    assert state["checkpoint"]["checkpoint_id"] == answer["checkpoint"]["checkpoint_id"]


@CASES("threads.get_history")
async def threads_get_history(c: Ctx) -> None:
    thread_id = await c.echo_thread()
    history = await c.call(c.client.threads.get_history, thread_id, limit=10)
    assert len(history) >= 2
    assert text_of(history[0]["values"]["messages"][-1]) == ECHO_REPLY  # newest first
    last_two = await c.call(c.client.threads.get_history, thread_id, limit=2)
    assert [s["checkpoint"]["checkpoint_id"] for s in last_two] == [
        s["checkpoint"]["checkpoint_id"] for s in history[:2]
    ]


@CASES("threads.join_stream")
async def threads_join_stream(c: Ctx) -> None:
    thread_id = await c.thread()

    def run_soon() -> None:
        # The stream must be open when the run starts: opening takes milliseconds, a run ~1 s.
        from langgraph_sdk import get_sync_client

        with get_sync_client(url=c.url, api_key=None) as client:
            client.runs.wait(thread_id, "echo", input=ECHO_INPUT)

    def run_done(part: Any) -> bool:
        return bool(part.event == "metadata" and part.data.get("status") == "run_done")

    async with c.missing("threads_join_stream"):
        stream = await c.call(c.client.threads.join_stream, thread_id)
        threading.Timer(0.3, run_soon).start()
        parts = await asyncio.wait_for(c.drain(stream, run_done), 60)
        assert parts[0].event == "metadata"
        assert "values" in [part.event for part in parts]
        assert parts[-1].data == {"status": "run_done", "run_id": parts[0].data["run_id"]}


@CASES("threads.stream")
async def threads_stream(c: Ctx) -> None:
    if c.is_async:
        async with c.client.threads.stream(assistant_id="echo") as thread:
            await thread.run.start(input=ECHO_INPUT)
            output = await thread.output
    else:
        with c.client.threads.stream(assistant_id="echo") as thread:
            thread.run.start(input=ECHO_INPUT)
            output = thread.output
    assert [m["type"] for m in output["messages"]] == ["human", "ai"]
    assert text_of(output["messages"][-1]) == ECHO_REPLY


@pytest.mark.parametrize(("method", "flavour"), CASES.params())
async def test_method(method: str, flavour: str, server: str, agent_server_url: str) -> None:
    await CASES.run(method, flavour, server, agent_server_url)
