"""HTTP/1.1 chunked transfer-coding, decoded incrementally and without I/O.

`ChunkedDecoder` takes the raw bytes of a chunked message body in any split (as they come off
the socket) and returns the payload bytes they complete, all chunks of one read joined into one
``bytes``. It exists for the event-stream fast path (`lg_transport._internals.raw_body`): h11 turns every
chunk into an event object through several pure-Python calls, and the SSE decoder downstream
does not care where chunk boundaries were, so one read's worth of payload can go to it at once.

The grammar follows h11 0.16 (what httpcore would have applied): a chunk size of 1-20 hex
digits, optionally followed by a chunk extension (``;...``, ignored) and trailing spaces or tabs,
then CRLF; chunk data is followed by exactly CRLF; a zero-size chunk ends the body, after which
trailer lines (ignored, as httpx never exposes them) run until an empty line.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ChunkedBodyError", "ChunkedDecoder"]

_HEX_DIGITS: Final = b"0123456789abcdefABCDEF"
_MAX_SIZE_DIGITS: Final = 20
#: A chunk-size line or trailer line longer than this is refused (h11 refuses headers past
#: 16 KiB; a real chunk-size line is a few bytes).
_MAX_LINE: Final = 16 * 1024

# Where the decoder stands between two `feed` calls.
_SIZE: Final = 0  # before a chunk-size line
_DATA: Final = 1  # inside a chunk's data (``_remaining`` bytes to go)
_DATA_END: Final = 2  # after a chunk's data, before its CRLF
_TRAILER: Final = 3  # after the last chunk, in the trailer section
_DONE: Final = 4


class ChunkedBodyError(Exception):
    """The body is not valid chunked transfer-coding."""


def _chunk_size(line: bytes) -> int:
    """The size named by a chunk-size line (its CRLF already removed)."""
    semicolon = line.find(b";")
    if semicolon >= 0:
        line = line[:semicolon]
    line = line.rstrip(b" \t")
    # `int(x, 16)` alone would also take "0x1f", "+1f", " 1f" and "1_f".
    if not line or len(line) > _MAX_SIZE_DIGITS or line.translate(None, _HEX_DIGITS):
        raise ChunkedBodyError(f"illegal chunk header: {line[:40]!r}")
    return int(line, 16)


class ChunkedDecoder:
    """Incremental decoder of one chunked body: raw bytes in any split in, payload bytes out."""

    __slots__ = ("_pending", "_remaining", "_state", "leftover")

    def __init__(self) -> None:
        self._state = _SIZE
        self._remaining = 0
        # An incomplete line (or CRLF) carried over to the next `feed`.
        self._pending = b""
        #: Bytes received after the end of the body (none from a well-behaved server).
        self.leftover = b""

    @property
    def done(self) -> bool:
        """Whether the last chunk and the trailer section were read."""
        return self._state == _DONE

    def feed(self, data: bytes) -> bytes:
        """Decode ``data``; return the payload it completes (``b""`` if none)."""
        if self._state == _DONE:
            self.leftover += data
            return b""
        if self._pending:
            data = self._pending + data
            self._pending = b""
        out: list[bytes] = []
        append = out.append
        find = data.find
        end = len(data)
        pos = 0
        state = self._state
        remaining = self._remaining
        while pos < end:
            if state == _SIZE:
                eol = find(b"\r\n", pos)
                if eol < 0:
                    break
                line = data[pos:eol]
                # Plain hex digits (what servers send) inline; anything else the long way.
                if line and len(line) <= _MAX_SIZE_DIGITS and not line.translate(None, _HEX_DIGITS):
                    size = int(line, 16)
                else:
                    size = _chunk_size(line)
                start = eol + 2
                if size == 0:
                    pos, state = start, _TRAILER
                    continue
                stop = start + size
                if stop + 2 <= end:
                    # The whole chunk is here (the common case): no state to keep.
                    if not data.startswith(b"\r\n", stop):
                        raise ChunkedBodyError("chunk data not followed by CRLF")
                    append(data[start:stop])
                    pos = stop + 2
                    continue
                pos, state, remaining = start, _DATA, size
            elif state == _DATA:
                stop = min(end, pos + remaining)
                append(data[pos:stop])
                remaining -= stop - pos
                pos = stop
                if not remaining:
                    state = _DATA_END
            elif state == _DATA_END:
                if end - pos < 2:
                    if data[pos:] != b"\r":
                        raise ChunkedBodyError("chunk data not followed by CRLF")
                    break
                if not data.startswith(b"\r\n", pos):
                    raise ChunkedBodyError("chunk data not followed by CRLF")
                pos, state = pos + 2, _SIZE
            elif state == _TRAILER:
                # Trailer fields are dropped; h11 also takes a bare LF as a line end here.
                eol = find(b"\n", pos)
                if eol < 0:
                    break
                line = data[pos:eol]
                pos = eol + 1
                if line in (b"", b"\r"):
                    state = _DONE
                    self.leftover = data[pos:]
                    pos = end
            else:  # pragma: no cover - _DONE returns above
                break
        if pos < end:
            rest = data[pos:]
            if len(rest) > _MAX_LINE:
                raise ChunkedBodyError("chunk header or trailer line too long")
            self._pending = rest
        self._state = state
        self._remaining = remaining
        if len(out) == 1:
            return out[0]
        return b"".join(out)
