"""The request side of the tests' loopback HTTP/1.1 servers (each in its own thread)."""

from __future__ import annotations

import socket


def read_request(conn: socket.socket, buffer: bytes) -> tuple[str, bytes] | None:
    """Read one request off ``conn``: its head, then a ``Content-Length`` body if it has one.

    ``buffer`` holds bytes already received. Returns the request line and the bytes received
    after the request, or ``None`` once the client has gone away.
    """
    while b"\r\n\r\n" not in buffer:
        try:
            data = conn.recv(65536)
        except OSError:
            return None
        if not data:
            return None
        buffer += data
    head, _, buffer = buffer.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    while len(buffer) < length:
        buffer += conn.recv(65536)
    return lines[0], buffer[length:]
