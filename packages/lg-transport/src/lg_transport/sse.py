"""Server-sent events (SSE) decoding for the Agent Server's streaming endpoints.

The core is `EventStreamDecoder`, a pure, incremental decoder that knows nothing of I/O: feed it
the response body's bytes in any chunking and it returns the events completed so far as
`StreamPart(event, data, id)` tuples. It follows the WHATWG "event stream interpretation" rules:

- lines end in CR, LF or CRLF (a CRLF pair split across two chunks counts once);
- a UTF-8 byte order mark at the very start of the stream is skipped;
- lines starting with ``:`` are comments (heartbeats) and are ignored;
- ``field: value`` loses at most one space after the colon; a line without a colon is a field
  with an empty value; unknown fields are ignored;
- several ``data`` lines of one event are joined with ``\\n``;
- ``event`` names the event (``"message"`` when absent);
- ``id`` sets the last event id, which persists across events (an id containing NUL is ignored;
  an empty id resets it to ``""``);
- ``retry`` sets the reconnection time in milliseconds if its value is all ASCII digits;
- a blank line dispatches the event if it had at least one ``data`` line; an event without data
  is not dispatched, but its ``id`` still becomes the last event id.

The data of each event is parsed as JSON with one ``orjson.loads`` call. Decisions on data:

- Empty data (``data:`` with nothing after it, or only whitespace) gives ``data=None``.
- Data that is not JSON does **not** raise: the part is returned with ``data`` set to the raw
  text (a ``str``; invalid UTF-8 is replaced with U+FFFD). The Agent Server always sends JSON,
  so this only matters for foreign or broken servers, and a stream is not torn down by one odd
  event.

``StreamPart.id`` is the ``id`` field of that event if it had a non-empty one, else ``None``;
`EventStreamDecoder.last_event_id` is the value to send as ``Last-Event-ID`` on reconnection.

The rest of the module is the public surface of the official ``langgraph_sdk.sse`` module
(`BytesLike`, `BytesLineDecoder`, `SSEDecoder`, `aiter_lines_raw`, `iter_lines_raw`), kept
for drop-in compatibility. `SSEDecoder` reproduces the official line-at-a-time semantics, which
differ from `EventStreamDecoder` in four places: the event name defaults to ``""``, a block
without data is still returned (with ``data=None``) when it set an event name, an id or a retry,
``StreamPart.id`` is the persisting last event id, and data that is not JSON raises
``orjson.JSONDecodeError``. ``EventStreamDecoder(official=True)`` gives the first three (the
official ``HttpClient.stream`` semantics) at the decoder's full speed.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any

import httpx
import orjson

from lg_schema import StreamPart

__all__ = [
    "BytesLike",
    "BytesLineDecoder",
    "EventStreamDecoder",
    "SSEDecoder",
    "StreamPart",
    "aiter_events",
    "aiter_lines_raw",
    "iter_events",
    "iter_lines_raw",
]

BytesLike = bytes | bytearray | memoryview

_BOM = b"\xef\xbb\xbf"
_LF = 10  # b"\n"[0]
_CR = 13  # b"\r"[0]
_COLON = 58  # b":"[0]

# Fresh chunks up to this size are cut with `bytes.splitlines`; longer ones too if their first
# this-many bytes hold several lines, else (long lines, measured slower) with a `find` loop.
_SPLITLINES_MAX = 2048

_new_part = tuple.__new__  # `StreamPart(...)` runs a Python-level `__new__`; this is C.
_loads = orjson.loads
_JSONDecodeError = orjson.JSONDecodeError


def _cut_lines(buf: bytes | bytearray, pos: int, scan: int) -> tuple[list[Any], int, bool]:
    """Cut ``buf[pos:]`` into lines ended by CR, LF or CRLF, searching terminators from ``scan``.

    Two ``find`` calls per line (both memchr-speed) and a caller-kept ``scan`` offset mean that
    a long line arriving in many chunks is scanned once, not from its start on every chunk.
    Returns the lines (without terminators), the offset of the unterminated rest, and whether
    the last terminator was a CR at the very end (an LF opening the next chunk then belongs
    to it).
    """
    lines: list[Any] = []
    end = len(buf)
    find = buf.find
    ends_in_cr = False
    while True:
        nl = find(b"\n", scan)
        cr = find(b"\r", scan, end if nl < 0 else nl)
        if cr >= 0:
            lines.append(buf[pos:cr])
            pos = cr + 1
            if pos == end:
                ends_in_cr = True
            elif buf[pos] == _LF:
                pos += 1
        elif nl >= 0:
            lines.append(buf[pos:nl])
            pos = nl + 1
        else:
            return lines, pos, ends_in_cr
        scan = pos


def _non_json(raw: bytes | bytearray) -> Any:
    """Data that `orjson.loads` refused: JSON after all if the bytes were bad UTF-8, else text.

    Whitespace-only data counts as empty and gives ``None``.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
        try:
            return _loads(text)
        except _JSONDecodeError:
            pass
    if text.isspace():
        return None
    return text


def _decode_data(raw: bytes | bytearray) -> Any:
    """Parse one event's data: ``None`` if empty, JSON if it parses, else the text."""
    if not raw:
        return None
    try:
        return _loads(raw)
    except _JSONDecodeError:
        return _non_json(raw)


class EventStreamDecoder:
    """Incremental SSE decoder: bytes in any chunking in, `StreamPart` tuples out.

    Call `feed` with each chunk of the response body and `flush` at the end of the stream.
    Per the specification, an event that is incomplete when the stream ends (no blank line after
    it) is discarded by `flush`, and its ``id`` does not become `last_event_id`. `flush` also
    resets the decoder for a new stream (a reconnection), keeping `last_event_id` and `retry`.

    ``last_event_id`` seeds the last event id, e.g. with the one sent in ``Last-Event-ID``.

    ``official=True`` gives the parts the official ``HttpClient.stream`` yields (its plain,
    non-run streams use it): an event without a name is ``""``; each part's ``id`` is the last
    event id so far (it persists across events, and ``last_event_id`` seeds it); a block that
    names an event but has no data is dispatched with ``data=None``; and `finish` dispatches
    what a cleanly closed stream left unterminated.
    """

    __slots__ = (
        "_buf",
        "_check_bom",
        "_data",
        "_default_event",
        "_event",
        "_event_id",
        "_id_buffer",
        "_last_event_id",
        "_retry",
        "_skip_lf",
        "_sticky_ids",
    )

    def __init__(self, *, last_event_id: str | None = None, official: bool = False) -> None:
        # Unconsumed bytes: always a partial line holding no CR or LF.
        self._buf = bytearray()
        self._check_bom = True
        # The previous chunk ended in CR: an LF opening the next one belongs to it.
        self._skip_lf = False
        # The event being built: name, joined data lines (None: no data line yet), own id.
        self._event: str | None = None
        self._data: bytes | bytearray | None = None
        self._event_id: str | None = None
        # The spec's "last event ID buffer" (set by id fields) and "last event ID string"
        # (set from the buffer when a blank line ends an event).
        self._id_buffer = last_event_id
        self._last_event_id = last_event_id
        self._retry: int | None = None
        # `official`: the semantics of the official `HttpClient.stream` (see the class doc).
        self._sticky_ids = official
        self._default_event = "" if official else "message"
        if official:
            self._event_id = last_event_id or None

    @property
    def last_event_id(self) -> str | None:
        """The id of the last complete event that set one (``None`` until one is seen)."""
        return self._last_event_id

    @property
    def retry(self) -> int | None:
        """The reconnection time in milliseconds sent by the server, if any."""
        return self._retry

    def feed(self, chunk: bytes | bytearray | memoryview) -> list[StreamPart]:
        """Decode one chunk of the stream; return the events it completed, in order."""
        if not chunk:
            return []
        if isinstance(chunk, memoryview):
            chunk = chunk.tobytes()
        if self._skip_lf:
            self._skip_lf = False
            if chunk[0] == _LF:
                chunk = chunk[1:]
                if not chunk:
                    return []
        lines: list[bytes] | list[bytearray]
        if self._check_bom:
            # Stream start: hold up to two bytes until we know whether they open a BOM.
            buf = self._buf + chunk
            if len(buf) < 3 and _BOM.startswith(buf):
                self._buf = buf
                return []
            self._check_bom = False
            self._buf = bytearray()
            start = 3 if buf.startswith(_BOM) else 0
            lines = self._split(buf, start, start)
        elif self._buf:
            # Complete the buffered partial line (it holds no terminator) with the bytes up to
            # the chunk's first one; the rest is a fresh run of lines, cut like one.
            nl = chunk.find(b"\n")
            cr = chunk.find(b"\r", 0, nl if nl >= 0 else len(chunk))
            cut = cr if cr >= 0 else nl
            if cut < 0:
                self._buf += chunk
                return []
            first = bytes(self._buf) + chunk[:cut]
            self._buf = bytearray()
            rest = cut + 1
            if cut == cr:
                if rest == len(chunk):
                    self._skip_lf = True
                elif chunk[rest] == _LF:
                    rest += 1
            lines = [first]
            if rest < len(chunk):
                lines += self._fresh_lines(chunk[rest:])
        else:
            lines = self._fresh_lines(chunk)
        if not lines:
            return []

        out: list[StreamPart] = []
        loads = _loads
        new_part = _new_part
        part_cls = StreamPart
        event = self._event
        data = self._data
        event_id = self._event_id
        default_event = self._default_event
        sticky_ids = self._sticky_ids
        for line in lines:
            if not line:
                # Blank line: end of the event.
                self._last_event_id = self._id_buffer
                if data is not None:
                    if data:
                        try:
                            value = loads(data)
                        except _JSONDecodeError:
                            value = _non_json(data)
                    else:
                        value = None
                    out.append(new_part(part_cls, (event or default_event, value, event_id)))
                    data = None
                elif event and sticky_ids:
                    out.append(new_part(part_cls, (event, None, event_id)))
                event = None
                if not sticky_ids:
                    event_id = None
                continue
            if line.startswith(b"data:"):
                field = line[6:] if line.startswith(b"data: ") else line[5:]
                if data is None:
                    data = field
                else:
                    if not isinstance(data, bytearray):
                        data = bytearray(data)
                    data += b"\n"
                    data += field
                continue
            if line.startswith(b"event: "):
                event = line[7:].decode("utf-8", "replace")
                continue
            if line[0] == 58:  # ":" opens a comment
                continue
            name, _, field = line.partition(b":")
            if field[:1] == b" ":
                field = field[1:]
            if name == b"event":
                event = field.decode("utf-8", "replace")
            elif name == b"data":
                if data is None:
                    data = field
                else:
                    if not isinstance(data, bytearray):
                        data = bytearray(data)
                    data += b"\n"
                    data += field
            elif name == b"id":
                if b"\0" not in field:
                    self._id_buffer = field.decode("utf-8", "replace")
                    event_id = self._id_buffer or None
            elif name == b"retry" and field.isdigit():
                self._retry = int(field)
        self._event = event
        self._data = data
        self._event_id = event_id
        return out

    def _fresh_lines(self, chunk: bytes | bytearray) -> list[Any]:
        """Cut a chunk that starts a line; keep its unterminated end in ``self._buf``."""
        if len(chunk) > _SPLITLINES_MAX and chunk.count(b"\n", 0, _SPLITLINES_MAX) < 8:
            # Long lines: `splitlines` would copy the unterminated tail twice.
            return self._split(chunk, 0, 0)
        # Short lines: one C-level `splitlines` (same terminators as SSE for bytes) beats a
        # `find` loop, however long the chunk (a fast path hands over whole socket reads).
        lines = chunk.splitlines()
        last = chunk[-1]
        if last == _CR:
            self._skip_lf = True
        elif last != _LF:
            self._buf = bytearray(lines.pop())
        return lines

    def _split(self, buf: bytes | bytearray, pos: int, scan: int) -> list[Any]:
        """Cut the complete lines out of ``buf[pos:]``; keep the rest in ``self._buf``."""
        lines, pos, self._skip_lf = _cut_lines(buf, pos, scan)
        if buf is self._buf:
            del self._buf[:pos]
        elif pos < len(buf):
            self._buf = bytearray(buf[pos:])
        return lines

    def flush(self) -> list[StreamPart]:
        """End the stream: discard any incomplete event and reset for a new stream.

        Always returns an empty list (an event is only dispatched by a blank line); it returns a
        list so that callers can treat it like `feed`.
        """
        self._buf = bytearray()
        self._check_bom = True
        self._skip_lf = False
        self._event = None
        self._data = None
        self._event_id = (self._last_event_id or None) if self._sticky_ids else None
        self._id_buffer = self._last_event_id
        return []

    def finish(self) -> list[StreamPart]:
        """End a stream that closed cleanly, as the official client does: its unterminated last
        line and event are dispatched as if a blank line followed. Then reset like `flush`."""
        parts: list[StreamPart] = []
        if self._buf or self._data is not None or self._event is not None:
            parts = self.feed(b"\n\n")
        self.flush()
        return parts


async def aiter_events(
    byte_iter: AsyncIterable[bytes], decoder: EventStreamDecoder | None = None
) -> AsyncIterator[StreamPart]:
    """Decode an async iterable of body chunks (e.g. ``response.aiter_bytes()``) into events."""
    if decoder is None:
        decoder = EventStreamDecoder()
    feed = decoder.feed
    async for chunk in byte_iter:
        for part in feed(chunk):
            yield part
    for part in decoder.flush():
        yield part


def iter_events(
    byte_iter: Iterable[bytes], decoder: EventStreamDecoder | None = None
) -> Iterator[StreamPart]:
    """Decode an iterable of body chunks (e.g. ``response.iter_bytes()``) into events."""
    if decoder is None:
        decoder = EventStreamDecoder()
    feed = decoder.feed
    for chunk in byte_iter:
        yield from feed(chunk)
    yield from decoder.flush()


# --- Compatibility surface of the official `langgraph_sdk.sse` ---------------------------------


class BytesLineDecoder:
    """Split bytes arriving in any chunking into lines ended by CR, LF or CRLF.

    `decode` returns the lines completed by a chunk, without their terminators; `flush` returns
    the last, unterminated line if there is one.
    """

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.trailing_cr: bool = False

    def decode(self, text: bytes) -> list[BytesLike]:
        """Return the lines completed by ``text``."""
        if not text:
            return []
        pos = 0
        if self.trailing_cr:
            self.trailing_cr = False
            if text[0] == _LF:
                pos = 1
        buf: bytes | bytearray
        if self.buffer:
            buf = self.buffer
            scan = len(buf)
            buf += text[pos:] if pos else text
            pos = 0
        else:
            buf = text
            scan = pos
        lines, pos, self.trailing_cr = _cut_lines(buf, pos, scan)
        if buf is self.buffer:
            del self.buffer[:pos]
        elif pos < len(buf):
            self.buffer = bytearray(buf[pos:])
        return lines

    def flush(self) -> list[BytesLike]:
        """Return the unterminated last line, if any, and reset."""
        self.trailing_cr = False
        if not self.buffer:
            return []
        lines: list[BytesLike] = [self.buffer]
        self.buffer = bytearray()
        return lines


class SSEDecoder:
    """Line-at-a-time SSE decoder with the semantics of the official ``SSEDecoder``.

    Feed it one line at a time, without its terminator; an empty line ends a block and returns
    its `StreamPart` if the block set anything (data, an event name, an id or a retry), else
    ``None``. The event name defaults to ``""``; ``data`` is ``None`` for a block without data
    or with blank data (check `has_data`); ``StreamPart.id`` is the persisting last event id.
    Data lines are kept as the official keeps them (each followed by ``\\n``, in ``_data``),
    joined and parsed as JSON: data that is not JSON raises ``orjson.JSONDecodeError``, as the
    official does (the executor's own decoder, `EventStreamDecoder`, returns the text instead).
    Malformed UTF-8 is replaced with U+FFFD in names, ids and JSON strings.
    """

    def __init__(self, *, last_event_id: str | None = None) -> None:
        self._event = ""
        self._data = bytearray()
        self._last_event_id = last_event_id
        self._id_changed = False
        self._retry: int | None = None
        self._at_start = True
        self._has_data = False

    @property
    def has_data(self) -> bool:
        """Whether the last block ended by an empty line had a ``data`` field."""
        return self._has_data

    @property
    def last_event_id(self) -> str | None:
        """The last event id seen: ``None`` until one is given or received, ``""`` after reset."""
        return self._last_event_id

    def decode(self, line: bytes) -> StreamPart | None:
        """Decode one line; return the finished `StreamPart` when ``line`` is empty."""
        if self._at_start:
            self._at_start = False
            if line.startswith(_BOM):
                line = line[3:]
        if not line:
            return self._end_block()
        if line[0] == _COLON:
            return None
        name, _, value = line.partition(b":")
        if value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data += value
            self._data += b"\n"
        elif name == b"event":
            self._event = value.decode("utf-8", "replace")
        elif name == b"id":
            if b"\0" not in value:
                self._last_event_id = value.decode("utf-8", "replace")
                self._id_changed = True
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)
        return None

    def _end_block(self) -> StreamPart | None:
        data = self._data
        self._has_data = bool(data)
        if not (self._event or data or self._id_changed or self._retry is not None):
            return None
        event = self._event
        # Reset first: a block whose data is not JSON raises, and the decoder stays usable.
        self._event = ""
        self._data = bytearray()
        self._id_changed = False
        self._retry = None
        body = data[:-1]
        value = None
        if body and not body.isspace():
            try:
                value = _loads(body)
            except _JSONDecodeError:
                # Bad UTF-8 inside JSON strings is replaced; anything else still raises.
                value = _loads(body.decode("utf-8", "replace"))
        return StreamPart(event, value, self._last_event_id or None)


async def aiter_lines_raw(response: httpx.Response) -> AsyncIterator[BytesLike]:
    """Yield the lines of a streamed response body (content-decoded bytes, no terminators)."""
    decoder = BytesLineDecoder()
    async for chunk in response.aiter_bytes():
        for line in decoder.decode(chunk):
            yield line
    for line in decoder.flush():
        yield line


def iter_lines_raw(response: httpx.Response) -> Iterator[BytesLike]:
    """Yield the lines of a streamed response body (content-decoded bytes, no terminators)."""
    decoder = BytesLineDecoder()
    for chunk in response.iter_bytes():
        yield from decoder.decode(chunk)
    yield from decoder.flush()
