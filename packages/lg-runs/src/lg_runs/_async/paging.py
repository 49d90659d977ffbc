"""``runs.iter_list``: every run of a thread, page by page.

A mixin of `RunsClient`, kept apart from the official methods it pages through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lg_runs import _requests
from lg_schema import QueryParamTypes, Run, RunSelectField, RunStatus
from lg_transport import DEFAULT_PAGE_SIZE, ApiRequest, HttpClient, ItemPager


class RunsPaging:
    http: HttpClient

    def iter_list(
        self,
        thread_id: str,
        *,
        status: RunStatus | None = None,
        select: list[RunSelectField] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[Run]:
        """Every run of the thread (newest first), fetched ``page_size`` at a time.

        Nothing is sent until the loop starts::

            async for run in client.runs.iter_list(thread_id, status="success"):
                print(run["run_id"])

        Args:
            thread_id, status, select: as `list`.
            page_size: Runs per request (1 to 1000).
            offset: Skip this many runs first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager`: iterate it for runs, or ``.pages()`` for lists of them.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.list_runs(thread_id, limit, position, status, select, headers, params)

        return ItemPager(self.http, page, page_size=page_size, start=offset)
