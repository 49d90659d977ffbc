"""The opening handshake (RFC 6455 section 4.1): the upgrade request, and the check of the
server's answer (status 101, ``Upgrade``/``Connection``, ``Sec-WebSocket-Accept`` matching the
key, no extension or subprotocol, since this client asks for none)."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from lg_threads._websocket.errors import InvalidHandshake, InvalidStatus

__all__ = ["Target", "accept_key", "check_upgrade", "parse_head", "request_bytes", "target"]

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
#: Bytes an answer's head (status line and headers) may take.
MAX_HEAD = 64 * 1024
#: Bytes of a refusal's body kept for the error.
MAX_ERROR_BODY = 1024 * 1024
# Headers the handshake sets itself; the caller's copies are dropped.
_OWN = frozenset(
    {
        "host",
        "upgrade",
        "connection",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-protocol",
    }
)


class Target(NamedTuple):
    """Where a ``ws://``/``wss://`` URL points."""

    secure: bool
    host: str
    port: int
    resource: str  # path and query
    host_header: str


def target(url: str) -> Target:
    """Split a ``ws``/``wss`` URL (anything else, or user info in it, is a `ValueError`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise ValueError(f"not a WebSocket URL: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("user info in a WebSocket URL is not supported by this client")
    secure = parts.scheme == "wss"
    default_port = 443 if secure else 80
    port = parts.port or default_port
    host = parts.hostname
    shown = f"[{host}]" if ":" in host else host
    host_header = shown if port == default_port else f"{shown}:{port}"
    resource = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(secure, host, port, resource, host_header)


def new_key() -> str:
    return base64.b64encode(os.urandom(16)).decode()


def accept_key(key: str) -> str:
    """The ``Sec-WebSocket-Accept`` value the server must answer ``key`` with."""
    return base64.b64encode(hashlib.sha1(key.encode() + _GUID).digest()).decode()


def request_bytes(where: Target, key: str, headers: Iterable[tuple[str, str]]) -> bytes:
    """The upgrade request: the handshake's own headers, then the caller's."""
    lines = [
        f"GET {where.resource} HTTP/1.1",
        f"Host: {where.host_header}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    for name, value in headers:
        if name.lower() in _OWN:
            continue
        if any(c in name or c in value for c in "\r\n"):
            raise ValueError(f"invalid header {name!r}: line breaks are not allowed")
        lines.append(f"{name}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def parse_head(head: bytes) -> tuple[int, list[tuple[str, str]]]:
    """Status code and headers of an HTTP/1.1 response head (without the blank line)."""
    status_line, _, rest = head.partition(b"\r\n")
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
        raise InvalidHandshake(f"invalid HTTP status line: {status_line[:100]!r}")
    headers: list[tuple[str, str]] = []
    for line in rest.split(b"\r\n") if rest else ():
        name, colon, value = line.partition(b":")
        if not colon or not name or name != name.strip():
            raise InvalidHandshake(f"invalid HTTP header line: {line[:100]!r}")
        headers.append((name.decode("latin-1"), value.strip().decode("latin-1")))
    return int(parts[1]), headers


def _values(headers: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in headers if k.lower() == name]


def check_upgrade(status: int, headers: list[tuple[str, str]], key: str) -> None:
    """Raise unless this is the server accepting the upgrade asked with ``key`` (a status
    other than 101 is the caller's to turn into `InvalidStatus`, with the body)."""
    if status != 101:
        raise InvalidStatus(status, headers, b"")
    tokens = {t.strip().lower() for v in _values(headers, "connection") for t in v.split(",")}
    if "upgrade" not in tokens:
        raise InvalidHandshake("missing Connection: Upgrade in the server's answer")
    if [v.lower() for v in _values(headers, "upgrade")] != ["websocket"]:
        raise InvalidHandshake("missing Upgrade: websocket in the server's answer")
    if _values(headers, "sec-websocket-accept") != [accept_key(key)]:
        raise InvalidHandshake("invalid Sec-WebSocket-Accept in the server's answer")
    if _values(headers, "sec-websocket-extensions"):
        raise InvalidHandshake("the server negotiated an extension that was not offered")
    if _values(headers, "sec-websocket-protocol"):
        raise InvalidHandshake("the server chose a subprotocol that was not offered")


def body_length(status: int, headers: list[tuple[str, str]]) -> tuple[int | None, bool]:
    """A refusal's body framing: (its length if known, chunked?); None and False: up to the
    end of the connection."""
    if status < 200 or status in (204, 304):
        return 0, False
    chunked = any("chunked" in v.lower() for v in _values(headers, "transfer-encoding"))
    lengths = _values(headers, "content-length")
    length = int(lengths[0]) if lengths and lengths[0].isdigit() and not chunked else None
    return length, chunked


def dechunk(data: bytes) -> tuple[bytes, bool]:
    """A chunked body's payload so far, and whether its last chunk was seen."""
    out = bytearray()
    pos = 0
    while True:
        line_end = data.find(b"\r\n", pos)
        if line_end < 0:
            return bytes(out), False
        size_text = data[pos:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return bytes(out), True  # malformed: keep what was read
        if size == 0:
            return bytes(out), True
        start = line_end + 2
        if len(data) < start + size + 2:
            return bytes(out), False
        out += data[start : start + size]
        pos = start + size + 2
