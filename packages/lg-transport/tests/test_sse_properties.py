"""Property tests of `lg_transport.sse`: chunking invariance on real captures, and round trips."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lg_schema import StreamPart
from lg_transport.sse import BytesLineDecoder, EventStreamDecoder

SAMPLES = Path(__file__).parent / "data" / "sse"
CAPTURES = sorted(path.name for path in SAMPLES.glob("*.sse"))

_cache: dict[str, bytes] = {}


def capture(name: str) -> bytes:
    if name not in _cache:
        _cache[name] = (SAMPLES / name).read_bytes()
    return _cache[name]


def decode_chunks(chunks: list[bytes]) -> tuple[list[StreamPart], EventStreamDecoder]:
    decoder = EventStreamDecoder()
    parts: list[StreamPart] = []
    for chunk in chunks:
        parts += decoder.feed(chunk)
    parts += decoder.flush()
    return parts, decoder


def decode_whole(data: bytes) -> list[StreamPart]:
    return decode_chunks([data])[0]


def cut(data: bytes, points: list[int]) -> list[bytes]:
    bounds = [0, *sorted(set(points)), len(data)]
    return [data[a:b] for a, b in pairwise(bounds)]


def cut_by_sizes(data: bytes, sizes: list[int]) -> list[bytes]:
    chunks, pos, i = [], 0, 0
    while pos < len(data):
        chunks.append(data[pos : pos + sizes[i % len(sizes)]])
        pos += sizes[i % len(sizes)]
        i += 1
    return chunks


# --- Captures: any chunking gives the same parts -------------------------------------------------


def test_ten_captures_present() -> None:
    assert len(CAPTURES) == 10


@pytest.mark.parametrize("name", CAPTURES)
def test_capture_one_byte_chunks(name: str) -> None:
    data = capture(name)
    assert decode_chunks([data[i : i + 1] for i in range(len(data))])[0] == decode_whole(data)


@pytest.mark.parametrize("name", CAPTURES)
@settings(max_examples=60, deadline=None)
@given(fraction_points=st.lists(st.floats(0, 1), max_size=40))
def test_capture_any_cut_points(name: str, fraction_points: list[float]) -> None:
    data = capture(name)
    chunks = cut(data, [int(f * len(data)) for f in fraction_points])
    assert decode_chunks(chunks)[0] == decode_whole(data)


@pytest.mark.parametrize("name", CAPTURES)
@settings(max_examples=30, deadline=None)
@given(sizes=st.lists(st.integers(1, 16), min_size=1, max_size=8))
def test_capture_small_chunk_sizes(name: str, sizes: list[int]) -> None:
    data = capture(name)
    assert decode_chunks(cut_by_sizes(data, sizes))[0] == decode_whole(data)


# --- Captures: the facts listed in the samples README --------------------------------------------

CHILD = "d5ca4e8b-d572-741a-9e8e-75972cfe96e4"
# Counts given by the README table. For interrupt*, subgraph-updates-values and the values/updates
# split of those, the README names the events only; those counts were read off the capture.
EXPECTED_COUNTS: dict[str, dict[str, int]] = {
    "echo-multimode.sse": {"metadata": 1, "debug": 5, "values": 2, "messages": 7, "updates": 1},
    "echo-messages.sse": {"metadata": 1, "messages/metadata": 1, "messages/partial": 7},
    "echo-resumable.sse": {"metadata": 1, "values": 2, "messages": 7},
    "echo-resumable-replay.sse": {"metadata": 1, "values": 2, "messages": 7},
    "subgraph-updates-values.sse": {
        "metadata": 1,
        "updates": 3,
        "values": 4,
        f"updates|child:{CHILD}": 2,
        f"values|child:{CHILD}": 3,
    },
    "custom-updates.sse": {"metadata": 1, "custom": 4, "updates": 1},
    "error.sse": {"metadata": 1, "updates": 1, "error": 1},
    "interrupt.sse": {"metadata": 1, "updates": 2, "values": 3},
    "interrupt-resume.sse": {"metadata": 1, "updates": 2, "values": 3},
    "stateless-events.sse": {"metadata": 1, "events": 14},
}


@pytest.mark.parametrize("name", CAPTURES)
def test_capture_event_counts(name: str) -> None:
    parts, decoder = decode_chunks([capture(name)])
    assert Counter(part.event for part in parts) == EXPECTED_COUNTS[name]
    first = parts[0]
    assert first.event == "metadata"
    assert first.data["attempt"] == 1
    assert isinstance(first.data["run_id"], str)
    resumable = name.startswith("echo-resumable")
    assert all((part.id is not None) == resumable for part in parts)
    assert (decoder.last_event_id is not None) == resumable


def test_capture_resumable_ids_and_replay() -> None:
    parts = decode_whole(capture("echo-resumable.sse"))
    assert decode_whole(capture("echo-resumable-replay.sse")) == parts
    ids = [part.id for part in parts]
    assert all(i is not None and i.count("-") == 1 for i in ids)
    assert len(set(ids)) == len(ids)


def test_capture_payload_facts() -> None:
    custom = [p.data for p in decode_whole(capture("custom-updates.sse")) if p.event == "custom"]
    assert custom == [{"progress": i, "of": 3} for i in (1, 2, 3)] + [{"done": True}]

    error = decode_whole(capture("error.sse"))[-1]
    assert error == StreamPart("error", {"error": "ValueError", "message": "boom: sample"})

    interrupt = decode_whole(capture("interrupt.sse"))
    updates = [p.data for p in interrupt if p.event == "updates"]
    assert any("__interrupt__" in u for u in updates)
    assert interrupt[-1].event == "values"
    assert "__interrupt__" in interrupt[-1].data

    resumed = decode_whole(capture("interrupt-resume.sse"))
    assert resumed[-1].event == "values"
    assert resumed[-1].data["status"] == "answered: 'yes'"

    events = decode_whole(capture("stateless-events.sse"))[1:]
    assert Counter(p.data["event"] for p in events) == {
        "on_chain_start": 2,
        "on_chat_model_start": 1,
        "on_chat_model_stream": 7,
        "on_chat_model_end": 1,
        "on_chain_stream": 1,
        "on_chain_end": 2,
    }


# --- Generated streams round-trip through an encoder ---------------------------------------------

LINE_TEXT = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)))
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",))), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["json", "pretty-json", "text", "empty", "none"]))
    lines: list[str]
    if kind == "json":
        value = draw(JSON_VALUES)
        lines = [orjson.dumps(value).decode()]
    elif kind == "pretty-json":
        value = draw(JSON_VALUES)
        lines = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode().split("\n")
    elif kind == "text":
        # "~" opens no JSON value, so the joined lines stay text.
        lines = ["~" + draw(LINE_TEXT), *draw(st.lists(LINE_TEXT, max_size=3))]
        value = "\n".join(lines)
    elif kind == "empty":
        lines, value = [""], None
    else:
        lines, value = [], None
    return {
        "name": draw(st.none() | LINE_TEXT),
        "lines": lines,
        "value": value,
        "id": draw(
            st.none()
            | st.text(
                st.characters(blacklist_characters="\r\n\x00", blacklist_categories=("Cs",)),
                max_size=8,
            )
        ),
        "nul_id": draw(st.booleans()),
        "retry": draw(st.none() | st.integers(0, 10**6) | st.just("1.5")),
    }


@st.composite
def streams(draw: st.DrawFn) -> tuple[bytes, list[StreamPart], str | None, int | None]:
    """An encoded stream of random events with the parts, last id and retry it must decode to."""
    fields: list[str | None] = []  # None marks a blank line
    expected: list[StreamPart] = []
    last_id: str | None = None
    retry: int | None = None

    def field(name: str, value: str) -> None:
        if draw(st.integers(0, 9)) == 0:
            fields.append(":" + draw(LINE_TEXT))
        if draw(st.integers(0, 19)) == 0:
            fields.append("unknown" + draw(st.sampled_from(["", ":", ": x"])))
        if value == "" and draw(st.booleans()):
            fields.append(name)
        elif value[:1] != " " and draw(st.booleans()):
            fields.append(f"{name}:{value}")
        else:
            fields.append(f"{name}: {value}")

    for event in draw(st.lists(events(), max_size=8)):
        # Data lines keep their order; the other fields go anywhere among them.
        actions = [("data", line) for line in event["lines"]]
        others: list[tuple[str, str]] = []
        if event["name"] is not None:
            others.append(("event", event["name"]))
        if event["id"] is not None:
            others.append(("id", event["id"]))
        if event["nul_id"]:
            others.append(("id", "bad\x00id"))
        if event["retry"] is not None:
            others.append(("retry", str(event["retry"])))
        for other in draw(st.permutations(others)):
            actions.insert(draw(st.integers(0, len(actions))), other)
        for name, value in actions:
            field(name, value)
        fields.append(None)
        if event["id"] is not None:
            last_id = event["id"]
        if isinstance(event["retry"], int):
            retry = event["retry"]
        if event["lines"]:
            expected.append(
                StreamPart(event["name"] or "message", event["value"], event["id"] or None)
            )
        for _ in range(draw(st.integers(0, 1))):
            fields.append(None)

    # An incomplete event at the end is discarded, and its id is not the last event id.
    tail = draw(st.sampled_from([[], ["data: 1"], ["id: tail", "data: 2"], ["id: tail"]]))
    fields += tail
    out = [b"\xef\xbb\xbf"] if draw(st.booleans()) else []
    previous_eol = ""
    for line in fields:
        eol = draw(st.sampled_from(["\n", "\r", "\r\n"]))
        if line is None and previous_eol == "\r" and eol == "\n":
            eol = "\r\n"  # "\r" + "\n" would read as one CRLF and the blank line would vanish
        out.append(((line or "") + eol).encode())
        previous_eol = eol
    if tail and draw(st.booleans()):
        out[-1] = out[-1].rstrip(b"\r\n")  # ends mid-line
    return b"".join(out), expected, last_id, retry


@settings(max_examples=200, deadline=None)
@given(stream=streams(), points=st.lists(st.integers(0, 10_000), max_size=30))
def test_generated_streams_round_trip(
    stream: tuple[bytes, list[StreamPart], str | None, int | None], points: list[int]
) -> None:
    data, expected, last_id, retry = stream
    for chunks in ([data], cut(data, [p % (len(data) + 1) for p in points])):
        parts, decoder = decode_chunks(chunks)
        assert parts == expected
        assert decoder.last_event_id == last_id
        assert decoder.retry == retry


@settings(max_examples=200, deadline=None)
@given(
    data=st.lists(st.sampled_from([b"a", b"bc", b"\r", b"\n", b"\r\n"]), max_size=30).map(b"".join),
    points=st.lists(st.integers(0, 60), max_size=10),
)
def test_bytes_line_decoder_any_chunking(data: bytes, points: list[int]) -> None:
    expected = data.splitlines()
    decoder = BytesLineDecoder()
    lines = [
        bytes(x)
        for c in cut(data, [p % (len(data) + 1) for p in points])
        for x in decoder.decode(c)
    ]
    lines += [bytes(x) for x in decoder.flush()]
    assert lines == expected
