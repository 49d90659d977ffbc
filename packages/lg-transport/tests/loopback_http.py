"""The request side of the tests' loopback HTTP/1.1 servers (each in its own thread)."""

from __future__ import annotations

import socket


def read_raw_request(conn: socket.socket, buffer: bytes) -> tuple[bytes, bytes] | None:
    """Read one request off ``conn``: its head, then a ``Content-Length`` body if it has one.

    ``buffer`` holds bytes already received. Returns the request's bytes (head, empty line,
    body) and the bytes received after it, or ``None`` once the client has gone away.
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
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(buffer) < length:
        buffer += conn.recv(65536)
    return head + b"\r\n\r\n" + buffer[:length], buffer[length:]


def read_request(conn: socket.socket, buffer: bytes) -> tuple[str, bytes] | None:
    """`read_raw_request`, with the request line (decoded) in place of the request's bytes."""
    read = read_raw_request(conn, buffer)
    if read is None:
        return None
    request, rest = read
    return request.split(b"\r\n", 1)[0].decode(), rest
