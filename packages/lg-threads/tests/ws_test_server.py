"""A scripted WebSocket server on a loopback socket, for the built-in client's tests: each
accepted connection runs a test's ``script(peer)`` in a thread. `Peer` speaks the server side
of RFC 6455 by hand (unmasked frames out, masked frames in), so tests can also send what a
correct server never would."""

from __future__ import annotations

import base64
import hashlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def server_frame(payload: bytes, opcode: int = 0x1, *, fin: bool = True, rsv: int = 0) -> bytes:
    n = len(payload)
    first = (0x80 if fin else 0) | rsv << 4 | opcode
    if n < 126:
        head = bytes((first, n))
    elif n < 1 << 16:
        head = bytes((first, 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((first, 127)) + n.to_bytes(8, "big")
    return head + payload


def close_payload(code: int, reason: str = "") -> bytes:
    return code.to_bytes(2, "big") + reason.encode()


class Peer:
    """The server end of one connection."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""
        self.request_head = b""

    def _fill(self) -> bool:
        data = self.sock.recv(65536)
        self.buffer += data
        return bool(data)

    def read_request(self) -> dict[str, str]:
        """The upgrade request's headers (lower-case names)."""
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                raise EOFError("client left during the handshake")
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        self.request_head = head
        lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        headers[":request-line"] = lines[0]
        return headers

    def accept(self, extra: bytes = b"", *, accept_value: str | None = None) -> dict[str, str]:
        """Read the request and answer 101 (``extra``: more header lines, or bytes after)."""
        headers = self.read_request()
        key = headers["sec-websocket-key"].encode()
        accept = accept_value or base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
        self.sock.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: " + accept.encode() + b"\r\n" + extra
        )
        return headers

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def recv_frame(self) -> tuple[int, bytes, bool]:
        """The client's next frame: (opcode, unmasked payload, was it masked)."""
        while True:
            buf = self.buffer
            if len(buf) >= 2:
                n = buf[1] & 0x7F
                offset = 2
                if n == 126:
                    n, offset = int.from_bytes(buf[2:4], "big"), 4
                elif n == 127:
                    n, offset = int.from_bytes(buf[2:10], "big"), 10
                masked = bool(buf[1] & 0x80)
                end = offset + (4 if masked else 0) + n
                if len(buf) >= end:
                    payload = buf[end - n : end]
                    if masked:
                        key = buf[offset : offset + 4]
                        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
                    self.buffer = buf[end:]
                    return buf[0] & 0x0F, payload, masked
            if not self._fill():
                raise EOFError("client closed the connection")

    def at_eof(self, timeout: float = 5.0) -> bool:
        """Whether the client closed its end (reading and dropping anything else first)."""
        self.sock.settimeout(timeout)
        try:
            while self.sock.recv(65536):
                pass
        except OSError:
            return False
        return True


class ScriptedServer:
    def __init__(self, script: Callable[[Peer], None], tls: ssl.SSLContext | None) -> None:
        self.script = script
        self.tls = tls
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.errors: list[BaseException] = []
        self.connections = 0
        self.finished = threading.Semaphore(0)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/threads/t/stream/events") -> str:
        return f"{'wss' if self.tls else 'ws'}://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._run, args=(sock,), daemon=True).start()

    def _run(self, sock: socket.socket) -> None:
        try:
            if self.tls is not None:
                sock = self.tls.wrap_socket(sock, server_side=True)
            self.script(Peer(sock))
        except BaseException as exc:  # reported by the test through `errors`
            self.errors.append(exc)
        finally:
            sock.close()
            self.finished.release()

    def wait(self, timeout: float = 5.0) -> None:
        """Until one more connection's script has returned."""
        assert self.finished.acquire(timeout=timeout), "the server script did not finish"

    def close(self) -> None:
        self.listener.close()


@contextmanager
def scripted_server(
    script: Callable[[Peer], None], tls: ssl.SSLContext | None = None
) -> Iterator[ScriptedServer]:
    server = ScriptedServer(script, tls)
    try:
        yield server
    finally:
        server.close()
