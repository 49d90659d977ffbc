"""The store client: a long-term key-value store shared across threads, with search and TTLs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

from lg_schema import Item, ListNamespaceResponse, QueryParamTypes, SearchItemsResponse
from lg_store import _requests
from lg_store._async.paging import StorePaging
from lg_transport import ResourceClient


class StoreClient(StorePaging, ResourceClient):
    """Items stored under hierarchical namespaces (``["users", "u1", "prefs"]``) and keys."""

    async def put_item(
        self,
        namespace: Sequence[str],
        /,
        key: str,
        value: Mapping[str, Any],
        index: Literal[False] | list[str] | None = None,
        ttl: int | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Store ``value`` at ``namespace``/``key``; ``index=False`` skips search indexing and
        ``ttl`` (minutes) makes it expire."""
        request = _requests.put_item(namespace, key, value, index, ttl, headers, params)
        await self.http.send(request)

    async def get_item(
        self,
        namespace: Sequence[str],
        /,
        key: str,
        *,
        refresh_ttl: bool | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Item | None:
        """The item at ``namespace``/``key``, or ``None`` when there is none."""
        request = _requests.get_item(namespace, key, refresh_ttl, headers, params)
        return cast("Item | None", await self.http.send(request))

    async def delete_item(
        self,
        namespace: Sequence[str],
        /,
        key: str,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Delete the item at ``namespace``/``key``."""
        await self.http.send(_requests.delete_item(namespace, key, headers, params))

    async def search_items(
        self,
        namespace_prefix: Sequence[str],
        /,
        filter: Mapping[str, Any] | None = None,
        limit: int = 10,
        offset: int = 0,
        query: str | None = None,
        refresh_ttl: bool | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> SearchItemsResponse:
        """Items under ``namespace_prefix`` matching ``filter`` (and ``query``, when the store
        has a semantic index)."""
        request = _requests.search_items(
            namespace_prefix, filter, limit, offset, query, refresh_ttl, headers, params
        )
        return cast(SearchItemsResponse, await self.http.send(request))

    async def list_namespaces(
        self,
        prefix: list[str] | None = None,
        suffix: list[str] | None = None,
        max_depth: int | None = None,
        limit: int = 100,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ListNamespaceResponse:
        """Namespaces that start with ``prefix`` and end with ``suffix``, cut at ``max_depth``."""
        request = _requests.list_namespaces(
            prefix, suffix, max_depth, limit, offset, headers, params
        )
        return cast(ListNamespaceResponse, await self.http.send(request))
