"""`RunWindow.matches` (with its per-event fast path) agrees with `_protocol.event_matches`."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from lg_threads import _protocol
from lg_threads._run_tracker import RunTracker
from lg_threads._run_window import RunWindow

EVENTS: list[dict[str, Any]] = [
    {"method": "messages", "params": {"namespace": [], "data": {}}},
    {"method": "messages", "params": {"namespace": ["child:1"], "data": {}}},
    {"method": "values", "params": {"namespace": ["child:1", "inner:2"], "data": {}}},
    {"method": "lifecycle", "params": {"namespace": [], "data": {"event": "running"}}},
    {"method": "custom", "params": {"namespace": [], "data": {"name": "progress"}}},
    {"method": "custom", "params": {"namespace": [], "data": {"name": "other"}}},
    {"method": "input.requested", "params": {"namespace": [], "data": {}}},
    {"method": "input", "params": {"namespace": []}},
    {"method": "brand-new-channel", "params": {"namespace": []}},
    {"method": ["not", "a", "string"], "params": {}},
    {"params": {"namespace": []}},
]

FILTERS: list[tuple[list[str], list[list[str]] | None, int | None]] = [
    (list(_protocol.ALL_CHANNELS), None, None),
    (["messages"], None, None),
    (["messages", "custom:progress"], None, None),
    (["custom", "input"], None, None),
    (["messages", "values"], [["child"]], None),
    (["messages", "values"], None, 0),
    (["messages", "values", "lifecycle"], [[]], 1),
]


@pytest.mark.parametrize(
    ("event", "subscription"),
    list(itertools.product(EVENTS, FILTERS)),
)
def test_matches_agrees_with_event_matches(
    event: dict[str, Any], subscription: tuple[list[str], list[list[str]] | None, int | None]
) -> None:
    channels, namespaces, depth = subscription
    window = RunWindow(RunTracker(), channels, namespaces, depth, scope=None, follows_thread=False)
    assert window.matches(event) == _protocol.event_matches(event, channels, namespaces, depth)
