"""Lazy iteration over every item of a search or list, one page per request.

The official methods (``threads.search``, ``runs.list``, ...) return one page (10 items by
default) and stay as they are. Their ``iter_*`` twins return an `ItemPager`: iterating it sends
the first request, yields that page's items, and asks for the next page only when the loop
reaches it, so ``break`` costs no further request. ``.pages()`` yields whole pages instead.

Pages are fetched by offset (or, for a thread's history, before the last checkpoint seen); a
page shorter than the page size is the last one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any, Generic, TypeVar

from lg_transport._async.http import HttpClient
from lg_transport._request import ApiRequest
from lg_transport.errors import NotFoundError
from lg_transport.validate import check_int

T = TypeVar("T")

#: Builds the request for one page from ``(limit, position)``; pure (see `ApiRequest`). The
#: position is an offset, or a cursor for a pager made with ``advance``.
PageRequest = Callable[[int, Any], ApiRequest]
#: The position of the page after ``page``, from the position of ``page``.
Advance = Callable[[Any, list[Any]], Any]

DEFAULT_PAGE_SIZE = 100
#: The server's largest page (the searches' ``limit`` maximum in its OpenAPI schema).
MAX_PAGE_SIZE = 1000


def check_page_size(page_size: object) -> None:
    check_int("page_size", page_size, minimum=1)
    if page_size > MAX_PAGE_SIZE:  # type: ignore[operator]
        raise ValueError(f"page_size must be <= {MAX_PAGE_SIZE}, got {page_size}")


def next_offset(offset: Any, page: list[Any]) -> Any:
    return offset + len(page)


class ItemPager(Generic[T]):
    """Every item of a search or list: ``async for item in pager`` fetches pages on demand.

    Each iteration starts again from the first page (a fresh request), so a pager can be
    iterated more than once. Items added or removed while iterating may shift the pages by
    offset: an item can be seen twice or missed, as with any offset pagination.
    """

    def __init__(
        self,
        http: HttpClient,
        page_request: PageRequest,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        start: Any = 0,
        advance: Advance | None = None,
        items_key: str | None = None,
        past_end_is_404: bool = False,
    ) -> None:
        check_page_size(page_size)
        if advance is None:  # offsets
            check_int("offset", start, minimum=0)
            advance = next_offset
        page_request(page_size, start)  # the builder's checks run now, not at the first page
        self._http = http
        self._page_request = page_request
        self._page_size = page_size
        self._start = start
        self._advance = advance
        self._items_key = items_key
        self._past_end_is_404 = past_end_is_404

    def __repr__(self) -> str:
        return f"<{type(self).__name__} page_size={self._page_size}>"

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page:
                yield item

    async def pages(self) -> AsyncIterator[list[T]]:
        """Yield each non-empty page as a list, requesting the next one only when asked."""
        position = self._start
        size = self._page_size
        first = True
        while True:
            request = self._page_request(size, position)
            try:
                body = await self._http.send(request)
            except NotFoundError:
                # Some lists answer a page past their end with 404 (an assistant's versions):
                # after a full page, that is the end, not a missing resource.
                if first or not self._past_end_is_404:
                    raise
                return
            first = False
            page = self._extract(body)
            if page:
                yield page
            if len(page) < size:
                return
            position = self._advance(position, page)

    async def to_list(self) -> list[T]:
        """Every item, in one list (fetches every page)."""
        items: list[T] = []
        async for page in self.pages():
            items.extend(page)
        return items

    def _extract(self, body: Any) -> list[T]:
        if self._items_key is not None:
            body = body[self._items_key] if isinstance(body, dict) else None
        if not isinstance(body, list):
            raise TypeError(f"expected a list of items from the server, got {type(body).__name__}")
        return body
