"""A fake Agent Server for the benchmarks: pure asyncio, every response pre-rendered.

It answers the few routes the scenarios use with the real server's framing (uvicorn's headers,
``\\r\\n`` SSE lines, one HTTP chunk per event, no final ``end`` event), so that what is
measured is the client, never the server:

- ``GET /ok``                              ``{"ok": true}``
- ``GET /assistants/{id}``                 an assistant object (~700 B)
- ``POST /threads``                        a thread object (~400 B)
- ``POST /threads/{stream_id}/runs/stream`` one of the pre-rendered streams below, chosen by the
  thread id (a UUID whose last group names the stream)
- ``GET /threads/{t}/runs/{r}``            a finished run (the official SDK asks after a stream)

Streams: ``S1`` 200,000 ``messages`` token events of ~100 B; ``S2`` 2,000 ``values`` events of
~50 KiB (~100 MB; four messages whose long texts hold most of the bytes). Sizes can be changed on the command line.

Run: ``python bench/fake_server.py --port 0`` prints ``READY <port>`` once listening. Standard
library only; it runs in any of the bench's environments.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import sys

# Stream ids: thread ids in the path of POST /threads/{id}/runs/stream.
S1_THREAD = "00000000-0000-4000-8000-000000000001"
S2_THREAD = "00000000-0000-4000-8000-000000000002"
SMALL_THREAD = "00000000-0000-4000-8000-000000000003"
RUN_ID = "1f0b2a3c-0000-4000-8000-00000000beef"
ASSISTANT_ID = "046b5dc7-2108-582c-9c6c-31d556d138f0"

_DATE = b"Sat, 21 Nov 2026 19:22:54 GMT"
_WRITE_SLICE = 1 << 20


def _compact(obj: object) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


ASSISTANT = {
    "assistant_id": ASSISTANT_ID,
    "graph_id": "echo",
    "config": {"configurable": {}},
    "context": {},
    "metadata": {"created_by": "system"},
    "name": "echo",
    "description": None,
    "version": 1,
    "created_at": "2026-11-21T19:22:50.123456+00:00",
    "updated_at": "2026-11-21T19:22:50.123456+00:00",
}

THREAD = {
    "thread_id": "8a9c1f4e-5b2d-4c3a-9e8f-7d6c5b4a3f21",
    "created_at": "2026-11-21T19:22:54.000000+00:00",
    "updated_at": "2026-11-21T19:22:54.000000+00:00",
    "metadata": {},
    "status": "idle",
    "config": {},
    "values": None,
    "interrupts": {},
    "error": None,
}

RUN = {
    "run_id": RUN_ID,
    "thread_id": S1_THREAD,
    "assistant_id": ASSISTANT_ID,
    "created_at": "2026-11-21T19:22:54.000000+00:00",
    "updated_at": "2026-11-21T19:22:55.000000+00:00",
    "status": "success",
    "metadata": {},
    "kwargs": {},
    "multitask_strategy": "reject",
}


def _event(name: str, data: bytes) -> bytes:
    """One SSE event as the real server frames it: one HTTP chunk, CRLF lines."""
    body = b"event: " + name.encode() + b"\r\ndata: " + data + b"\r\n\r\n"
    return b"%x\r\n%s\r\n" % (len(body), body)


def _metadata_event() -> bytes:
    return _event("metadata", _compact({"run_id": RUN_ID, "attempt": 1}))


def render_token_stream(n_events: int) -> bytes:
    """``n`` messages-tuple token events of ~100 B each (the event, framing included)."""
    chunks = [_metadata_event()]
    template = '[{"content":"t%06d ","type":"AIMessageChunk"},{"langgraph_node":"agent"}]'
    for i in range(n_events - 1):
        chunks.append(_event("messages", (template % i).encode()))
    return b"".join(chunks) + b"0\r\n\r\n"


def render_values_stream(n_events: int, size: int) -> bytes:
    """``n`` values events of ~``size`` bytes: a chat whose last answer is a long document.

    Four messages, most of the bytes in their text: the shape of a real agent's state after it
    wrote something long (the cost is then in moving bytes, not in building many small objects).
    """
    message = {
        "content": "",
        "additional_kwargs": {},
        "response_metadata": {"model_name": "fake", "finish_reason": "stop"},
        "type": "ai",
        "name": None,
        "id": "",
        "tool_calls": [],
        "usage_metadata": {"input_tokens": 12, "output_tokens": 34, "total_tokens": 46},
    }
    words = "lorem ipsum dolor sit amet, consectetur adipiscing elit; sed do eiusmod tempor. "
    chunks = [_metadata_event()]
    for i in range(n_events - 1):
        messages = []
        for j in range(4):
            m = dict(message)
            m["id"] = f"msg-{i:06d}-{j}"
            messages.append(m)
        base = len(_compact({"messages": messages, "step": i}))
        text = (words * (size // len(words) // 4 + 1))[: max(0, (size - base) // 4)]
        for m in messages:
            m["content"] = text
        data = _compact({"messages": messages, "step": i})
        chunks.append(_event("values", data))
    return b"".join(chunks) + b"0\r\n\r\n"


def _head(status: bytes, content_type: bytes, extra: bytes = b"") -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\ndate: " + _DATE + b"\r\nserver: uvicorn\r\n"
        b"content-type: " + content_type + b"\r\n" + extra
    )


def json_response(obj: object, status: bytes = b"200 OK") -> bytes:
    body = _compact(obj)
    return _head(status, b"application/json", b"content-length: %d\r\n\r\n" % len(body)) + body


def stream_response(thread_id: str, body: bytes) -> bytes:
    run = f"/threads/{thread_id}/runs/{RUN_ID}".encode()
    extra = (
        b"location: " + run + b"/stream\r\ncontent-location: " + run + b"\r\n"
        b"cache-control: no-store\r\nconnection: keep-alive\r\nx-accel-buffering: no\r\n"
        b"vary: Origin\r\ntransfer-encoding: chunked\r\n\r\n"
    )
    return _head(b"200 OK", b"text/event-stream; charset=utf-8", extra) + body


class Routes:
    def __init__(self, s1_events: int, s2_events: int, s2_size: int) -> None:
        self.ok = json_response({"ok": True})
        self.assistant = json_response(ASSISTANT)
        self.thread = json_response(THREAD)
        self.run = json_response(RUN)
        self.not_found = json_response({"detail": "Not Found"}, b"404 Not Found")
        self.streams = {
            S1_THREAD: stream_response(S1_THREAD, render_token_stream(s1_events)),
            S2_THREAD: stream_response(S2_THREAD, render_values_stream(s2_events, s2_size)),
            SMALL_THREAD: stream_response(SMALL_THREAD, render_token_stream(20)),
        }

    def answer(self, method: bytes, target: bytes) -> bytes:
        path = target.split(b"?", 1)[0].decode()
        parts = path.strip("/").split("/")
        if method == b"GET":
            if path == "/ok":
                return self.ok
            if len(parts) == 2 and parts[0] == "assistants":
                return self.assistant
            if len(parts) == 4 and parts[0] == "threads" and parts[2] == "runs":
                return self.run
        elif method == b"POST":
            if path == "/threads":
                return self.thread
            if len(parts) == 4 and parts[0] == "threads" and parts[2:] == ["runs", "stream"]:
                stream = self.streams.get(parts[1])
                if stream is not None:
                    return stream
        return self.not_found


class HttpProtocol(asyncio.Protocol):
    """HTTP/1.1 keep-alive: parse request heads and Content-Length bodies, write answers."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.pending: memoryview | None = None  # the unsent rest of a large answer
        self.paused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._process()

    def _process(self) -> None:
        while self.pending is None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end])
            lines = head.split(b"\r\n")
            method, target, _ = lines[0].split(b" ", 2)
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
                elif name.strip().lower() == b"transfer-encoding":
                    raise RuntimeError("chunked request bodies are not supported here")
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            del self.buffer[:total]
            self._send(self.routes.answer(method, target))

    def _send(self, answer: bytes) -> None:
        assert self.transport is not None
        if len(answer) <= _WRITE_SLICE:
            self.transport.write(answer)
            return
        self.pending = memoryview(answer)
        self._pump()

    def _pump(self) -> None:
        assert self.transport is not None
        while self.pending is not None and not self.paused:
            piece, rest = self.pending[:_WRITE_SLICE], self.pending[_WRITE_SLICE:]
            self.pending = rest if len(rest) else None
            self.transport.write(piece)
        if self.pending is None and self.buffer:
            self._process()

    def pause_writing(self) -> None:
        self.paused = True

    def resume_writing(self) -> None:
        self.paused = False
        self._pump()

    def connection_lost(self, exc: Exception | None) -> None:
        self.pending = None


async def serve(port: int, routes: Routes) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: HttpProtocol(routes), "127.0.0.1", port, backlog=1024, reuse_address=True
    )
    sock = server.sockets[0]
    print(f"READY {sock.getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--s1-events", type=int, default=200_000)
    parser.add_argument("--s2-events", type=int, default=2_000)
    parser.add_argument("--s2-size", type=int, default=50 * 1024)
    args = parser.parse_args(argv)
    routes = Routes(args.s1_events, args.s2_events, args.s2_size)
    if os.environ.get("FAKE_SERVER_VERBOSE"):
        for key, value in routes.streams.items():
            print(f"stream {key}: {len(value):,} bytes", file=sys.stderr)
    asyncio.run(serve(args.port, routes))


if __name__ == "__main__":
    main()
