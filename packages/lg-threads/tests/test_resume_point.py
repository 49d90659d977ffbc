"""`ResumePoint.events`: a batch's event frames decoded as they are taken, each once across
reconnections, and the frame that ends a connection (an error, or not JSON) kept for the
event source to raise after the events before it."""

from __future__ import annotations

import orjson

from lg_threads._protocol import ProtocolCommandError
from lg_threads._resume_point import ResumePoint


def text(seq: int | None, kind: str = "event") -> str:
    frame: dict[str, object] = {"type": kind, "method": "values", "params": {"data": {}}}
    if seq is not None:
        frame["seq"] = seq
    return orjson.dumps(frame).decode()


def test_only_event_objects_come_out_in_order() -> None:
    resume = ResumePoint(None, orjson.loads)
    batch = [text(1), "[1, 2]", "", text(2, "success"), text(3).encode(), '"x"']
    assert [e["seq"] for e in resume.events(batch)] == [1, 3]
    assert resume.since == 3
    assert resume.failure is None


def test_events_at_or_below_since_are_dropped_across_batches() -> None:
    resume = ResumePoint(5, orjson.loads)
    assert [e["seq"] for e in resume.events([text(4), text(5), text(6)])] == [6]
    # A reconnection replays from ``since``: what was handed out before is not again.
    assert [e["seq"] for e in resume.events([text(6), text(7), text(3)])] == [7]
    assert resume.since == 7


def test_an_event_without_a_seq_is_handed_out_and_moves_nothing() -> None:
    resume = ResumePoint(2, orjson.loads)
    assert [e.get("seq") for e in resume.events([text(None), text(3)])] == [None, 3]
    assert resume.since == 3


def test_since_moves_only_past_events_taken() -> None:
    resume = ResumePoint(None, orjson.loads)
    events = resume.events([text(1), text(2), text(3)])
    assert next(events)["seq"] == 1
    assert resume.since == 1  # 2 and 3 are not decoded yet: a break now resumes after 1


def test_a_new_event_resets_the_breaks_in_a_row() -> None:
    resume = ResumePoint(4, orjson.loads)
    resume.failures = 2
    assert list(resume.events([text(3)])) == []
    assert resume.failures == 2  # a replayed event is not a new one
    assert len(list(resume.events([text(5)]))) == 1
    assert resume.failures == 0


def test_an_error_frame_ends_the_batch_after_the_events_before_it() -> None:
    resume = ResumePoint(None, orjson.loads)
    error = '{"type":"error","id":1,"error":"invalid_argument","message":"bad channel"}'
    assert [e["seq"] for e in resume.events([text(1), error, text(2)])] == [1]
    assert isinstance(resume.failure, ProtocolCommandError)
    assert resume.failure.code == "invalid_argument"
    assert resume.failure.method == "subscription.subscribe"
    assert resume.since == 1


def test_a_frame_that_is_not_json_ends_the_batch() -> None:
    resume = ResumePoint(None, orjson.loads)
    assert [e["seq"] for e in resume.events([text(1), "{not json", text(2)])] == [1]
    assert isinstance(resume.failure, orjson.JSONDecodeError)


def test_decoded_frames_keep_the_events_and_skip_the_rest() -> None:
    resume = ResumePoint(1, orjson.loads)
    frames: list[object] = [
        {"type": "event", "seq": 1},
        "text",
        {"type": "error", "error": "x"},  # over SSE, no error frame ends the stream
        {"type": "event", "seq": 2},
        None,
    ]
    assert list(resume.events(frames, decoded=True)) == [frames[3]]
    assert resume.failure is None
