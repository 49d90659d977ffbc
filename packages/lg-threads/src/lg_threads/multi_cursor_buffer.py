"""An append-only log that every ``async for`` reads from its own start
(``langgraph_sdk.stream.multi_cursor_buffer``): a late reader still sees every item."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator
from typing import Generic, TypeVar

__all__ = ["MultiCursorBuffer"]

T = TypeVar("T")


class MultiCursorBuffer(AsyncIterable[T], Generic[T]):
    """Items pushed so far and to come; ``close()`` ends the readers once they catch up.
    Items pushed after ``close()`` are kept for readers that start later."""

    def __init__(self) -> None:
        self._items: list[T] = []
        self._wakeups: set[asyncio.Future[None]] = set()
        self._closed = False

    def push(self, item: T) -> None:
        self._items.append(item)
        self._wake_all()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._wake_all()

    def __len__(self) -> int:
        return len(self._items)

    def __aiter__(self) -> AsyncIterator[T]:
        return _Cursor(self)

    def _wake_all(self) -> None:
        for waiter in self._wakeups:
            if not waiter.done():
                waiter.set_result(None)
        self._wakeups.clear()


class _Cursor(Generic[T]):
    """One reader's position in a `MultiCursorBuffer`."""

    def __init__(self, buffer: MultiCursorBuffer[T]) -> None:
        self._buffer = buffer
        self._index = 0

    def __aiter__(self) -> _Cursor[T]:
        return self

    async def __anext__(self) -> T:
        buffer = self._buffer
        while self._index >= len(buffer._items):
            if buffer._closed:
                raise StopAsyncIteration
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            buffer._wakeups.add(waiter)
            try:
                await waiter
            finally:
                buffer._wakeups.discard(waiter)
        item = buffer._items[self._index]
        self._index += 1
        return item
