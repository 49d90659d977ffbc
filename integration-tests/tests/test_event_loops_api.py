"""One async client across event loops, for real, on both HTTP backends: the notebook pattern
(successive ``asyncio.run`` calls with one client, plain calls and streams), a client left
unclosed at exit (no "Unclosed client session" noise), and a clear error when another loop
still has calls in flight."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
from typing import Any

import pytest

from langgraph_sdk import get_client

pytestmark = pytest.mark.integration
ECHO = {"messages": [{"role": "user", "content": "hi"}]}


def test_one_client_in_successive_asyncio_runs(agent_server_url: str, http_backend: str) -> None:
    client = get_client(url=agent_server_url)

    async def cell(i: int) -> tuple[str, list[str]]:
        thread = await client.threads.create(metadata={"cell": i})
        events = [
            part.event async for part in client.runs.stream(thread["thread_id"], "echo", input=ECHO)
        ]
        found = await client.threads.search(metadata={"cell": i})
        assert [t["thread_id"] for t in found] == [thread["thread_id"]]
        return thread["thread_id"], events

    results = [asyncio.run(cell(i)) for i in range(4)]  # four loops, each closed after its run
    assert len({thread_id for thread_id, _ in results}) == 4
    for _, events in results:
        assert events[0] == "metadata"
        assert events[-1] == "values"
    asyncio.run(client.aclose())  # closing from yet another loop works too


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
def test_an_unclosed_client_leaves_no_noise_at_exit(agent_server_url: str, backend: str) -> None:
    program = textwrap.dedent(
        f"""
        import asyncio
        from langgraph_sdk import get_client

        client = get_client(url={agent_server_url!r}, http_backend={backend!r})
        for _ in range(3):
            print(len(asyncio.run(client.assistants.search(limit=2))))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "2", "2"]
    assert done.stderr == ""


def test_calls_in_flight_in_another_running_loop_fail_at_once(agent_server_url: str) -> None:
    client = get_client(url=agent_server_url)
    started = threading.Event()
    outcome: dict[str, Any] = {}

    async def long_call() -> None:
        thread = await client.threads.create()
        started.set()
        outcome["wait"] = await client.runs.wait(
            thread["thread_id"], "slow", input={"steps": 8, "delay": 0.25}
        )

    worker = threading.Thread(target=lambda: asyncio.run(long_call()))
    worker.start()
    assert started.wait(30)

    async def meanwhile() -> None:
        await asyncio.sleep(0.3)  # the run's wait is in flight in the worker's loop
        with pytest.raises(RuntimeError, match="another event loop that is still running"):
            await client.threads.search()

    asyncio.run(meanwhile())
    worker.join(30)
    assert outcome["wait"]["done"] == 8
