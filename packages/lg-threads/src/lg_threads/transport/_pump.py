"""The machinery of an async event stream handle: a task pumps events into a bounded queue
(back-pressure on the connection), the handle's iterator drains it, futures report readiness
and the end."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

from lg_threads.transport.base import EventStreamHandle
from lg_transport.sse import BytesLineDecoder, SSEDecoder

Pump = Callable[["PumpState"], Awaitable[None]]


class PumpState:
    """What a pump coroutine reports to: ``ready``/``done`` futures, the queue, cancellation."""

    def __init__(self, max_queue_size: int) -> None:
        loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[None] = loop.create_future()
        self.done: asyncio.Future[BaseException | None] = loop.create_future()
        self.queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(maxsize=max_queue_size)
        self.cancelled = asyncio.Event()
        self.on_close: Callable[[], Awaitable[None]] | None = None

    def mark_ready(self) -> None:
        if not self.ready.done():
            self.ready.set_result(None)

    def end(self, error: BaseException | None, *, before_ready: bool = True) -> None:
        if error is not None and before_ready and not self.ready.done():
            self.ready.set_exception(error)
            self.ready.exception()  # retrieved: nobody awaiting `ready` is not an error
        if not self.done.done():
            self.done.set_result(error)


def start_stream(
    pump: Pump, max_queue_size: int, tasks: set[asyncio.Task[None]]
) -> EventStreamHandle:
    """Run ``pump`` in a task and hand back the handle reading from it."""
    state = PumpState(max_queue_size)

    async def run() -> None:
        try:
            await pump(state)
        except asyncio.CancelledError as exc:
            state.end(exc, before_ready=False)
            raise
        except Exception as exc:
            state.end(exc)
        finally:
            state.end(None)
            await state.queue.put(None)  # end of stream for the reader

    task = asyncio.create_task(run())
    tasks.add(task)
    task.add_done_callback(tasks.discard)

    async def events() -> AsyncIterator[dict[str, Any]]:
        while True:
            item = await state.queue.get()
            if item is None or state.cancelled.is_set():
                return
            yield item

    async def close() -> None:
        state.cancelled.set()
        if state.on_close is not None:
            with contextlib.suppress(Exception):
                await state.on_close()
        state.queue.put_nowait(None)  # unblock a reader even if the pump is mid-`finally`
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task

    return EventStreamHandle(events=events(), ready=state.ready, done=state.done, close=close)


async def cancel_all(tasks: set[asyncio.Task[None]]) -> None:
    pending = list(tasks)
    for task in pending:
        task.cancel()
    if pending:
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.gather(*pending, return_exceptions=True)


class SseEvents:
    """SSE bytes to event dicts, with the official SDK's decoding: a part whose data is a JSON
    object is an event; a trailing event without its blank line is still delivered at EOF."""

    def __init__(self) -> None:
        self._lines = BytesLineDecoder()
        self._parts = SSEDecoder()

    def feed(self, chunk: bytes) -> Iterable[dict[str, Any]]:
        return self._events(self._lines.decode(chunk))

    def finish(self) -> Iterable[dict[str, Any]]:
        yield from self._events(self._lines.flush())
        part = self._parts.decode(b"")
        if part is not None and isinstance(part.data, dict):
            yield part.data

    def _events(self, lines: Iterable[Any]) -> Iterable[dict[str, Any]]:
        for line in lines:
            part = self._parts.decode(bytes(line))
            if part is not None and isinstance(part.data, dict):
                yield part.data
