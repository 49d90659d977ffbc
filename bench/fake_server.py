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
- ``POST /runs/stream``                    the S8 stream (stateless runs: what ``RemoteGraph`` calls)
- ``POST /threads/{t}/commands``           a protocol-v2 command's success envelope (``run.start``)
- ``POST /threads/{t}/stream/events``      the S7 thread stream over SSE, filtered by the body's
  ``channels`` and ``since`` as the real server does
- ``GET /threads/{t}/stream/events``       the same over a WebSocket (``Upgrade: websocket``),
  after the client's ``subscription.subscribe`` command

Streams: ``S1`` 200,000 ``messages`` token events of ~100 B; ``S2`` 2,000 ``values`` events of
~50 KiB (~100 MB; four messages whose long texts hold most of the bytes); ``S7`` one run's thread
stream: ``lifecycle`` running, one AI message of 100,000 ``content-block-delta`` events of ~8 B of
text (~190 B framed), ``lifecycle`` completed; ``S8`` 50,000 ``messages`` token events. Sizes can
be changed on the command line.

Run: ``python bench/fake_server.py --port 0`` prints ``READY <port>`` once listening. Standard
library only; it runs in any of the bench's environments.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import signal
import socket
import sys
from collections import deque

# Stream ids: thread ids in the path of POST /threads/{id}/runs/stream.
S1_THREAD = "00000000-0000-4000-8000-000000000001"
S2_THREAD = "00000000-0000-4000-8000-000000000002"
SMALL_THREAD = "00000000-0000-4000-8000-000000000003"
#: S9's streams: 200 token events each (a chat answer), on every thread id ending in this group.
S9_SUFFIX = "c9c9c9"
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


# --- S7: protocol-v2 thread streams ---------------------------------------------------------


def _thread_event(seq: int, method: str, data: dict[str, object]) -> dict[str, object]:
    params = {"namespace": [], "timestamp": 1795000000000 + seq, "data": data}
    if method == "messages":
        params["node"] = "agent"
    return {"type": "event", "event_id": f"{seq}", "seq": seq, "method": method, "params": params}


def render_thread_run(n_deltas: int) -> list[dict[str, object]]:
    """One run as a thread stream: its start, one AI message of ``n`` text deltas, its end."""
    texts = [f"t{i:06d} " for i in range(n_deltas)]
    items: list[tuple[str, dict[str, object]]] = [
        ("lifecycle", {"event": "running", "graph_name": "agent"}),
        ("messages", {"event": "message-start", "role": "ai", "id": "msg-1"}),
        (
            "messages",
            {"event": "content-block-start", "index": 0, "content": {"type": "text", "text": ""}},
        ),
    ]
    for text in texts:
        delta = {"type": "text-delta", "text": text}
        items.append(("messages", {"event": "content-block-delta", "index": 0, "delta": delta}))
    whole = {"type": "text", "text": "".join(texts)}
    items.append(("messages", {"event": "content-block-finish", "index": 0, "content": whole}))
    items.append(("messages", {"event": "message-finish"}))
    items.append(("lifecycle", {"event": "completed"}))
    return [_thread_event(seq, m, d) for seq, (m, d) in enumerate(items, start=1)]


def _sse_thread_event(event: dict[str, object], data: bytes) -> bytes:
    body = b"event: %s\r\ndata: %s\r\nid: %d\r\n\r\n" % (
        str(event["method"]).encode(),
        data,
        event["seq"],
    )
    return b"%x\r\n%s\r\n" % (len(body), body)


def ws_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """One unmasked, final server frame."""
    n = len(payload)
    if n < 126:
        head = bytes([0x80 | opcode, n])
    elif n < 1 << 16:
        head = bytes([0x80 | opcode, 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 127]) + n.to_bytes(8, "big")
    return head + payload


WS_CLOSE_NORMAL = ws_frame((1000).to_bytes(2, "big"), 0x8)
_WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class ThreadRun:
    """The S7 run pre-rendered per event, in both framings; answers are cached per filter.

    The whole run in either framing is rendered at start-up, not by the first subscription
    to ask for it: that one would otherwise wait for the rendering inside its measured time."""

    def __init__(self, n_deltas: int) -> None:
        events = render_thread_run(n_deltas)
        self.events = [(int(e["seq"]), str(e["method"]), _compact(e)) for e in events]
        self.methods = frozenset(method for _, method, _ in self.events)
        self._cache: dict[tuple[str, frozenset[str], int], bytes] = {}
        for kind in ("sse", "ws"):
            self.render(kind, list(self.methods), 0)

    def render(self, kind: str, channels: list[str], since: int) -> bytes:
        wanted = self.methods.intersection(channels)  # filters selecting the same events share
        key = (kind, wanted, since)
        cached = self._cache.get(key)
        if cached is None:
            frame = _sse_chunk if kind == "sse" else _ws_event
            cached = b"".join(
                frame(seq, method, data)
                for seq, method, data in self.events
                if seq > since and method in wanted
            )
            self._cache[key] = cached
        return cached


def _sse_chunk(seq: int, method: str, data: bytes) -> bytes:
    return _sse_thread_event({"method": method, "seq": seq}, data)


def _ws_event(seq: int, method: str, data: bytes) -> bytes:
    return ws_frame(data)


def _subscription(body: bytes) -> tuple[list[str], int]:
    params = json.loads(body or b"{}")
    if "params" in params:  # a WebSocket subscribe command
        params = params["params"]
    since = params.get("since")
    return list(params.get("channels") or []), since if isinstance(since, int) else 0


class Routes:
    def __init__(
        self, s1_events: int, s2_events: int, s2_size: int, s7_deltas: int, s8_events: int
    ) -> None:
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
        self.s8 = stream_response(S1_THREAD, render_token_stream(s8_events))
        self.s9 = render_token_stream(200)
        self.thread_run = ThreadRun(s7_deltas)

    def command(self, body: bytes) -> bytes:
        command = json.loads(body)
        return json_response(
            {
                "type": "success",
                "id": command["id"],
                "result": {"run_id": RUN_ID},
                "meta": {"applied_through_seq": 0},
            }
        )

    def thread_events(self, body: bytes) -> tuple[bytes, ...]:
        channels, since = _subscription(body)
        head = _head(
            b"200 OK",
            b"text/event-stream; charset=utf-8",
            b"cache-control: no-store\r\nconnection: keep-alive\r\nx-accel-buffering: no\r\n"
            b"transfer-encoding: chunked\r\n\r\n",
        )
        # In pieces: joined, the cached events would be copied into a new ~20 MB answer on
        # every request, server work inside each client's measured time.
        return head, self.thread_run.render("sse", channels, since), b"0\r\n\r\n"

    def answer(self, method: bytes, target: bytes, body: bytes = b"") -> bytes | tuple[bytes, ...]:
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
            if path == "/runs/stream":
                return self.s8
            if len(parts) == 4 and parts[0] == "threads" and parts[2:] == ["runs", "stream"]:
                stream = self.streams.get(parts[1])
                if stream is not None:
                    return stream
                if parts[1].endswith(S9_SUFFIX):
                    return stream_response(parts[1], self.s9)
            if len(parts) == 3 and parts[0] == "threads" and parts[2] == "commands":
                return self.command(body)
            if len(parts) == 4 and parts[0] == "threads" and parts[2:] == ["stream", "events"]:
                return self.thread_events(body)
        return self.not_found


class HttpProtocol(asyncio.Protocol):
    """HTTP/1.1 keep-alive: parse request heads and Content-Length bodies, write answers."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.pending: deque[memoryview] | None = None  # the unsent rest of a large answer
        self.paused = False
        self.websocket = False  # after an upgrade: client frames, not HTTP requests

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
        if self.websocket:
            self._process_frames()
            return
        while self.pending is None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end])
            lines = head.split(b"\r\n")
            method, target, _ = lines[0].split(b" ", 2)
            length = 0
            ws_key = None
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding":
                    raise RuntimeError("chunked request bodies are not supported here")
                elif name == b"sec-websocket-key":
                    ws_key = value.strip()
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            body = bytes(self.buffer[end + 4 : total])
            del self.buffer[:total]
            if ws_key is not None:
                self._upgrade(ws_key)
                return
            self._send(self.routes.answer(method, target, body))

    # --- WebSocket (S7): the handshake, then one subscribe command in, the events out -------

    def _upgrade(self, key: bytes) -> None:
        accept = base64.b64encode(hashlib.sha1(key + _WS_GUID).digest())
        assert self.transport is not None
        self.transport.write(
            b"HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
            b"sec-websocket-accept: " + accept + b"\r\ndate: " + _DATE + b"\r\n"
            b"server: uvicorn\r\n\r\n"
        )
        self.websocket = True
        self._process_frames()

    def _process_frames(self) -> None:
        while True:
            buffer = self.buffer
            if len(buffer) < 2:
                return
            opcode, n, offset = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
            if n == 126:
                n, offset = int.from_bytes(buffer[2:4], "big"), 4
            elif n == 127:
                n, offset = int.from_bytes(buffer[2:10], "big"), 10
            masked = buffer[1] & 0x80
            end = offset + (4 if masked else 0) + n
            if len(buffer) < end:
                return
            payload = bytes(buffer[end - n : end])
            if masked:
                mask = buffer[offset : offset + 4]
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            del buffer[:end]
            self._on_frame(opcode, payload)

    def _on_frame(self, opcode: int, payload: bytes) -> None:
        assert self.transport is not None
        if opcode in (0x1, 0x2):  # the subscribe command: its answer, the events, a close
            channels, since = _subscription(payload)
            command_id = json.loads(payload).get("id")
            ack = {"type": "success", "id": command_id, "result": {}, "meta": {}}
            events = self.routes.thread_run.render("ws", channels, since)
            self._send((ws_frame(_compact(ack)), events, WS_CLOSE_NORMAL))
        elif opcode == 0x9:  # ping
            self.transport.write(ws_frame(payload, 0xA))
        elif opcode == 0x8:  # the client's close (or its answer to ours)
            if self.pending is None:
                self.transport.write(WS_CLOSE_NORMAL)
            self.transport.close()

    def _send(self, answer: bytes | tuple[bytes, ...]) -> None:
        """Write ``answer`` (bytes, or pieces sent one after the other), a slice at a time
        while the socket keeps up."""
        assert self.transport is not None
        if isinstance(answer, bytes) and len(answer) <= _WRITE_SLICE:
            self.transport.write(answer)
            return
        pieces = (answer,) if isinstance(answer, bytes) else answer
        self.pending = deque(memoryview(piece) for piece in pieces if piece)
        self._pump()

    def _pump(self) -> None:
        assert self.transport is not None
        pending = self.pending
        while pending and not self.paused:
            piece, rest = pending[0][:_WRITE_SLICE], pending[0][_WRITE_SLICE:]
            if len(rest):
                pending[0] = rest
            else:
                pending.popleft()
            self.transport.write(piece)
        if pending is not None and not pending:
            self.pending = None
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
    parser.add_argument("--s7-deltas", type=int, default=100_000)
    parser.add_argument("--s8-events", type=int, default=50_001)  # metadata + 50,000
    args = parser.parse_args(argv)
    routes = Routes(args.s1_events, args.s2_events, args.s2_size, args.s7_deltas, args.s8_events)
    if os.environ.get("FAKE_SERVER_VERBOSE"):
        for key, value in routes.streams.items():
            print(f"stream {key}: {len(value):,} bytes", file=sys.stderr)
    asyncio.run(serve(args.port, routes))


if __name__ == "__main__":
    main()
