"""The store client: a long-term key-value store shared across threads, with search and TTLs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

from lg_schema import Item, ListNamespaceResponse, QueryParamTypes, SearchItemsResponse
from lg_store import _requests
from lg_store._async.paging import StorePaging
from lg_transport import ResourceClient
from lg_transport.errors import NotFoundError, NotImplementedByServerError


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
        ``ttl`` (minutes) makes it expire.

        Args:
            namespace: The item's namespace, a sequence of strings such as ``("users", "u1")``.
            key: The item's key within the namespace.
            value: The item's value, a JSON object.
            index: ``False`` to keep the item out of the search index; a list of fields to
                index; ``None``: the server's default.
            ttl: Minutes until the item expires; ``None``: never.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad namespace (empty parts, dots) or key, naming it, before
                anything is sent.
            APIStatusError: The server refused the item.
            APIConnectionError: The server could not be reached.
        """
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
        """The item at ``namespace``/``key``, or ``None`` when there is none.

        Args:
            namespace: The item's namespace, a sequence of strings such as ``("users", "u1")``.
            key: The item's key within the namespace.
            refresh_ttl: Restart the item's time to live on this read.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The `Item` (``namespace``, ``key``, ``value``, ``created_at``, ``updated_at``), or
            ``None`` when there is none.

        Raises:
            TypeError, ValueError: A bad namespace (empty parts, dots) or key, naming it, before
                anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.get_item(namespace, key, refresh_ttl, headers, params)
        try:
            return cast("Item | None", await self.http.send(request))
        except NotImplementedByServerError:
            raise
        except NotFoundError:
            # The LangGraph server answers a missing item with 200 `null`, Aegra with 404: the
            # same fact, so both give None.
            return None

    async def delete_item(
        self,
        namespace: Sequence[str],
        /,
        key: str,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Delete the item at ``namespace``/``key``.

        Args:
            namespace: The item's namespace, a sequence of strings such as ``("users", "u1")``.
            key: The item's key within the namespace.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad namespace (empty parts, dots) or key, naming it, before
                anything is sent.
            APIConnectionError: The server could not be reached.
        """
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
        has a semantic index).

        Args:
            namespace_prefix: Search under this namespace prefix (``()``: everywhere).
            filter: Keep items whose value matches these fields, e.g. ``{"kind": "place"}``.
            limit: The most items to return (default 10).
            offset: Items to skip, for paging.
            query: A natural-language query for semantic search (needs a server with a vector
                index).
            refresh_ttl: Restart the item's time to live on this read.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            ``{"items": [...]}``: the matching items, each with a ``score`` when ``query`` is
            used.

        Raises:
            TypeError, ValueError: A bad namespace (empty parts, dots) or key, naming it, before
                anything is sent.
            APIConnectionError: The server could not be reached.
        """
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
        """Namespaces that start with ``prefix`` and end with ``suffix``, cut at ``max_depth``.

        Args:
            prefix: Only namespaces starting with these parts.
            suffix: Only namespaces ending with these parts.
            max_depth: Truncate the namespaces to this many parts.
            limit: The most namespaces to return (default 100).
            offset: Items to skip, for paging.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            ``{"namespaces": [[...], ...]}``: the namespaces, as lists of strings.

        Raises:
            TypeError, ValueError: A bad namespace (empty parts, dots) or key, naming it, before
                anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.list_namespaces(
            prefix, suffix, max_depth, limit, offset, headers, params
        )
        return cast(ListNamespaceResponse, await self.http.send(request))
