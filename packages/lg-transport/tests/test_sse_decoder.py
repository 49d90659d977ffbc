"""Unit tests of `lg_transport.sse`: the incremental decoder, its helpers and the compat surface."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import httpx
import orjson
import pytest

from lg_schema import StreamPart
from lg_transport.sse import (
    BytesLineDecoder,
    EventStreamDecoder,
    SSEDecoder,
    aiter_events,
    aiter_lines_raw,
    iter_events,
    iter_lines_raw,
)

SAMPLES = Path(__file__).parent / "data" / "sse"


def decode(*chunks: bytes, last_event_id: str | None = None) -> list[StreamPart]:
    decoder = EventStreamDecoder(last_event_id=last_event_id)
    parts: list[StreamPart] = []
    for chunk in chunks:
        parts += decoder.feed(chunk)
    parts += decoder.flush()
    return parts


def bytewise(data: bytes) -> list[bytes]:
    return [data[i : i + 1] for i in range(len(data))]


# --- Line endings --------------------------------------------------------------------------------

STREAM_LF = b'event: a\ndata: {"x": 1}\n\n: ping\n\nevent: b\ndata: [1,\ndata: 2]\nid: 7\n\n'
EXPECTED = [StreamPart("a", {"x": 1}), StreamPart("b", [1, 2], "7")]


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"], ids=["LF", "CR", "CRLF"])
def test_line_endings(eol: bytes) -> None:
    stream = STREAM_LF.replace(b"\n", eol)
    assert decode(stream) == EXPECTED
    assert decode(*bytewise(stream)) == EXPECTED


def test_mixed_line_endings() -> None:
    stream = b"event: a\rdata: 1\n\r\nevent: b\r\ndata: 2\r\r"
    assert decode(stream) == [StreamPart("a", 1), StreamPart("b", 2)]


def test_crlf_split_across_chunks_counts_once() -> None:
    # Were the LF opening a chunk taken as a blank line, "a" would end without data and
    # the data would go to an event named "message".
    chunks = [b"event: a\r", b"\ndata: 1\r", b"\n\r", b"\n"]
    assert decode(*chunks) == [StreamPart("a", 1)]


def test_cr_at_chunk_end_then_cr_is_a_blank_line() -> None:
    assert decode(b"data: 1\r", b"\r") == [StreamPart("message", 1)]
    assert decode(b"data: 1\r", b"", b"\r") == [StreamPart("message", 1)]


def test_lone_lf_chunk_after_cr_is_swallowed() -> None:
    decoder = EventStreamDecoder()
    assert decoder.feed(b"data: 1\r") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\n") == [StreamPart("message", 1)]


# --- BOM -----------------------------------------------------------------------------------------


def test_bom_at_start_is_skipped() -> None:
    stream = b"\xef\xbb\xbfdata: 1\n\n"
    assert decode(stream) == [StreamPart("message", 1)]
    assert decode(*bytewise(stream)) == [StreamPart("message", 1)]


def test_bom_later_is_not_skipped() -> None:
    # The second BOM glues to the field name, which is then unknown: that event has no data.
    assert decode(b"data: 1\n\n\xef\xbb\xbfdata: 2\n\n") == [StreamPart("message", 1)]
    assert decode(b"\xef\xbb\xbf\xef\xbb\xbfdata: 2\n\n") == []


def test_bom_prefix_that_is_not_a_bom() -> None:
    assert decode(b"\xef", b"\xbb", b"data: 1\n\n") == []  # not a field named "data"
    decoder = EventStreamDecoder()
    assert decoder.feed(b"\xef\xbb") == []
    assert decoder.flush() == []


def test_flush_resets_for_a_new_stream() -> None:
    decoder = EventStreamDecoder()
    assert decoder.feed(b"id: 1\ndata: 1\n\ndata: half") == [StreamPart("message", 1, "1")]
    assert decoder.flush() == []
    assert decoder.feed(b"\xef\xbb\xbfdata: 2\n\n") == [StreamPart("message", 2)]
    assert decoder.last_event_id == "1"


# --- Fields --------------------------------------------------------------------------------------


def test_comments_are_ignored() -> None:
    stream = b": heartbeat\n\nevent: a\n:inside\ndata: 1\n: x\n\n:\n\n"
    assert decode(stream) == [StreamPart("a", 1)]


def test_only_one_leading_space_is_stripped() -> None:
    assert decode(b'event:  a\ndata:  "x"\n\n') == [StreamPart(" a", "x")]
    assert decode(b"event:a\ndata:1\n\n") == [StreamPart("a", 1)]
    assert decode(b"data:  not json\n\n") == [StreamPart("message", " not json")]


def test_line_without_colon_is_a_field_with_empty_value() -> None:
    assert decode(b"event: a\nevent\ndata\n\n") == [StreamPart("message", None)]


def test_unknown_fields_are_ignored() -> None:
    assert decode(b"foo: bar\nDATA: 2\ndata: 1\nData\n\n") == [StreamPart("message", 1)]


def test_multi_line_data_is_joined_with_lf() -> None:
    assert decode(b'data: {"a":\ndata: [1,\ndata: 2]}\n\n') == [
        StreamPart("message", {"a": [1, 2]})
    ]
    assert decode(b"data: a\ndata:\ndata: b\n\n") == [StreamPart("message", "a\n\nb")]
    assert decode(b"data: a\ndata\n\n") == [StreamPart("message", "a\n")]


def test_default_event_name_is_message() -> None:
    assert decode(b"data: 1\n\nevent:\ndata: 2\n\n") == [
        StreamPart("message", 1),
        StreamPart("message", 2),
    ]


def test_event_name_does_not_leak_into_next_event() -> None:
    assert decode(b"event: a\ndata: 1\n\ndata: 2\n\n") == [
        StreamPart("a", 1),
        StreamPart("message", 2),
    ]


def test_id_persists_across_events_but_parts_carry_their_own() -> None:
    decoder = EventStreamDecoder()
    assert decoder.last_event_id is None
    assert decoder.feed(b"id: 1\ndata: 1\n\n") == [StreamPart("message", 1, "1")]
    assert decoder.feed(b"data: 2\n\n") == [StreamPart("message", 2, None)]
    assert decoder.last_event_id == "1"
    assert decoder.feed(b"data: 3\nid: 3\n\n") == [StreamPart("message", 3, "3")]
    assert decoder.last_event_id == "3"


def test_initial_last_event_id() -> None:
    decoder = EventStreamDecoder(last_event_id="5")
    assert decoder.last_event_id == "5"
    assert decoder.feed(b"data: 1\n\n") == [StreamPart("message", 1)]
    assert decoder.last_event_id == "5"


def test_empty_id_resets_last_event_id() -> None:
    decoder = EventStreamDecoder(last_event_id="5")
    assert decoder.feed(b"id\ndata: 1\n\n") == [StreamPart("message", 1, None)]
    assert decoder.last_event_id == ""


def test_id_with_nul_is_ignored() -> None:
    decoder = EventStreamDecoder()
    assert decoder.feed(b"id: 1\n\nid: a\x00b\ndata: 1\n\n") == [StreamPart("message", 1)]
    assert decoder.last_event_id == "1"


def test_retry() -> None:
    decoder = EventStreamDecoder()
    assert decoder.retry is None
    assert decoder.feed(b"retry: 1500\n\n") == []
    assert decoder.retry == 1500
    for bad in (
        b"retry: 1.5",
        b"retry: x",
        b"retry: -1",
        b"retry:",
        b"retry: 1 ",
        b"retry: \xd9\xa1",
    ):
        assert decoder.feed(bad + b"\ndata: 1\n\n") == [StreamPart("message", 1)]
        assert decoder.retry == 1500
    decoder.feed(b"retry:20\n")
    assert decoder.retry == 20


def test_event_without_data_is_not_dispatched_but_sets_last_event_id() -> None:
    decoder = EventStreamDecoder()
    assert decoder.feed(b"event: ping\nid: 9\n\n") == []
    assert decoder.last_event_id == "9"
    assert decoder.feed(b"data: 1\n\n") == [StreamPart("message", 1)]


def test_blank_lines_without_event() -> None:
    assert decode(b"\n\n\r\n\r\r") == []


# --- End of stream -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tail", [b"data: 2\n", b"data: 2", b"event: x\ndata: 2\nid: 2\n", b"id: 2"]
)
def test_incomplete_trailing_event_is_discarded(tail: bytes) -> None:
    decoder = EventStreamDecoder()
    assert decoder.feed(b"id: 1\ndata: 1\n\n" + tail) == [StreamPart("message", 1, "1")]
    assert decoder.flush() == []
    assert decoder.last_event_id == "1"


# --- Data ----------------------------------------------------------------------------------------


def test_empty_data_is_none() -> None:
    assert decode(b"data:\n\ndata: \n\ndata:   \n\ndata\n\n") == [StreamPart("message", None)] * 4


def test_non_json_data_is_returned_as_text() -> None:
    assert decode(b"data: hello\n\n") == [StreamPart("message", "hello")]
    assert decode(b"data: {bad\n\n") == [StreamPart("message", "{bad")]
    assert decode(b"data: [1,\ndata: x\n\n") == [StreamPart("message", "[1,\nx")]


def test_non_json_invalid_utf8_is_replaced() -> None:
    assert decode(b"data: a\xffb\n\n") == [StreamPart("message", "a\ufffdb")]


def test_json_with_invalid_utf8_is_still_parsed() -> None:
    assert decode(b'data: {"a": "x\xffy"}\n\n') == [StreamPart("message", {"a": "x\ufffdy"})]


def test_json_scalars() -> None:
    assert decode(b'data: null\n\ndata: true\n\ndata: 1.5\n\ndata: "s"\n\n') == [
        StreamPart("message", None),
        StreamPart("message", True),
        StreamPart("message", 1.5),
        StreamPart("message", "s"),
    ]


def test_split_utf8_characters() -> None:
    stream = 'event: évé😀\ndata: {"ü": "€😀"}\nid: ß\n\n'.encode()
    expected = [StreamPart("évé😀", {"ü": "€😀"}, "ß")]
    assert decode(stream) == expected
    assert decode(*bytewise(stream)) == expected
    for cut in range(len(stream) + 1):
        assert decode(stream[:cut], stream[cut:]) == expected


def test_accepts_bytearray_and_memoryview() -> None:
    stream = b"event: a\r\ndata: 1\r\n\r\n"
    assert decode(bytearray(stream)) == [StreamPart("a", 1)]
    decoder = EventStreamDecoder()
    assert decoder.feed(memoryview(stream)[:12]) == []
    assert decoder.feed(memoryview(stream)[12:]) == [StreamPart("a", 1)]


def test_long_line_in_many_chunks() -> None:
    payload = orjson.dumps({"text": "x" * 50_000, "n": list(range(1000))})
    stream = b"event: values\r\ndata: " + payload + b"\r\n\r\n"
    chunks = [stream[i : i + 100] for i in range(0, len(stream), 100)]
    assert decode(*chunks) == [StreamPart("values", orjson.loads(payload))]


def test_large_chunk_with_many_events() -> None:
    events = [b"event: e%d\r\ndata: %d\r\n\r\n" % (i, i) for i in range(500)]
    stream = b"".join(events)
    expected = [StreamPart(f"e{i}", i) for i in range(500)]
    assert len(stream) > 4096
    assert decode(stream) == expected
    assert decode(stream[:7], stream[7:]) == expected


def test_fresh_chunks_after_the_first() -> None:
    # The first chunk takes the BOM check; later whole-line chunks take the no-copy paths.
    decoder = EventStreamDecoder()
    assert decoder.feed(b": start\r\n") == []
    big = b"".join(b"event: e\r\ndata: %d\r\n\r\n" % i for i in range(300))
    assert len(big) > 4096
    assert decoder.feed(big) == [StreamPart("e", i) for i in range(300)]
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"data\n") == []
    assert decoder.feed(b"data: b\n\n") == [StreamPart("message", "a\n\nb")]


def test_parts_are_stream_parts() -> None:
    (part,) = decode(b"data: 1\n\n")
    assert type(part) is StreamPart
    assert part.event == "message"
    assert part.data == 1
    assert part.id is None


def test_captures_fed_one_event_per_chunk() -> None:
    """The server sends one event per chunk: the fast path must match the general one."""
    for path in sorted(SAMPLES.glob("*.sse")):
        raw = path.read_bytes()
        chunks = [event + b"\r\n\r\n" for event in raw.split(b"\r\n\r\n") if event]
        assert b"".join(chunks) == raw
        assert decode(*chunks) == decode(raw) == decode(*bytewise(raw)), path.name


# --- Helpers -------------------------------------------------------------------------------------


async def _agen(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


STREAM = b"event: a\r\ndata: 1\r\nid: 1\r\n\r\nevent: b\r", b"\ndata: 2\r\n\r\ndata: 3"


def test_iter_events() -> None:
    assert list(iter_events(STREAM)) == [StreamPart("a", 1, "1"), StreamPart("b", 2)]


async def test_aiter_events() -> None:
    parts = [part async for part in aiter_events(_agen(STREAM))]
    assert parts == [StreamPart("a", 1, "1"), StreamPart("b", 2)]


async def test_helpers_use_the_given_decoder() -> None:
    decoder = EventStreamDecoder()
    assert [part async for part in aiter_events(_agen(STREAM), decoder)][-1].event == "b"
    assert decoder.last_event_id == "1"
    decoder = EventStreamDecoder()
    assert len(list(iter_events([b"retry: 10\n", *STREAM], decoder))) == 2
    assert decoder.retry == 10


# --- Compatibility surface -----------------------------------------------------------------------


def lines_of(*chunks: bytes) -> list[bytes]:
    decoder = BytesLineDecoder()
    lines = [bytes(line) for chunk in chunks for line in decoder.decode(chunk)]
    return lines + [bytes(line) for line in decoder.flush()]


def test_bytes_line_decoder() -> None:
    assert lines_of(b"a\nb\rc\r\nd") == [b"a", b"b", b"c", b"d"]
    assert lines_of(b"a\r", b"\nb\r", b"\r\n") == [b"a", b"b", b""]
    assert lines_of(b"a\r", b"\n") == [b"a"]
    assert lines_of(b"ab", b"c", b"", b"d\n") == [b"abcd"]
    assert lines_of(b"\n\n") == [b"", b""]
    assert lines_of() == []


def test_bytes_line_decoder_keeps_state() -> None:
    decoder = BytesLineDecoder()
    assert decoder.decode(b"") == []
    assert decoder.decode(b"ab") == []
    assert [bytes(x) for x in decoder.decode(b"c\r")] == [b"abc"]
    assert decoder.decode(b"\n") == []
    assert [bytes(x) for x in decoder.decode(b"\nx")] == [b""]
    assert [bytes(x) for x in decoder.flush()] == [b"x"]
    assert decoder.flush() == []


def sse_parts(stream: bytes, decoder: SSEDecoder | None = None) -> list[StreamPart]:
    decoder = decoder or SSEDecoder()
    parts = [decoder.decode(line) for line in lines_of(stream)]
    return [part for part in parts if part is not None]


def test_sse_decoder_official_semantics() -> None:
    # Default event name "", blocks without data still returned, id is the last event id.
    assert sse_parts(b"data: 1\n\nevent: ping\n\nid: 4\n\nretry: 5\n\ndata: 2\n\n") == [
        StreamPart("", 1),
        StreamPart("ping", None),
        StreamPart("", None, "4"),
        StreamPart("", None, "4"),
        StreamPart("", 2, "4"),
    ]
    assert sse_parts(b"\n\n: comment\n\n") == []


def test_sse_decoder_has_data_and_empty_data() -> None:
    decoder = SSEDecoder()
    assert decoder.has_data is False
    assert decoder.decode(b"event: a") is None
    assert decoder.decode(b"") == StreamPart("a", None)
    assert decoder.has_data is False
    assert decoder.decode(b"data:") is None
    assert decoder.decode(b"") == StreamPart("", None)
    assert decoder.has_data is True
    assert decoder.decode(b"data:   ") is None
    assert decoder.decode(b"") == StreamPart("", None)
    assert decoder.decode(b"") is None
    assert decoder.has_data is False


def test_sse_decoder_fields() -> None:
    decoder = SSEDecoder(last_event_id="3")
    assert decoder.last_event_id == "3"
    assert sse_parts(b"\xef\xbb\xbfevent: a\ndata: [1,\ndata: 2]\n\n", decoder) == [
        StreamPart("a", [1, 2], "3")
    ]
    assert sse_parts(b"id: a\x00b\ndata: 1\n\n", decoder) == [StreamPart("", 1, "3")]
    assert sse_parts(b"id\ndata:  1\n\n", decoder) == [StreamPart("", 1, None)]
    assert decoder.last_event_id == ""
    with pytest.raises(orjson.JSONDecodeError):  # the official SSEDecoder raises too
        sse_parts(b"data: not json\n\n")
    assert sse_parts(b"retry: x\n\n") == []


def test_sse_decoder_bom_only_on_first_line() -> None:
    assert sse_parts(b"data: 1\n\n\xef\xbb\xbfdata: 2\n\n") == [StreamPart("", 1)]


def test_compat_decoders_match_core_on_captures() -> None:
    for path in sorted(SAMPLES.glob("*.sse")):
        raw = path.read_bytes()
        assert sse_parts(raw) == decode(raw), path.name


def _response(chunks: list[bytes]) -> httpx.Response:
    return httpx.Response(200, content=iter(chunks))


LINE_CHUNKS = [b"event: a\r", b"\ndata: 1\r\n", b"\r\ndata: 2"]
LINES = [b"event: a", b"data: 1", b"", b"data: 2"]


def test_iter_lines_raw() -> None:
    assert [bytes(line) for line in iter_lines_raw(_response(LINE_CHUNKS))] == LINES


async def test_aiter_lines_raw() -> None:
    response = httpx.Response(200, content=_agen(LINE_CHUNKS))
    assert [bytes(line) async for line in aiter_lines_raw(response)] == LINES


# --- The official semantics: SSEDecoder, BytesLineDecoder, EventStreamDecoder(official=True) --


def test_sse_decoder_keeps_data_lines_as_the_official_does() -> None:
    decoder = SSEDecoder()
    for line in (b"data", b"data: 1", b"data:"):
        decoder.decode(line)
    assert decoder._data == b"\n1\n\n"  # each data line, empty ones too, ends with a newline
    assert decoder.decode(b"") == StreamPart("", 1)
    for line in (b"data: [1,", b"data: 2]"):
        decoder.decode(line)
    assert decoder.decode(b"") == StreamPart("", [1, 2])


def test_sse_decoder_surfaces_json_errors_and_replaces_bad_utf8() -> None:
    decoder = SSEDecoder()
    for line in (b"data: [1", b"data: 0]"):
        decoder.decode(line)
    with pytest.raises(orjson.JSONDecodeError):
        decoder.decode(b"")
    for line in (b"event: \xff", b"id: \xff", b'data: "\xff"'):
        decoder.decode(line)
    assert decoder.decode(b"") == StreamPart("\ufffd", "\ufffd", "\ufffd")


def test_sse_decoder_emits_a_control_block_once() -> None:
    decoder = SSEDecoder()
    decoder.decode(b"id: cursor")
    assert decoder.decode(b"") == StreamPart("", None, "cursor")
    decoder.decode(b": heartbeat")
    assert decoder.decode(b"") is None
    decoder.decode(b"id:")
    assert decoder.decode(b"") == StreamPart("", None, None)
    assert decoder.last_event_id == ""
    assert decoder.decode(b"") is None


def test_bytes_line_decoder_emits_cr_lines_at_once() -> None:
    decoder = BytesLineDecoder()
    assert decoder.decode(b"data: 1\r\r") == [b"data: 1", b""]
    assert decoder.decode(b"\n") == []  # the LF of a CRLF split across chunks
    assert decoder.decode(b"data: 2\r") == [b"data: 2"]
    assert decoder.decode(b"\n\r") == [b""]
    assert decoder.flush() == []


def official(*chunks: bytes, last_event_id: str | None = None) -> list[StreamPart]:
    decoder = EventStreamDecoder(last_event_id=last_event_id, official=True)
    parts: list[StreamPart] = []
    for chunk in chunks:
        parts += decoder.feed(chunk)
    return parts + decoder.finish()


def test_official_mode_names_ids_and_dataless_events() -> None:
    stream = b"data: 1\n\nid: 4\n\nevent: ping\n\nevent: a\ndata: 2\n\nid:\ndata: 3\n\n"
    assert official(stream) == [
        StreamPart("", 1),  # no name: "" (the core default is "message")
        StreamPart("ping", None, "4"),  # a named block without data; the id persists
        StreamPart("a", 2, "4"),
        StreamPart("", 3),  # an empty id clears it
    ]
    assert decode(stream) == [
        StreamPart("message", 1),
        StreamPart("a", 2),
        StreamPart("message", 3),
    ]


def test_official_mode_is_seeded_with_the_cursor_and_dispatches_the_tail() -> None:
    assert official(b"event: values\ndata: 2\n\n", last_event_id="c") == [
        StreamPart("values", 2, "c")
    ]
    assert official(b'event: foo\ndata: {"bar": 1}\n') == [StreamPart("foo", {"bar": 1})]
    assert official(b"event: end\ndata: null") == [StreamPart("end", None)]
    assert official(b"data: 1\r") == [StreamPart("", 1)]
    assert official(b": only a comment\n") == []
    # The core decoder discards an unterminated event, per the specification.
    assert decode(b'event: foo\ndata: {"bar": 1}\n') == []


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_official_mode_does_not_care_about_chunking(size: int) -> None:
    stream = b"\xef\xbb\xbfid: 1\r\nevent: a\r\ndata: [1,\r\ndata: 2]\r\n\r\nevent: b\rdata: x\r\r"
    whole = official(stream)
    assert whole == [StreamPart("a", [1, 2], "1"), StreamPart("b", "x", "1")]
    assert official(*[stream[i : i + size] for i in range(0, len(stream), size)]) == whole
