"""``assistants.iter_search`` and ``assistants.iter_versions``: every match, page by page.

A mixin of `AssistantsClient`, kept apart from the official methods it pages through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lg_assistants import _requests
from lg_schema import (
    Assistant,
    AssistantSelectField,
    AssistantSortBy,
    AssistantVersion,
    Json,
    QueryParamTypes,
    SortOrder,
)
from lg_transport import DEFAULT_PAGE_SIZE, ApiRequest, HttpClient, ItemPager


class AssistantsPaging:
    http: HttpClient

    def iter_search(
        self,
        *,
        metadata: Json = None,
        graph_id: str | None = None,
        name: str | None = None,
        sort_by: AssistantSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[AssistantSelectField] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[Assistant]:
        """Every assistant matching the filters of `search`, fetched ``page_size`` at a time.

        Nothing is sent until the loop starts; each further page is requested when the loop
        reaches it::

            async for assistant in client.assistants.iter_search(graph_id="agent"):
                print(assistant["assistant_id"])

        Args:
            metadata, graph_id, name, sort_by, sort_order, select: as `search`.
            page_size: Items per request (1 to 1000).
            offset: Skip this many matches first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager`: iterate it for assistants, or ``.pages()`` for lists of them.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.search(
                metadata,
                graph_id,
                name,
                limit,
                position,
                sort_by,
                sort_order,
                select,
                "array",
                headers,
                params,
            )

        return ItemPager(self.http, page, page_size=page_size, start=offset)

    def iter_versions(
        self,
        assistant_id: str,
        metadata: Json = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[AssistantVersion]:
        """Every saved version of the assistant (newest first), as `get_versions` pages them.

        Args:
            assistant_id, metadata: as `get_versions`.
            page_size: Versions per request (1 to 1000).
            offset: Skip this many versions first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager` of `AssistantVersion`.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.get_versions(assistant_id, metadata, limit, position, headers, params)

        return ItemPager(self.http, page, page_size=page_size, start=offset, past_end_is_404=True)
