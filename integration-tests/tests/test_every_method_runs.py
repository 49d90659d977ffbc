"""Every runs and crons method, once per server, async and sync (the harness:
`every_method.py`; the table it fills: docs/servers.md)."""

from __future__ import annotations

import asyncio
import time

import pytest
from every_method import ECHO_INPUT, ECHO_REPLY, Cases, Ctx, text_of

from lg_transport.errors import NotFoundError

BACKENDS = ("httpx",)  # the HTTP backends are proven equal elsewhere; one lane per server
CASES = Cases()
SCHEDULE = "0 0 1 1 *"  # once a year: the in-memory server's crons must not fire in a test
# `slow` for ~10 s: cancelled long before its end, even on a loaded machine.
LONG_RUN = {"steps": 20, "delay": 0.5}


async def _echo_run(c: Ctx) -> tuple[str, str]:
    """A thread and a finished `echo` run on it."""
    thread_id = await c.thread()
    run = await c.call(c.client.runs.create, thread_id, "echo", input=ECHO_INPUT)
    await c.call(c.client.runs.join, thread_id, run["run_id"])
    return thread_id, run["run_id"]


async def _status_becomes(c: Ctx, thread_id: str, run_id: str, status: str) -> None:
    deadline = time.monotonic() + 20
    while (run := await c.call(c.client.runs.get, thread_id, run_id))["status"] != status:
        assert time.monotonic() < deadline, f"run stayed {run['status']}, never {status}"
        await asyncio.sleep(0.1)


@CASES("runs.create")
async def runs_create(c: Ctx) -> None:
    thread_id = await c.thread()
    run = await c.call(c.client.runs.create, thread_id, "echo", input=ECHO_INPUT)
    assert (run["thread_id"], run["status"]) in {(thread_id, "pending"), (thread_id, "running")}
    output = await c.call(c.client.runs.join, thread_id, run["run_id"])
    assert text_of(output["messages"][-1]) == ECHO_REPLY


@CASES("runs.create_batch")
async def runs_create_batch(c: Ctx) -> None:
    async with c.missing("runs_batch"):
        runs = await c.call(
            c.client.runs.create_batch,
            [{"assistant_id": "echo", "input": ECHO_INPUT}, {"assistant_id": "echo"}],
        )
        assert len(runs) == 2 and len({run["run_id"] for run in runs}) == 2


@CASES("runs.wait")
async def runs_wait(c: Ctx) -> None:
    thread_id = await c.thread()
    output = await c.call(c.client.runs.wait, thread_id, "echo", input=ECHO_INPUT)
    assert [text_of(m) for m in output["messages"]] == ["hi", ECHO_REPLY]
    stateless = await c.call(c.client.runs.wait, None, "echo", input=ECHO_INPUT)
    assert text_of(stateless["messages"][-1]) == ECHO_REPLY


@CASES("runs.stream")
async def runs_stream(c: Ctx) -> None:
    thread_id = await c.thread()
    parts = await c.drain(
        c.client.runs.stream(thread_id, "echo", input=ECHO_INPUT, stream_mode="values")
    )
    events = [part.event for part in parts]
    assert events == ["metadata", "values", "values"] + (["end"] if c.lacks("end_event") else [])
    assert text_of(parts[2].data["messages"][-1]) == ECHO_REPLY


@CASES("runs.join")
async def runs_join(c: Ctx) -> None:
    thread_id = await c.thread()
    run = await c.call(c.client.runs.create, thread_id, "echo", input=ECHO_INPUT)
    output = await c.call(c.client.runs.join, thread_id, run["run_id"])
    assert [text_of(m) for m in output["messages"]] == ["hi", ECHO_REPLY]


@CASES("runs.join_stream")
async def runs_join_stream(c: Ctx) -> None:
    thread_id = await c.thread()
    # `slow` for ~2 s: the stream is joined while the run goes on, on both servers.
    slow = {"steps": 5, "delay": 0.4}
    run = await c.call(c.client.runs.create, thread_id, "slow", input=slow, stream_mode="values")
    parts = await c.drain(c.client.runs.join_stream(thread_id, run["run_id"]))
    events = [part.event for part in parts]
    assert "values" in events
    if c.lacks("end_event"):
        assert events[-1] == "end"
    assert (await c.call(c.client.runs.get, thread_id, run["run_id"]))["status"] == "success"


@CASES("runs.get")
async def runs_get(c: Ctx) -> None:
    thread_id, run_id = await _echo_run(c)
    run = await c.call(c.client.runs.get, thread_id, run_id)
    assert (run["run_id"], run["thread_id"], run["status"]) == (run_id, thread_id, "success")


@CASES("runs.list")
async def runs_list(c: Ctx) -> None:
    thread_id, run_id = await _echo_run(c)
    runs = await c.call(c.client.runs.list, thread_id)
    assert [(r["run_id"], r["status"]) for r in runs] == [(run_id, "success")]


@CASES("runs.delete")
async def runs_delete(c: Ctx) -> None:
    thread_id, run_id = await _echo_run(c)
    assert await c.call(c.client.runs.delete, thread_id, run_id) is None
    with pytest.raises(NotFoundError):
        await c.call(c.client.runs.get, thread_id, run_id)


@CASES("runs.cancel")
async def runs_cancel(c: Ctx) -> None:
    thread_id = await c.thread()
    run = await c.call(c.client.runs.create, thread_id, "slow", input=LONG_RUN)
    assert await c.call(c.client.runs.cancel, thread_id, run["run_id"], wait=True) is None
    await _status_becomes(c, thread_id, run["run_id"], "interrupted")


@CASES("runs.cancel_many")
async def runs_cancel_many(c: Ctx) -> None:
    thread_id = await c.thread()
    run = await c.call(c.client.runs.create, thread_id, "slow", input=LONG_RUN)
    await c.call(c.client.runs.cancel_many, thread_id=thread_id, run_ids=[run["run_id"]])
    await _status_becomes(c, thread_id, run["run_id"], "interrupted")


# Crons. Aegra starts the first run at once and answers it instead of the cron; its cron record
# is there all the same, and is what `search`, `update`, `delete` and `count` see.


async def _cron(c: Ctx, thread_id: str | None = None) -> dict:
    if thread_id is None:
        made = await c.call(c.client.crons.create, "echo", schedule=SCHEDULE, input=ECHO_INPUT)
    else:
        made = await c.call(
            c.client.crons.create_for_thread, thread_id, "echo", schedule=SCHEDULE, input=ECHO_INPUT
        )
    # The difference is the creating call's: a case of another method only uses it to set up.
    if c.lacks("crons", note=c.method.startswith("crons.create")):
        assert "cron_id" not in made and made["status"] == "pending" and made["run_id"]
    else:
        assert made["cron_id"] and made["schedule"] == SCHEDULE
    found = await c.call(c.client.crons.search, thread_id=thread_id) if thread_id else None
    crons = found or await c.call(c.client.crons.search)
    assert len(crons) == 1 and crons[0]["schedule"] == SCHEDULE
    return dict(crons[0])


@CASES("crons.create")
async def crons_create(c: Ctx) -> None:
    cron = await _cron(c)
    assert cron["thread_id"] is None and cron["payload"]["input"] == ECHO_INPUT


@CASES("crons.create_for_thread")
async def crons_create_for_thread(c: Ctx) -> None:
    thread_id = await c.thread()
    cron = await _cron(c, thread_id)
    assert cron["thread_id"] == thread_id


@CASES("crons.search")
async def crons_search(c: Ctx) -> None:
    cron = await _cron(c)
    found = await c.call(c.client.crons.search, assistant_id=cron["assistant_id"], limit=5)
    assert [f["cron_id"] for f in found] == [cron["cron_id"]]


@CASES("crons.count")
async def crons_count(c: Ctx) -> None:
    assert await c.call(c.client.crons.count) == 0
    await _cron(c)
    assert await c.call(c.client.crons.count) == 1


@CASES("crons.update")
async def crons_update(c: Ctx) -> None:
    cron = await _cron(c)
    updated = await c.call(c.client.crons.update, cron["cron_id"], schedule="0 0 2 1 *")
    assert (updated["cron_id"], updated["schedule"]) == (cron["cron_id"], "0 0 2 1 *")


@CASES("crons.delete")
async def crons_delete(c: Ctx) -> None:
    cron = await _cron(c)
    assert await c.call(c.client.crons.delete, cron["cron_id"]) is None
    assert await c.call(c.client.crons.search) == []


@pytest.mark.parametrize(("method", "flavour"), CASES.params())
async def test_method(method: str, flavour: str, server: str, agent_server_url: str) -> None:
    await CASES.run(method, flavour, server, agent_server_url)
