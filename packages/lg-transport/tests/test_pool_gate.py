"""The queue in front of httpcore's async pool (`lg_transport._internals.pool_gate`), against a
loopback server: calls beyond the pool's connections wait before their request is built, in
the order they came, within the pool timeout, and a cancelled or failed call passes its turn.

Each behaviour test also runs with the gate switched off (httpcore's own queue), and expects the
same outcome: the gate may only change what a waiting call holds, never what the caller sees.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from proven_paths import HTTPCORE_PATHS, SHORT_PATH

from lg_transport import create_http_client, create_sync_http_client
from lg_transport._async.http import HttpClient
from lg_transport._internals import lighten_client, pool_gate
from lg_transport._request import ApiRequest
from lg_transport.errors import APITimeoutError

needs_gate = pytest.mark.skipif(
    not (HTTPCORE_PATHS and SHORT_PATH),
    reason="the gate sits in front of the lean pool, and a stream's close lets the next call in "
    "through the short path's stream",
)


STREAM_BODY = b"event: values\r\ndata: {}\r\n\r\nevent: end\r\ndata: null\r\n\r\n"


class HoldingServer:
    """Answers ``{}`` on kept-alive connections (a ``.../runs/stream`` request: a two-event
    stream); a request to ``/hold/<name>`` is answered only once `release` is called. Records
    the order requests arrived in."""

    def __init__(self) -> None:
        self.arrived: list[str] = []
        self.bodies: dict[str, bytes] = {}  # the last body each path came with
        self.released = asyncio.Event()
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self.url = ""

    async def __aenter__(self) -> HoldingServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        self.released.set()
        for handler in self._handlers:
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    def release(self) -> None:
        self.released.set()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handler = asyncio.current_task()
        assert handler is not None
        self._handlers.add(handler)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode().split("\r\n")
                path = lines[0].split()[1]
                length = 0
                for line in lines[1:]:
                    if line.lower().startswith("content-length:"):
                        length = int(line.split(":", 1)[1])
                self.bodies[path] = await reader.readexactly(length) if length else b""
                self.arrived.append(path)
                if path.startswith("/hold/"):
                    await self.released.wait()
                if path.endswith("/runs/stream"):  # a run's stream, ended by its last event
                    writer.write(
                        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                        b"content-length: %d\r\n\r\n%s" % (len(STREAM_BODY), STREAM_BODY)
                    )
                else:
                    writer.write(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                        b"content-length: 2\r\n\r\n{}"
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client went away, or the test is over
        finally:
            writer.close()


@pytest.fixture(params=["gate", "httpcore queue"])
def gated(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Each test once with the gate and once with httpcore's own queue only."""
    on = request.param == "gate"
    if not on:
        monkeypatch.setattr("lg_transport._async.http.async_admission", lambda client: None)
    return on


def small_pool(http: HttpClient, size: int) -> None:
    pool = http.client._transport._pool  # type: ignore[attr-defined]
    pool._max_connections = size
    pool._max_keepalive_connections = size


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    build = HttpClient._build

    def counting(self: HttpClient, request: Any, *args: Any, **kwargs: Any) -> httpx.Request:
        built.append(request.path)
        return build(self, request, *args, **kwargs)

    monkeypatch.setattr(HttpClient, "_build", counting)
    return built


def count_sends(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The calls that entered the executor's send loop (each attempt's frames)."""
    entered: list[str] = []
    send = HttpClient._send_with_retries

    async def counting(self: HttpClient, request: Any, **kwargs: Any) -> httpx.Response:
        entered.append(request.path)
        return await send(self, request, **kwargs)

    monkeypatch.setattr(HttpClient, "_send_with_retries", counting)
    return entered


async def until(condition: Any, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the condition"
        await asyncio.sleep(0.005)


#: Calls wait for a connection as long as it takes, unless a test says otherwise.
NO_POOL_BOUND = httpx.Timeout(5.0, pool=None)


async def one_connection_held(
    server: HoldingServer, timeout: httpx.Timeout = NO_POOL_BOUND, **options: Any
) -> tuple[HttpClient, asyncio.Task[Any]]:
    """A client whose pool has one connection, held by a call to ``/hold/first`` (answered
    once the server is released)."""
    http = create_http_client(url=server.url, timeout=timeout, **options)
    small_pool(http, 1)
    holder = asyncio.create_task(http.get("/hold/first"))
    await until(lambda: len(server.arrived) == 1)
    return http, holder


@pytest.fixture
async def server() -> AsyncIterator[HoldingServer]:
    async with HoldingServer() as running:
        yield running


@needs_gate
async def test_queued_calls_are_built_and_served_in_the_order_they_came(
    server: HoldingServer, gated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    http = create_http_client(url=server.url, timeout=NO_POOL_BOUND)
    small_pool(http, 2)
    calls = [asyncio.create_task(http.get(f"/hold/{i}")) for i in range(6)]
    await until(lambda: len(server.arrived) == 2)
    await asyncio.sleep(0.05)  # time for anything else that would be built to be built
    # With the gate, the four calls beyond the pool's two connections have built nothing.
    assert len(built) == (2 if gated else 6)
    server.release()
    assert await asyncio.gather(*calls) == [{}] * 6
    assert server.arrived == [f"/hold/{i}" for i in range(6)]
    assert len(built) == 6  # each call's request built once
    await http.aclose()


def call_late(http: HttpClient) -> Any:
    """A plain call sent while the pool is held (its path: ``/late``)."""
    return http.get("/late")


def stream_late(http: HttpClient) -> Any:
    """A run stream sent while the pool is held (it queues before its send exists)."""
    return events_of(run_stream(http, "late"))


@needs_gate
@pytest.mark.parametrize("send", [call_late, stream_late], ids=["call", "stream"])
async def test_the_wait_for_a_connection_is_bounded_by_the_pool_timeout_once(
    server: HoldingServer, gated: bool, send: Callable[[HttpClient], Any]
) -> None:
    http, holder = await one_connection_held(
        server, timeout=httpx.Timeout(5.0, pool=0.5), max_retries=0
    )
    start = time.monotonic()
    with pytest.raises(APITimeoutError) as caught:
        await send(http)
    waited = time.monotonic() - start
    # The gate's wait and httpcore's add up to the pool timeout (each at full length: 1 s).
    assert 0.45 <= waited < 0.9
    assert isinstance(caught.value.__cause__, httpx.PoolTimeout)
    assert "late" in caught.value.request.url.path  # the error names the call that waited
    server.release()
    assert await holder == {}
    assert await http.get("/third") == {}  # nothing left holding a turn
    assert await events_of(run_stream(http, "now")) == ["values", "end"]
    await http.aclose()


@needs_gate
async def test_a_pool_timeout_is_retried_like_any_unsent_call(
    server: HoldingServer, gated: bool
) -> None:
    http, holder = await one_connection_held(
        server, timeout=httpx.Timeout(5.0, pool=0.2), max_retries=1
    )
    waiting = asyncio.create_task(http.get("/second"))
    await asyncio.sleep(0.35)  # the first attempt ran out; the retry waits
    server.release()
    assert await holder == {}
    assert await waiting == {}  # the retry got the connection
    assert server.arrived == ["/hold/first", "/second"]
    await http.aclose()


@needs_gate
async def test_a_cancelled_waiting_call_passes_its_turn_on(
    server: HoldingServer, gated: bool
) -> None:
    http, holder = await one_connection_held(server)
    cancelled = asyncio.create_task(http.get("/cancelled"))
    after = asyncio.create_task(http.get("/after"))
    await asyncio.sleep(0.05)
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    server.release()
    assert await holder == {}
    assert await after == {}
    assert "/cancelled" not in server.arrived
    if gated:
        gate = pool_gate.async_admission(http.client)
        assert gate is not None
        assert (gate._holders, gate._reserved, len(gate._waiters)) == (0, 0, 0)
    await http.aclose()


class FakePool:
    """What the gate reads of httpcore's pool."""

    def __init__(self, size: int) -> None:
        self._requests: list[object] = []
        self._max_connections = size


def gate_state(gate: pool_gate.AsyncPoolGate) -> tuple[int, int, int]:
    return gate._holders, gate._reserved, len(gate._waiters)


async def test_a_call_woken_then_cancelled_before_it_runs_passes_its_turn_on() -> None:
    pool = FakePool(1)
    gate = pool_gate.AsyncPoolGate(pool, asyncio.get_running_loop())
    assert gate.try_enter()
    pool._requests.append(object())  # the call let through is in the pool
    woken = asyncio.create_task(gate.enter(None))
    after = asyncio.create_task(gate.enter(None))
    await asyncio.sleep(0)
    assert not gate.try_enter()  # two wait: a new call queues behind them
    pool._requests.clear()
    gate.leave()  # wakes `woken`, whose task has not run yet
    assert gate_state(gate) == (1, 1, 1)
    woken.cancel()
    with pytest.raises(asyncio.CancelledError):
        await woken
    await asyncio.wait_for(after, 2)  # the cancelled call's turn went on
    assert gate_state(gate) == (1, 0, 0)


async def test_a_wait_that_runs_out_lets_the_call_on_to_httpcore() -> None:
    pool = FakePool(1)
    gate = pool_gate.AsyncPoolGate(pool, asyncio.get_running_loop())
    assert gate.try_enter()
    pool._requests.append(object())
    waited = await gate.enter(0.05)
    assert waited >= 0.05
    assert gate_state(gate) == (2, 0, 0)  # let through: httpcore's pool timeout decides now
    gate.leave()
    gate.leave()
    assert gate_state(gate) == (0, 0, 0)


async def test_no_call_waits_when_no_call_let_through_is_in_flight() -> None:
    pool = FakePool(1)
    gate = pool_gate.AsyncPoolGate(pool, asyncio.get_running_loop())
    pool._requests.append(object())  # a connection held by something the gate did not let in
    assert gate.try_enter()  # nothing of the gate's would wake it: httpcore's queue instead
    assert not gate.try_enter()


@needs_gate
async def test_a_stream_holds_its_turn_until_it_is_closed(
    server: HoldingServer, gated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    http = create_http_client(url=server.url, timeout=NO_POOL_BOUND)
    small_pool(http, 1)
    client = http.client
    response = await client.send(client.build_request("GET", "/open"), stream=True)
    # A response nobody closed holds the connection: a call waits (in httpcore's queue, as
    # the gate only queues behind calls it let through) and its pool timeout still applies.
    with pytest.raises(APITimeoutError):
        await http.with_options(timeout=httpx.Timeout(5.0, pool=0.2), max_retries=0).get("/late")
    await response.aclose()
    assert await http.get("/now") == {}
    assert built == ["/late", "/now"]
    await http.aclose()


@needs_gate
async def test_the_gate_follows_the_client_to_the_next_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = count_builds(monkeypatch)

    async def round_of_calls(http: HttpClient) -> list[str]:
        async with HoldingServer() as server:
            http.client.base_url = httpx.URL(server.url)
            small_pool(http, 1)
            calls = [asyncio.create_task(http.get(f"/hold/{i}")) for i in range(3)]
            await until(lambda: len(server.arrived) == 1)
            await asyncio.sleep(0.05)
            waiting_unbuilt = len(built)
            server.release()
            await asyncio.gather(*calls)
            assert waiting_unbuilt == 1  # the other two queued before their requests existed
            built.clear()
            return server.arrived

    http = create_http_client(url="http://127.0.0.1:9", timeout=NO_POOL_BOUND)
    first = await round_of_calls(http)
    # The same client in a fresh event loop, from a thread (the notebook pattern).
    second = await asyncio.to_thread(asyncio.run, round_of_calls(http))
    assert first == second == ["/hold/0", "/hold/1", "/hold/2"]


def test_clients_that_keep_no_gate() -> None:
    sync = create_sync_http_client(url="http://127.0.0.1:9")
    assert pool_gate.sync_admission(sync.client) is None

    async def gates() -> list[Any]:
        custom = create_http_client(url="http://x", transport=httpx.MockTransport(lambda r: None))
        mounted = httpx.AsyncClient(mounts={"http://other": httpx.AsyncHTTPTransport()})
        lighten_client(mounted)
        http2 = httpx.AsyncClient()
        lighten_client(http2)
        http2._transport._pool._http2 = True  # type: ignore[attr-defined]
        return [pool_gate.async_admission(c) for c in (custom.client, mounted, http2)]

    assert asyncio.run(gates()) == [None, None, None]


@needs_gate
async def test_a_call_whose_request_cannot_be_built_fails_at_once_or_passes_its_turn_on(
    server: HoldingServer,
) -> None:
    http, holder = await one_connection_held(server)
    gate = pool_gate.async_admission(http.client)
    assert gate is not None
    # A body that cannot be encoded fails before the call queues, as without the gate.
    with pytest.raises(TypeError, match="JSON"):
        await asyncio.wait_for(http.post("/bad", json={"value": object()}), 1)
    # A request httpx refuses to build (a header it cannot encode) fails once let through,
    # and its turn goes on to the next call.
    refused = asyncio.create_task(http.get("/refused", headers={"x-snow": "\u2603"}))
    after = asyncio.create_task(http.get("/after"))
    await asyncio.sleep(0.05)
    server.release()
    assert await holder == {}
    with pytest.raises(UnicodeEncodeError):
        await refused
    assert await asyncio.wait_for(after, 2) == {}
    assert gate_state(gate) == (0, 0, 0)
    await http.aclose()


def run_stream(http: HttpClient, thread: str, body: Any = None) -> AsyncIterator[Any]:
    request = ApiRequest("POST", f"/threads/{thread}/runs/stream", json=body or {"input": {}})
    return http.stream_request(request)


async def events_of(parts: AsyncIterator[Any]) -> list[str]:
    return [part.event async for part in parts]


@needs_gate
async def test_queued_streams_wait_before_their_request_exists_and_run_in_order(
    server: HoldingServer, gated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    sending = count_sends(monkeypatch)
    http, holder = await one_connection_held(server)
    streams = [asyncio.create_task(events_of(run_stream(http, f"t{i}"))) for i in range(3)]
    await asyncio.sleep(0.05)
    # With the gate, the streams beyond the pool's one connection wait before their send
    # starts (`HttpClient._line_up`): none has built a request or entered the executor.
    assert len(built) == (1 if gated else 4)
    assert len(sending) == (1 if gated else 4)
    server.release()
    assert await holder == {}
    assert await asyncio.gather(*streams) == [["values", "end"]] * 3
    assert server.arrived[1:] == [f"/threads/t{i}/runs/stream" for i in range(3)]
    assert len(built) == 4  # each request built once
    await http.aclose()


@needs_gate
async def test_a_queued_stream_fails_on_a_bad_body_at_once_and_gives_up_its_turn_when_cancelled(
    server: HoldingServer, gated: bool
) -> None:
    http, holder = await one_connection_held(server)
    with pytest.raises(TypeError, match="JSON"):  # before it would queue
        await asyncio.wait_for(events_of(run_stream(http, "bad", {"input": object()})), 1)
    cancelled = asyncio.create_task(events_of(run_stream(http, "cancelled")))
    after = asyncio.create_task(events_of(run_stream(http, "after")))
    await asyncio.sleep(0.05)
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    server.release()
    assert await holder == {}
    assert await asyncio.wait_for(after, 2) == ["values", "end"]
    assert server.arrived[1:] == ["/threads/after/runs/stream"]
    if gated:
        gate = pool_gate.async_admission(http.client)
        assert gate is not None
        assert gate_state(gate) == (0, 0, 0)
    await http.aclose()


@needs_gate
async def test_a_queued_stream_sends_its_body_as_it_was_when_it_started(
    server: HoldingServer, gated: bool
) -> None:
    http, holder = await one_connection_held(server)
    body: dict[str, Any] = {"input": {"n": 1}}
    stream = asyncio.create_task(events_of(run_stream(http, "changed", body)))
    await asyncio.sleep(0.05)
    body["input"] = object()  # the caller's dict, changed while the stream waits
    server.release()
    assert await holder == {}
    assert await stream == ["values", "end"]
    assert server.bodies["/threads/changed/runs/stream"] == b'{"input":{"n":1}}'
    await http.aclose()


async def test_a_stream_woken_then_cancelled_before_it_runs_passes_its_turn_on(
    server: HoldingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = FakePool(1)  # the gate's view of a full pool, in front of a real one
    gate = pool_gate.AsyncPoolGate(pool, asyncio.get_running_loop())
    monkeypatch.setattr("lg_transport._async.http.async_admission", lambda client: gate)
    http = create_http_client(url=server.url, timeout=NO_POOL_BOUND)
    assert gate.try_enter()
    pool._requests.append(object())  # the call let through is in the pool
    woken = asyncio.create_task(events_of(run_stream(http, "woken")))
    after = asyncio.create_task(events_of(run_stream(http, "after")))
    await asyncio.sleep(0.01)
    assert gate_state(gate) == (1, 0, 2)
    pool._requests.clear()
    gate.leave()  # wakes `woken`, whose task has not run yet
    woken.cancel()
    with pytest.raises(asyncio.CancelledError):
        await woken
    # The cancelled stream's turn went on: `after` is let through, sent and answered.
    assert await asyncio.wait_for(after, 2) == ["values", "end"]
    assert server.arrived == ["/threads/after/runs/stream"]
    assert gate_state(gate) == (0, 0, 0)
    await http.aclose()
