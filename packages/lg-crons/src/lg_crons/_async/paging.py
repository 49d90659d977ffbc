"""``crons.iter_search``: every cron job matching a search, page by page.

A mixin of `CronClient`, kept apart from the official methods it pages through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lg_crons import _requests
from lg_schema import Cron, CronSelectField, CronSortBy, Json, QueryParamTypes, SortOrder
from lg_transport import DEFAULT_PAGE_SIZE, ApiRequest, HttpClient, ItemPager


class CronsPaging:
    http: HttpClient

    def iter_search(
        self,
        *,
        assistant_id: str | None = None,
        thread_id: str | None = None,
        enabled: bool | None = None,
        metadata: Json = None,
        sort_by: CronSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[CronSelectField] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[Cron]:
        """Every cron job matching the filters of `search`, fetched ``page_size`` at a time.

        Nothing is sent until the loop starts::

            async for cron in client.crons.iter_search(assistant_id="agent"):
                print(cron["cron_id"], cron["schedule"])

        Args:
            assistant_id, thread_id, enabled, metadata, sort_by, sort_order, select: as
                `search`.
            page_size: Items per request (1 to 1000).
            offset: Skip this many matches first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager`: iterate it for crons, or ``.pages()`` for lists of them.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.search(
                assistant_id,
                thread_id,
                enabled,
                metadata,
                limit,
                position,
                sort_by,
                sort_order,
                select,
                headers,
                params,
            )

        return ItemPager(self.http, page, page_size=page_size, start=offset)
