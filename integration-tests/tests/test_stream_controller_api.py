"""`StreamController` / `SyncStreamController` (``langgraph_sdk.stream.controller``) over a
real protocol transport against the real Agent Server: several subscriptions of one thread on
one shared event stream, widened by rotation, through a whole run."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.stream.controller import StreamController
from langgraph_sdk.stream.sync_controller import SyncStreamController
from langgraph_sdk.stream.transport.http import ProtocolSseTransport
from langgraph_sdk.stream.transport.sync_http import SyncProtocolSseTransport
from langgraph_sdk.stream.transport.ws import ProtocolWebSocketTransport

# The controller takes an httpx client of its own: the SDK's HTTP backend plays no part.
BACKENDS = ("httpx",)
ECHO_INPUT = {"messages": [{"role": "user", "content": "hi there"}]}
# The async test runs over SSE and WebSockets (which need a capability of their own).
LANE_PARAMS = {"transport": [("sse", ()), ("websocket", ("thread_stream_v2",))]}
TRANSPORTS = {"sse": ProtocolSseTransport, "websocket": ProtocolWebSocketTransport}


@pytest.fixture
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def run_start(command_id: int) -> dict[str, Any]:
    return {
        "id": command_id,
        "method": "run.start",
        "params": {"assistant_id": "echo", "input": ECHO_INPUT},
    }


def is_run_end(event: dict[str, Any]) -> bool:
    params = event.get("params") or {}
    return (
        event.get("method") == "lifecycle"
        and not params.get("namespace")
        and (params.get("data") or {}).get("event") in ("completed", "failed")
    )


async def read_until_run_end(subscription: Any) -> list[dict[str, Any]]:
    events = []
    async for event in subscription:
        events.append(event)
        if is_run_end(event):
            break
    return events


async def test_subscriptions_share_one_stream_through_a_run(
    agent_server_url: str, transport: str
) -> None:
    async with get_client(url=agent_server_url) as client:
        thread = await client.threads.create()
    async with httpx.AsyncClient(base_url=agent_server_url, timeout=30) as http:
        protocol = TRANSPORTS[transport](client=http, thread_id=thread["thread_id"])
        controller = StreamController(transport=protocol)
        lifecycle = asyncio.create_task(read_until_run_end(controller.subscribe(["lifecycle"])))
        await asyncio.sleep(0.2)  # subscribed before the run starts
        # Widens the shared stream: the controller rotates it, resuming with `since`.
        values_and_end = asyncio.create_task(
            read_until_run_end(controller.subscribe(["values", "lifecycle"]))
        )
        await asyncio.sleep(0.2)
        answer = await protocol.send_command(run_start(1))
        assert answer is not None and answer["type"] == "success"
        both = await asyncio.wait_for(values_and_end, 30)
        only_lifecycle = await asyncio.wait_for(lifecycle, 30)
        await controller.close()
        await protocol.close()
    assert {event["method"] for event in only_lifecycle} == {"lifecycle"}
    assert {event["method"] for event in both} == {"values", "lifecycle"}
    last_values = [event for event in both if event["method"] == "values"][-1]
    messages = last_values["params"]["data"]["messages"]
    assert messages[0]["content"] == "hi there"
    # One copy of each event, in the server's order.
    seqs = [event["seq"] for event in both]
    assert seqs == sorted(set(seqs))


def test_sync_controller_ends_subscriptions_at_the_run_end(agent_server_url: str) -> None:
    with get_sync_client(url=agent_server_url) as client:
        thread = client.threads.create()
    with httpx.Client(base_url=agent_server_url, timeout=30) as http:
        transport = SyncProtocolSseTransport(client=http, thread_id=thread["thread_id"])
        controller = SyncStreamController(transport)
        received: list[dict[str, Any]] = []
        reader = threading.Thread(
            target=lambda: received.extend(controller.subscribe(["values"])), daemon=True
        )
        reader.start()
        reader.join(0.3)  # subscribed before the run starts
        answer = transport.send_command(run_start(1))
        assert answer is not None and answer["type"] == "success"
        reader.join(30)
        assert not reader.is_alive(), "the root run's end ends the subscription"
        controller.close()
        transport.close()
    assert received and {event["method"] for event in received} == {"values"}
    assert received[-1]["params"]["data"]["messages"][0]["content"] == "hi there"
