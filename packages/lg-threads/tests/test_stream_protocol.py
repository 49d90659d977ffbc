"""The pure parts of thread streaming: `lg_threads._protocol` and `lg_threads._run_tracker`."""

from __future__ import annotations

from typing import Any

import pytest

import langgraph_sdk.stream as sdk_stream
import lg_threads.stream as lg_stream
from lg_threads import _protocol as p
from lg_threads._run_tracker import RunTracker


def ev(
    seq: int | None, method: str, data: Any = None, ns: list[str] | None = None
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "event",
        "event_id": f"e{seq}",
        "method": method,
        "params": {"namespace": list(ns or []), "timestamp": 1, "data": data},
    }
    if seq is not None:
        event["seq"] = seq
    return event


def lifecycle(seq: int, status: str, ns: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return ev(seq, "lifecycle", {"event": status, **extra}, ns)


def interrupt(
    seq: int, interrupt_id: str, payload: Any = None, ns: list[str] | None = None
) -> dict[str, Any]:
    return ev(seq, "input.requested", {"interrupt_id": interrupt_id, "payload": payload}, ns)


# The public names.


def test_public_modules_offer_the_same_names() -> None:
    for name in (
        "AsyncThreadStream",
        "SyncThreadStream",
        "ProtocolCommandError",
        "ThreadRunError",
        "ToolCallError",
        "MessageStream",
        "ALL_CHANNELS",
    ):
        assert getattr(sdk_stream, name) is getattr(lg_stream, name)
    assert lg_stream.ProtocolCommandError is p.ProtocolCommandError
    assert lg_stream.ALL_CHANNELS == (
        "values",
        "updates",
        "messages",
        "tools",
        "lifecycle",
        "input",
        "checkpoints",
        "tasks",
        "custom",
    )


# Channel validation.


@pytest.mark.parametrize("channels", [["values"], ("values", "custom"), ["custom:x", "tasks"]])
def test_validate_channels_accepts_known_and_named_custom(channels: Any) -> None:
    assert p.validate_channels(channels) == list(channels)


@pytest.mark.parametrize(
    ("channels", "error", "words"),
    [
        ([], ValueError, "at least one"),
        ("values", TypeError, "list of channel names"),
        (["bogus"], ValueError, "'bogus'"),
        (["custom:"], ValueError, "'custom:'"),
        (["values", 3], TypeError, "strings"),
        (None, TypeError, "NoneType"),
    ],
)
def test_validate_channels_errors_name_the_parameter(
    channels: Any, error: type[Exception], words: str
) -> None:
    with pytest.raises(error) as info:
        p.validate_channels(channels)
    assert str(info.value).startswith("channels")
    assert words in str(info.value)
    with pytest.raises(error) as info:
        p.validate_channels(channels, name="stream_channels")
    assert str(info.value).startswith("stream_channels")


@pytest.mark.parametrize(
    ("namespaces", "depth", "error", "words"),
    [
        ([["a", 1]], None, TypeError, "namespaces"),
        (["a"], None, TypeError, "namespaces"),
        ("a", None, TypeError, "namespaces"),
        (None, -1, ValueError, "depth"),
        (None, True, ValueError, "depth"),
        (None, 1.5, ValueError, "depth"),
    ],
)
def test_validate_namespaces_errors_name_the_parameter(
    namespaces: Any, depth: Any, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        p.validate_namespaces(namespaces, depth)


def test_validate_namespaces_accepts_good_values() -> None:
    p.validate_namespaces(None, None)
    p.validate_namespaces([[], ["a", "b:1"]], 0)
    p.validate_namespaces([("a",)], 3)


@pytest.mark.parametrize("value", [0, -1, "1", True, [1]])
def test_check_seconds_rejects_non_positive_numbers(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^run_start_timeout must be a positive number"):
        p.check_seconds("run_start_timeout", value)


def test_check_seconds_accepts_positive_numbers_and_optional_none() -> None:
    p.check_seconds("t", 0.5)
    p.check_seconds("t", 3)
    p.check_seconds("t", None)
    with pytest.raises(ValueError, match="t must be"):
        p.check_seconds("t", None, optional=False)


# The subscription filter.


def test_subscription_body_adds_control_channels_once_in_order() -> None:
    assert p.subscription_body(["values"]) == {"channels": ["values", "lifecycle", "input"]}
    assert p.subscription_body(["input", "messages", "lifecycle", "messages"]) == {
        "channels": ["input", "messages", "lifecycle"]
    }


def test_subscription_body_optional_fields() -> None:
    body = p.subscription_body(["tools"], [("a", "b:1"), []], depth=0, since=0)
    assert body == {
        "channels": ["tools", "lifecycle", "input"],
        "namespaces": [["a", "b:1"], []],
        "depth": 0,
        "since": 0,
    }
    assert list(body) == ["channels", "namespaces", "depth", "since"]
    assert "since" not in p.subscription_body(["tools"], since=None)
    assert p.subscription_body(["tools"], depth=2)["depth"] == 2


# Namespaces.


def test_normalize_segment() -> None:
    assert p.normalize_segment("child:1f0c-aa") == "child"
    assert p.normalize_segment("child") == "child"
    assert p.normalize_segment("a:b:c") == "a"


def test_namespace_matches_without_prefixes_uses_depth_only() -> None:
    assert p.namespace_matches([], None, None)
    assert p.namespace_matches(["a", "b"], None, None)
    assert p.namespace_matches([], None, 0)
    assert not p.namespace_matches(["a"], None, 0)
    assert p.namespace_matches(["a", "b"], None, 2)
    assert not p.namespace_matches(["a", "b", "c"], None, 2)


def test_namespace_matches_bare_node_names_match_invocations() -> None:
    assert p.namespace_matches(["child:1f0c"], [["child"]], None)
    assert p.namespace_matches(["child:1f0c", "inner:2"], [["child"]], None)
    assert p.namespace_matches(["child:1f0c", "inner:2"], [["child", "inner"]], None)
    # A filter with an invocation id matches that invocation only.
    assert p.namespace_matches(["child:1f0c"], [["child:1f0c"]], None)
    assert not p.namespace_matches(["child:2222"], [["child:1f0c"]], None)
    # Bare names are compared whole, not as string prefixes.
    assert not p.namespace_matches(["children:1"], [["child"]], None)
    assert not p.namespace_matches(["other:1"], [["child"]], None)
    # Shorter than the prefix: not under it.
    assert not p.namespace_matches([], [["child"]], None)


def test_namespace_matches_depth_counts_below_the_prefix() -> None:
    assert p.namespace_matches(["a:1"], [["a"]], 0)
    assert not p.namespace_matches(["a:1", "b:2"], [["a"]], 0)
    assert p.namespace_matches(["a:1", "b:2"], [["a"]], 1)
    assert p.namespace_matches([], [[]], 0)
    assert not p.namespace_matches(["a"], [[]], 0)
    assert p.namespace_matches(["a"], [[]], 1)


def test_namespace_matches_any_of_several_prefixes() -> None:
    prefixes = [["x"], ["a", "b"]]
    assert p.namespace_matches(["a:1", "b:2", "c"], prefixes, None)
    assert p.namespace_matches(["x:9"], prefixes, 0)
    assert not p.namespace_matches(["a:1", "c:2"], prefixes, None)
    assert not p.namespace_matches(["a"], [], None)


# Events.


def test_channel_of() -> None:
    assert p.channel_of(ev(1, "input.requested")) == "input"
    assert p.channel_of(ev(1, "values")) == "values"
    assert p.channel_of(ev(1, "custom", {"name": "x"})) == "custom"
    assert p.channel_of({}) == ""


def test_event_matches_channels() -> None:
    assert p.event_matches(ev(1, "values", {}), ["values"])
    assert not p.event_matches(ev(1, "values", {}), ["updates"])
    assert p.event_matches(interrupt(1, "i"), ["input"])
    assert not p.event_matches(interrupt(1, "i"), ["input.requested"])


def test_event_matches_named_custom_by_data_name() -> None:
    x = ev(1, "custom", {"name": "x", "payload": 1})
    y = ev(2, "custom", {"name": "y", "payload": 2})
    unnamed = ev(3, "custom", {"payload": 3})
    assert p.event_matches(x, ["custom:x"])
    assert not p.event_matches(y, ["custom:x"])
    assert not p.event_matches(unnamed, ["custom:x"])
    assert not p.event_matches(ev(4, "custom", "text"), ["custom:x"])
    # The plain channel takes every custom event.
    assert all(p.event_matches(e, ["custom"]) for e in (x, y, unnamed))
    assert p.event_matches(y, ["custom:x", "custom:y"])


def test_event_matches_namespaces_and_depth() -> None:
    child = ev(1, "values", {}, ["child:abc"])
    root = ev(2, "values", {})
    assert p.event_matches(child, ["values"], [["child"]])
    assert not p.event_matches(root, ["values"], [["child"]])
    assert p.event_matches(root, ["values"], [[]], 0)
    assert not p.event_matches(child, ["values"], [[]], 0)
    assert p.event_matches(child, ["values"], None, 1)
    assert not p.event_matches(child, ["values"], None, 0)
    # A malformed namespace counts as the root.
    assert p.event_matches({"method": "values", "params": {"namespace": "x"}}, ["values"], [[]], 0)


def test_root_lifecycle() -> None:
    assert p.root_lifecycle(lifecycle(1, "running")) == "running"
    assert p.root_lifecycle(lifecycle(1, "failed", error="x")) == "failed"
    assert p.root_lifecycle(lifecycle(1, "completed", ["child:1"])) is None
    assert p.root_lifecycle(ev(1, "values", {"event": "running"})) is None
    assert p.root_lifecycle(ev(1, "lifecycle", "running")) is None
    assert p.root_lifecycle(ev(1, "lifecycle", {"event": 3})) is None


def test_interrupt_of() -> None:
    assert p.interrupt_of(interrupt(1, "i1", {"q": 1}, ["child:2"])) == {
        "interrupt_id": "i1",
        "value": {"q": 1},
        "namespace": ["child:2"],
    }
    # Older servers said "value"; "payload" wins when both are there.
    old = ev(1, "input.requested", {"interrupt_id": "i2", "value": "v"})
    assert p.interrupt_of(old) == {"interrupt_id": "i2", "value": "v", "namespace": []}
    both = ev(1, "input.requested", {"interrupt_id": "i3", "value": "v", "payload": None})
    assert p.interrupt_of(both) == {"interrupt_id": "i3", "value": None, "namespace": []}
    assert p.interrupt_of(ev(1, "input.requested", {"interrupt_id": 3})) is None
    assert p.interrupt_of(ev(1, "input.requested", None)) is None
    assert p.interrupt_of(ev(1, "values", {"interrupt_id": "i"})) is None


# Commands.


def test_command_envelope() -> None:
    params = {"assistant_id": "a"}
    body = p.command(7, "run.start", params)
    assert body == {"id": 7, "method": "run.start", "params": {"assistant_id": "a"}}
    assert list(body) == ["id", "method", "params"]
    assert body["params"] is not params


def test_command_result_success() -> None:
    answer = {
        "type": "success",
        "id": 1,
        "result": {"run_id": "r1"},
        "meta": {"applied_through_seq": 12},
    }
    assert p.command_result("run.start", answer) == ({"run_id": "r1"}, 12)
    assert p.command_result("run.start", {"type": "success", "id": 1}) == ({}, None)
    assert p.command_result(
        "x", {"type": "success", "result": 3, "meta": {"applied_through_seq": "1"}}
    ) == (
        {},
        None,
    )


def test_command_result_none_is_an_empty_result() -> None:
    assert p.command_result("input.respond", None) == ({}, None)


def test_command_result_error_raises_with_code_and_message() -> None:
    answer = {"type": "error", "id": 2, "error": "no_such_interrupt", "message": "gone"}
    with pytest.raises(p.ProtocolCommandError) as info:
        p.command_result("input.respond", answer)
    error = info.value
    assert isinstance(error, RuntimeError)
    assert (error.method, error.code, error.message) == (
        "input.respond",
        "no_such_interrupt",
        "gone",
    )
    assert error.body == answer
    assert str(error) == "input.respond failed: no_such_interrupt: gone"


def test_command_result_error_without_fields_and_non_mapping() -> None:
    with pytest.raises(p.ProtocolCommandError) as info:
        p.command_result("run.start", {"type": "error"})
    assert (info.value.code, info.value.message) == ("unknown_error", "")
    with pytest.raises(p.ProtocolCommandError) as info:
        p.command_result("run.start", ["odd"])
    assert info.value.code == "unknown_error"
    assert "['odd']" in info.value.message


def test_thread_run_error() -> None:
    event = lifecycle(3, "failed", error="boom")
    error = p.ThreadRunError("boom", event)
    assert isinstance(error, RuntimeError)
    assert (error.error, error.event) == ("boom", event)
    assert "boom" in str(error)


# RunTracker.


def test_tracker_starts_empty() -> None:
    tracker = RunTracker()
    assert (tracker.cursor, tracker.floor, tracker.epoch) == (0, 0, 0)
    assert tracker.status is None and tracker.interrupts == []
    assert not tracker.run_over()


def test_tracker_cursor_is_the_highest_seq_and_ignores_events_without_seq() -> None:
    tracker = RunTracker()
    tracker.observe(ev(5, "values", {}))
    tracker.observe(ev(3, "values", {}))
    tracker.observe(ev(None, "lifecycle", {"event": "running"}))
    assert tracker.cursor == 5
    assert tracker.status is None


def test_tracker_a_run_from_running_to_completed() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    assert (tracker.epoch, tracker.floor) == (1, 0)
    tracker.observe(lifecycle(1, "running"))
    assert (tracker.status, tracker.running_seq, tracker.run_over()) == ("running", 1, False)
    # Child lifecycles are not the run's.
    tracker.observe(lifecycle(2, "completed", ["child:1"]))
    assert not tracker.run_over()
    done = lifecycle(3, "completed")
    tracker.observe(done)
    assert (tracker.status, tracker.terminal_seq, tracker.run_over()) == ("completed", 3, True)
    assert tracker.terminal_event == done
    # A second terminal event does not move the end.
    tracker.observe(lifecycle(4, "failed", error="late"))
    assert (tracker.status, tracker.terminal_seq, tracker.error) == ("completed", 3, None)


def test_tracker_floor_and_epoch_after_begin_run() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    for event in (lifecycle(1, "running"), lifecycle(4, "completed")):
        tracker.observe(event)
    tracker.run_id = "r1"
    tracker.begin_run()
    assert (tracker.epoch, tracker.floor, tracker.cursor) == (2, 4, 4)
    assert tracker.run_id is None
    assert tracker.status is None and tracker.running_seq is None
    assert not tracker.run_over()


def test_tracker_ignores_stale_events_of_an_earlier_run() -> None:
    tracker = RunTracker()
    tracker.cursor = 4
    tracker.begin_run()
    assert tracker.floor == 4
    # Below the floor: older than the command, ignored entirely.
    tracker.observe(lifecycle(3, "running"))
    tracker.observe(lifecycle(4, "failed", error="old"))
    assert tracker.status is None and tracker.error is None
    # Above the floor but before this run's `running`: an earlier run's tail.
    tracker.observe(lifecycle(5, "interrupted"))
    assert tracker.status is None and not tracker.run_over()
    tracker.observe(lifecycle(7, "running"))
    assert (tracker.status, tracker.running_seq) == ("running", 7)
    assert tracker.is_stale(6, tracker.epoch)
    assert not tracker.is_stale(8, tracker.epoch)
    assert not tracker.is_stale(None, tracker.epoch)
    # A subscription of another epoch never drops events as stale.
    assert not tracker.is_stale(6, tracker.epoch - 1)
    tracker.observe(lifecycle(9, "interrupted"))
    assert (tracker.status, tracker.terminal_seq) == ("interrupted", 9)


def test_tracker_is_not_stale_before_running() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    assert not tracker.is_stale(1, tracker.epoch)


def test_tracker_collects_interrupts_and_a_new_run_clears_them() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    tracker.observe(lifecycle(1, "running"))
    tracker.observe(interrupt(2, "i1", {"q": 1}))
    tracker.observe(interrupt(3, "i2", "two", ["child:a"]))
    tracker.observe(interrupt(3, "i2", "two", ["child:a"]))  # replayed: kept once
    tracker.observe(lifecycle(4, "interrupted"))
    assert tracker.status == "interrupted"
    assert tracker.interrupts == [
        {"interrupt_id": "i1", "value": {"q": 1}, "namespace": []},
        {"interrupt_id": "i2", "value": "two", "namespace": ["child:a"]},
    ]
    assert tracker.pending_interrupt("i2") == {
        "interrupt_id": "i2",
        "value": "two",
        "namespace": ["child:a"],
    }
    assert tracker.pending_interrupt("nope") is None
    assert tracker.pending_interrupt(None) is None
    tracker.begin_run()
    assert tracker.interrupts == []
    assert tracker.floor == 4


def test_tracker_ignores_interrupts_below_the_floor() -> None:
    tracker = RunTracker()
    tracker.cursor = 10
    tracker.begin_run()
    tracker.observe(interrupt(9, "old"))
    tracker.observe(lifecycle(11, "running"))
    tracker.observe(interrupt(12, "new"))
    assert [i["interrupt_id"] for i in tracker.interrupts] == ["new"]


def test_tracker_failed_run_keeps_the_error_text() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    tracker.observe(lifecycle(1, "running"))
    failed = lifecycle(2, "failed", error="ValueError: boom")
    tracker.observe(failed)
    assert (tracker.status, tracker.error, tracker.terminal_event) == (
        "failed",
        "ValueError: boom",
        failed,
    )
    tracker.begin_run()
    assert tracker.error is None and tracker.status is None


def test_tracker_failed_run_without_error_text() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    tracker.observe(lifecycle(1, "running"))
    tracker.observe(lifecycle(2, "failed"))
    assert tracker.error == "the run failed"


def test_tracker_terminal_without_running_is_ignored() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    tracker.observe(lifecycle(1, "completed"))
    assert tracker.status is None and not tracker.run_over()


def test_tracker_abort_run_restores_but_keeps_the_cursor() -> None:
    tracker = RunTracker()
    tracker.begin_run()
    tracker.observe(lifecycle(1, "running"))
    tracker.observe(interrupt(2, "i1"))
    tracker.observe(lifecycle(3, "interrupted"))
    tracker.run_id = "r1"
    saved = tracker.begin_run()
    assert tracker.epoch == 2 and tracker.interrupts == []
    tracker.observe(ev(8, "values", {}))  # seen while the command was in flight
    tracker.abort_run(saved)
    assert (tracker.epoch, tracker.floor, tracker.run_id, tracker.status) == (
        1,
        0,
        "r1",
        "interrupted",
    )
    assert [i["interrupt_id"] for i in tracker.interrupts] == ["i1"]
    assert tracker.cursor == 8
    assert tracker.run_over()


def test_tracker_before_any_command_follows_the_latest_run() -> None:
    tracker = RunTracker()
    for event in (lifecycle(1, "running"), lifecycle(2, "completed")):
        tracker.observe(event)
    assert tracker.status == "completed"
    tracker.observe(lifecycle(3, "running"))
    assert (tracker.status, tracker.running_seq, tracker.run_over()) == ("running", 3, False)
    tracker.observe(lifecycle(4, "failed", error="e"))
    assert (tracker.status, tracker.error) == ("failed", "e")
