"""The cron request builders alone: no I/O, just arguments in and `ApiRequest` out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lg_crons import _requests
from lg_transport import NOT_PROVIDED, ApiRequest

CREATE_DEFAULTS: dict[str, Any] = {
    "input": None,
    "metadata": None,
    "config": None,
    "context": None,
    "checkpoint_during": None,
    "interrupt_before": None,
    "interrupt_after": None,
    "webhook": None,
    "multitask_strategy": None,
    "end_time": None,
    "enabled": None,
    "timezone": None,
    "stream_mode": None,
    "stream_subgraphs": None,
    "stream_resumable": None,
    "durability": None,
}


def create(**overrides: Any) -> ApiRequest:
    fields = {
        "schedule": "* * * * *",
        "assistant_id": "agent",
        "on_run_completed": None,
        **CREATE_DEFAULTS,
        **overrides,
    }
    return _requests.create(None, None, **fields)


def create_for_thread(thread_id: Any = "t1", **overrides: Any) -> ApiRequest:
    fields = {"schedule": "* * * * *", "assistant_id": "agent", **CREATE_DEFAULTS, **overrides}
    return _requests.create_for_thread(thread_id, None, None, **fields)


def update(cron_id: Any = "c1", **overrides: Any) -> ApiRequest:
    fields: dict[str, Any] = {
        "schedule": None,
        "end_time": NOT_PROVIDED,
        "input": None,
        "metadata": None,
        "config": None,
        "context": None,
        "webhook": None,
        "interrupt_before": None,
        "interrupt_after": None,
        "on_run_completed": None,
        "enabled": None,
        "timezone": None,
        "stream_mode": None,
        "stream_subgraphs": None,
        "stream_resumable": None,
        "durability": None,
        "headers": None,
        "params": None,
        **overrides,
    }
    return _requests.update(cron_id, **fields)


def search(**overrides: Any) -> ApiRequest:
    fields: dict[str, Any] = {
        "assistant_id": None,
        "thread_id": None,
        "enabled": None,
        "metadata": None,
        "limit": 10,
        "offset": 0,
        "sort_by": None,
        "sort_order": None,
        "select": None,
        "headers": None,
        "params": None,
        **overrides,
    }
    return _requests.search(**fields)


# Bodies and retry classes


def test_creates_are_retried_only_when_the_server_never_got_them() -> None:
    assert create().retry_class == "create"
    assert create_for_thread().retry_class == "create"


def test_search_and_count_are_safe_to_retry() -> None:
    assert search().retry_class == "safe"
    assert _requests.count(None, None, None, None, None).retry_class == "safe"


def test_update_and_delete_paths() -> None:
    assert update().path == "/runs/crons/c1"
    assert update().method == "PATCH"
    assert _requests.delete("c1", None, None).path == "/runs/crons/c1"


def test_update_end_time_three_ways() -> None:
    assert "end_time" not in update().json
    assert update(end_time=None).json == {"end_time": None}
    end = datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert update(end_time=end).json == {"end_time": "2030-01-01T00:00:00+00:00"}


def test_update_with_every_field_keeps_the_official_order() -> None:
    request = update(
        schedule="0 * * * *",
        end_time=None,
        input={"i": 1},
        metadata={"m": 1},
        config={"tags": []},
        context={"c": 1},
        webhook="http://hook",
        interrupt_before=["a"],
        interrupt_after="*",
        on_run_completed="keep",
        enabled=True,
        timezone="Asia/Tokyo",
        stream_mode="values",
        stream_subgraphs=False,
        stream_resumable=True,
        durability="sync",
    )
    assert list(request.json) == [
        "schedule", "input", "metadata", "config", "context", "webhook", "interrupt_before",
        "interrupt_after", "on_run_completed", "enabled", "timezone", "stream_mode",
        "stream_subgraphs", "stream_resumable", "durability", "end_time",
    ]  # fmt: skip


def test_create_for_thread_has_no_on_run_completed_and_multitask_goes_last() -> None:
    request = create_for_thread(multitask_strategy="reject", enabled=True)
    assert request.path == "/threads/t1/runs/crons"
    assert list(request.json) == ["schedule", "assistant_id", "enabled", "multitask_strategy"]


def test_search_leaves_out_empty_filters_like_the_official_client() -> None:
    request = search(metadata={}, select=[], enabled=False)
    assert request.json == {"enabled": False, "limit": 10, "offset": 0}


def test_count_with_every_filter() -> None:
    request = _requests.count("a", "t", {"m": 1}, None, None)
    assert request.json == {"assistant_id": "a", "thread_id": "t", "metadata": {"m": 1}}


def test_a_list_input_is_allowed() -> None:
    assert create(input=[{"a": 1}]).json["input"] == [{"a": 1}]


# Time zones


class _NamelessZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1)

    def tzname(self, dt: datetime | None) -> str | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("Europe/Paris", "Europe/Paris"),
        (ZoneInfo("America/New_York"), "America/New_York"),
        (timezone.utc, "UTC"),
        (timezone(timedelta(0)), "UTC"),
    ],
)
def test_timezone_names(value: Any, expected: str | None) -> None:
    assert _requests.timezone_name(value) == expected


@pytest.mark.parametrize(
    "value", [timezone(timedelta(hours=2)), _NamelessZone(), tzinfo(), timezone(timedelta(0), "Z")]
)
def test_a_tzinfo_without_an_iana_name_is_rejected(value: tzinfo) -> None:
    with pytest.raises(ValueError, match="timezone"):
        _requests.timezone_name(value)


def test_a_pytz_style_zone_is_sent_by_its_zone_attribute() -> None:
    class PytzLike(_NamelessZone):
        zone = "Europe/Berlin"

    assert _requests.timezone_name(PytzLike()) == "Europe/Berlin"


# Validation: a clear error naming the parameter, before any request exists.


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: create_for_thread(""), ValueError, "thread_id"),
        (lambda: create_for_thread(None), ValueError, "thread_id"),
        (lambda: create(assistant_id=""), ValueError, "assistant_id"),
        (lambda: create(assistant_id=None), TypeError, "assistant_id"),
        (lambda: create(schedule=""), ValueError, "schedule"),
        (lambda: create(schedule=5), TypeError, "schedule"),
        (lambda: create(input="hello"), TypeError, "input"),
        (lambda: create(context=3), TypeError, "context"),
        (lambda: create(metadata=[1]), TypeError, "metadata"),
        (lambda: create(config="c"), TypeError, "config"),
        (lambda: create(checkpoint_during="yes"), TypeError, "checkpoint_during"),
        (lambda: create(interrupt_before="node"), TypeError, "interrupt_before"),
        (lambda: create(interrupt_after=[1]), TypeError, r"interrupt_after\[0\]"),
        (lambda: create(webhook=1), TypeError, "webhook"),
        (lambda: create(on_run_completed="archive"), ValueError, "on_run_completed"),
        (lambda: create(multitask_strategy="queue"), ValueError, "multitask_strategy"),
        (lambda: create(end_time="2030-01-01"), TypeError, "end_time"),
        (lambda: create(enabled=1), TypeError, "enabled"),
        (lambda: create(timezone=3), TypeError, "timezone"),
        (lambda: create(timezone=""), ValueError, "timezone"),
        (lambda: create(stream_mode="all"), ValueError, "stream_mode"),
        (lambda: create(stream_mode=["values", "nope"]), ValueError, "stream_mode"),
        (lambda: create(stream_mode=[]), TypeError, "stream_mode"),
        (lambda: create(stream_subgraphs="no"), TypeError, "stream_subgraphs"),
        (lambda: create(stream_resumable=0), TypeError, "stream_resumable"),
        (lambda: create(durability="never"), ValueError, "durability"),
        (lambda: update(""), ValueError, "cron_id"),
        (lambda: update(schedule=""), ValueError, "schedule"),
        (lambda: update(end_time=1700000000), TypeError, "end_time"),
        (lambda: update(on_run_completed="x"), ValueError, "on_run_completed"),
        (lambda: update(enabled="true"), TypeError, "enabled"),
        (lambda: _requests.delete(None, None, None), ValueError, "cron_id"),
        (lambda: search(assistant_id=""), ValueError, "assistant_id"),
        (lambda: search(thread_id=7), TypeError, "thread_id"),
        (lambda: search(enabled="yes"), TypeError, "enabled"),
        (lambda: search(limit=0), ValueError, "limit"),
        (lambda: search(offset=1.5), TypeError, "offset"),
        (lambda: search(sort_by="schedule"), ValueError, "sort_by"),
        (lambda: search(sort_order="newest"), ValueError, "sort_order"),
        (lambda: search(select=["cron_id", "bogus"]), ValueError, r"select\[1\]"),
        (lambda: search(metadata="m"), TypeError, "metadata"),
        (lambda: _requests.count("", None, None, None, None), ValueError, "assistant_id"),
        (lambda: _requests.count(None, None, [1], None, None), TypeError, "metadata"),
    ],
)
def test_invalid_arguments_name_the_parameter(call: Any, error: type[Exception], name: str) -> None:
    with pytest.raises(error, match=name):
        call()
