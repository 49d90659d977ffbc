"""The scripted fake Agent Server shared by the async and sync thread-stream tests.

It answers protocol commands, ``GET /threads/{id}`` and ``GET /threads/{id}/state``, and event
streams from canned frames, filtering them by channel and namespace as the real server does
(written independently of the client), with cuts, early ends and replays on request.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

# The fake server.


def ev(
    seq: int, method: str, data: Any, ns: list[str] | None = None, **params: Any
) -> dict[str, Any]:
    return {
        "type": "event",
        "event_id": f"synth:{seq}",
        "seq": seq,
        "method": method,
        "params": {"namespace": list(ns or []), "timestamp": seq, "data": data, **params},
    }


def frame(event: dict[str, Any]) -> bytes:
    data = json.dumps(event, separators=(",", ":"))
    return f"event: {event['method']}\r\ndata: {data}\r\nid: {event['seq']}\r\n\r\n".encode()


def script(*items: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Events numbered 1, 2, ...: each item is (method, data[, namespace[, params]])."""
    events = []
    for seq, item in enumerate(items, start=1):
        method, data, *rest = item
        ns = rest[0] if rest else None
        extra = rest[1] if len(rest) > 1 else {}
        events.append(ev(seq, method, data, ns, **extra))
    return events


CHILD = ["child:abc"]


def msg(event: str, **data: Any) -> tuple[Any, ...]:
    return ("messages", {"event": event, **data}, None, {"node": "agent"})


def text_message(
    message_id: str, *pieces: str, ns: list[str] | None = None
) -> list[tuple[Any, ...]]:
    whole = "".join(pieces)
    items = [
        (
            "messages",
            {"event": "message-start", "role": "ai", "id": message_id},
            ns,
            {"node": "agent"},
        ),
        (
            "messages",
            {"event": "content-block-start", "index": 0, "content": {"type": "text", "text": ""}},
            ns,
            {"node": "agent"},
        ),
    ]
    for piece in pieces:
        items.append(
            (
                "messages",
                {
                    "event": "content-block-delta",
                    "index": 0,
                    "delta": {"type": "text-delta", "text": piece},
                },
                ns,
                {"node": "agent"},
            )
        )
    items.append(
        (
            "messages",
            {
                "event": "content-block-finish",
                "index": 0,
                "content": {"type": "text", "text": whole},
            },
            ns,
            {"node": "agent"},
        )
    )
    items.append(("messages", {"event": "message-finish"}, ns, {"node": "agent"}))
    return items


#: A run that touches every channel, then one late event after its end.
FULL_RUN = script(
    ("lifecycle", {"event": "running", "graph_name": "echo"}),
    ("values", {"step": 1}),
    ("lifecycle", {"event": "started", "graph_name": "child"}, CHILD),
    ("values", {"child": 1}, CHILD),
    *text_message("m1", "Hel", "lo"),
    *text_message("mc", "child text", ns=CHILD),
    ("custom", {"name": "x", "payload": {"p": 1}}),
    ("custom", {"name": "y", "payload": 2}),
    (
        "tools",
        {
            "event": "tool-started",
            "tool_call_id": "tc1",
            "tool_name": "search",
            "input": {"q": "a"},
        },
    ),
    ("tools", {"event": "tool-output-delta", "tool_call_id": "tc1", "delta": "par"}),
    ("tools", {"event": "tool-output-delta", "tool_call_id": "tc1", "delta": "tial"}),
    ("tools", {"event": "tool-finished", "tool_call_id": "tc1", "output": {"r": 1}}),
    ("lifecycle", {"event": "completed"}, CHILD),
    *text_message("m2", "Wor", "ld", "!"),
    ("custom", {"name": "x", "payload": {"p": 2}}),
    ("values", {"step": 2, "final": True}),
    ("lifecycle", {"event": "completed"}),
    ("values", {"late": True}),
)


def lifecycle_seqs(events: list[dict[str, Any]]) -> list[int]:
    return [x["seq"] for x in events if x["method"] == "lifecycle"]


FULL_END = lifecycle_seqs(FULL_RUN)[-1]
CHILD_END = lifecycle_seqs(FULL_RUN)[-2]
assert FULL_RUN[FULL_END - 1]["params"] == {
    "namespace": [],
    "timestamp": FULL_END,
    "data": {"event": "completed"},
}
assert FULL_RUN[CHILD_END - 1]["params"]["namespace"] == CHILD
assert len(FULL_RUN) == FULL_END + 1

FAILED_RUN = script(
    ("lifecycle", {"event": "running", "graph_name": "echo"}),
    ("values", {"step": 1}),
    ("lifecycle", {"event": "failed", "error": "ValueError: boom"}),
)

INTERRUPTED_RUN = script(
    ("lifecycle", {"event": "running", "graph_name": "echo"}),
    ("values", {"step": 1}),
    ("input.requested", {"interrupt_id": "i1", "payload": {"question": "ok?"}}),
    ("lifecycle", {"event": "interrupted"}),
)

TWO_INTERRUPTS_RUN = script(
    ("lifecycle", {"event": "running", "graph_name": "echo"}),
    ("input.requested", {"interrupt_id": "i1", "payload": "first"}),
    ("input.requested", {"interrupt_id": "i2", "payload": "second"}, CHILD),
    ("lifecycle", {"event": "interrupted"}),
)

TOOL_ERROR_RUN = script(
    ("lifecycle", {"event": "running", "graph_name": "echo"}),
    (
        "tools",
        {"event": "tool-started", "tool_call_id": "t1", "tool_name": "calc", "input": {"x": 0}},
    ),
    ("tools", {"event": "tool-output-delta", "tool_call_id": "t1", "delta": "div"}),
    (
        "tools",
        {
            "event": "tool-error",
            "tool_call_id": "t1",
            "message": "division by zero",
            "code": "E_ZERO",
        },
    ),
    ("lifecycle", {"event": "completed"}),
)

STATE = {"values": {"step": 2, "final": True}, "next": [], "tasks": []}


class Body(httpx.AsyncByteStream, httpx.SyncByteStream):
    """``chunks``, then a cut (``exc``), a pause (``hang``) or a clean end.

    A hanging sync body waits 5 s and then ends: a sync reader cannot be cancelled."""

    def __init__(
        self, chunks: list[bytes], exc: Exception | None = None, hang: bool = False
    ) -> None:
        self.chunks, self.exc, self.hang = chunks, exc, hang

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.exc is not None:
            raise self.exc
        if self.hang:
            threading.Event().wait(5)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.exc is not None:
            raise self.exc
        if self.hang:
            await asyncio.Event().wait()


def _segment_matches(segment: str, wanted: str) -> bool:
    return segment == wanted or (":" not in wanted and segment.split(":")[0] == wanted)


def server_filter(event: dict[str, Any], body: dict[str, Any]) -> bool:
    """What the real server sends on a subscription (written independently of the client)."""
    channels = body["channels"]
    method = event["method"]
    if method == "input.requested":
        if "input" not in channels:
            return False
    elif method == "custom":
        if (
            "custom" not in channels
            and f"custom:{event['params']['data'].get('name')}" not in channels
        ):
            return False
    elif method not in channels:
        return False
    ns = event["params"]["namespace"]
    depth = body.get("depth")
    prefixes = body.get("namespaces")
    if prefixes is None:
        return depth is None or len(ns) <= depth
    return any(
        len(ns) >= len(prefix)
        and all(_segment_matches(s, w) for s, w in zip(ns, prefix, strict=False))
        and (depth is None or len(ns) - len(prefix) <= depth)
        for prefix in prefixes
    )


@dataclass
class Connection:
    """How one events connection behaves: ``limit`` frames, then ``cut`` or the end."""

    limit: int | None = None
    cut: Exception | None = None
    status: int = 200
    #: Replay from this seq whatever ``since`` says (a server sending some events again).
    replay_from: int | None = None


@dataclass
class FakeServer:
    events: list[dict[str, Any]] = field(default_factory=list)
    state: Any = field(default_factory=lambda: dict(STATE))
    answers: list[Any] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    hang: bool = False
    requests: list[httpx.Request] = field(default_factory=list)
    thread_path: str = "/threads/t1"
    #: Answers of ``GET /threads/t1`` in turn (the last one repeats).
    thread_statuses: list[str] = field(default_factory=lambda: ["idle"])

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        path = request.url.path
        self.thread_path = "/".join(path.split("/")[:3])
        tail = path[len(self.thread_path) :]
        if request.method == "POST" and tail == "/commands":
            body = json.loads(request.content)
            if self.answers:
                answer = self.answers.pop(0)
                if isinstance(answer, httpx.Response):
                    return answer
                return httpx.Response(200, json=answer)
            return httpx.Response(
                200,
                json={
                    "type": "success",
                    "id": body["id"],
                    "result": {"run_id": f"run-{body['id']}"},
                    "meta": {"applied_through_seq": 0},
                },
            )
        if request.method == "POST" and tail == "/stream/events":
            body = json.loads(request.content)
            plan = self.connections.pop(0) if self.connections else Connection()
            if plan.status != 200:
                return httpx.Response(plan.status, json={"detail": "Thread not found"})
            since = body.get("since")
            start = plan.replay_from if plan.replay_from is not None else (since or 0) + 1
            chosen = [x for x in self.events if x["seq"] >= start and server_filter(x, body)]
            if plan.limit is not None:
                chosen = chosen[: plan.limit]
            chunks = [frame(x) for x in chosen]
            if chunks:  # split the last frame: decoding must not care
                last = chunks.pop()
                chunks += [last[:9], last[9:]]
            return httpx.Response(
                200,
                headers={"content-type": "text/event-stream; charset=utf-8"},
                stream=Body(
                    chunks, plan.cut, hang=self.hang and plan.cut is None and plan.limit is None
                ),
            )
        if request.method == "GET" and tail == "/state":
            return httpx.Response(200, json=self.state)
        if request.method == "GET" and tail == "":
            status = self.thread_statuses.pop(0) if len(self.thread_statuses) > 1 else None
            status = status or (self.thread_statuses[0] if self.thread_statuses else "idle")
            return httpx.Response(200, json={"thread_id": "t1", "status": status})
        return httpx.Response(404, json={"detail": f"no route {request.method} {path}"})

    def of(self, method: str, path: str) -> list[httpx.Request]:
        path = path.replace("/threads/t1", self.thread_path, 1)
        return [r for r in self.requests if r.method == method and r.url.path == path]

    @property
    def commands(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.of("POST", "/threads/t1/commands")]

    @property
    def subscriptions(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.of("POST", "/threads/t1/stream/events")]
