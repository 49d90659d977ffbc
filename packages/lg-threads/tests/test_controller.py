"""`lg_threads.controller.StreamController`: subscriptions of one thread multiplexed over one
shared event stream, over scripted transports and a real `ProtocolSseTransport` on a mock
HTTP transport."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from lg_threads.controller import StreamController, SubscriptionOverflowError, _SeenEventIds
from lg_threads.transport import EventStreamHandle, ProtocolSseTransport
from lg_transport import errors

_real_sleep = asyncio.sleep


def event(seq: int, method: str = "values", namespace: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "event",
        "event_id": f"e{seq}",
        "seq": seq,
        "method": method,
        "params": {"namespace": namespace or [], "data": {"n": seq}},
    }


class Stream:
    """A scripted stream: its events, then an error (a drop) or, when ``live``, open until
    closed."""

    def __init__(
        self,
        events: list[dict[str, Any]],
        *,
        error: Exception | None = None,
        live: bool = False,
        paced: bool = False,
    ) -> None:
        self.events = events
        self.paced = paced
        self.error = error
        self.live = live
        self.closed = False
        self.params: dict[str, Any] | None = None

    def handle(self, params: dict[str, Any]) -> EventStreamHandle:
        self.params = params
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        ready.set_result(None)
        done: asyncio.Future[BaseException | None] = loop.create_future()
        stop = asyncio.Event()

        async def events() -> AsyncIterator[dict[str, Any]]:
            try:
                for item in self.events:
                    if self.closed:
                        return
                    if self.paced:  # as a network read would, let the readers run
                        await _real_sleep(0.001)
                    yield item
                if self.error is not None:
                    raise self.error
                if self.live:
                    await stop.wait()
            except Exception as exc:
                if not done.done():
                    done.set_result(exc)
                raise
            finally:
                if not done.done():
                    done.set_result(None)

        async def close() -> None:
            self.closed = True
            stop.set()

        return EventStreamHandle(events=events(), ready=ready, done=done, close=close)


class Transport:
    """Hands out the scripted streams in order (an exception in the list is raised instead)."""

    thread_id = "t-1"

    def __init__(self, *streams: Stream | Exception) -> None:
        self.streams = list(streams)
        self.opened: list[dict[str, Any]] = []

    def open_event_stream(self, params: dict[str, Any]) -> EventStreamHandle:
        self.opened.append(params)
        item = self.streams.pop(0)
        if isinstance(item, Exception):
            raise item
        return item.handle(params)


def not_found() -> httpx.HTTPStatusError:
    request = httpx.Request("POST", "http://test/threads/t-1/stream/events")
    return httpx.HTTPStatusError(
        "not found", request=request, response=httpx.Response(404, request=request)
    )


async def collect(iterator: AsyncIterator[dict[str, Any]]) -> list[int]:
    return [item["seq"] async for item in iterator]


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    sleeps: list[float] = []

    async def record(delay: float, *args: Any) -> None:
        sleeps.append(delay)
        await _real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", record)
    return sleeps


async def test_subscription_gets_its_channels_and_ends_with_the_stream() -> None:
    stream = Stream([event(1), event(2, "updates"), event(3)])
    controller = StreamController(transport=Transport(stream))  # type: ignore[arg-type]
    assert await collect(controller.subscribe(["values"])) == [1, 3]
    assert stream.params == {"channels": ["values"]}
    await controller.close()


async def test_fans_out_over_a_real_sse_transport() -> None:
    body = b"".join(
        b"id: e%d\nevent: message\ndata: %s\n\n" % (item["seq"], json.dumps(item).encode())
        for item in (event(1), event(2, "updates"), event(3, namespace=["child:1"]))
    )
    requests: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(json.loads(request.content))
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    async with httpx.AsyncClient(
        transport=httpx.MockTransport(handler), base_url="http://test"
    ) as client:
        transport = ProtocolSseTransport(client=client, thread_id="t-1")
        controller = StreamController(transport=transport)
        seqs = await collect(controller.subscribe(["values"], namespaces=[[]], depth=0))
        await controller.close()
    assert seqs == [1]
    assert requests == [{"channels": ["values"], "namespaces": [[]], "depth": 0}]


async def test_a_wider_subscription_rotates_with_since_and_replays_are_not_duplicated() -> None:
    first = Stream([event(1), event(2)], live=True)
    # The wider stream replays 2 (already delivered) then goes on.
    second = Stream([event(2), event(3, "updates"), event(4)])
    transport = Transport(first, second)
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    values = controller.subscribe(["values"])
    got = [(await anext(values))["seq"], (await anext(values))["seq"]]
    updates = controller.subscribe(["updates"])
    got_updates = await collect(updates)
    got += await collect(values)
    await controller.close()
    assert got == [1, 2, 4]
    assert got_updates == [3]
    assert transport.opened[1] == {"channels": ["updates", "values"], "since": 2}
    assert first.closed


async def test_a_dropped_stream_is_reopened_with_since(no_sleep: list[float]) -> None:
    transport = Transport(
        Stream([event(1)], error=httpx.ReadError("cut")),
        httpx.ConnectError("refused"),
        Stream([event(1), event(2)]),
    )
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    assert await collect(controller.subscribe(["values"])) == [1, 2]
    assert [params.get("since") for params in transport.opened] == [None, 1, 1]
    assert len(no_sleep) == 1  # after the refused attempt
    await controller.close()


async def test_exhausted_reconnects_raise_the_last_error(no_sleep: list[float]) -> None:
    transport = Transport(
        Stream([event(1)], error=httpx.ReadError("cut")),
        httpx.ConnectError("refused 1"),
        httpx.ConnectError("refused 2"),
    )
    controller = StreamController(
        transport=transport,  # type: ignore[arg-type]
        max_reconnect_attempts=2,
        reconnect_backoff_base=0.5,
        reconnect_backoff_cap=0.5,
    )
    subscription = controller.subscribe(["values"])
    assert (await anext(subscription))["seq"] == 1
    with pytest.raises(httpx.ConnectError, match="refused 2"):
        await anext(subscription)
    assert len(no_sleep) == 2
    assert all(0.5 <= delay <= 0.625 for delay in no_sleep)
    await controller.close()


async def test_a_404_on_reconnect_is_not_retried(no_sleep: list[float]) -> None:
    transport = Transport(Stream([], error=httpx.ReadError("cut")), not_found())
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    with pytest.raises(httpx.HTTPStatusError, match="not found"):
        await collect(controller.subscribe(["values"]))
    assert len(transport.opened) == 2
    assert no_sleep == []
    await controller.close()


async def test_a_reader_that_keeps_up_gets_every_event_through_a_small_queue() -> None:
    stream = Stream([event(seq) for seq in range(1, 21)], paced=True)
    controller = StreamController(transport=Transport(stream), max_queue_size=2)  # type: ignore[arg-type]
    assert await collect(controller.subscribe(["values"])) == list(range(1, 21))
    await controller.close()


async def test_a_subscription_too_far_behind_ends_with_an_error_and_the_others_go_on() -> None:
    stream = Stream([event(seq) for seq in range(1, 11)], paced=True)
    controller = StreamController(transport=Transport(stream), max_queue_size=2)  # type: ignore[arg-type]
    reader = asyncio.create_task(collect(controller.subscribe(["values"])))
    await asyncio.sleep(0)  # registered (subscriptions register when first read)
    behind = controller.subscribe(["values"])
    assert (await anext(behind))["seq"] == 1
    assert await asyncio.wait_for(reader, 1) == list(range(1, 11))
    # What it had queued comes first, then the error: nothing is dropped silently.
    assert (await anext(behind))["seq"] == 2
    assert (await anext(behind))["seq"] == 3
    with pytest.raises(SubscriptionOverflowError, match="max_queue_size"):
        await anext(behind)
    await controller.close()


async def test_close_ends_a_waiting_subscription() -> None:
    stream = Stream([event(1)], live=True)
    controller = StreamController(transport=Transport(stream))  # type: ignore[arg-type]
    subscription = controller.subscribe(["values"])
    assert (await anext(subscription))["seq"] == 1
    waiting = asyncio.create_task(anext(subscription))
    await asyncio.sleep(0.01)
    await controller.close()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(waiting, 1)
    assert stream.closed


async def test_a_rotation_that_fails_keeps_the_old_stream() -> None:
    first = Stream([event(1), event(2)], live=True)
    transport = Transport(first, httpx.ConnectError("refused"))
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    values = controller.subscribe(["values"])
    assert (await anext(values))["seq"] == 1
    with pytest.raises(httpx.ConnectError):
        await anext(controller.subscribe(["updates"]))
    assert (await anext(values))["seq"] == 2
    assert not first.closed
    await controller.close()


async def test_an_error_frame_is_logged_and_the_stream_reopened(
    no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    frame = {"type": "error", "id": None, "error": "internal", "message": "read failed"}
    transport = Transport(Stream([event(1), frame]), Stream([event(2)]))
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="langgraph_sdk.stream.controller"):
        assert await collect(controller.subscribe(["values"])) == [1, 2]
    assert "read failed" in caplog.text
    assert transport.opened[1]["since"] == 1
    await controller.close()


async def test_run_start_gate_is_awaited_before_a_stream_opens() -> None:
    transport = Transport(Stream([event(1)]))
    gate = asyncio.Event()

    async def wait_for_run_start() -> None:
        await gate.wait()

    controller = StreamController(transport=transport, run_start_gate=wait_for_run_start)  # type: ignore[arg-type]
    reader = asyncio.create_task(collect(controller.subscribe(["values"])))
    await asyncio.sleep(0.01)
    assert transport.opened == []
    gate.set()
    assert await asyncio.wait_for(reader, 1) == [1]
    await controller.close()


async def test_applied_through_seq_seeds_since() -> None:
    transport = Transport(Stream([]))
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    controller.observe_applied_through_seq(17)
    controller.observe_applied_through_seq(True)  # not a sequence number
    await collect(controller.subscribe(["values"]))
    assert transport.opened == [{"channels": ["values"], "since": 17}]
    await controller.close()


async def test_bad_subscribe_arguments_fail_before_any_request() -> None:
    transport = Transport()
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="channels"):
        controller.subscribe("values")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="namespaces"):
        controller.subscribe(["values"], namespaces="a")  # type: ignore[arg-type]
    assert transport.opened == []


async def test_a_closed_controller_subscription_ends_at_once() -> None:
    transport = Transport()
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    await controller.close()
    assert await collect(controller.subscribe(["values"])) == []
    assert transport.opened == []


def test_seen_event_ids_keep_the_most_recent() -> None:
    seen = _SeenEventIds(maxsize=2)
    for event_id in ("a", "b", "a", "c"):
        seen.add(event_id)
    assert list(seen) == ["a", "c"]
    assert "b" not in seen
    assert len(seen) == 2


async def test_refused_stream_typed_error_passes_through() -> None:
    request = httpx.Request("POST", "http://test/threads/t-1/stream/events")
    refused = errors.error_for_response(
        httpx.Response(404, json={"detail": "Thread not found"}, request=request)
    )
    controller = StreamController(transport=Transport(refused))  # type: ignore[arg-type]
    with pytest.raises(errors.NotFoundError):
        await collect(controller.subscribe(["values"]))
    await controller.close()


async def test_a_subscription_after_the_stream_ended_opens_a_new_one_with_since() -> None:
    transport = Transport(Stream([event(1), event(2)]), Stream([event(3)]))
    controller = StreamController(transport=transport)  # type: ignore[arg-type]
    assert await collect(controller.subscribe(["values"])) == [1, 2]
    assert await collect(controller.subscribe(["values"])) == [3]
    assert transport.opened[1] == {"channels": ["values"], "since": 2}
    await controller.close()


async def test_closing_while_waiting_for_the_run_start_gate_opens_nothing() -> None:
    transport = Transport(Stream([event(1)]))
    gate = asyncio.Event()

    async def wait_for_run_start() -> None:
        await gate.wait()

    controller = StreamController(transport=transport, run_start_gate=wait_for_run_start)  # type: ignore[arg-type]
    reader = asyncio.create_task(collect(controller.subscribe(["values"])))
    await asyncio.sleep(0.01)
    await controller.close()
    gate.set()
    assert await asyncio.wait_for(reader, 1) == []
    assert transport.opened == []
