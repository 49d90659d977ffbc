"""A loopback HTTP/1.1 proxy that breaks things on purpose, for resilience tests.

    with FaultProxy(upstream_url, Faults(seed=7, cut_streams=True)) as proxy:
        client = get_client(url=proxy.url)
        ...
        proxy.stats.cuts  # how many event streams it cut

It sits between the SDK and the real Agent Server, parses just enough HTTP/1.1 (request bodies by
``Content-Length``, responses by ``Content-Length`` or chunked framing) and, as `Faults` asks:

- cuts event streams after a random number of body bytes: with a TCP reset, a FIN mid-chunk,
  a clean end of the chunked body (the client sees a normal end before the run ended), or a
  stall (nothing more is sent, the connection stays open: a half-open socket);
- resets keep-alive connections right after a response;
- delays responses;
- for requests tagged with an ``x-call`` header: refuses some with ``429`` without forwarding
  them and, for ``POST``, forwards some and then answers ``500`` or resets the connection
  instead of the server's answer (the work was done; the client must not do it again);
- cuts the body of a ``POST`` answer that names a run to join (``/wait``, ``cancel?wait=1``).

Standard library only; it runs its own event loop in a daemon thread, on 127.0.0.1 only, and
every fault is bounded (``max_cuts``, stall timeout) so that it stops by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit

__all__ = ["FaultProxy", "Faults", "Stats"]

CUT_KINDS = ("reset", "fin", "clean", "stall")


@dataclass
class Faults:
    """What to break, and how often (ratios are probabilities per occasion)."""

    seed: int = 0
    #: Cut event streams after ``cut_min``..``cut_max`` body bytes, at most ``max_cuts`` times.
    cut_streams: bool = False
    cut_min: int = 300
    cut_max: int = 4000
    max_cuts: int = 1000
    #: Weights of the cut kinds ``reset``, ``fin``, ``clean``, ``stall``.
    cut_weights: tuple[float, float, float, float] = (0.4, 0.3, 0.25, 0.05)
    #: A stalled connection is closed after this long if the client has not given up first.
    stall_seconds: float = 20.0
    #: Reset the client's connection after a complete response.
    reset_keepalive: float = 0.0
    #: Delay each response by up to this many seconds.
    max_delay: float = 0.0
    #: Tagged requests: refuse with 429; tagged POSTs: answer 500 or reset after forwarding.
    refuse_429: float = 0.0
    fail_500_after: float = 0.0
    reset_after: float = 0.0
    #: Cut (with a reset) the body of a response that names a run to join (``/wait``).
    cut_waits: float = 0.0


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)
    cuts: Counter[str] = field(default_factory=Counter)
    keepalive_resets: int = 0
    delayed: int = 0
    #: Per ``x-call`` tag: ``"<METHOD> received"``, ``"<METHOD> forwarded"``,
    #: ``"<METHOD> refused_429"`` and the faults applied after forwarding a ``POST``
    #: (``failed_500_after``, ``reset_after``).
    calls: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def total_cuts(self) -> int:
        return sum(self.cuts.values())


class _Cut(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class FaultProxy:
    """The proxy; a context manager giving its ``url``."""

    def __init__(self, upstream: str, faults: Faults | None = None) -> None:
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.faults = faults or Faults()
        self.stats = Stats()
        self._random = random.Random(self.faults.seed)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[None]] = set()
        self.url = ""

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        port = future.result(timeout=10)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def set_faults(self, faults: Faults) -> None:
        """Change the faults for the requests that follow."""
        self.faults = faults

    async def _start(self) -> int:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            _abort(writer)
        # A connection accepted just now may still be connecting upstream: end it here rather
        # than leave it to be destroyed with the loop.
        for task in list(self._handlers):
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    # One client connection, and its own upstream connection.

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
            task.add_done_callback(self._handlers.discard)
        self._writers.add(writer)
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                request_line, headers = _parse_head(head)
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                method, target = request_line.split(" ")[:2]
                path = target.split("?")[0]
                self.stats.requests[f"{method} {path}"] += 1
                tag = headers.get("x-call")
                calls = self.stats.calls.setdefault(tag, Counter()) if tag else Counter()
                calls[f"{method} received"] += 1
                faults, rnd = self.faults, self._random
                if tag:
                    # A tagged call's fate depends on the call, not on what ran concurrently.
                    rnd = random.Random(
                        f"{faults.seed}:{tag}:{method}:{calls[f'{method} received']}"
                    )
                if tag and rnd.random() < faults.refuse_429:
                    calls[f"{method} refused_429"] += 1
                    writer.write(_response(429, b'{"detail":"slow down"}', {"retry-after": "0"}))
                    await writer.drain()
                    continue
                if upstream is None:
                    upstream = await asyncio.open_connection(self.upstream_host, self.upstream_port)
                up_reader, up_writer = upstream
                up_writer.write(head + body)
                await up_writer.drain()
                calls[f"{method} forwarded"] += 1
                if tag and method == "POST":
                    if rnd.random() < faults.fail_500_after:
                        calls["failed_500_after"] += 1
                        await _drain_response(up_reader)
                        writer.write(_response(500, b"Internal Server Error", {}))
                        await writer.drain()
                        return  # like the server: the connection closes after a 500
                    if rnd.random() < faults.reset_after:
                        calls["reset_after"] += 1
                        return  # the finally resets both sides, no answer at all
                keep = await self._relay_response(up_reader, reader, writer, method)
                if not keep:
                    return
                if rnd.random() < faults.reset_keepalive:
                    self.stats.keepalive_resets += 1
                    await asyncio.sleep(rnd.uniform(0, 0.01))
                    return
        except (ConnectionError, asyncio.IncompleteReadError, _Cut):
            return
        finally:
            self._writers.discard(writer)
            if not writer.transport.is_closing():
                _abort(writer)
            if upstream is not None:
                _abort(upstream[1])

    async def _relay_response(
        self,
        up_reader: asyncio.StreamReader,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        method: str,
    ) -> bool:
        """Forward one response, maybe breaking it; whether the connection may be reused."""
        faults, rnd = self.faults, self._random
        head = await up_reader.readuntil(b"\r\n\r\n")
        status_line, headers = _parse_head(head)
        if faults.max_delay:
            self.stats.delayed += 1
            await asyncio.sleep(rnd.uniform(0, faults.max_delay))
        event_stream = headers.get("content-type", "").startswith("text/event-stream")
        joinable = headers.get("location", "").endswith("/join")
        cut_at: int | None = None
        kind = "reset"
        if event_stream and faults.cut_streams and self.stats.total_cuts < faults.max_cuts:
            cut_at = rnd.randint(faults.cut_min, faults.cut_max)
            kind = rnd.choices(CUT_KINDS, weights=faults.cut_weights)[0]
        elif joinable and method == "POST" and rnd.random() < faults.cut_waits:
            cut_at, kind = 0, "reset"
        writer.write(head)
        await writer.drain()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            run = headers.get("content-location") if event_stream else None
            await self._relay_chunked(up_reader, reader, writer, cut_at, kind, run)
        else:
            length = int(headers.get("content-length", "0"))
            body = await up_reader.readexactly(length)
            writer.write(body)
            await writer.drain()
        # The server closes its connection after a 500 without saying so: so does the proxy.
        status = int(status_line.split(" ")[1])
        return status < 500 and "close" not in headers.get("connection", "").lower()

    async def _relay_chunked(
        self,
        up_reader: asyncio.StreamReader,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        cut_at: int | None,
        kind: str,
        run: str | None,
    ) -> None:
        sent = 0
        while True:
            size_line = await up_reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                writer.write(size_line + await up_reader.readuntil(b"\r\n"))
                await writer.drain()
                return
            frame = size_line + await up_reader.readexactly(size + 2)
            if cut_at is not None and sent + size >= cut_at:
                if kind == "clean" and not (run and await self._run_is_live(run)):
                    # A clean early end models a server ending the stream of a live run;
                    # once the run is over, a clean end would be the real one: cut instead.
                    kind = "reset"
                self.stats.cuts[kind] += 1
                if kind == "clean":
                    # A well-formed end of the body: the client sees a normal close.
                    writer.write(frame + b"0\r\n\r\n")
                    await writer.drain()
                    writer.close()
                    raise _Cut(kind)
                writer.write(frame[: len(size_line) + (cut_at - sent)])
                await writer.drain()
                if kind == "fin":
                    writer.close()
                elif kind == "stall":
                    await self._stall(reader, writer)
                raise _Cut(kind)
            writer.write(frame)
            await writer.drain()
            sent += size

    async def _run_is_live(self, run_path: str) -> bool:
        reader, writer = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        try:
            writer.write(
                f"GET {run_path} HTTP/1.1\r\nhost: upstream\r\nconnection: close\r\n\r\n".encode()
            )
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        body = raw.split(b"\r\n\r\n", 1)[-1]
        return b'"status":"pending"' in body or b'"status":"running"' in body

    async def _stall(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Send nothing more and keep the connection open, until the client gives up."""
        transport = writer.transport
        waited = 0.0
        while (
            not transport.is_closing()
            and not reader.at_eof()
            and waited < self.faults.stall_seconds
        ):
            await asyncio.sleep(0.05)
            waited += 0.05


def _parse_head(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


async def _drain_response(reader: asyncio.StreamReader) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    _, headers = _parse_head(head)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                return
    await reader.readexactly(int(headers.get("content-length", "0")))


def _response(status: int, body: bytes, headers: dict[str, str]) -> bytes:
    reason = {429: "Too Many Requests", 500: "Internal Server Error"}[status]
    lines = [f"HTTP/1.1 {status} {reason}", f"content-length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (no FIN): what a dropped connection looks like to the peer."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
