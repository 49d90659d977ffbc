"""``timeout`` vs ``total_timeout`` on a real waited run: a per-wait ``timeout`` shorter than
the run does not bound the call (the SDK rejoins the run), ``total_timeout`` does."""

from __future__ import annotations

import time

import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.errors import APITimeoutError

pytestmark = pytest.mark.integration
SLOW = {"steps": 12, "delay": 0.25}  # about 3 s
SLOWER = {"steps": 20, "delay": 0.25}  # about 5 s: far past the bounds below, even when loaded


@pytest.mark.needs("second_wait_on_thread")
async def test_timeout_bounds_each_wait_and_total_timeout_the_call(agent_server_url: str) -> None:
    # Each cut wait is rejoined (GET .../join), up to stream_reconnect_attempts times in a row.
    options = {"timeout": 0.5, "stream_reconnect_attempts": 20}
    async with get_client(url=agent_server_url, **options) as client:  # type: ignore[arg-type]
        thread = await client.threads.create()
        started = time.monotonic()
        result = await client.runs.wait(thread["thread_id"], "slow", input=SLOW)
        assert result["done"] == 12
        assert time.monotonic() - started > 2.5  # longer than timeout=0.5: each wait is bounded

        # A new thread: on the same one, the graph would resume from done=12 and end at once.
        thread = await client.threads.create()
        bounded = client.with_options(total_timeout=1.0)
        started = time.monotonic()
        with pytest.raises(
            APITimeoutError, match=r"/runs/wait did not finish within total_timeout=1s"
        ):
            await bounded.runs.wait(thread["thread_id"], "slow", input=SLOWER)
        assert time.monotonic() - started < 2.5  # 1 s, plus slack for a loaded machine


def test_sync_total_timeout_bounds_a_waited_run(agent_server_url: str) -> None:
    with get_sync_client(url=agent_server_url, total_timeout=1.0) as client:
        thread = client.threads.create()
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="total_timeout=1s"):
            client.runs.wait(thread["thread_id"], "slow", input=SLOWER)
        assert time.monotonic() - started < 3.0  # 1 s, plus slack for a loaded machine
        # Calls that finish in time are unaffected.
        assert client.threads.get(thread["thread_id"])["thread_id"] == thread["thread_id"]
