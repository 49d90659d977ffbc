"""Streams that survive the network, against the real Agent Server behind a fault proxy.

`fault_proxy.FaultProxy` cuts every event stream after a few hundred to a few thousand bytes
(TCP resets, FINs mid-chunk, clean early ends while the run is live, stalls that only the idle
watchdog detects) and resets keep-alive connections. Each test then checks, event for event,
that what the SDK delivered is the run's stored log (read afterwards, directly, uncut) and,
for `runs.stream`, the same sequence as an uncut reference run of the same graph.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fault_proxy import (
    FaultProxy,
    Faults,
)  # importable: conftest.py puts integration-tests/ on sys.path

from langgraph_sdk import get_client, get_sync_client
from lg_schema import StreamPart
from lg_transport.dedupe import START_OF_STREAM
from lg_transport.resilience import ReconnectEvent, StreamGapError
from lg_transport.sse import EventStreamDecoder

# ~200 events (values + updates per step, ~80 KB): cut every 1.5-3.5 KB, dozens of cuts. (A
# rejoin replays the events sharing the last id; cuts much closer than that would starve it.)
SLOW = {"steps": 100, "delay": 0.01}
CONFIG = {"recursion_limit": 300}
MODES = ["values", "updates"]
CUTS = Faults(
    seed=0,
    cut_streams=True,
    cut_min=1500,
    cut_max=3500,
    cut_weights=(0.45, 0.3, 0.2, 0.05),
    stall_seconds=5.0,
    reset_keepalive=0.2,
    max_delay=0.005,
)
MIN_CUTS = 24
SETTINGS: dict[str, Any] = {"stream_reconnect_attempts": 20, "stream_idle_timeout": 1.0}


@pytest.fixture
def proxy(agent_server_url: str, request: pytest.FixtureRequest) -> Iterator[FaultProxy]:
    seed = sum(map(ord, request.node.name))  # reproducible per test, different across tests
    faults = Faults(**{**CUTS.__dict__, "seed": seed})
    with FaultProxy(agent_server_url, faults) as running:
        yield running


def stored_log(
    url: str, thread_id: str, run_id: str, query: dict[str, str] | None = None
) -> list[StreamPart]:
    """The run's stored events, replayed uncut and straight from the server."""
    decoder = EventStreamDecoder()
    parts: list[StreamPart] = []
    path = f"/threads/{thread_id}/runs/{run_id}/stream"
    headers = {"Last-Event-ID": START_OF_STREAM}
    with (
        httpx.Client(base_url=url, timeout=30, trust_env=False) as client,
        client.stream("GET", path, params=query, headers=headers) as response,
    ):
        response.raise_for_status()
        for chunk in response.iter_bytes():
            parts += decoder.feed(chunk)
    return parts


def shape(parts: list[StreamPart]) -> list[tuple[str, Any]]:
    """Events without what differs between two runs of the same graph (the run id)."""
    return [(p.event, None if p.event == "metadata" else p.data) for p in parts]


def thread_id_of(url: str) -> str:
    with httpx.Client(base_url=url, timeout=30, trust_env=False) as client:
        return str(client.post("/threads", json={}).json()["thread_id"])


def reference_shape(url: str) -> list[tuple[str, Any]]:
    """An uncut run of the same graph, through the SDK, straight to the server."""
    client = get_sync_client(url=url, api_key=None)
    thread = client.threads.create()["thread_id"]
    parts = list(client.runs.stream(thread, "slow", input=SLOW, config=CONFIG, stream_mode=MODES))
    client.http.close()
    return shape(parts)


def check_exactly_once(
    delivered: list[StreamPart],
    log: list[StreamPart],
    reconnects: list[ReconnectEvent],
    proxy: FaultProxy,
) -> None:
    assert [p.id for p in delivered] == [p.id for p in log]
    assert delivered == log  # every event once, in order, nothing else
    assert len(log) >= 2 * SLOW["steps"]
    assert proxy.stats.total_cuts >= MIN_CUTS, proxy.stats.cuts
    assert len(reconnects) >= MIN_CUTS
    assert all(event.delay < 2.5 for event in reconnects)
    print(
        f"{len(log)} events, {proxy.stats.total_cuts} cuts {dict(proxy.stats.cuts)}, "
        f"{len(reconnects)} reconnections"
    )


@pytest.mark.needs("slow_runs")
async def test_runs_stream_resumable_is_delivered_once_through_dozens_of_cuts(
    agent_server_url: str, proxy: FaultProxy, http_backend: str
) -> None:
    reconnects: list[ReconnectEvent] = []
    client = get_client(url=proxy.url, api_key=None, on_reconnect=reconnects.append, **SETTINGS)
    thread = thread_id_of(agent_server_url)
    delivered = [
        part
        async for part in client.runs.stream(
            thread,
            "slow",
            input=SLOW,
            config=CONFIG,
            stream_mode=MODES,
            stream_resumable=True,
        )
    ]
    await client.aclose()
    run_id = delivered[0].data["run_id"]
    check_exactly_once(delivered, stored_log(agent_server_url, thread, run_id), reconnects, proxy)
    assert shape(delivered) == await asyncio.to_thread(reference_shape, agent_server_url)
    reasons = {event.reason for event in reconnects}
    # The cuts really broke connections mid-body (not only idle timeouts). httpcore reports a
    # reset as ReadError and a half-sent chunk as RemoteProtocolError; aiohttp (mapped to the
    # same httpx types) reports both as RemoteProtocolError.
    expected = (
        {"ReadError", "RemoteProtocolError"} if http_backend == "httpx" else {"RemoteProtocolError"}
    )
    assert expected <= reasons


@pytest.mark.needs("slow_runs")
def test_sync_runs_stream_resumable_is_delivered_once_through_dozens_of_cuts(
    agent_server_url: str, proxy: FaultProxy
) -> None:
    reconnects: list[ReconnectEvent] = []
    client = get_sync_client(
        url=proxy.url, api_key=None, on_reconnect=reconnects.append, **SETTINGS
    )
    thread = thread_id_of(agent_server_url)
    delivered = list(
        client.runs.stream(
            thread, "slow", input=SLOW, config=CONFIG, stream_mode=MODES, stream_resumable=True
        )
    )
    client.http.close()
    run_id = delivered[0].data["run_id"]
    check_exactly_once(delivered, stored_log(agent_server_url, thread, run_id), reconnects, proxy)
    assert shape(delivered) == reference_shape(agent_server_url)


def create_resumable_run(url: str) -> tuple[str, str]:
    client = get_sync_client(url=url, api_key=None)
    thread = client.threads.create()["thread_id"]
    run = client.runs.create(
        thread, "slow", input=SLOW, config=CONFIG, stream_mode=MODES, stream_resumable=True
    )
    client.http.close()
    return thread, run["run_id"]


async def test_runs_join_stream_is_delivered_once_through_dozens_of_cuts(
    agent_server_url: str, proxy: FaultProxy
) -> None:
    reconnects: list[ReconnectEvent] = []
    thread, run_id = create_resumable_run(agent_server_url)
    client = get_client(url=proxy.url, api_key=None, on_reconnect=reconnects.append, **SETTINGS)
    # Joined while the run is still pending: the live stream holds all of it.
    delivered = [part async for part in client.runs.join_stream(thread, run_id)]
    await client.aclose()
    log = stored_log(agent_server_url, thread, run_id)
    # A join without Last-Event-ID starts at the live edge: at most what preceded the join is
    # missing, and nothing after it.
    check_exactly_once(delivered, log[len(log) - len(delivered) :], reconnects, proxy)
    assert len(delivered) >= len(log) - 4


@pytest.mark.needs("end_event")
def test_sync_runs_join_stream_replayed_from_the_start_is_delivered_once(
    agent_server_url: str, proxy: FaultProxy
) -> None:
    reconnects: list[ReconnectEvent] = []
    thread, run_id = create_resumable_run(agent_server_url)
    client = get_sync_client(
        url=proxy.url, api_key=None, on_reconnect=reconnects.append, **SETTINGS
    )
    # From the start, with a mode filter: the rejoins keep both the filter and the position.
    delivered = list(
        client.runs.join_stream(thread, run_id, stream_mode="values", last_event_id=START_OF_STREAM)
    )
    client.http.close()
    log = stored_log(agent_server_url, thread, run_id, {"stream_mode": "values"})
    assert {p.event for p in log} == {"values"}
    assert delivered == log
    assert proxy.stats.total_cuts >= 8  # values only: about half the bytes of the full stream
    assert len(reconnects) >= proxy.stats.total_cuts - 1


@pytest.mark.needs("non_resumable_streams")
async def test_a_stream_not_created_resumable_reports_the_gap(
    agent_server_url: str, proxy: FaultProxy
) -> None:
    client = get_client(url=proxy.url, api_key=None, **SETTINGS)
    thread = thread_id_of(agent_server_url)
    delivered: list[StreamPart] = []

    async def consume() -> None:
        async for part in client.runs.stream(
            thread, "slow", input=SLOW, config=CONFIG, stream_mode=MODES
        ):
            delivered.append(part)

    with pytest.raises(StreamGapError) as info:
        await consume()
    await client.aclose()
    error = info.value
    assert error.thread_id == thread
    assert error.run_id == delivered[0].data["run_id"]
    assert "stream_resumable=True" in str(error)
    # What was delivered is a true prefix; the run goes on and can be joined for its outcome.
    direct = get_client(url=agent_server_url, api_key=None)
    final = await direct.runs.join(thread, error.run_id)
    assert final["done"] == SLOW["steps"]
    await direct.aclose()


@pytest.mark.needs("numeric_event_ids")
async def test_repeats_at_the_replay_live_seam_are_settled_by_the_stored_log(
    agent_server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Joins with Last-Event-ID while a fast run publishes: the server then sends the events
    published between its subscription and its replay twice. No proxy: the repeats are the
    server's own; every join must still deliver a true slice of the log."""
    fast = {"steps": 150, "delay": 0.002}
    thread, run_id = await asyncio.to_thread(_create_run, agent_server_url, fast)
    client = get_client(url=agent_server_url, api_key=None)
    slices: list[tuple[str, list[StreamPart]]] = []
    last_id: str | None = START_OF_STREAM
    with caplog.at_level(logging.DEBUG, logger="langgraph_sdk"):
        for _ in range(60):
            parts: list[StreamPart] = []
            stream = client.runs.join_stream(thread, run_id, last_event_id=last_id)
            async with contextlib.aclosing(stream):  # type: ignore[type-var]
                async for part in stream:
                    parts.append(part)
                    if len(parts) == 12:
                        break
            if not parts:
                break
            slices.append((last_id or "", parts))
            last_id = parts[len(parts) // 2].id  # resume mid-way, often inside a shared id
    await client.aclose()
    log = stored_log(agent_server_url, thread, run_id)
    for resumed_from, parts in slices:
        start = next(i for i, p in enumerate(log) if p.id is not None and p.id > resumed_from)
        assert parts == log[start : start + len(parts)]
    resyncs = [r for r in caplog.records if r.getMessage().startswith("Resynchronised")]
    # Not every join meets a repeat (it depends on timing); the count is for the report.
    print(f"{len(slices)} joins of a live run, {len(resyncs)} settled against the stored log")


def _create_run(url: str, graph_input: dict[str, Any]) -> tuple[str, str]:
    client = get_sync_client(url=url, api_key=None)
    thread = client.threads.create()["thread_id"]
    run = client.runs.create(
        thread,
        "slow",
        input=graph_input,
        config=CONFIG,
        stream_mode=["values", "updates", "debug"],
        stream_resumable=True,
    )
    client.http.close()
    return thread, run["run_id"]
