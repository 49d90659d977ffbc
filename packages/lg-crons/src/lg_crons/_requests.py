"""Pure request builders for cron jobs: arguments in, validated `ApiRequest` out.

Body keys come in the official client's order, and an argument left at ``None`` is left out of
the body, except ``update(end_time=None)``, which sends ``"end_time": null`` to clear the end
time (leaving ``end_time`` out keeps it).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any, Final, cast, get_args

from lg_schema import (
    CronSelectField,
    CronSortBy,
    Durability,
    MultitaskStrategy,
    OnCompletionBehavior,
    QueryParamTypes,
    SortOrder,
    StreamMode,
)
from lg_transport import ApiRequest, NotGiven, build_path, drop_none
from lg_transport.validate import (
    check_bool,
    check_int,
    check_interrupt_nodes,
    check_literal,
    check_literals,
    check_mapping,
    check_str,
    check_str_list,
)

Headers = Mapping[str, str] | None
Params = QueryParamTypes | None

STREAM_MODES: Final = get_args(StreamMode)
DURABILITIES: Final = get_args(Durability)
MULTITASK_STRATEGIES: Final = get_args(MultitaskStrategy)
ON_RUN_COMPLETED_VALUES: Final = get_args(OnCompletionBehavior)
SORT_BY_VALUES: Final = get_args(CronSortBy)
SORT_ORDER_VALUES: Final = get_args(SortOrder)
SELECT_FIELDS: Final = get_args(CronSelectField)


def timezone_name(timezone: str | tzinfo | None) -> str | None:
    """The IANA name to send for ``timezone``: a str as given, a tzinfo by its key.

    The server checks the name with ``zoneinfo.ZoneInfo(name)``, so only a real zone name
    works: ``ZoneInfo("Europe/Paris").key`` (or a pytz zone's ``.zone``), and ``"UTC"`` for a
    UTC tzinfo such as ``datetime.timezone.utc``. Other fixed offsets have no IANA name (their
    ``tzname`` is ``"UTC+02:00"``, which the server rejects), so they are refused here.
    """
    if timezone is None:
        return None
    if isinstance(timezone, str):
        check_str("timezone", timezone)
        return timezone
    if not isinstance(timezone, tzinfo):
        raise TypeError(
            f"timezone must be a str or a datetime.tzinfo, got {type(timezone).__name__}"
        )
    for attribute in ("key", "zone"):  # zoneinfo.ZoneInfo, then pytz
        name = getattr(timezone, attribute, None)
        if isinstance(name, str) and name:
            return name
    try:
        is_utc = timezone.utcoffset(None) == timedelta(0) and timezone.tzname(None) == "UTC"
    except NotImplementedError:  # a bare tzinfo subclass that implements neither
        is_utc = False
    if is_utc:
        return "UTC"
    raise ValueError(
        f"timezone {timezone!r} has no IANA name; pass a zoneinfo.ZoneInfo such as "
        "ZoneInfo('America/New_York') or a name string"
    )


def _end_time(end_time: datetime | None) -> str | None:
    if end_time is None:
        return None
    if not isinstance(end_time, datetime):
        raise TypeError(f"end_time must be a datetime, got {type(end_time).__name__}")
    return end_time.isoformat()


def _check_structured(name: str, value: object) -> None:
    # Input and context are objects (dicts, TypedDicts, dataclasses, pydantic models) or, for
    # input, a list of them; a bare scalar is always a mistake.
    if isinstance(value, (str, bytes, int, float)):
        raise TypeError(f"{name} must be a mapping or an object, got {type(value).__name__}")


def _stream_mode(stream_mode: object) -> Any:
    check_literals("stream_mode", stream_mode, STREAM_MODES)
    if stream_mode is None or isinstance(stream_mode, str):
        return stream_mode
    return list(cast("Sequence[str]", stream_mode))


def _run_fields(
    *,
    input: object,
    metadata: Mapping[str, Any] | None,
    config: Mapping[str, Any] | None,
    context: object,
    interrupt_before: str | Sequence[str] | None,
    interrupt_after: str | Sequence[str] | None,
    webhook: str | None,
    enabled: bool | None,
    stream_subgraphs: bool | None,
    stream_resumable: bool | None,
    durability: str | None,
) -> None:
    """Checks shared by create, create_for_thread and update."""
    _check_structured("input", input)
    check_mapping("metadata", metadata)
    check_mapping("config", config)
    _check_structured("context", context)
    check_interrupt_nodes("interrupt_before", interrupt_before)
    check_interrupt_nodes("interrupt_after", interrupt_after)
    check_str("webhook", webhook, optional=True)
    check_bool("enabled", enabled, optional=True)
    check_bool("stream_subgraphs", stream_subgraphs, optional=True)
    check_bool("stream_resumable", stream_resumable, optional=True)
    check_literal("durability", durability, DURABILITIES)


def _create_body(
    *,
    schedule: str,
    input: object,
    metadata: Mapping[str, Any] | None,
    config: Mapping[str, Any] | None,
    context: object,
    assistant_id: str,
    checkpoint_during: bool | None,
    interrupt_before: str | Sequence[str] | None,
    interrupt_after: str | Sequence[str] | None,
    webhook: str | None,
    on_run_completed: str | None,
    multitask_strategy: str | None,
    end_time: datetime | None,
    enabled: bool | None,
    timezone: str | tzinfo | None,
    stream_mode: object,
    stream_subgraphs: bool | None,
    stream_resumable: bool | None,
    durability: str | None,
) -> dict[str, Any]:
    check_str("assistant_id", assistant_id)
    check_str("schedule", schedule)
    check_bool("checkpoint_during", checkpoint_during, optional=True)
    check_literal("on_run_completed", on_run_completed, ON_RUN_COMPLETED_VALUES)
    check_literal("multitask_strategy", multitask_strategy, MULTITASK_STRATEGIES)
    _run_fields(
        input=input,
        metadata=metadata,
        config=config,
        context=context,
        interrupt_before=interrupt_before,
        interrupt_after=interrupt_after,
        webhook=webhook,
        enabled=enabled,
        stream_subgraphs=stream_subgraphs,
        stream_resumable=stream_resumable,
        durability=durability,
    )
    if checkpoint_during is not None:
        # stacklevel 4: here, create/create_for_thread below, the client method, the caller.
        warnings.warn(
            "`checkpoint_during` is deprecated; pass `durability` instead",
            DeprecationWarning,
            stacklevel=4,
        )
    return drop_none(
        schedule=schedule,
        input=input,
        config=config,
        metadata=metadata,
        context=context,
        assistant_id=assistant_id,
        checkpoint_during=checkpoint_during,
        interrupt_before=interrupt_before,
        interrupt_after=interrupt_after,
        webhook=webhook,
        on_run_completed=on_run_completed,
        end_time=_end_time(end_time),
        enabled=enabled,
        timezone=timezone_name(timezone),
        stream_mode=_stream_mode(stream_mode),
        stream_subgraphs=stream_subgraphs,
        stream_resumable=stream_resumable,
        durability=durability,
        # Last, as in the official client, which appends it after the other fields.
        multitask_strategy=multitask_strategy,
    )


def create_for_thread(
    thread_id: str, headers: Headers, params: Params, **fields: Any
) -> ApiRequest:
    """``fields``: the keyword arguments of `CronClient.create_for_thread`."""
    path = build_path("/threads/{thread_id}/runs/crons", thread_id=thread_id)
    body = _create_body(on_run_completed=None, **fields)
    return ApiRequest("POST", path, json=body, params=params, headers=headers)


def create(headers: Headers, params: Params, **fields: Any) -> ApiRequest:
    """``fields``: the keyword arguments of `CronClient.create`."""
    body = _create_body(**fields)
    return ApiRequest("POST", "/runs/crons", json=body, params=params, headers=headers)


def delete(cron_id: str, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/runs/crons/{cron_id}", cron_id=cron_id)
    return ApiRequest("DELETE", path, params=params, headers=headers)


def update(
    cron_id: str,
    *,
    schedule: str | None,
    end_time: datetime | None | NotGiven,
    input: object,
    metadata: Mapping[str, Any] | None,
    config: Mapping[str, Any] | None,
    context: object,
    webhook: str | None,
    interrupt_before: str | Sequence[str] | None,
    interrupt_after: str | Sequence[str] | None,
    on_run_completed: str | None,
    enabled: bool | None,
    timezone: str | tzinfo | None,
    stream_mode: object,
    stream_subgraphs: bool | None,
    stream_resumable: bool | None,
    durability: str | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/runs/crons/{cron_id}", cron_id=cron_id)
    check_str("schedule", schedule, optional=True)
    check_literal("on_run_completed", on_run_completed, ON_RUN_COMPLETED_VALUES)
    _run_fields(
        input=input,
        metadata=metadata,
        config=config,
        context=context,
        interrupt_before=interrupt_before,
        interrupt_after=interrupt_after,
        webhook=webhook,
        enabled=enabled,
        stream_subgraphs=stream_subgraphs,
        stream_resumable=stream_resumable,
        durability=durability,
    )
    body = drop_none(
        schedule=schedule,
        input=input,
        metadata=metadata,
        config=config,
        context=context,
        webhook=webhook,
        interrupt_before=interrupt_before,
        interrupt_after=interrupt_after,
        on_run_completed=on_run_completed,
        enabled=enabled,
        timezone=timezone_name(timezone),
        stream_mode=_stream_mode(stream_mode),
        stream_subgraphs=stream_subgraphs,
        stream_resumable=stream_resumable,
        durability=durability,
    )
    if not isinstance(end_time, NotGiven):
        # Given, even as None: None travels as null, which clears the end time.
        body["end_time"] = _end_time(end_time)
    return ApiRequest("PATCH", path, json=body, params=params, headers=headers)


def search(
    assistant_id: str | None,
    thread_id: str | None,
    enabled: bool | None,
    metadata: Mapping[str, Any] | None,
    limit: int,
    offset: int,
    sort_by: CronSortBy | None,
    sort_order: SortOrder | None,
    select: Sequence[CronSelectField] | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_str("assistant_id", assistant_id, optional=True)
    check_str("thread_id", thread_id, optional=True)
    check_bool("enabled", enabled, optional=True)
    check_mapping("metadata", metadata)
    check_int("limit", limit, minimum=1)
    check_int("offset", offset, minimum=0)
    check_literal("sort_by", sort_by, SORT_BY_VALUES)
    check_literal("sort_order", sort_order, SORT_ORDER_VALUES)
    if select is not None:
        check_str_list("select", select)
        for index, field in enumerate(select):
            check_literal(f"select[{index}]", field, SELECT_FIELDS, optional=False)
    body = drop_none(
        assistant_id=assistant_id,
        thread_id=thread_id,
        enabled=enabled,
        limit=limit,
        offset=offset,
        # The official client sends these only when truthy: {} and [] mean "no filter".
        metadata=metadata or None,
        sort_by=sort_by or None,
        sort_order=sort_order or None,
        select=list(select) if select else None,
    )
    return ApiRequest(
        "POST", "/runs/crons/search", json=body, params=params, headers=headers, retry="safe"
    )


def count(
    assistant_id: str | None,
    thread_id: str | None,
    metadata: Mapping[str, Any] | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_str("assistant_id", assistant_id, optional=True)
    check_str("thread_id", thread_id, optional=True)
    check_mapping("metadata", metadata)
    body = drop_none(assistant_id=assistant_id, thread_id=thread_id, metadata=metadata or None)
    return ApiRequest(
        "POST", "/runs/crons/count", json=body, params=params, headers=headers, retry="safe"
    )
