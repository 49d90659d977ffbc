"""Pure request builders for the store: arguments in, validated `ApiRequest` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from lg_schema import QueryParamTypes
from lg_transport import ApiRequest, drop_none, merge_params
from lg_transport.validate import check_bool, check_int, check_mapping, check_str, check_str_list

Headers = Mapping[str, str] | None


def check_namespace(name: str, namespace: object, *, allow_empty: bool = False) -> list[str]:
    """Namespaces travel dot-joined in query strings, so a label may not hold a period."""
    if isinstance(namespace, (str, bytes)) or not isinstance(namespace, Sequence):
        raise TypeError(f"{name} must be a list of str labels, got {type(namespace).__name__}")
    labels = list(namespace)
    if not labels and not allow_empty:
        raise ValueError(f"{name} must have at least one label")
    for index, label in enumerate(labels):
        if not isinstance(label, str):
            raise TypeError(f"{name}[{index}] must be a str, got {type(label).__name__}")
        if not label:
            raise ValueError(f"{name}[{index}] is empty; namespace labels must be non-empty")
        if "." in label:
            raise ValueError(
                f"{name}[{index}] = {label!r}: namespace labels cannot contain periods ('.')"
            )
    return labels


def put_item(
    namespace: Sequence[str],
    key: str,
    value: Mapping[str, Any],
    index: Literal[False] | list[str] | None,
    ttl: int | None,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    labels = check_namespace("namespace", namespace)
    check_str("key", key)
    check_mapping("value", value, optional=False)
    if index is not None and index is not False:
        check_str_list("index", index)
    check_int("ttl", ttl, optional=True, minimum=0)
    body = {"namespace": labels, "key": key, "value": value, **drop_none(index=index, ttl=ttl)}
    return ApiRequest("PUT", "/store/items", json=body, params=params, headers=headers)


def get_item(
    namespace: Sequence[str],
    key: str,
    refresh_ttl: bool | None,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    labels = check_namespace("namespace", namespace)
    check_str("key", key)
    check_bool("refresh_ttl", refresh_ttl, optional=True)
    query: dict[str, Any] = {"namespace": ".".join(labels), "key": key}
    if refresh_ttl is not None:
        query["refresh_ttl"] = refresh_ttl
    return ApiRequest("GET", "/store/items", params=merge_params(query, params), headers=headers)


def delete_item(
    namespace: Sequence[str], key: str, headers: Headers, params: QueryParamTypes | None
) -> ApiRequest:
    labels = check_namespace("namespace", namespace)
    check_str("key", key)
    body = {"namespace": labels, "key": key}
    return ApiRequest("DELETE", "/store/items", json=body, params=params, headers=headers)


def search_items(
    namespace_prefix: Sequence[str],
    filter: Mapping[str, Any] | None,
    limit: int,
    offset: int,
    query: str | None,
    refresh_ttl: bool | None,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    labels = check_namespace("namespace_prefix", namespace_prefix, allow_empty=True)
    check_mapping("filter", filter)
    check_int("limit", limit, minimum=0)
    check_int("offset", offset, minimum=0)
    check_str("query", query, optional=True, empty=True)
    check_bool("refresh_ttl", refresh_ttl, optional=True)
    body = {
        "namespace_prefix": labels,
        **drop_none(filter=filter),
        "limit": limit,
        "offset": offset,
        **drop_none(query=query, refresh_ttl=refresh_ttl),
    }
    return ApiRequest(
        "POST", "/store/items/search", json=body, params=params, headers=headers, retry="safe"
    )


def list_namespaces(
    prefix: list[str] | None,
    suffix: list[str] | None,
    max_depth: int | None,
    limit: int,
    offset: int,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    if prefix is not None:
        prefix = check_namespace("prefix", prefix, allow_empty=True)
    if suffix is not None:
        suffix = check_namespace("suffix", suffix, allow_empty=True)
    check_int("max_depth", max_depth, optional=True, minimum=1)
    check_int("limit", limit, minimum=0)
    check_int("offset", offset, minimum=0)
    body = {
        **drop_none(prefix=prefix, suffix=suffix, max_depth=max_depth),
        "limit": limit,
        "offset": offset,
    }
    return ApiRequest(
        "POST", "/store/namespaces", json=body, params=params, headers=headers, retry="safe"
    )
