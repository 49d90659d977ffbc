"""The short async path calls httpcore's pool itself (`lg_transport._internals.direct_send`):
same wire bytes, responses and exceptions as httpx's own `httpx.AsyncClient`, side by side
against one loopback server."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from proven_paths import HTTPCORE_PATHS, SHORT_PATH

from lg_transport._internals import client_classes
from lg_transport._internals import direct_send as direct

ShortClient = client_classes()[0]
Script = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]

EVENTS = b"".join(b"%x\r\n%s\r\n" % (len(e), e) for e in (b"data: 1\n\n", b"data: 2\n\n"))
STREAM_ANSWER = (
    b"HTTP/1.1 200 OK\r\ndate: Mon, 07 Dec 2026 16:00:00 GMT\r\nserver: uvicorn\r\n"
    b"content-type: text/event-stream; charset=utf-8\r\nX-Mixed-Case: v\r\n"
    b"transfer-encoding: chunked\r\n\r\n" + EVENTS + b"0\r\n\r\n"
)


async def read_head(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return head + (await reader.readexactly(length) if length else b"")


async def served(script: Script) -> AsyncIterator[str]:
    server = await asyncio.start_server(script, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()


def both(url: str, **kwargs: Any) -> list[httpx.AsyncClient]:
    return [ShortClient(base_url=url, **kwargs), httpx.AsyncClient(base_url=url, **kwargs)]


def test_taken_where_proved() -> None:
    client = ShortClient()
    assert (direct.direct_pool(client._transport) is not None) == (SHORT_PATH and HTTPCORE_PATHS)
    # Another transport (here a subclass of httpx's) is always called through its method.
    assert direct.direct_pool(type("Sub", (httpx.AsyncHTTPTransport,), {})()) is None


@pytest.mark.parametrize("stream", [True, False])
async def test_same_wire_bytes_and_response(stream: bool) -> None:
    received: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                received.append(await read_head(reader))
            except asyncio.IncompleteReadError:
                return
            writer.write(STREAM_ANSWER)
            await writer.drain()

    async for url in served(answer):
        results = []
        for client in both(url, headers={"x-api-key": "k"}):
            async with client:
                answers = []
                for path in ("/threads/a/runs/stream", "/threads/b/runs/stream"):  # a template
                    request = client.build_request(
                        "POST", path, content=b"{}", headers={"Accept": "text/event-stream"}
                    )
                    response = await client.send(request, stream=stream)
                    body = await response.aread()
                    await response.aclose()
                    assert response.request is request
                    answers.append(
                        (
                            response.status_code,
                            response.headers.raw,
                            [(k, lower) for k, lower, _ in response.headers._list],
                            response.http_version,
                            response.reason_phrase,
                            sorted(response.extensions),
                            body,
                            response.is_closed,
                            response.is_stream_consumed,
                        )
                    )
                results.append(answers)
        assert results[0] == results[1]
        assert received[:2] == received[2:]  # ours first, then httpx's: the same bytes


async def test_templated_requests_share_their_header_pairs() -> None:
    if not (SHORT_PATH and HTTPCORE_PATHS):
        pytest.skip("the direct call is off on these versions (test_taken_where_proved)")
    seen: list[Any] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                await read_head(reader)
            except asyncio.IncompleteReadError:
                return
            writer.write(STREAM_ANSWER)
            await writer.drain()

    async for url in served(answer):
        async with ShortClient(base_url=url) as client:
            pool = client._transport._pool  # type: ignore[attr-defined]
            stock = pool.handle_async_request

            async def spy(core: Any, stock: Any = stock) -> Any:
                seen.append(core)
                return await stock(core)

            pool.handle_async_request = spy
            requests = []
            for n in range(3):
                request = client.build_request("POST", f"/threads/{n}", content=b"{}")
                requests.append(request)
                await (await client.send(request)).aclose()
        for request, core in zip(requests, seen, strict=True):
            assert core.headers == request.headers.raw  # what httpcore would have made
            assert type(core.headers) is list
            assert core.method == b"POST"
            assert bytes(core.url) == str(request.url).encode()
        # The 2nd and 3rd came from one template: their pairs are the same objects.
        assert all(a is b for a, b in zip(seen[1].headers, seen[2].headers, strict=True))
        assert seen[1].headers is not seen[2].headers


async def _errors(url: str, **kwargs: Any) -> list[tuple[type, str, bool, type | None]]:
    out = []
    for client in both(url, **kwargs):
        async with client:
            request = client.build_request("POST", "/x", content=b"{}")
            with pytest.raises(httpx.TransportError) as caught:
                await client.send(request)
            exc = caught.value
            cause = type(exc.__cause__) if exc.__cause__ is not None else None
            out.append((type(exc), str(exc), exc.request is request, cause))
    return out


async def test_same_error_when_the_server_closes() -> None:
    async def close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        writer.close()

    async for url in served(close):
        ours, theirs = await _errors(url)
        assert ours == theirs
        assert ours[0] is httpx.RemoteProtocolError and ours[2]


async def test_same_error_when_the_connection_is_refused() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ours, theirs = await _errors(f"http://127.0.0.1:{port}")
    assert ours == theirs
    assert ours[0] is httpx.ConnectError


async def test_same_error_on_a_read_timeout() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        await asyncio.sleep(5)

    async for url in served(silent):
        ours, theirs = await _errors(url, timeout=httpx.Timeout(5.0, read=0.05))
        assert ours == theirs
        assert ours[0] is httpx.ReadTimeout


async def test_same_error_on_a_pool_timeout() -> None:
    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        writer.write(STREAM_ANSWER[: STREAM_ANSWER.index(b"\r\n\r\n") + 4])  # head only
        await writer.drain()
        await asyncio.sleep(5)

    async for url in served(hold):
        results = []
        limits = httpx.Limits(max_connections=1)
        for client in both(url, limits=limits, timeout=httpx.Timeout(5.0, pool=0.05)):
            async with client:
                held = await client.send(client.build_request("GET", "/held"), stream=True)
                request = client.build_request("GET", "/waits")
                with pytest.raises(httpx.PoolTimeout) as caught:
                    await client.send(request)
                exc = caught.value
                results.append((str(exc), exc.request is request, type(exc.__cause__)))
                await held.aclose()
        assert results[0] == results[1]
        assert results[0][1]


async def test_a_subclass_send_step_is_still_called() -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        writer.write(STREAM_ANSWER)
        await writer.drain()

    calls: list[bool] = []

    class Own(ShortClient):  # type: ignore[misc, valid-type]
        async def _send_plain(self, request: httpx.Request, stream: bool) -> httpx.Response:
            calls.append(stream)
            return await super()._send_plain(request, stream)  # type: ignore[no-any-return]

    async for url in served(answer):
        async with Own(base_url=url) as client:
            response = await client.send(client.build_request("GET", "/x"))
            assert response.content == b"data: 1\n\ndata: 2\n\n"
    assert calls == ([False] if SHORT_PATH else [])
