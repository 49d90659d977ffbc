"""RFC 6455 framing for the client side: the server's frames parsed a whole socket read at a
time, the client's (masked) frames built.

`FrameParser.feed` takes whatever bytes one read returned and hands back every complete data
message in them as a list, so the per-message cost is a header check and a slice; a frame cut
by the read stays buffered for the next one. Control frames do not go in the list: pings wait
in ``pings`` for the connection to answer, a close frame stops the parsing and is kept in
``close``. Anything the RFC forbids raises `ProtocolError` carrying the close code to send.
"""

from __future__ import annotations

import os
from typing import Final

__all__ = [
    "OK_CLOSE_CODES",
    "Close",
    "FrameParser",
    "ProtocolError",
    "close_frame",
    "close_payload",
    "client_frame",
]

OP_CONTINUATION: Final = 0x0
OP_TEXT: Final = 0x1
OP_BINARY: Final = 0x2
OP_CLOSE: Final = 0x8
OP_PING: Final = 0x9
OP_PONG: Final = 0xA

#: A close with these codes on both sides is a normal end (websockets' rule: 1005 is a close
#: frame without a code).
OK_CLOSE_CODES: Final = frozenset({1000, 1001, 1005})

CLOSE_CODE_NAMES: Final = {
    1000: "OK",
    1001: "going away",
    1002: "protocol error",
    1003: "unsupported data",
    1005: "no status received [internal]",
    1006: "connection closed abnormally [internal]",
    1007: "invalid frame payload data",
    1008: "policy violation",
    1009: "message too big",
    1010: "mandatory extension",
    1011: "internal error",
    1012: "service restart",
    1013: "try again later",
    1014: "bad gateway",
}
# Codes that may appear in a close frame (RFC 6455 7.4, plus the registered 1012-1014).
_SENDABLE_CODES: Final = frozenset(
    {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014}
)


class ProtocolError(Exception):
    """The server broke RFC 6455; ``code`` is the close code the client answers with."""

    def __init__(self, message: str, code: int = 1002) -> None:
        super().__init__(message)
        self.code = code


class Close:
    """A close frame's code and reason (1005 and "" for a close frame without a payload)."""

    __slots__ = ("code", "reason")

    def __init__(self, code: int, reason: str = "") -> None:
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        name = CLOSE_CODE_NAMES.get(code := self.code) or (
            "registered" if 3000 <= code < 4000 else "private use" if 4000 <= code < 5000 else ""
        )
        text = f"{code} ({name})" if name else str(code)
        return f"{text} {self.reason}" if self.reason else text

    def __repr__(self) -> str:
        return f"Close({self.code!r}, {self.reason!r})"


def close_payload(payload: bytes) -> Close:
    """A received close frame's payload as a `Close` (an invalid one raises `ProtocolError`)."""
    if not payload:
        return Close(1005)
    if len(payload) == 1:
        raise ProtocolError("close frame too short")
    code = int.from_bytes(payload[:2], "big")
    if code not in _SENDABLE_CODES and not 3000 <= code < 5000:
        raise ProtocolError(f"invalid status code {code}")
    try:
        reason = payload[2:].decode()
    except UnicodeDecodeError as exc:
        raise ProtocolError("invalid UTF-8 in the close reason", 1007) from exc
    return Close(code, reason)


class FrameParser:
    """Server frames in, data messages out (see the module docstring).

    Text messages come out as `str` (UTF-8 checked, as websockets does), binary ones as
    `bytes`. ``max_size`` bounds a message's payload (None: no bound).
    """

    __slots__ = ("_part_op", "_part_size", "_parts", "_rest", "close", "max_size", "pings")

    def __init__(self, max_size: int | None = None) -> None:
        self._rest = b""
        # A fragmented message being assembled: its frames' payloads and its opcode.
        self._parts: list[bytes] = []
        self._part_op = 0
        self._part_size = 0
        self.max_size = max_size
        #: Payloads of pings received and not answered yet (the connection sends the pongs).
        self.pings: list[bytes] = []
        #: The server's close frame, once received (nothing after it is parsed).
        self.close: Close | None = None

    def feed(self, data: bytes) -> list[str | bytes]:
        """The data messages completed by ``data`` (possibly none)."""
        if self.close is not None:
            return []
        buf = self._rest + data if self._rest else data
        size = len(buf)
        limit = self.max_size
        out: list[str | bytes] = []
        append = out.append
        pos = 0
        while size - pos >= 2:
            first = buf[pos]
            length = buf[pos + 1]
            if length & 0x80:
                raise ProtocolError("incorrect masking: a server frame must not be masked")
            if length < 126:
                start = pos + 2
            elif length == 126:
                start = pos + 4
                if start > size:
                    break
                length = buf[pos + 2] << 8 | buf[pos + 3]
            else:
                start = pos + 10
                if start > size:
                    break
                length = int.from_bytes(buf[pos + 2 : start], "big")
                if length >> 63:
                    raise ProtocolError("frame length has its most significant bit set")
            if limit is not None and length > limit:
                raise ProtocolError(f"frame of {length} bytes exceeds limit of {limit}", 1009)
            end = start + length
            if end > size:
                break
            pos = end
            if first == 0x81 and not self._parts:  # a whole text message: the usual frame
                try:
                    append(buf[start:end].decode())
                except UnicodeDecodeError as exc:
                    raise ProtocolError("invalid UTF-8 in a text message", 1007) from exc
            elif self._frame(first, buf[start:end], append):
                break  # a close frame: nothing after it counts
        self._rest = buf[pos:] if pos < size else b""
        return out

    def _frame(self, first: int, payload: bytes, append: object) -> bool:
        """Every frame but an unfragmented text one; True for a close frame."""
        if first & 0x70:
            raise ProtocolError("reserved bits must be 0 (no extension was negotiated)")
        opcode = first & 0x0F
        fin = first & 0x80
        if opcode >= 0x8:
            if not fin:
                raise ProtocolError("fragmented control frame")
            if len(payload) > 125:
                raise ProtocolError("control frame too long")
            if opcode == OP_PING:
                self.pings.append(payload)
            elif opcode == OP_CLOSE:
                self.close = close_payload(payload)
                return True
            elif opcode != OP_PONG:
                raise ProtocolError(f"invalid opcode: {opcode}")
            return False
        if opcode == OP_CONTINUATION:
            if not self._parts:
                raise ProtocolError("unexpected continuation frame")
        elif opcode in (OP_TEXT, OP_BINARY):
            if self._parts:
                raise ProtocolError(f"expected a continuation frame, got opcode {opcode}")
            self._part_op = opcode
            self._part_size = 0
        else:
            raise ProtocolError(f"invalid opcode: {opcode}")
        self._part_size += len(payload)
        if self.max_size is not None and self._part_size > self.max_size:
            raise ProtocolError(
                f"message of {self._part_size} bytes exceeds limit of {self.max_size}", 1009
            )
        if not fin:
            self._parts.append(payload)
            return False
        if self._parts:
            self._parts.append(payload)
            payload = b"".join(self._parts)
            self._parts = []
        message: str | bytes = payload
        if self._part_op == OP_TEXT:
            try:
                message = payload.decode()
            except UnicodeDecodeError as exc:
                raise ProtocolError("invalid UTF-8 in a text message", 1007) from exc
        append(message)  # type: ignore[operator]
        return False


def _mask(payload: bytes, key: bytes) -> bytes:
    """``payload`` XOR the repeated 4-byte ``key`` (one big-int XOR, not a byte loop)."""
    n = len(payload)
    if not n:
        return b""
    repeated = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(n, "big")


def client_frame(opcode: int, payload: bytes) -> bytes:
    """One final client frame, masked with a fresh random key as RFC 6455 requires."""
    n = len(payload)
    if n < 126:
        head = bytes((0x80 | opcode, 0x80 | n))
    elif n < 1 << 16:
        head = bytes((0x80 | opcode, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x80 | opcode, 0x80 | 127)) + n.to_bytes(8, "big")
    key = os.urandom(4)
    return head + key + _mask(payload, key)


def close_frame(code: int, reason: str = "") -> bytes:
    """The client's close frame with ``code`` (1005: a close frame without a payload)."""
    if code == 1005:
        return client_frame(OP_CLOSE, b"")
    return client_frame(OP_CLOSE, code.to_bytes(2, "big") + reason.encode()[:123])
