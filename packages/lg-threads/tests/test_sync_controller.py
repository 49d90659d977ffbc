"""`lg_threads.sync_controller.SyncStreamController`: the sync multiplexer, over scripted
transports and a real `SyncProtocolSseTransport` on a mock HTTP transport."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import lg_threads.sync_controller as controller_module
from lg_threads.sync_controller import SyncStreamController
from lg_threads.transport import SyncEventStreamHandle, SyncProtocolSseTransport


def event(seq: int, method: str = "values", data: Any = None) -> dict[str, Any]:
    return {
        "type": "event",
        "event_id": f"e{seq}",
        "seq": seq,
        "method": method,
        "params": {"namespace": [], "data": {"n": seq} if data is None else data},
    }


def run_end(seq: int) -> dict[str, Any]:
    return event(seq, "lifecycle", {"event": "completed"})


class Stream:
    """A scripted stream: its events, then an error (a drop) or, when ``live``, open until
    closed."""

    def __init__(
        self, events: list[dict[str, Any]], *, error: Exception | None = None, live: bool = False
    ) -> None:
        self.events = events
        self.error = error
        self.live = live
        self.closed = threading.Event()
        self.params: dict[str, Any] | None = None

    def handle(self, params: dict[str, Any]) -> SyncEventStreamHandle:
        self.params = params
        failure: list[BaseException] = []

        def events() -> Iterator[dict[str, Any]]:
            for item in self.events:
                if self.closed.is_set():
                    return
                yield item
            if self.error is not None:
                failure.append(self.error)
                raise self.error
            if self.live:
                self.closed.wait(5)

        return SyncEventStreamHandle(
            events=events(),
            error=lambda: failure[0] if failure else None,
            close=self.closed.set,
        )


class Transport:
    """Hands out the scripted streams in order (an exception in the list is raised instead)."""

    thread_id = "t-1"

    def __init__(self, *streams: Stream | Exception) -> None:
        self.streams = list(streams)
        self.opened: list[dict[str, Any]] = []

    def open_event_stream(self, params: dict[str, Any]) -> SyncEventStreamHandle:
        self.opened.append(params)
        item = self.streams.pop(0)
        if isinstance(item, Exception):
            raise item
        return item.handle(params)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    recorded: list[float] = []
    monkeypatch.setattr(controller_module.time, "sleep", recorded.append)
    return recorded


def seqs(iterator: Iterator[dict[str, Any]]) -> list[int]:
    return [item["seq"] for item in iterator]


def test_subscription_gets_its_channels_and_ends_with_the_stream() -> None:
    stream = Stream([event(1), event(2, "updates"), event(3)])
    controller = SyncStreamController(Transport(stream))  # type: ignore[arg-type]
    assert seqs(controller.subscribe(["values"])) == [1, 3]
    # The shared stream always carries lifecycle: the run's end comes in order.
    assert stream.params == {"channels": ["lifecycle", "values"]}
    controller.close()


def test_the_root_run_end_ends_the_subscription_while_the_stream_stays() -> None:
    stream = Stream([event(1), run_end(2), event(3)], live=True)
    controller = SyncStreamController(Transport(stream))  # type: ignore[arg-type]
    assert seqs(controller.subscribe(["values"])) == [1]
    assert not stream.closed.is_set()
    controller.close()
    assert stream.closed.is_set()


def test_fans_out_over_a_real_sse_transport() -> None:
    body = b"".join(
        b"id: e%d\nevent: message\ndata: %s\n\n" % (item["seq"], json.dumps(item).encode())
        for item in (event(1), event(2, "updates"), event(3))
    )
    requests: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(json.loads(request.content))
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    with httpx.Client(transport=httpx.MockTransport(handler), base_url="http://test") as client:
        transport = SyncProtocolSseTransport(client=client, thread_id="t-1")
        controller = SyncStreamController(transport)
        values = controller.register_subscription({"channels": ["values"]})
        updates = controller.register_subscription({"channels": ["updates"]})
        controller.reconcile_stream({"channels": ["values"]})
        controller.ensure_fanout_running()
        assert [values.queue.get(timeout=1) for _ in range(3)] == [event(1), event(3), None]
        assert [updates.queue.get(timeout=1) for _ in range(2)] == [event(2, "updates"), None]
        controller.close()
    assert requests == [{"channels": ["lifecycle", "updates", "values"]}]


def test_a_dropped_stream_is_reopened_with_since(sleeps: list[float]) -> None:
    transport = Transport(
        Stream([event(1)], error=httpx.ReadError("cut")),
        httpx.ConnectError("refused"),
        Stream([event(1), event(2)]),
    )
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    assert seqs(controller.subscribe(["values"])) == [1, 2]
    assert [params.get("since") for params in transport.opened] == [None, 1, 1]
    assert len(sleeps) == 1  # before the second attempt
    controller.close()


def test_exhausted_reconnects_raise_the_last_error(sleeps: list[float]) -> None:
    transport = Transport(
        Stream([event(1)], error=httpx.ReadError("cut")),
        httpx.ConnectError("refused 1"),
        httpx.ConnectError("refused 2"),
    )
    controller = SyncStreamController(transport, max_reconnect_attempts=2)  # type: ignore[arg-type]
    subscription = controller.subscribe(["values"])
    assert next(subscription)["seq"] == 1
    with pytest.raises(httpx.ConnectError, match="refused 2"):
        next(subscription)
    controller.close()


def test_a_404_on_reconnect_ends_the_subscription_with_it(sleeps: list[float]) -> None:
    request = httpx.Request("POST", "http://test/threads/t-1/stream/events")
    refused = httpx.HTTPStatusError(
        "not found", request=request, response=httpx.Response(404, request=request)
    )
    transport = Transport(Stream([], error=httpx.ReadError("cut")), refused)
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    with pytest.raises(httpx.HTTPStatusError, match="not found"):
        seqs(controller.subscribe(["values"]))
    assert len(transport.opened) == 2
    assert sleeps == []
    controller.close()


def test_rotation_drains_the_old_stream_without_duplicates() -> None:
    old = Stream([event(1), event(2)])
    new = Stream([event(2), event(3, "updates"), event(4)], live=True)
    transport = Transport(old, new)
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    values = controller.register_subscription({"channels": ["values"]})
    controller.reconcile_stream({"channels": ["values"]})
    controller.register_subscription({"channels": ["updates"]})
    controller.reconcile_stream({"channels": ["updates"]})
    controller.ensure_fanout_running()
    received = [values.queue.get(timeout=1)["seq"] for _ in range(3)]
    controller.close()
    assert sorted(received) == [1, 2, 4]
    assert values.queue.get(timeout=1) is None  # and nothing else: 2 came once
    assert transport.opened[1] == {"channels": ["lifecycle", "updates", "values"]}


def test_close_closes_a_stream_still_being_drained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(controller_module, "_JOIN_TIMEOUT", 0.05)
    old = Stream([event(1)], live=True)
    transport = Transport(old, Stream([], live=True))
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    controller.register_subscription({"channels": ["values"]})
    controller.reconcile_stream({"channels": ["values"]})
    controller.register_subscription({"channels": ["updates"]})
    controller.reconcile_stream({"channels": ["updates"]})
    assert not old.closed.is_set()  # drained on its own thread, still open
    controller.close()
    assert old.closed.is_set()


def test_close_ends_a_blocked_subscription() -> None:
    controller = SyncStreamController(Transport(Stream([event(1)], live=True)))  # type: ignore[arg-type]
    received: list[int] = []
    reader = threading.Thread(
        target=lambda: received.extend(seqs(controller.subscribe(["values"])))
    )
    reader.start()
    reader.join(0.2)
    assert reader.is_alive()
    controller.close()
    reader.join(2)
    assert not reader.is_alive()
    assert received == [1]


def test_an_unset_run_start_gate_times_out() -> None:
    transport = Transport(Stream([]))
    controller = SyncStreamController(
        transport,  # type: ignore[arg-type]
        run_start_gate=threading.Event(),
        run_start_timeout=0.01,
    )
    with pytest.raises(TimeoutError, match="run_start_gate"):
        seqs(controller.subscribe(["values"]))
    assert transport.opened == []
    controller.close()


def test_an_error_frame_is_logged_and_the_stream_reopened(
    sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    frame = {"type": "error", "id": None, "error": "internal", "message": "read failed"}
    transport = Transport(Stream([event(1), frame]), Stream([event(2)]))
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="langgraph_sdk.stream.sync_controller"):
        assert seqs(controller.subscribe(["values"])) == [1, 2]
    assert "read failed" in caplog.text
    assert transport.opened[1]["since"] == 1
    controller.close()


def test_applied_through_seq_seeds_since() -> None:
    transport = Transport(Stream([]))
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    controller.observe_applied_through_seq(17)
    seqs(controller.subscribe(["values"]))
    assert transport.opened[0]["since"] == 17
    controller.close()


def test_bad_subscribe_arguments_fail_before_any_request() -> None:
    transport = Transport()
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="channels"):
        controller.subscribe("values")  # type: ignore[arg-type]
    assert transport.opened == []


def test_a_subscription_after_the_stream_ended_opens_a_new_one_with_since() -> None:
    transport = Transport(Stream([event(1), event(2)]), Stream([event(3)]))
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    assert seqs(controller.subscribe(["values"])) == [1, 2]
    assert seqs(controller.subscribe(["values"])) == [3]
    assert transport.opened[1] == {"channels": ["lifecycle", "values"], "since": 2}
    controller.close()


def test_a_closed_controller_subscription_ends_at_once() -> None:
    transport = Transport()
    controller = SyncStreamController(transport)  # type: ignore[arg-type]
    controller.close()
    assert seqs(controller.subscribe(["values"])) == []
    assert transport.opened == []
