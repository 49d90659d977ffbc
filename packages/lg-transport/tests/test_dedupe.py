"""Exactly-once delivery (`lg_transport.dedupe`), pure: the rules one by one, then a model of the
reference server (shared ids, replay after ``Last-Event-ID``, repeats at the replay/live seam)
driven by hypothesis through any number of cuts."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lg_schema import StreamPart
from lg_transport.dedupe import (
    START_OF_STREAM,
    ExactlyOnce,
    Verdict,
    parse_event_id,
    previous_event_id,
    same_event,
)

BASE_MS = 1_795_295_563_000


def ev(ms: int, name: str = "values", data: object = None, seq: int = 0) -> StreamPart:
    return StreamPart(name, {"v": name} if data is None else data, f"{BASE_MS + ms}-{seq}")


def deliver_all(tracker: ExactlyOnce, parts: list[StreamPart]) -> list[Verdict]:
    return [tracker.accept(part) for part in parts]


# --- ids ---------------------------------------------------------------------------------------


def test_parse_event_id() -> None:
    assert parse_event_id("1700000000123-4") == (1700000000123, 4)
    assert parse_event_id("1700000000123") == (1700000000123, 0)
    for bad in ("", "-", "abc", "12-x", "-1", "1-2-3"):
        assert parse_event_id(bad) is None


def test_previous_event_id_is_just_below() -> None:
    assert previous_event_id("1700000000123-5") == "1700000000123-4"
    assert previous_event_id("1700000000123-0") == "1700000000122-18446744073709551615"
    assert previous_event_id("0-0") == START_OF_STREAM
    assert previous_event_id("not-an-id") == "not-an-id"
    # Both orders the server may use agree: numeric (Redis) and string (in-memory runtime).
    below, last = previous_event_id("1700000000123-0"), "1700000000123-0"
    assert parse_event_id(below) < parse_event_id(last)  # type: ignore[operator]
    assert below < last
    assert below > "1700000000122-0"  # the previous millisecond stays below


def test_same_event_compares_json_not_python_equality() -> None:
    assert same_event(ev(1, data={"a": 1}), ev(1, data={"a": 1}))
    assert not same_event(ev(1, data={"a": 1}), ev(1, data={"a": True}))
    assert not same_event(ev(1, data={"a": 1}), ev(1, data={"a": 1.0}))
    assert not same_event(ev(1, "values"), ev(1, "updates"))
    assert not same_event(ev(1), ev(2))


# --- rules -------------------------------------------------------------------------------------


def test_first_connection_delivers_everything_even_identical_events() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    space = ev(1, "messages", [" "])
    parts = [ev(1, "messages", ["a"]), space, ev(1, "messages", ["b"]), space, space]
    assert deliver_all(tracker, parts) == [Verdict.DELIVER] * 5
    assert tracker.last_event_id == f"{BASE_MS + 1}-0"
    assert tracker.resume_id() == f"{BASE_MS}-18446744073709551615"


def test_events_without_ids_are_delivered_and_mark_the_stream() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=True)
    part = StreamPart("values", {"a": 1}, None)
    assert deliver_all(tracker, [part, part]) == [Verdict.DELIVER, Verdict.DELIVER]
    assert tracker.saw_unidentified
    assert not tracker.saw_ids
    assert tracker.resume_id() is None


def test_replay_of_the_last_group_is_dropped_and_new_members_delivered() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    a, b, a2 = ev(5, data="a"), ev(5, data="b"), ev(5, data="a")
    deliver_all(tracker, [ev(4), a, b])
    tracker.begin_connection(replays_last_group=True, detect_restarts=True)
    # The server replays the whole group of the last id, then what followed.
    verdicts = deliver_all(tracker, [a, b, a2, ev(6)])
    assert verdicts == [Verdict.DROP, Verdict.DROP, Verdict.DELIVER, Verdict.DELIVER]


def test_replay_tolerates_a_group_member_missing_from_the_rejoin() -> None:
    # A filtered join leaves out `metadata`: the replay is a subsequence of the group.
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    meta, x = ev(1, "metadata", {"run_id": "r"}), ev(1, data="x")
    deliver_all(tracker, [meta, x])
    tracker.begin_connection(replays_last_group=True, detect_restarts=True)
    assert deliver_all(tracker, [x, ev(1, data="x"), ev(2)]) == [
        Verdict.DROP,
        Verdict.DELIVER,  # an identical but new member: the replay of x came first
        Verdict.DELIVER,
    ]


def test_older_events_in_a_replay_are_dropped() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    deliver_all(tracker, [ev(1), ev(2), ev(3)])
    tracker.begin_connection(replays_last_group=True, detect_restarts=True)
    assert deliver_all(tracker, [ev(1), ev(2), ev(3), ev(4)]) == [
        Verdict.DROP,
        Verdict.DROP,
        Verdict.DROP,
        Verdict.DELIVER,
    ]


def test_a_repeat_at_the_replay_live_seam_asks_for_the_stored_log() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    deliver_all(tracker, [ev(1), ev(2, data="x")])
    tracker.begin_connection(replays_last_group=True, detect_restarts=True)
    y = ev(3, data="y")
    assert deliver_all(tracker, [ev(2, data="x"), y]) == [Verdict.DROP, Verdict.DELIVER]
    # The live part starts again at y: same id, same content. Restart or a second y?
    assert tracker.accept(y) is Verdict.RESYNC
    assert tracker.resync_window() == (y.id, y.id)
    # The stored log says group 3 holds one y: nothing is owed, and 3 is closed.
    assert tracker.apply_authority([y]) == []
    assert tracker.accept(y) is Verdict.DROP
    assert tracker.accept(ev(4)) is Verdict.DELIVER


def test_the_stored_log_can_prove_an_identical_event_distinct() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=True)
    space = ev(7, "messages", [" "])
    assert tracker.accept(space) is Verdict.DELIVER
    assert tracker.accept(space) is Verdict.RESYNC
    # The run really sent two spaces (and one more event) in that millisecond.
    tail = ev(7, "messages", ["!"])
    assert tracker.apply_authority([space, space, tail]) == [space, tail]
    assert tracker.accept(tail) is Verdict.DROP  # its live copy arrives afterwards
    assert tracker.accept(ev(8)) is Verdict.DELIVER


def test_an_older_id_after_new_events_is_a_restart() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=True)
    a, b = ev(1, data="a"), ev(2, data="b")
    deliver_all(tracker, [a, b])
    assert tracker.accept(a) is Verdict.RESYNC
    assert tracker.resync_window() == (a.id, b.id)
    assert tracker.apply_authority([a, b]) == []
    assert deliver_all(tracker, [b, ev(3)]) == [Verdict.DROP, Verdict.DELIVER]


def test_restart_detection_is_off_where_the_server_never_repeats() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    a = ev(1, data="a")
    assert deliver_all(tracker, [a, a]) == [Verdict.DELIVER, Verdict.DELIVER]


def test_resync_window_requires_a_resync_verdict() -> None:
    with pytest.raises(RuntimeError):
        ExactlyOnce().resync_window()


def test_unparseable_ids_are_delivered_as_is() -> None:
    tracker = ExactlyOnce()
    tracker.begin_connection(replays_last_group=False, detect_restarts=True)
    part = StreamPart("values", 1, "opaque")
    assert deliver_all(tracker, [part, part]) == [Verdict.DELIVER, Verdict.DELIVER]
    assert tracker.resume_id() == "opaque"


# --- a model of the server, driven through random cuts -----------------------------------------


@dataclass
class Server:
    """The reference server's resumable run log, as measured: ids are milliseconds shared by
    every event of that millisecond; a join replays ids greater than ``Last-Event-ID`` after
    subscribing, so events published in between arrive twice."""

    log: list[StreamPart]
    published: int = 0
    requests: list[str | None] = field(default_factory=list)

    def create(self) -> list[StreamPart]:
        return self.log[self.published :] if self.published else list(self.log)

    def rejoin(
        self, last_event_id: str | None, subscribe_at: int, restore_at: int
    ) -> list[StreamPart]:
        self.requests.append(last_event_id)
        live = self.log[subscribe_at:]
        if last_event_id is None:
            return live
        floor = parse_event_id(last_event_id)
        assert floor is not None
        stored = self.log[:restore_at]
        replay = [part for part in stored if parse_event_id(part.id or "") > floor]  # type: ignore[operator]
        return replay + live

    def stored_window(self, lo: str, hi: str) -> list[StreamPart]:
        lo_key, hi_key = parse_event_id(lo), parse_event_id(hi)
        return [p for p in self.log if lo_key <= parse_event_id(p.id or "") <= hi_key]  # type: ignore[operator]


@st.composite
def run_logs(draw: st.DrawFn) -> list[StreamPart]:
    groups = draw(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=14))
    log: list[StreamPart] = []
    ms = 0
    for size in groups:
        ms += draw(st.integers(min_value=1, max_value=2))
        for _ in range(size):
            # A tiny alphabet: identical events within one millisecond are common.
            name = draw(st.sampled_from(["messages", "values"]))
            log.append(ev(ms, name, draw(st.sampled_from(["a", "b", " "]))))
    return log


def consume(
    tracker: ExactlyOnce, server: Server, parts: list[StreamPart], cut: int
) -> list[StreamPart]:
    out: list[StreamPart] = []
    for part in parts[:cut]:
        verdict = tracker.accept(part)
        if verdict is Verdict.DELIVER:
            out.append(part)
        elif verdict is Verdict.RESYNC:
            out.extend(tracker.apply_authority(server.stored_window(*tracker.resync_window())))
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=run_logs(), data=st.data())
def test_any_cuts_deliver_the_log_exactly_once(log: list[StreamPart], data: st.DataObject) -> None:
    server = Server(log)
    tracker = ExactlyOnce()
    delivered: list[StreamPart] = []
    tracker.begin_connection(replays_last_group=False, detect_restarts=False)
    first = server.create()
    delivered += consume(tracker, server, first, data.draw(st.integers(0, len(first))))
    for _ in range(40):
        if len(delivered) == len(log) and data.draw(st.booleans()):
            break
        # The run has published at least what was delivered when the client rejoins; more
        # may be published between the join's subscription and its replay.
        subscribe_at = data.draw(st.integers(len(delivered), len(log)))
        restore_at = data.draw(st.integers(subscribe_at, len(log)))
        resume = tracker.resume_id()
        last_event_id = resume if resume is not None else START_OF_STREAM
        tracker.begin_connection(replays_last_group=resume is not None, detect_restarts=True)
        parts = server.rejoin(last_event_id, subscribe_at, restore_at)
        delivered += consume(tracker, server, parts, data.draw(st.integers(0, len(parts))))
    # Finish with an uncut rejoin.
    resume = tracker.resume_id()
    tracker.begin_connection(replays_last_group=resume is not None, detect_restarts=True)
    parts = server.rejoin(resume or START_OF_STREAM, len(log), len(log))
    delivered += consume(tracker, server, parts, len(parts))
    assert delivered == log


def test_resuming_from_the_last_id_itself_would_lose_its_group() -> None:
    # Why previous_event_id exists: the official client's resume point skips siblings.
    log = [ev(1, data="a"), ev(1, data="b"), ev(1, data="c"), ev(2)]
    server = Server(log)
    assert server.rejoin(log[0].id, 4, 4) == [log[3]]
    assert server.rejoin(previous_event_id(log[0].id or ""), 4, 4) == log
