"""One benchmark measurement in a fresh process; prints one JSON line.

    python bench/runner.py SCENARIO --lane LANE --mode {async,sync} --url URL [--n N]

It runs in whichever environment launches it: the official SDK's venv or ours (both import as
`langgraph_sdk`). Lanes:

- ``sdk``          ``langgraph_sdk.get_client`` / ``get_sync_client`` with the default transport
- ``sdk-aiohttp``  ours, with the aiohttp fast lane (``http_backend="aiohttp"`` once wired,
                   else ``transport=lg_transport._aiohttp.AiohttpTransport()``)
- ``httpx``        bare httpx (+ our SSE decoder and orjson): the transport's limit
- ``aiohttp``      bare aiohttp (+ our SSE decoder and orjson): the fast lane's limit
- ``websockets``   S7 only: bare websockets (subscribe, then orjson per frame): the official's
                   WebSocket limit
- ``lg-websocket`` S7 only: our own WebSocket client bare (``lg_threads._websocket``: subscribe,
                   then orjson per message), async and sync: our WebSocket transport's limit
- ``replay``       S7 only: ours, with each subscription's events replayed from memory (recorded
                   on a first run, then decoded again per event): the SDK's limit without I/O

Scenarios: ``s1`` small-event stream (events/s), ``s2`` large-event stream (events/s, and the
process's peak RSS for S6), ``s3`` sequential ``assistants.get`` (p50 latency, us), ``s4``
concurrent ``threads.create`` (calls/s), ``s7`` a thread stream (``threads.stream``, protocol v2,
``--transport sse|websocket``) of one message's text deltas (events/s), ``s8``
``RemoteGraph.stream(stream_mode="messages")`` through langgraph (events/s), ``s9`` ``--n``
concurrent ``runs.stream`` calls of 200 events on one async client (wall time, peak RSS; with
``--pool N`` the connection pool is widened to N, with ``--no-pool-wait`` a queued stream waits
for a connection as long as it takes; first events and ends per stream too), ``s10`` ``--concurrency`` threads sharing one
sync client for ``--n`` ``assistants.get`` calls (calls/s). Import time (S5) is measured by
`run.py` directly.
Only the standard library is imported before the scenario starts.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any

S1_THREAD = "00000000-0000-4000-8000-000000000001"
S2_THREAD = "00000000-0000-4000-8000-000000000002"
SMALL_THREAD = "00000000-0000-4000-8000-000000000003"
ASSISTANT_ID = "046b5dc7-2108-582c-9c6c-31d556d138f0"
S9_SUFFIX = "c9c9c9"
S9_EVENTS = 200
STREAM_BODY = {"assistant_id": "agent", "input": {"messages": []}, "stream_mode": "messages-tuple"}


# --- clients --------------------------------------------------------------------------------


def _fast_lane(get: Any, url: str, sync: bool) -> Any:
    """Our client on the aiohttp lane: the one-argument switch once it is wired, else the same
    client built by hand (`AiohttpClient` over `AiohttpTransport`, our default options)."""
    import inspect

    if "http_backend" in inspect.signature(get).parameters:
        return get(url=url, api_key=None, http_backend="aiohttp")
    from langgraph_sdk.client import LangGraphClient, SyncLangGraphClient
    from lg_transport._aiohttp import AiohttpClient, SyncAiohttpClient
    from lg_transport._options import build_headers, resolve_timeout

    options = {
        "base_url": url,
        "timeout": resolve_timeout(None),
        "headers": build_headers(None, None),
    }
    if sync:
        return SyncLangGraphClient(SyncAiohttpClient(**options))
    return LangGraphClient(AiohttpClient(**options))


def async_sdk(url: str, lane: str, timeout: Any = None) -> Any:
    from langgraph_sdk import get_client

    if lane == "sdk-aiohttp":
        return _fast_lane(get_client, url, sync=False)
    return get_client(url=url, api_key=None, timeout=timeout)


def sync_sdk(url: str, lane: str) -> Any:
    from langgraph_sdk import get_sync_client

    if lane == "sdk-aiohttp":
        return _fast_lane(get_sync_client, url, sync=True)
    return get_sync_client(url=url, api_key=None)


# --- async scenarios -------------------------------------------------------------------------


async def async_stream_count(client: Any, lane: str, thread_id: str) -> int:
    n = 0
    if lane.startswith("sdk"):
        async for _ in client.runs.stream(
            thread_id, "agent", input={"messages": []}, stream_mode="messages-tuple"
        ):
            n += 1
        return n
    from lg_transport.sse import EventStreamDecoder

    decoder = EventStreamDecoder()
    path = f"/threads/{thread_id}/runs/stream"
    if lane == "httpx":
        async with client.stream("POST", path, json=STREAM_BODY) as response:
            async for chunk in response.aiter_raw():
                n += len(decoder.feed(chunk))
        return n
    async with client.post(path, json=STREAM_BODY) as response:  # aiohttp
        async for chunk in response.content.iter_any():
            n += len(decoder.feed(chunk))
    return n


async def async_get(client: Any, lane: str) -> Any:
    if lane.startswith("sdk"):
        return await client.assistants.get(ASSISTANT_ID)
    import orjson

    if lane == "httpx":
        response = await client.get(f"/assistants/{ASSISTANT_ID}")
        response.raise_for_status()
        return orjson.loads(response.content)
    async with client.get(f"/assistants/{ASSISTANT_ID}") as response:
        response.raise_for_status()
        return orjson.loads(await response.read())


async def async_create(client: Any, lane: str) -> Any:
    if lane.startswith("sdk"):
        return await client.threads.create()
    import orjson

    body = b"{}"
    headers = {"Content-Type": "application/json"}
    if lane == "httpx":
        response = await client.post("/threads", content=body, headers=headers)
        response.raise_for_status()
        return orjson.loads(response.content)
    async with client.post("/threads", data=body, headers=headers) as response:
        response.raise_for_status()
        return orjson.loads(await response.read())


async def bare_websocket_stream(url: str) -> dict[str, Any]:
    """S7's limit over WebSocket: the run's commands by hand, then websockets and orjson."""
    import uuid

    import httpx
    import orjson
    from websockets.asyncio.client import connect

    thread = str(uuid.uuid4())
    async with httpx.AsyncClient(base_url=url) as http:
        start, cpu = time.perf_counter(), time.process_time()
        command = {"id": 1, "method": "run.input", "params": {"assistant_id": "agent"}}
        (await http.post(f"/threads/{thread}/commands", json=command)).raise_for_status()
        n = 0
        ws_url = url.replace("http", "ws", 1) + f"/threads/{thread}/stream/events"
        async with connect(ws_url, max_size=None) as socket:
            subscribe = {"channels": ["messages", "lifecycle"], "since": 0}
            command = {"id": 1, "method": "subscription.subscribe", "params": subscribe}
            await socket.send(orjson.dumps(command).decode())  # a text frame, as the SDKs send
            async for frame in socket:
                event = orjson.loads(frame)
                if event.get("type") == "event" and _is_delta(event):
                    n += 1
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _stream_result(n, elapsed, cpu)


def _start_bare_run(url: str) -> tuple[str, str]:
    """The S7 run started by hand: its WebSocket URL and the subscribe command's text."""
    import uuid

    import httpx
    import orjson

    thread = str(uuid.uuid4())
    command = {"id": 1, "method": "run.input", "params": {"assistant_id": "agent"}}
    httpx.post(f"{url}/threads/{thread}/commands", json=command).raise_for_status()
    subscribe = {"channels": ["messages", "lifecycle"], "since": 0}
    text = orjson.dumps({"id": 1, "method": "subscription.subscribe", "params": subscribe})
    return url.replace("http", "ws", 1) + f"/threads/{thread}/stream/events", text.decode()


async def bare_lg_websocket_stream(url: str) -> dict[str, Any]:
    """Our WebSocket transport's limit: our client, orjson per message, no SDK."""
    import orjson

    from lg_threads._websocket._async import open_websocket

    start, cpu = time.perf_counter(), time.process_time()
    ws_url, subscribe = _start_bare_run(url)
    n = 0
    async with await open_websocket(ws_url, max_size=None) as socket:
        await socket.send_text(subscribe)
        while (batch := await socket.read_batch()) is not None:
            for message in batch:
                event = orjson.loads(message)
                if event.get("type") == "event" and _is_delta(event):
                    n += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _stream_result(n, elapsed, cpu)


def sync_bare_lg_websocket_stream(url: str) -> dict[str, Any]:
    """As `bare_lg_websocket_stream`, with the blocking client."""
    import orjson

    from lg_threads._websocket._sync import open_websocket

    start, cpu = time.perf_counter(), time.process_time()
    ws_url, subscribe = _start_bare_run(url)
    n = 0
    with open_websocket(ws_url, max_size=None) as socket:
        socket.send_text(subscribe)
        while (batch := socket.read_batch()) is not None:
            for message in batch:
                event = orjson.loads(message)
                if event.get("type") == "event" and _is_delta(event):
                    n += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _stream_result(n, elapsed, cpu)


def record_then_replay(mode: str) -> None:
    """Make our event source record each subscription's messages (JSON texts, in the batches
    the connection read them) on the first run and replay them, decoded again per event, on
    later runs: the SDK without any I/O."""
    import orjson

    from lg_threads._async import event_source as async_source
    from lg_threads._sync import event_source as sync_source

    source = async_source if mode == "async" else sync_source
    real = source._websocket_events
    recorded: dict[str, list[list[Any]]] = {}

    def key(body: dict[str, Any]) -> str:
        return orjson.dumps(body, option=orjson.OPT_SORT_KEYS).decode()

    if mode == "async":

        async def async_events(http: Any, thread_id: str, body: Any, headers: Any) -> Any:
            saved = recorded.get(key(body))
            if saved is not None:
                for batch in saved:
                    yield list(batch)
                return
            saved = recorded.setdefault(key(body), [])
            async for batch in real(http, thread_id, body, headers):
                saved.append(list(batch))
                yield batch

        source._websocket_events = async_events
    else:

        def sync_events(http: Any, thread_id: str, body: Any, headers: Any) -> Any:
            saved = recorded.get(key(body))
            if saved is not None:
                for batch in saved:
                    yield list(batch)
                return
            saved = recorded.setdefault(key(body), [])
            for batch in real(http, thread_id, body, headers):
                saved.append(list(batch))
                yield batch

        source._websocket_events = sync_events


async def run_async(args: argparse.Namespace) -> dict[str, Any]:
    lane = args.lane
    if lane == "websockets":
        return await bare_websocket_stream(args.url)
    if lane == "lg-websocket":
        return await bare_lg_websocket_stream(args.url)
    if lane == "replay":
        record_then_replay("async")
        await async_thread_stream(async_sdk(args.url, "sdk"), args.transport)  # recorded
        return await async_thread_stream(async_sdk(args.url, "sdk"), args.transport)
    if lane.startswith("sdk"):
        timeout = None
        if args.no_pool_wait:
            import httpx

            timeout = httpx.Timeout(**S9_NO_POOL_WAIT)
        client = async_sdk(args.url, lane, timeout)
    elif lane == "httpx":
        import httpx

        timeout: Any = 300
        if args.scenario == "s9":  # the SDKs' timeouts, for the same behaviour when queued
            timeout = httpx.Timeout(**(S9_NO_POOL_WAIT if args.no_pool_wait else SDK_TIMEOUT))
        client = httpx.AsyncClient(base_url=args.url, timeout=timeout)
    else:
        import aiohttp

        client = aiohttp.ClientSession(base_url=args.url)
    try:
        return await _async_scenario(client, args)
    finally:
        if lane == "aiohttp":
            await client.close()
        else:
            await client.aclose()


async def _async_scenario(client: Any, args: argparse.Namespace) -> dict[str, Any]:
    import asyncio

    lane, scenario = args.lane, args.scenario
    # Warm up: a connection in the pool, the code paths imported and run once.
    await async_get(client, lane)
    await async_stream_count(client, lane, SMALL_THREAD)
    if scenario == "s7":
        return await async_thread_stream(client, args.transport)
    if scenario == "s9":
        return await async_many_streams(client, args)
    if scenario in ("s1", "s2"):
        thread = S1_THREAD if scenario == "s1" else S2_THREAD
        start = time.perf_counter()
        n = await async_stream_count(client, lane, thread)
        elapsed = time.perf_counter() - start
        return {"value": n / elapsed, "events": n, "seconds": elapsed}
    if scenario == "s3":
        for _ in range(args.warmup):
            await async_get(client, lane)
        samples = []
        for _ in range(args.n):
            start = time.perf_counter()
            await async_get(client, lane)
            samples.append(time.perf_counter() - start)
        samples.sort()
        return {
            "value": samples[len(samples) // 2] * 1e6,
            "p90": samples[len(samples) * 9 // 10] * 1e6,
        }
    if scenario == "s4":
        remaining = args.n

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                await async_create(client, lane)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(args.concurrency)))
        elapsed = time.perf_counter() - start
        return {"value": args.n / elapsed, "seconds": elapsed}
    raise SystemExit(f"unknown scenario {scenario}")


def _is_delta(event: dict[str, Any]) -> bool:
    return event.get("method") == "messages" and event["params"]["data"]["event"] == DELTA


DELTA = "content-block-delta"


async def async_thread_stream(client: Any, transport: str) -> dict[str, Any]:
    """S7: one run's events as `thread.events` hands them out; the text deltas are counted.

    `thread.events` rather than `thread.messages`: the official async projections deadlock on
    a burst of events (see docs/benchmarks.md), its raw event iterator does not."""
    n = 0
    async with client.threads.stream(assistant_id="agent", transport=transport) as thread:
        start, cpu = time.perf_counter(), time.process_time()
        await thread.run.start(input={"messages": []})
        async for event in thread.events:
            if _is_delta(event):
                n += 1
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _stream_result(n, elapsed, cpu)


def _stream_result(n: int, elapsed: float, cpu: float) -> dict[str, Any]:
    """S7's figures: events per second of wall time, and of the process's CPU time (all its
    threads), which a loaded machine moves far less than the wall time."""
    return {
        "value": n / elapsed,
        "events": n,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "cpu_value": n / max(cpu, 1e-9),
    }


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / (1 << 20)


def widen_pool(client: Any, size: int) -> None:
    """Let ``size`` connections be open at once. Neither SDK's ``get_client`` takes pool
    limits, so both get the same edit of the httpcore pool under their httpx client (and the
    bare httpx lane the same edit of its own)."""
    http = getattr(client, "http", None)
    pool = (http.client if http is not None else client)._transport._pool
    pool._max_connections = size
    pool._max_keepalive_connections = size


#: S9 queued: both SDKs' default timeouts (connect 5 s, read and write 300 s), with no bound
#: on the wait for a pooled connection (the default's 5 s fails queued streams).
S9_NO_POOL_WAIT = {"connect": 5.0, "read": 300.0, "write": 300.0, "pool": None}


#: Both SDKs' default timeouts (the bare httpx lane's S9 gets the same).
SDK_TIMEOUT = {"connect": 5.0, "read": 300.0, "write": 300.0, "pool": 5.0}


async def timed_stream(client: Any, thread_id: str, start: float) -> tuple[int, float, float]:
    """One S9 stream: its event count, and when (since ``start``) its first event and its
    end came."""
    n = 0
    first = 0.0
    async for _ in client.runs.stream(
        thread_id, "agent", input={"messages": []}, stream_mode="messages-tuple"
    ):
        if not n:
            first = time.perf_counter() - start
        n += 1
    return n, first, time.perf_counter() - start


async def bare_timed_stream(client: Any, thread_id: str, start: float) -> tuple[int, float, float]:
    """`timed_stream` on bare httpx: the same request, its events decoded, then the same
    follow-up call both SDKs make after a stream with no ``end`` event (the run's status, at
    the response's ``Content-Location``)."""
    from lg_transport.sse import EventStreamDecoder

    decoder = EventStreamDecoder()
    n = 0
    first = 0.0
    path = f"/threads/{thread_id}/runs/stream"
    async with client.stream("POST", path, json=STREAM_BODY) as response:
        run_path = response.headers["content-location"]
        async for chunk in response.aiter_raw():
            events = len(decoder.feed(chunk))
            if events and not n:
                first = time.perf_counter() - start
            n += events
    (await client.get(run_path)).raise_for_status()
    return n, first, time.perf_counter() - start


async def async_many_streams(client: Any, args: argparse.Namespace) -> dict[str, Any]:
    """S9: ``--n`` runs streamed at once on one client; every stream must get all events.

    Besides the wall time and the memory, the spread of the streams' first events and ends
    shows whether queued streams were served in turn (a starved stream would see its first
    event only at the end, or never)."""
    import asyncio

    if args.pool:
        widen_pool(client, args.pool)
    threads = [f"00000000-0000-4000-8000-{i:06d}{S9_SUFFIX}" for i in range(args.n)]
    rss_before = _current_rss_mb()
    peak = rss_before
    done = asyncio.Event()

    async def sample_rss() -> None:  # the peak while streams are open, not the process's ever
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _current_rss_mb())
            await asyncio.sleep(0.01)

    sampler = asyncio.create_task(sample_rss())
    start = time.perf_counter()
    one = timed_stream if args.lane.startswith("sdk") else bare_timed_stream
    timings = await asyncio.gather(*(one(client, t, start) for t in threads))
    elapsed = time.perf_counter() - start
    done.set()
    await sampler
    counts = [count for count, _, _ in timings]
    short = [c for c in counts if c != S9_EVENTS]
    if short:
        raise SystemExit(f"{len(short)} of {args.n} streams were short: {short[:5]}")
    firsts = sorted(first for _, first, _ in timings)
    longest = max(end - first for _, first, end in timings)
    return {
        "value": elapsed * 1000,
        "events": sum(counts),
        "streams_complete": len(counts),
        "first_event_p50_ms": firsts[len(firsts) // 2] * 1000,
        "first_event_max_ms": firsts[-1] * 1000,
        "longest_stream_ms": longest * 1000,
        "rss_growth_mb": peak - rss_before,
        "kib_per_stream": (peak - rss_before) * 1024 / args.n,
    }


async def run_remote_graph_async(args: argparse.Namespace) -> dict[str, Any]:
    """S8 async: `RemoteGraph.astream(stream_mode="messages")`."""
    from langgraph.pregel.remote import RemoteGraph

    graph = RemoteGraph("agent", url=args.url, api_key=None)
    async for _ in graph.astream({"messages": []}, stream_mode="messages"):  # warm up
        break
    n = 0
    start = time.perf_counter()
    async for _ in graph.astream({"messages": []}, stream_mode="messages"):
        n += 1
    elapsed = time.perf_counter() - start
    return {"value": n / elapsed, "events": n, "seconds": elapsed}


def run_remote_graph_sync(args: argparse.Namespace) -> dict[str, Any]:
    """S8 sync: `RemoteGraph.stream(stream_mode="messages")`."""
    from langgraph.pregel.remote import RemoteGraph

    graph = RemoteGraph("agent", url=args.url, api_key=None)
    for _ in graph.stream({"messages": []}, stream_mode="messages"):  # warm up
        break
    n = 0
    start = time.perf_counter()
    for _ in graph.stream({"messages": []}, stream_mode="messages"):
        n += 1
    elapsed = time.perf_counter() - start
    return {"value": n / elapsed, "events": n, "seconds": elapsed}


async def run_real(args: argparse.Namespace) -> dict[str, Any]:
    """Against the real Agent Server: R1 threads.create latency, R2 an echo run streamed."""
    client = async_sdk(args.url, args.lane)
    try:
        for _ in range(20):
            await client.threads.create()
        samples = []
        for _ in range(args.n):
            start = time.perf_counter()
            await client.threads.create()
            samples.append(time.perf_counter() - start)
        samples.sort()
        walls = []
        for _ in range(2):
            thread = await client.threads.create()
            start = time.perf_counter()
            parts = [
                part
                async for part in client.runs.stream(
                    thread["thread_id"],
                    "echo",
                    input={"messages": [{"role": "user", "content": "stream me please"}]},
                    stream_mode=["values", "messages-tuple"],
                )
            ]
            walls.append(time.perf_counter() - start)
            if parts[0].event != "metadata" or len(parts) < 5:
                raise SystemExit(f"unexpected stream: {parts}")
        return {"value": samples[len(samples) // 2] * 1e6, "stream_ms": min(walls) * 1000}
    finally:
        await client.aclose()


# --- sync scenarios --------------------------------------------------------------------------


def sync_stream_count(client: Any, lane: str, thread_id: str) -> int:
    n = 0
    if lane.startswith("sdk"):
        for _ in client.runs.stream(
            thread_id, "agent", input={"messages": []}, stream_mode="messages-tuple"
        ):
            n += 1
        return n
    from lg_transport.sse import EventStreamDecoder

    decoder = EventStreamDecoder()
    with client.stream("POST", f"/threads/{thread_id}/runs/stream", json=STREAM_BODY) as response:
        for chunk in response.iter_raw():
            n += len(decoder.feed(chunk))
    return n


def sync_get(client: Any, lane: str) -> Any:
    if lane.startswith("sdk"):
        return client.assistants.get(ASSISTANT_ID)
    import orjson

    response = client.get(f"/assistants/{ASSISTANT_ID}")
    response.raise_for_status()
    return orjson.loads(response.content)


def sync_create(client: Any, lane: str) -> Any:
    if lane.startswith("sdk"):
        return client.threads.create()
    import orjson

    response = client.post("/threads", content=b"{}", headers={"Content-Type": "application/json"})
    response.raise_for_status()
    return orjson.loads(response.content)


def sync_thread_stream(client: Any, transport: str) -> dict[str, Any]:
    """S7 sync: as `async_thread_stream`."""
    n = 0
    with client.threads.stream(assistant_id="agent", transport=transport) as thread:
        start, cpu = time.perf_counter(), time.process_time()
        thread.run.start(input={"messages": []})
        for event in thread.events:
            if _is_delta(event):
                n += 1
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _stream_result(n, elapsed, cpu)


def sync_threaded_gets(client: Any, lane: str, args: argparse.Namespace) -> dict[str, Any]:
    """S10: ``--concurrency`` threads share one sync client for ``--n`` calls in all."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(lambda _: sync_get(client, lane), range(args.concurrency)))  # warm up
        start = time.perf_counter()
        results = list(pool.map(lambda _: sync_get(client, lane), range(args.n)))
        elapsed = time.perf_counter() - start
    if len(results) != args.n or any(r["assistant_id"] != ASSISTANT_ID for r in results):
        raise SystemExit("S10: a call returned something else")
    return {"value": args.n / elapsed, "seconds": elapsed}


def run_sync(args: argparse.Namespace) -> dict[str, Any]:
    lane, scenario = args.lane, args.scenario
    if lane == "lg-websocket":
        return sync_bare_lg_websocket_stream(args.url)
    if lane == "replay":
        record_then_replay("sync")
        sync_thread_stream(sync_sdk(args.url, "sdk"), args.transport)  # recorded
        return sync_thread_stream(sync_sdk(args.url, "sdk"), args.transport)
    if lane.startswith("sdk"):
        client = sync_sdk(args.url, lane)
    elif lane == "httpx":
        import httpx

        client = httpx.Client(base_url=args.url, timeout=300)
    else:
        raise SystemExit("the aiohttp lane has no sync mode")
    try:
        sync_get(client, lane)
        sync_stream_count(client, lane, SMALL_THREAD)
        if scenario == "s7":
            return sync_thread_stream(client, args.transport)
        if scenario == "s10":
            return sync_threaded_gets(client, lane, args)
        if scenario in ("s1", "s2"):
            thread = S1_THREAD if scenario == "s1" else S2_THREAD
            start = time.perf_counter()
            n = sync_stream_count(client, lane, thread)
            elapsed = time.perf_counter() - start
            return {"value": n / elapsed, "events": n, "seconds": elapsed}
        if scenario == "s3":
            for _ in range(args.warmup):
                sync_get(client, lane)
            samples = []
            for _ in range(args.n):
                start = time.perf_counter()
                sync_get(client, lane)
                samples.append(time.perf_counter() - start)
            samples.sort()
            return {
                "value": samples[len(samples) // 2] * 1e6,
                "p90": samples[len(samples) * 9 // 10] * 1e6,
            }
        if scenario == "s4":
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(lambda _: sync_get(client, lane), range(args.concurrency)))
                start = time.perf_counter()
                list(pool.map(lambda _: sync_create(client, lane), range(args.n)))
                elapsed = time.perf_counter() - start
            return {"value": args.n / elapsed, "seconds": elapsed}
        raise SystemExit(f"unknown scenario {scenario}")
    finally:
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "scenario", choices=["s1", "s2", "s3", "s4", "s7", "s8", "s9", "s10", "real"]
    )
    parser.add_argument(
        "--lane",
        default="sdk",
        choices=["sdk", "sdk-aiohttp", "httpx", "aiohttp", "websockets", "lg-websocket", "replay"],
    )
    parser.add_argument("--mode", default="async", choices=["async", "sync"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--transport", default="sse", choices=["sse", "websocket"])
    parser.add_argument("--pool", type=int, default=0, help="s9: widen the pool to this size")
    parser.add_argument(
        "--no-pool-wait",
        action="store_true",
        help="s9: the default timeouts but no bound on the wait for a pooled connection",
    )
    parser.add_argument("--profile", help="write a cProfile of the scenario to this file")
    args = parser.parse_args()
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if args.scenario == "real":
        import asyncio

        result = asyncio.run(run_real(args))
    elif args.scenario == "s8" and args.mode == "async":
        import asyncio

        result = asyncio.run(run_remote_graph_async(args))
    elif args.scenario == "s8":
        result = run_remote_graph_sync(args)
    elif args.mode == "async":
        import asyncio

        result = asyncio.run(run_async(args))
    else:
        result = run_sync(args)
    if args.profile:
        profiler.disable()
        profiler.dump_stats(args.profile)
    # ru_maxrss is in KiB on Linux: the process's peak resident set, for S6.
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.update(scenario=args.scenario, lane=args.lane, mode=args.mode)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
