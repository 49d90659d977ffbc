"""The built-in WebSocket client's frame parser and client frames (`lg_threads._websocket`):
batches, frames split across reads, fragmentation, control frames, close codes, masking, and
every malformed frame raising `ProtocolError` with the close code RFC 6455 asks for."""

from __future__ import annotations

import pytest
from ws_test_server import close_payload, server_frame

from lg_threads._websocket.frames import (
    Close,
    FrameParser,
    ProtocolError,
    client_frame,
    close_frame,
)


def unmask(frame: bytes) -> tuple[int, bytes]:
    """A client frame's opcode and payload (asserting it is final and masked)."""
    assert frame[0] & 0x80 and frame[1] & 0x80
    n, offset = frame[1] & 0x7F, 2
    if n == 126:
        n, offset = int.from_bytes(frame[2:4], "big"), 4
    elif n == 127:
        n, offset = int.from_bytes(frame[2:10], "big"), 10
    key = frame[offset : offset + 4]
    body = frame[offset + 4 :]
    assert len(body) == n
    return frame[0] & 0x0F, bytes(b ^ key[i % 4] for i, b in enumerate(body))


def test_one_read_gives_every_message_in_it() -> None:
    wire = b"".join(server_frame(f'{{"n": {i}}}'.encode()) for i in range(50))
    wire += server_frame(b"\x00\xffbin", 0x2)
    messages = FrameParser().feed(wire)
    assert messages[:50] == [f'{{"n": {i}}}' for i in range(50)]
    assert messages[50] == b"\x00\xffbin"
    assert all(isinstance(m, str) for m in messages[:50])


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536, 70000])
def test_payload_lengths_in_all_three_header_forms(size: int) -> None:
    payload = ("x" * size).encode()
    assert FrameParser().feed(server_frame(payload)) == [payload.decode()]


def test_frames_split_at_every_byte_across_reads() -> None:
    wire = (
        server_frame(b"first")
        + server_frame(b"m" * 300)  # 16-bit length
        + server_frame(b"x" * 70000)  # 64-bit length
        + server_frame(b"ping!", 0x9)
        + server_frame(b"last")
    )
    expected = ["first", "m" * 300, "x" * 70000, "last"]
    for cut in [*range(320), *range(len(wire) - 20, len(wire) + 1)]:
        parser = FrameParser()
        got = parser.feed(wire[:cut]) + parser.feed(wire[cut:])
        assert got == expected, cut
        assert parser.pings == [b"ping!"]
    parser = FrameParser()
    got = []
    for i in range(len(wire)):  # one byte per read
        got += parser.feed(wire[i : i + 1])
    assert got == expected


def test_fragmented_messages_with_a_ping_between_fragments() -> None:
    wire = (
        server_frame(b'{"a": ', 0x1, fin=False)
        + server_frame(b"ping-in-between", 0x9)
        + server_frame(b"1", 0x0, fin=False)
        + server_frame(b"}", 0x0)
        + server_frame(b"\x01", 0x2, fin=False)
        + server_frame(b"\x02", 0x0)
    )
    parser = FrameParser()
    assert parser.feed(wire[:9]) == []
    assert parser.feed(wire[9:]) == ['{"a": 1}', b"\x01\x02"]
    assert parser.pings == [b"ping-in-between"]


def test_text_split_inside_a_multibyte_character_is_joined_before_decoding() -> None:
    text = "é€😀".encode()
    wire = server_frame(text[:1], 0x1, fin=False) + server_frame(text[1:], 0x0)
    assert FrameParser().feed(wire) == ["é€😀"]


def test_pongs_are_ignored_and_pings_kept_in_order() -> None:
    parser = FrameParser()
    wire = server_frame(b"1", 0x9) + server_frame(b"pong", 0xA) + server_frame(b"2", 0x9)
    assert parser.feed(wire) == []
    assert parser.pings == [b"1", b"2"]


def test_close_frame_ends_parsing() -> None:
    parser = FrameParser()
    wire = (
        server_frame(b"before")
        + server_frame(close_payload(1011, "boom"), 0x8)
        + server_frame(b"after")
    )
    assert parser.feed(wire) == ["before"]
    assert parser.close is not None
    assert (parser.close.code, parser.close.reason) == (1011, "boom")
    assert parser.feed(server_frame(b"more")) == []
    assert str(parser.close) == "1011 (internal error) boom"


@pytest.mark.parametrize(
    ("payload", "code", "reason"),
    [(b"", 1005, ""), (close_payload(1000), 1000, ""), (close_payload(4404, "gone"), 4404, "gone")],
)
def test_close_codes(payload: bytes, code: int, reason: str) -> None:
    parser = FrameParser()
    parser.feed(server_frame(payload, 0x8))
    assert parser.close is not None
    assert (parser.close.code, parser.close.reason) == (code, reason)


@pytest.mark.parametrize(
    ("wire", "code", "message"),
    [
        (bytes((0x81, 0x80 | 1)) + b"\x00\x00\x00\x00a", 1002, "masking"),
        (server_frame(b"x", rsv=4), 1002, "reserved bits"),
        (server_frame(b"x", 0x3), 1002, "invalid opcode: 3"),
        (server_frame(b"x", 0xB), 1002, "invalid opcode: 11"),
        (server_frame(b"x", 0x0), 1002, "unexpected continuation"),
        (
            server_frame(b"a", 0x1, fin=False) + server_frame(b"b", 0x1),
            1002,
            "expected a continuation",
        ),
        (server_frame(b"p", 0x9, fin=False), 1002, "fragmented control frame"),
        (server_frame(b"p" * 126, 0x9), 1002, "control frame too long"),
        (server_frame(b"\x03", 0x8), 1002, "close frame too short"),
        (server_frame(close_payload(1005), 0x8), 1002, "invalid status code 1005"),
        (server_frame(close_payload(999), 0x8), 1002, "invalid status code 999"),
        (server_frame(b"\x03\xe8\xff", 0x8), 1007, "close reason"),
        (server_frame(b"\xff\xfe"), 1007, "invalid UTF-8"),
        (server_frame(b"\xff", 0x1, fin=False) + server_frame(b"\xfe", 0x0), 1007, "UTF-8"),
        (bytes((0x82, 127)) + (1 << 63).to_bytes(8, "big"), 1002, "most significant bit"),
    ],
)
def test_malformed_frames_raise_protocol_error(wire: bytes, code: int, message: str) -> None:
    with pytest.raises(ProtocolError, match=message) as caught:
        FrameParser().feed(wire)
    assert caught.value.code == code


def test_size_limit_on_frames_and_on_fragmented_messages() -> None:
    parser = FrameParser(max_size=10)
    assert parser.feed(server_frame(b"0123456789")) == ["0123456789"]
    with pytest.raises(ProtocolError, match="exceeds limit of 10") as caught:
        parser.feed(server_frame(b"0123456789A"))
    assert caught.value.code == 1009
    # Fragments under the limit one by one, over it together.
    fragmented = server_frame(b"012345", 0x1, fin=False) + server_frame(b"6789A", 0x0)
    with pytest.raises(ProtocolError, match="message of 11 bytes") as caught:
        FrameParser(max_size=10).feed(fragmented)
    assert caught.value.code == 1009
    # The header alone is enough to refuse (the payload is never waited for).
    with pytest.raises(ProtocolError, match="exceeds limit"):
        FrameParser(max_size=10).feed(bytes((0x81, 127)) + (1 << 40).to_bytes(8, "big"))


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536])
def test_client_frames_are_masked_with_a_fresh_key(size: int) -> None:
    payload = bytes(i % 251 for i in range(size))
    first, second = client_frame(0x1, payload), client_frame(0x1, payload)
    assert unmask(first) == (0x1, payload)
    assert unmask(second) == (0x1, payload)
    if size >= 8:
        assert first != second  # another random key, so other bytes on the wire
    header = 2 + (2 if 126 <= size < 65536 else 8 if size >= 65536 else 0)
    assert len(first) == header + 4 + size


def test_close_frames() -> None:
    assert unmask(close_frame(1000)) == (0x8, b"\x03\xe8")
    assert unmask(close_frame(1011, "why")) == (0x8, b"\x03\xf3why")
    assert unmask(close_frame(1005)) == (0x8, b"")
    assert str(Close(1000)) == "1000 (OK)"
    assert str(Close(4000, "x")) == "4000 (private use) x"
