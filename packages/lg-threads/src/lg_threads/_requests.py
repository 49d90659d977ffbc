"""Pure request builders for threads: arguments in, validated `ApiRequest` out, no I/O.

Optional filters and options follow the official client's rule: a value that is empty (``None``,
``{}``, ``[]``, ``""``) is left out of the body, so the same arguments give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lg_schema import Checkpoint, QueryParamTypes
from lg_threads._checks import (
    ON_CONFLICT_BEHAVIORS,
    PRUNE_STRATEGIES,
    SORT_ORDERS,
    THREAD_SELECT_FIELDS,
    THREAD_SORT_KEYS,
    THREAD_STATUSES,
    THREAD_STREAM_MODES,
    check_before,
    check_state_values,
    check_str_mapping,
    json_list,
    json_object,
    superstep_bodies,
    thread_id_value,
    ttl_body,
)
from lg_transport import ApiRequest, build_path, merge_params
from lg_transport.validate import (
    check_bool,
    check_exclusive,
    check_int,
    check_literal,
    check_literals,
    check_mapping,
    check_str,
    check_str_list,
)

Headers = Mapping[str, str] | None
Params = QueryParamTypes | None


def _non_empty(**fields: Any) -> dict[str, Any]:
    """The fields that hold a value; empty filters mean "no filter" and are not sent."""
    return {key: value for key, value in fields.items() if value}


def _check_headers(headers: object) -> None:
    check_mapping("headers", headers)


# Threads


def get_thread(
    thread_id: str, include: Sequence[str] | None, headers: Headers, params: Params
) -> ApiRequest:
    path = build_path("/threads/{thread_id}", thread_id=thread_id)
    check_str_list("include", include)
    _check_headers(headers)
    # The server takes one comma-separated value ("ttl,other").
    query = _non_empty(include=",".join(include or ()))
    return ApiRequest("GET", path, params=merge_params(query, params), headers=headers)


def create_thread(
    metadata: Mapping[str, Any] | None,
    thread_id: str | None,
    if_exists: str | None,
    supersteps: Sequence[Mapping[str, Sequence[Mapping[str, Any]]]] | None,
    graph_id: str | None,
    ttl: int | float | Mapping[str, Any] | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_mapping("metadata", metadata)
    body_thread_id = thread_id_value("thread_id", thread_id)
    check_literal("if_exists", if_exists, ON_CONFLICT_BEHAVIORS)
    steps = None if supersteps is None else superstep_bodies(supersteps)
    check_str("graph_id", graph_id, optional=True)
    ttl_object = ttl_body(ttl)
    _check_headers(headers)
    # graph_id is not a field of its own: the server reads it from the metadata.
    merged_metadata = {**(metadata or {}), **({"graph_id": graph_id} if graph_id else {})}
    body = _non_empty(
        thread_id=body_thread_id,
        metadata=merged_metadata,
        if_exists=if_exists,
        supersteps=steps,
    )
    if ttl_object is not None:
        body["ttl"] = ttl_object
    # Creating a thread under an id of one's own, keeping any existing one, can be repeated
    # without effect: only then is a retry after an unknown outcome harmless.
    idempotent = body_thread_id is not None and if_exists == "do_nothing"
    return ApiRequest(
        "POST",
        "/threads",
        json=body,
        params=params,
        headers=headers,
        retry="safe" if idempotent else None,
    )


def update_thread(
    thread_id: str,
    metadata: Mapping[str, Any],
    ttl: int | float | Mapping[str, Any] | None,
    return_minimal: bool,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/threads/{thread_id}", thread_id=thread_id)
    check_mapping("metadata", metadata, optional=False)
    ttl_object = ttl_body(ttl)
    check_bool("return_minimal", return_minimal)
    _check_headers(headers)
    body: dict[str, Any] = {"metadata": dict(metadata)}
    if ttl_object is not None:
        body["ttl"] = ttl_object
    request_headers = dict(headers or {})
    if return_minimal:
        # Asks for 204 No Content instead of the updated thread.
        request_headers["Prefer"] = "return=minimal"
    return ApiRequest("PATCH", path, json=body, params=params, headers=request_headers or None)


def delete_thread(thread_id: str, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/threads/{thread_id}", thread_id=thread_id)
    _check_headers(headers)
    return ApiRequest("DELETE", path, params=params, headers=headers)


def search_threads(
    metadata: Mapping[str, Any] | None,
    values: Mapping[str, Any] | None,
    ids: Sequence[str] | None,
    status: str | None,
    limit: int,
    offset: int,
    sort_by: str | None,
    sort_order: str | None,
    select: Sequence[str] | None,
    extract: Mapping[str, str] | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_mapping("metadata", metadata)
    check_mapping("values", values)
    check_str_list("ids", ids)
    check_literal("status", status, THREAD_STATUSES)
    check_int("limit", limit, minimum=1)  # the server answers 422 below 1
    check_int("offset", offset, minimum=0)
    check_literal("sort_by", sort_by, THREAD_SORT_KEYS)
    check_literal("sort_order", sort_order, SORT_ORDERS)
    check_str_list("select", select)
    for field in select or ():
        check_literal("select", field, THREAD_SELECT_FIELDS, optional=False)
    check_str_mapping("extract", extract)
    _check_headers(headers)
    body = {
        "limit": limit,
        "offset": offset,
        **_non_empty(
            metadata=json_object(metadata),
            values=json_object(values),
            ids=json_list(ids),
            status=status,
            sort_by=sort_by,
            sort_order=sort_order,
            select=json_list(select),
            extract=json_object(extract),
        ),
    }
    return ApiRequest(
        "POST", "/threads/search", json=body, params=params, headers=headers, retry="safe"
    )


def count_threads(
    metadata: Mapping[str, Any] | None,
    values: Mapping[str, Any] | None,
    status: str | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_mapping("metadata", metadata)
    check_mapping("values", values)
    check_literal("status", status, THREAD_STATUSES)
    _check_headers(headers)
    body = _non_empty(metadata=json_object(metadata), values=json_object(values), status=status)
    return ApiRequest(
        "POST", "/threads/count", json=body, params=params, headers=headers, retry="safe"
    )


def copy_thread(thread_id: str, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/threads/{thread_id}/copy", thread_id=thread_id)
    _check_headers(headers)
    # No body at all, as the official client sends it. A copy is new work: retry class "create".
    return ApiRequest("POST", path, params=params, headers=headers)


def prune_threads(
    thread_ids: Sequence[str], strategy: str, headers: Headers, params: Params
) -> ApiRequest:
    check_str_list("thread_ids", thread_ids, optional=False)
    check_literal("strategy", strategy, PRUNE_STRATEGIES, optional=False)
    _check_headers(headers)
    body: dict[str, Any] = {"thread_ids": list(thread_ids)}
    if strategy != "delete":  # the server's default; left out as the official client does
        body["strategy"] = strategy
    return ApiRequest("POST", "/threads/prune", json=body, params=params, headers=headers)


# State and history


def get_state(
    thread_id: str,
    checkpoint: Checkpoint | Mapping[str, Any] | None,
    checkpoint_id: str | None,
    subgraphs: bool,
    select: Sequence[str] | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/threads/{thread_id}/state", thread_id=thread_id)
    check_mapping("checkpoint", checkpoint)
    check_str("checkpoint_id", checkpoint_id, optional=True)
    check_exclusive(checkpoint=checkpoint, checkpoint_id=checkpoint_id)
    check_bool("subgraphs", subgraphs)
    check_str_list("select", select)
    _check_headers(headers)
    if checkpoint:
        # A full checkpoint (with namespace) does not fit in a URL: it is POSTed, to read.
        body = {"checkpoint": dict(checkpoint), "subgraphs": subgraphs}
        body.update(_non_empty(select=json_list(select)))
        return ApiRequest(
            "POST",
            f"{path}/checkpoint",
            json=body,
            params=params,
            headers=headers,
            retry="safe",
        )
    if checkpoint_id is not None:
        path = build_path(
            "/threads/{thread_id}/state/{checkpoint_id}",
            thread_id=thread_id,
            checkpoint_id=checkpoint_id,
        )
    query = {"subgraphs": subgraphs, **_non_empty(select=json_list(select))}
    return ApiRequest("GET", path, params=merge_params(query, params), headers=headers)


def update_state(
    thread_id: str,
    values: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    as_node: str | None,
    checkpoint: Checkpoint | Mapping[str, Any] | None,
    checkpoint_id: str | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/threads/{thread_id}/state", thread_id=thread_id)
    check_state_values(values)
    check_str("as_node", as_node, optional=True)
    check_mapping("checkpoint", checkpoint)
    check_str("checkpoint_id", checkpoint_id, optional=True)
    check_exclusive(checkpoint=checkpoint, checkpoint_id=checkpoint_id)
    _check_headers(headers)
    state_values: Any = values
    if isinstance(values, Mapping):
        state_values = dict(values)
    elif values is not None:
        state_values = [dict(item) for item in values]
    body = {
        "values": state_values,
        **_non_empty(
            checkpoint_id=checkpoint_id, checkpoint=json_object(checkpoint), as_node=as_node
        ),
    }
    # A state update writes a new checkpoint: never repeated unless it provably never arrived.
    return ApiRequest("POST", path, json=body, params=params, headers=headers)


def get_history(
    thread_id: str,
    limit: int,
    before: str | Checkpoint | Mapping[str, Any] | None,
    metadata: Mapping[str, Any] | None,
    checkpoint: Checkpoint | Mapping[str, Any] | None,
    select: Sequence[str] | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/threads/{thread_id}/history", thread_id=thread_id)
    check_int("limit", limit, minimum=1)  # the server answers 422 below 1
    check_before(before)
    check_mapping("metadata", metadata)
    check_mapping("checkpoint", checkpoint)
    check_str_list("select", select)
    _check_headers(headers)
    before_value = dict(before) if isinstance(before, Mapping) else before
    body = {
        "limit": limit,
        **_non_empty(
            before=before_value,
            metadata=json_object(metadata),
            checkpoint=json_object(checkpoint),
            select=json_list(select),
        ),
    }
    return ApiRequest("POST", path, json=body, params=params, headers=headers, retry="safe")


# Streaming


def join_thread_stream(
    thread_id: str,
    last_event_id: str | None,
    stream_mode: str | Sequence[str],
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/threads/{thread_id}/stream", thread_id=thread_id)
    check_str("last_event_id", last_event_id, optional=True, empty=True)
    check_literals("stream_mode", stream_mode, THREAD_STREAM_MODES, optional=False)
    _check_headers(headers)
    modes = stream_mode if isinstance(stream_mode, str) else list(stream_mode)
    request_headers = {
        # Resumes after that event; "-" replays the thread's stream from its start.
        **({"Last-Event-ID": last_event_id} if last_event_id else {}),
        **(headers or {}),
    }
    return ApiRequest(
        "GET",
        path,
        params=merge_params({"stream_mode": modes}, params),
        headers=request_headers or None,
    )
