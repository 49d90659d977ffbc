"""The async shapes of thread-stream results: awaitable and async-iterable views.

The stream logic is written once (``_async/``, generated into ``_sync/``); what differs is how
a result is handed over: here ``await thread.output`` and ``async for v in thread.values``,
in `lg_threads._sync_views` a blocking property and a plain iterator. Both modules offer the
same names.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any, Generic, TypeVar

from lg_threads._protocol import check_seconds

T = TypeVar("T")

__all__ = ["AwaitsOutput", "Lock", "OutputView", "StreamView", "output_view"]

Lock = asyncio.Lock


class OutputView(Generic[T]):
    """An awaitable result fetched once, however many times it is awaited."""

    def __init__(self, fetch: Callable[[], Awaitable[T]], timeout: float | None = None) -> None:
        self._fetch = fetch
        self._timeout = timeout
        self._task: asyncio.Future[T] | None = None

    def __await__(self) -> Generator[Any, None, T]:
        return self._result().__await__()

    async def _result(self) -> T:
        if self._task is None:
            self._task = asyncio.ensure_future(self._fetch())
        if self._timeout is None:
            return await asyncio.shield(self._task)
        return await asyncio.wait_for(asyncio.shield(self._task), self._timeout)

    def with_timeout(self, timeout: float) -> OutputView[T]:
        """The same result, raising `TimeoutError` if it is not there within ``timeout`` s."""
        check_seconds("timeout", timeout, optional=False)
        return OutputView(self._fetch, float(timeout))


def output_view(fetch: Callable[[], Awaitable[T]]) -> OutputView[T]:
    """``thread.output``: an awaitable of the run's final state."""
    return OutputView(fetch)


class StreamView:
    """Something that streams and then ends with a result: ``async for`` the pieces as they
    come (each loop from the first piece), ``await`` the result (``thread.values``,
    ``message.text``...)."""

    def __init__(
        self, snapshots: Callable[[], AsyncIterator[Any]], final: Callable[[], Awaitable[Any]]
    ) -> None:
        self._snapshots = snapshots
        self._final = final

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._snapshots()

    def __await__(self) -> Generator[Any, None, Any]:
        return self._final().__await__()


class AwaitsOutput:
    """``await obj`` is ``await obj.output``."""

    @property
    def output(self) -> Any:
        raise NotImplementedError

    def __await__(self) -> Generator[Any, None, Any]:
        return self.output.__await__()  # type: ignore[no-any-return]
