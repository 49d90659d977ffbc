"""``store.iter_search_items`` and ``store.iter_list_namespaces``: everything, page by page.

A mixin of `StoreClient`, kept apart from the official methods it pages through. The official
methods answer ``{"items": [...]}`` / ``{"namespaces": [...]}``; these yield the entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lg_schema import QueryParamTypes, SearchItem
from lg_store import _requests
from lg_transport import DEFAULT_PAGE_SIZE, ApiRequest, HttpClient, ItemPager


class StorePaging:
    http: HttpClient

    def iter_search_items(
        self,
        namespace_prefix: Sequence[str],
        /,
        filter: Mapping[str, Any] | None = None,
        query: str | None = None,
        refresh_ttl: bool | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[SearchItem]:
        """Every item under ``namespace_prefix`` matching the filters of `search_items`.

        Fetched ``page_size`` at a time, when the loop reaches each page::

            async for item in client.store.iter_search_items(["users", "u1"]):
                print(item["key"], item["value"])

        Args:
            namespace_prefix, filter, query, refresh_ttl: as `search_items`.
            page_size: Items per request (1 to 1000).
            offset: Skip this many matches first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager` of the items (each page's ``"items"``).

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.search_items(
                namespace_prefix, filter, limit, position, query, refresh_ttl, headers, params
            )

        return ItemPager(self.http, page, page_size=page_size, start=offset, items_key="items")

    def iter_list_namespaces(
        self,
        prefix: list[str] | None = None,
        suffix: list[str] | None = None,
        max_depth: int | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[list[str]]:
        """Every namespace `list_namespaces` would list, fetched ``page_size`` at a time.

        Args:
            prefix, suffix, max_depth: as `list_namespaces`.
            page_size: Namespaces per request (1 to 1000).
            offset: Skip this many namespaces first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager` of namespaces (each a list of labels).

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.list_namespaces(
                prefix, suffix, max_depth, limit, position, headers, params
            )

        return ItemPager(self.http, page, page_size=page_size, start=offset, items_key="namespaces")
