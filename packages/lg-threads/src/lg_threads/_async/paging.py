"""``threads.iter_search`` and ``threads.iter_history``: every thread, every past state.

A mixin of `ThreadsClient`, kept apart from the official methods it pages through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lg_schema import (
    Checkpoint,
    Json,
    QueryParamTypes,
    SortOrder,
    Thread,
    ThreadSelectField,
    ThreadSortBy,
    ThreadState,
    ThreadStateSelectField,
    ThreadStatus,
)
from lg_threads import _requests
from lg_transport import DEFAULT_PAGE_SIZE, ApiRequest, HttpClient, ItemPager


class ThreadsPaging:
    http: HttpClient

    def iter_search(
        self,
        *,
        metadata: Json = None,
        values: Json = None,
        ids: Sequence[str] | None = None,
        status: ThreadStatus | None = None,
        sort_by: ThreadSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[ThreadSelectField] | None = None,
        extract: dict[str, str] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[Thread]:
        """Every thread matching the filters of `search`, fetched ``page_size`` at a time.

        Nothing is sent until the loop starts; each further page is requested when the loop
        reaches it::

            async for thread in client.threads.iter_search(status="idle"):
                print(thread["thread_id"])

        Args:
            metadata, values, ids, status, sort_by, sort_order, select, extract: as `search`.
            page_size: Items per request (1 to 1000).
            offset: Skip this many matches first.
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager`: iterate it for threads, or ``.pages()`` for lists of threads.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.search_threads(
                metadata,
                values,
                ids,
                status,
                limit,
                position,
                sort_by,
                sort_order,
                select,
                extract,
                headers,
                params,
            )

        return ItemPager(self.http, page, page_size=page_size, start=offset)

    def iter_history(
        self,
        thread_id: str,
        *,
        before: str | Checkpoint | None = None,
        metadata: Mapping[str, Any] | None = None,
        checkpoint: Checkpoint | None = None,
        select: list[ThreadStateSelectField] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ItemPager[ThreadState]:
        """Every past state of the thread, newest first, fetched ``page_size`` at a time.

        Each page asks for the states before the last checkpoint of the previous page.

        Args:
            thread_id, before, metadata, checkpoint, select: as `get_history`.
            page_size: States per request (1 to 1000).
            headers, params: Sent with every page request.

        Returns:
            An `ItemPager` of `ThreadState`.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
        """
        if select is not None and "checkpoint" not in select:
            raise ValueError("select must include 'checkpoint': each page starts before the last")

        def page(limit: int, position: Any) -> ApiRequest:
            return _requests.get_history(
                thread_id, limit, position, metadata, checkpoint, select, headers, params
            )

        return ItemPager(
            self.http, page, page_size=page_size, start=before, advance=_before_last_state
        )


def _before_last_state(_: Any, page: list[Any]) -> Any:
    # The server's schema asks for an object, and its checkpointer reads that object as a
    # config: a bare checkpoint fails (500), a checkpoint id string is refused (422).
    return {"configurable": page[-1]["checkpoint"]}
