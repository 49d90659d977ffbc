"""A closed response of the short send path is freed as soon as its caller drops it.

httpx's response and its bound stream refer to each other; with the short path
(`lg_transport._internals.short_path.ReleasingAsyncStream`) closing the response breaks that
cycle, so a finished call's objects do not wait for the cycle collector (hundreds of streams
at once would otherwise pile up their graphs). Where the short path is off (an httpx outside the
proven range), httpx's own stream keeps the cycle: "freed at once" is then expected to be false.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from proven_paths import SHORT_PATH

from lg_transport._internals import client_classes

BODY = b"data: 1\n\n" * 10


class Body(httpx.AsyncByteStream, httpx.SyncByteStream):
    """A body read as it arrives (httpx reads a bytes body at once, and closes it)."""

    def __iter__(self) -> Iterator[bytes]:
        yield BODY

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield BODY


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, stream=Body(), headers={"Content-Type": "text/event-stream"})


@pytest.fixture
def no_cycle_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def test_async_closed_stream_response_is_freed_at_once(no_cycle_collector: None) -> None:
    client_class = client_classes()[0]
    async with client_class(
        base_url="http://test", transport=httpx.MockTransport(answer)
    ) as client:
        response = await client.send(client.build_request("GET", "/stream"), stream=True)
        assert b"".join([piece async for piece in response.aiter_bytes()]) == BODY
        await response.aclose()
        assert response.elapsed.total_seconds() >= 0  # what httpx's bound stream sets
        await response.aclose()  # a second close is harmless
        unread = await client.send(client.build_request("GET", "/stream"), stream=True)
        await unread.aclose()
        with pytest.raises(httpx.StreamClosed):  # httpx never reads a closed stream
            async for _ in unread.aiter_raw():
                pass
        gone = weakref.ref(response)
        del response
        assert (gone() is None) == SHORT_PATH


def test_sync_closed_stream_response_is_freed_at_once(no_cycle_collector: None) -> None:
    client_class = client_classes()[1]
    with client_class(base_url="http://test", transport=httpx.MockTransport(answer)) as client:
        response = client.send(client.build_request("GET", "/stream"), stream=True)
        assert b"".join(response.iter_bytes()) == BODY
        response.close()
        assert response.elapsed.total_seconds() >= 0
        response.close()
        unread = client.send(client.build_request("GET", "/stream"), stream=True)
        unread.close()
        with pytest.raises(httpx.StreamClosed):
            for _ in unread.iter_raw():
                pass
        gone = weakref.ref(response)
        del response
        assert (gone() is None) == SHORT_PATH


async def test_an_unclosed_response_still_reads_and_reports_elapsed_on_close() -> None:
    client_class = client_classes()[0]
    async with client_class(
        base_url="http://test", transport=httpx.MockTransport(answer)
    ) as client:
        response = await client.get("/stream")  # read whole, closed by the client
        assert response.content == BODY
        assert response.is_closed
        assert response.elapsed.total_seconds() >= 0
