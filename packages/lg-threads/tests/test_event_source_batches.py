"""`open_events` hands out a connection's messages a batch at a time, decoded as they are
taken; a frame that ends the connection (an error, one that is not JSON) ends it after the
events before it, with the socket closed before the error reaches the caller, as when the
connection itself raised."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import orjson
import pytest

from lg_threads._async import event_source as async_source
from lg_threads._protocol import ProtocolCommandError
from lg_threads._sync import event_source as sync_source
from lg_transport import HttpClient, SyncHttpClient

ERROR = '{"type":"error","id":1,"error":"invalid_argument","message":"bad channel"}'


def text(seq: int) -> str:
    return orjson.dumps({"type": "event", "seq": seq, "method": "values", "params": {}}).decode()


BATCHES = [[text(1), text(2)], [text(3), ERROR, text(4)], [text(5)]]


def read_async(batches: list[list[str]]) -> tuple[list[int], BaseException | None, list[str]]:
    log: list[str] = []
    seen: list[int] = []

    async def connection(*args: Any) -> AsyncIterator[list[str]]:
        try:
            for batch in batches:
                yield batch
        finally:
            log.append("closed")

    async def run() -> BaseException | None:
        async with httpx.AsyncClient(base_url="http://t") as client:
            events = async_source.open_events(
                HttpClient(client), "websocket", "t1", {"channels": ["values"]}, None
            )
            try:
                async for batch in events:
                    seen.extend(event["seq"] for event in batch)
            except Exception as exc:
                log.append("raised")  # after the close, not when the generator is collected
                return exc
            return None

    real = async_source._websocket_events
    async_source._websocket_events = connection  # type: ignore[assignment]
    try:
        error = asyncio.run(run())
    finally:
        async_source._websocket_events = real
    return seen, error, log


def read_sync(batches: list[list[str]]) -> tuple[list[int], BaseException | None, list[str]]:
    log: list[str] = []
    seen: list[int] = []

    def connection(*args: Any) -> Iterator[list[str]]:
        try:
            yield from batches
        finally:
            log.append("closed")

    real = sync_source._websocket_events
    sync_source._websocket_events = connection  # type: ignore[assignment]
    try:
        with httpx.Client(base_url="http://t") as client:
            events = sync_source.open_events(
                SyncHttpClient(client), "websocket", "t1", {"channels": ["values"]}, None
            )
            try:
                for batch in events:
                    seen.extend(event["seq"] for event in batch)
            except Exception as exc:
                log.append("raised")
                return seen, exc, log
            return seen, None, log
    finally:
        sync_source._websocket_events = real


@pytest.mark.parametrize("read", [read_async, read_sync], ids=["async", "sync"])
def test_an_error_frame_ends_the_connection_after_the_events_before_it(read: Any) -> None:
    seen, error, log = read(BATCHES)
    assert seen == [1, 2, 3]
    assert isinstance(error, ProtocolCommandError)
    assert error.code == "invalid_argument"
    assert log == ["closed", "raised"]


@pytest.mark.parametrize("read", [read_async, read_sync], ids=["async", "sync"])
def test_a_frame_that_is_not_json_ends_it_the_same_way(read: Any) -> None:
    seen, error, log = read([[text(1), "{oops", text(2)]])
    assert seen == [1]
    assert isinstance(error, orjson.JSONDecodeError)
    assert log == ["closed", "raised"]
