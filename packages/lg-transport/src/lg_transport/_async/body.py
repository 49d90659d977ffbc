"""Reading an event stream's body as it arrives."""

from collections.abc import AsyncIterator

import httpx

from lg_transport._chunked import ChunkedBodyError, ChunkedDecoder
from lg_transport._internals import (
    READ_SIZE,
    RawBody,
    decoding_pieces,
    give_back,
    incomplete_body,
    mapped_errors,
    set_read_content,
    take_first,
    take_over,
    transport_stream,
)


async def read_body(response: httpx.Response) -> None:
    """Read the whole body, as `response.aread` does (the caller still closes the response).

    A transport stream with a ``read_whole`` method (the aiohttp lane's) hands the body over in
    one call, instead of through httpx's iterator, decoder and re-chunker generators (~10 us of
    a ~100 us call). With a content-encoding, httpx decodes it as usual.
    """
    read_whole = getattr(transport_stream(response), "read_whole", None)
    if read_whole is None or response.is_stream_consumed or "content-encoding" in response.headers:
        await response.aread()
        return
    response.is_stream_consumed = True  # before the read, as httpx does: no second reader
    set_read_content(response, await read_whole())


def body_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body's bytes, chunk by chunk (chunks need not match the server's HTTP chunks).

    A chunked HTTP/1.1 body from httpx's own transport is read off the connection and
    de-chunked here, a socket read at a time (`lg_transport._internals.raw_body` says why and when).
    Otherwise, without a content-encoding, httpx's decoder and re-chunker pass every chunk
    through unchanged: reading the raw stream skips those layers. A body already in memory
    (read before, or given as content) is served by `aiter_bytes` as is.
    """
    raw = take_over(response)
    if raw is not None:
        return _dechunked(raw)
    if response.is_stream_consumed or "content-encoding" in response.headers:
        return response.aiter_bytes()
    return response.aiter_raw()


async def _dechunked(raw: RawBody) -> AsyncIterator[bytes]:
    """The payload of a chunked body read straight off its connection, a read at a time.

    Errors are httpx's: `httpx.ReadTimeout` / `httpx.ReadError` from the socket,
    `httpx.RemoteProtocolError` for a body cut short or not validly chunked. The caller closes
    the response afterwards, as with any httpx stream; a body not read to its end closes the
    connection then.
    """
    decoder = ChunkedDecoder()
    read, timeout, request = raw.read, raw.timeout, raw.request
    data = take_first(raw)
    while True:
        if data:
            try:
                payload = decoder.feed(data)
            except ChunkedBodyError as exc:
                raise httpx.RemoteProtocolError(str(exc), request=request) from exc
            data = b""
            for piece in decoding_pieces(payload):  # none for an empty payload
                yield piece
            # Nothing of this read stays referenced while the next one is awaited: with many
            # streams open, those waits are where their buffers would pile up.
            piece = payload = b""
            if decoder.done:
                break
        with mapped_errors(request):
            data = await read(READ_SIZE, timeout)
        if not data:
            raise incomplete_body(request)
    give_back(raw, decoder.leftover)
