"""The official client-side filter rules (`lg_threads.filters`), stream error classification
(`lg_threads.stream_errors`) and the multi-reader log (`lg_threads.multi_cursor_buffer`)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from lg_threads.filters import (
    compute_union_filter,
    exact_namespace_filter,
    filter_covers,
    infer_channel,
    is_prefix_match,
    is_root_terminal_lifecycle,
    matches_subscription,
    namespace_matches,
    subgraph_filter,
)
from lg_threads.multi_cursor_buffer import MultiCursorBuffer
from lg_threads.stream_errors import (
    is_non_retryable_stream_error,
    protocol_error,
    stream_error_frame,
)


def event(method: str, namespace: list[str], data: Any = None) -> dict[str, Any]:
    return {"method": method, "params": {"namespace": namespace, "data": data}}


def test_channels_and_matching() -> None:
    assert infer_channel(event("custom", [], {"name": "progress"})) == "custom:progress"
    assert infer_channel(event("custom", [], {})) == "custom"
    assert infer_channel(event("input.requested", [])) == "input"
    assert infer_channel(event("brand-new", [])) is None
    assert is_prefix_match(["child:1", "x"], ["child"])
    assert not is_prefix_match(["child:1"], ["child:2"])
    assert namespace_matches(["a", "b"], None, 0)  # unscoped: depth does not apply
    assert namespace_matches(["a", "b"], [["a"]], 1) and not namespace_matches(
        ["a", "b"], [["a"]], 0
    )
    named = event("custom", ["a"], {"name": "p"})
    assert matches_subscription(named, {"channels": ["custom"], "namespaces": [["a"]]})
    assert not matches_subscription(named, {"channels": ["values"]})


def test_union_and_cover() -> None:
    union = compute_union_filter(
        [
            {"channels": ["values"], "namespaces": [["a"]], "depth": 0},
            {"channels": ["messages", "values"], "namespaces": [["b"], ["a"]], "depth": 2},
        ]
    )
    assert union == {"channels": ["messages", "values"], "namespaces": [["a"], ["b"]], "depth": 2}
    assert compute_union_filter([{"channels": ["x"]}, {"channels": ["y"], "depth": 1}]) == {
        "channels": ["x", "y"]
    }
    assert compute_union_filter([]) == {"channels": []}
    assert filter_covers(union, {"channels": ["values"], "namespaces": [["a", "c"]], "depth": 1})
    assert not filter_covers(
        union, {"channels": ["values"], "namespaces": [["a", "c"]], "depth": 2}
    )
    assert not filter_covers(union, {"channels": ["values"]})
    assert filter_covers({"channels": ["values"]}, {"channels": ["values"], "depth": 3})


def test_stream_errors() -> None:
    assert str(protocol_error({"error": "bad", "message": "m"})) == "Protocol error [bad]: m"
    assert stream_error_frame({"type": "error", "id": None, "error": "e"}) is not None
    assert stream_error_frame({"type": "error", "id": 3}) is None
    request = httpx.Request("GET", "http://h")

    def status(code: int) -> httpx.HTTPStatusError:
        return httpx.HTTPStatusError("x", request=request, response=httpx.Response(code))

    assert is_non_retryable_stream_error(status(403))
    assert not is_non_retryable_stream_error(status(429))
    assert not is_non_retryable_stream_error(status(503))
    assert not is_non_retryable_stream_error(None)
    from websockets.exceptions import ConnectionClosedError
    from websockets.frames import Close

    assert is_non_retryable_stream_error(ConnectionClosedError(Close(4404, "gone"), None))
    assert not is_non_retryable_stream_error(ConnectionClosedError(Close(1011, "oops"), None))


async def test_every_reader_sees_the_whole_log() -> None:
    buffer: MultiCursorBuffer[int] = MultiCursorBuffer()
    buffer.push(1)

    async def read() -> list[int]:
        return [item async for item in buffer]

    early = asyncio.create_task(read())
    await asyncio.sleep(0)
    buffer.push(2)
    buffer.close()
    assert await early == [1, 2]
    buffer.push(3)  # after close: a reader that ended misses it, one starting later sees it
    assert await read() == [1, 2, 3]
    assert len(buffer) == 3


def test_filter_builders_and_the_run_end_test() -> None:
    assert exact_namespace_filter(["values"], ["a"]) == {
        "channels": ["values"],
        "namespaces": [["a"]],
        "depth": 0,
    }
    scoped = subgraph_filter(("child:1",))
    assert scoped == {
        "channels": ["messages", "tasks", "tools", "lifecycle"],
        "namespaces": [["child:1"]],
    }
    assert matches_subscription(event("tools", ["child:1", "deeper"]), scoped)
    assert is_root_terminal_lifecycle(event("lifecycle", [], {"event": "completed"}))
    assert is_root_terminal_lifecycle(event("lifecycle", [], {"event": "failed"}))
    assert not is_root_terminal_lifecycle(event("lifecycle", [], {"event": "interrupted"}))
    assert not is_root_terminal_lifecycle(event("lifecycle", ["child"], {"event": "completed"}))
    assert not is_root_terminal_lifecycle(event("values", [], {"event": "completed"}))
    assert not is_root_terminal_lifecycle("lifecycle")
