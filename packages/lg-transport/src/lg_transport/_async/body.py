"""Reading an event stream's body as it arrives."""

from collections.abc import AsyncIterator

import httpx


def body_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body's bytes, chunk by chunk.

    Without a content-encoding, httpx's decoder and re-chunker pass every chunk through
    unchanged: reading the raw stream skips those layers on the per-event hot path. A body
    already in memory (read before, or given as content) is served by `aiter_bytes` as is.
    """
    if response.is_stream_consumed or "content-encoding" in response.headers:
        return response.aiter_bytes()
    return response.aiter_raw()
