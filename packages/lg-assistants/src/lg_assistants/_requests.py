"""Pure request builders for assistants: arguments in, validated `ApiRequest` out.

Which optional fields reach the body follows the official client exactly: most are sent only
when truthy (an empty ``metadata={}`` or ``name=""`` is left out), while ``update`` sends
``config`` and ``context`` whenever they are not ``None`` so that ``{}`` can clear them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, get_args

from lg_schema import (
    AssistantSelectField,
    AssistantSortBy,
    OnConflictBehavior,
    QueryParamTypes,
    SortOrder,
)
from lg_transport import ApiRequest, build_path, merge_params
from lg_transport.validate import (
    check_bool,
    check_int,
    check_literal,
    check_mapping,
    check_str,
    check_str_list,
)

Headers = Mapping[str, str] | None
Params = QueryParamTypes | None

SORT_BY_VALUES: Final = get_args(AssistantSortBy)
SORT_ORDER_VALUES: Final = get_args(SortOrder)
SELECT_FIELDS: Final = get_args(AssistantSelectField)
IF_EXISTS_VALUES: Final = get_args(OnConflictBehavior)
RESPONSE_FORMATS: Final = ("array", "object")

#: The response header that carries the offset of the next page of a search.
NEXT_PAGE_HEADER: Final = "X-Pagination-Next"


def _truthy(**fields: Any) -> dict[str, Any]:
    """The given fields that are truthy, in order: the official client's rule for optionals."""
    return {key: value for key, value in fields.items() if value}


def _check_select(select: Sequence[str] | None) -> None:
    if select is None:
        return
    check_str_list("select", select)
    for index, field in enumerate(select):
        check_literal(f"select[{index}]", field, SELECT_FIELDS, optional=False)


def get(assistant_id: str, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}", assistant_id=assistant_id)
    return ApiRequest("GET", path, params=params, headers=headers)


def get_graph(assistant_id: str, xray: int | bool, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}/graph", assistant_id=assistant_id)
    if not isinstance(xray, bool):
        # An int is a depth: how many levels of subgraphs to draw.
        check_int("xray", xray, minimum=0)
    return ApiRequest("GET", path, params=merge_params({"xray": xray}, params), headers=headers)


def get_schemas(assistant_id: str, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}/schemas", assistant_id=assistant_id)
    return ApiRequest("GET", path, params=params, headers=headers)


def get_subgraphs(
    assistant_id: str, namespace: str | None, recurse: bool, headers: Headers, params: Params
) -> ApiRequest:
    check_bool("recurse", recurse)
    if namespace is None:
        path = build_path("/assistants/{assistant_id}/subgraphs", assistant_id=assistant_id)
    else:
        path = build_path(
            "/assistants/{assistant_id}/subgraphs/{namespace}",
            assistant_id=assistant_id,
            namespace=namespace,
        )
    query = merge_params({"recurse": recurse}, params)
    return ApiRequest("GET", path, params=query, headers=headers)


def create(
    graph_id: str | None,
    config: Mapping[str, Any] | None,
    context: object,
    metadata: Mapping[str, Any] | None,
    assistant_id: str | None,
    if_exists: OnConflictBehavior | None,
    name: str | None,
    description: str | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    # The official signature allows None, but the server requires a graph: fail here, not 422.
    if graph_id is None:
        raise ValueError("graph_id is required to create an assistant, got None")
    check_str("graph_id", graph_id)
    check_mapping("config", config)
    check_mapping("metadata", metadata)
    check_str("assistant_id", assistant_id, optional=True, empty=True)
    check_literal("if_exists", if_exists, IF_EXISTS_VALUES)
    check_str("name", name, optional=True, empty=True)
    check_str("description", description, optional=True, empty=True)
    body = {
        "graph_id": graph_id,
        **_truthy(
            config=config,
            context=context,
            metadata=metadata,
            assistant_id=assistant_id,
            if_exists=if_exists,
            name=name,
            description=description,
        ),
    }
    # With a client-chosen id and do_nothing, sending the create twice has the effect of once,
    # so it may be retried like a read (see docs/resilience.md).
    idempotent = bool(assistant_id) and if_exists == "do_nothing"
    return ApiRequest(
        "POST",
        "/assistants",
        json=body,
        params=params,
        headers=headers,
        retry="safe" if idempotent else None,
    )


def update(
    assistant_id: str,
    graph_id: str | None,
    config: Mapping[str, Any] | None,
    context: object,
    metadata: Mapping[str, Any] | None,
    name: str | None,
    description: str | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}", assistant_id=assistant_id)
    check_str("graph_id", graph_id, optional=True, empty=True)
    check_mapping("config", config)
    check_mapping("metadata", metadata)
    check_str("name", name, optional=True, empty=True)
    check_str("description", description, optional=True, empty=True)
    body: dict[str, Any] = _truthy(graph_id=graph_id)
    # `is not None`, not truthiness: an empty config or context replaces the current one.
    if config is not None:
        body["config"] = config
    if context is not None:
        body["context"] = context
    body.update(_truthy(metadata=metadata, name=name, description=description))
    return ApiRequest("PATCH", path, json=body, params=params, headers=headers)


def delete(assistant_id: str, delete_threads: bool, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}", assistant_id=assistant_id)
    check_bool("delete_threads", delete_threads)
    # The flag travels only when set, so a plain delete has no query string at all.
    query = {"delete_threads": True} if delete_threads else None
    return ApiRequest("DELETE", path, params=merge_params(query, params), headers=headers)


def search(
    metadata: Mapping[str, Any] | None,
    graph_id: str | None,
    name: str | None,
    limit: int,
    offset: int,
    sort_by: AssistantSortBy | None,
    sort_order: SortOrder | None,
    select: list[AssistantSelectField] | None,
    response_format: str,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_literal("response_format", response_format, RESPONSE_FORMATS, optional=False)
    check_mapping("metadata", metadata)
    check_str("graph_id", graph_id, optional=True, empty=True)
    check_str("name", name, optional=True, empty=True)
    check_int("limit", limit, minimum=1)
    check_int("offset", offset, minimum=0)
    check_literal("sort_by", sort_by, SORT_BY_VALUES)
    check_literal("sort_order", sort_order, SORT_ORDER_VALUES)
    _check_select(select)
    body = {
        "limit": limit,
        "offset": offset,
        **_truthy(
            metadata=metadata,
            graph_id=graph_id,
            name=name,
            sort_by=sort_by,
            sort_order=sort_order,
            select=list(select) if select else None,
        ),
    }
    return ApiRequest(
        "POST", "/assistants/search", json=body, params=params, headers=headers, retry="safe"
    )


def count(
    metadata: Mapping[str, Any] | None,
    graph_id: str | None,
    name: str | None,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    check_mapping("metadata", metadata)
    check_str("graph_id", graph_id, optional=True, empty=True)
    check_str("name", name, optional=True, empty=True)
    body = _truthy(metadata=metadata, graph_id=graph_id, name=name)
    return ApiRequest(
        "POST", "/assistants/count", json=body, params=params, headers=headers, retry="safe"
    )


def get_versions(
    assistant_id: str,
    metadata: Mapping[str, Any] | None,
    limit: int,
    offset: int,
    headers: Headers,
    params: Params,
) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}/versions", assistant_id=assistant_id)
    check_mapping("metadata", metadata)
    check_int("limit", limit, minimum=1)
    check_int("offset", offset, minimum=0)
    body = {"limit": limit, "offset": offset, **_truthy(metadata=metadata)}
    return ApiRequest("POST", path, json=body, params=params, headers=headers, retry="safe")


def set_latest(assistant_id: str, version: int, headers: Headers, params: Params) -> ApiRequest:
    path = build_path("/assistants/{assistant_id}/latest", assistant_id=assistant_id)
    check_int("version", version, minimum=1)
    # Pointing an assistant at a version twice leaves it as once: idempotent, so "safe".
    return ApiRequest(
        "POST", path, json={"version": version}, params=params, headers=headers, retry="safe"
    )
